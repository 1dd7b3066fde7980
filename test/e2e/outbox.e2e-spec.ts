// Kill Redis: the request that writes an outbox row still succeeds, the event waits in PostgreSQL,
// and once Redis is back it reaches BullMQ exactly once, however often the relay retries.
import { Queue } from 'bullmq';
import { addOutboxEvents, OutboxRelayService, redisOptions } from '@chadavkhi/platform';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { freePort, PrivateRedis } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe('transactional outbox with Redis going away', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let admin: string;
  let metrics: Queue;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp({ REDIS_URL: redis.url, RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    metrics = new Queue('metrics', {
      connection: { ...redisOptions(redis.url), maxRetriesPerRequest: null },
      prefix: t.config.REDIS_PREFIX,
    });
    metrics.on('error', () => undefined);
  });
  afterAll(async () => {
    await t.close();
    await metrics.close();
    await redis.stop();
  });

  const createStaff = async (email: string) => {
    const [agency, position] = await Promise.all([agencyByCode(t.db, 'tax-general-department'), positionByCode(t.db)]);
    const response = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email, name: 'Outbox Test', agencyId: agency.id, positionId: position.id });
    const [row] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]);
    return { status: response.status, body: { ...response.body, id: row?.id as string } };
  };
  const outboxRow = async (userId: string) =>
    (
      await t.db.query(
        `SELECT id, dispatched_at, attempts, last_error FROM outbox_events WHERE type = 'user.created' AND payload->>'userId' = $1`,
        [userId],
      )
    )[0];

  it('dispatches an event to its queue with the outbox row id as job id', async () => {
    const created = await createStaff('first@mof.gov.mn');
    expect(created.status).toBe(202);
    const row = await until(async () => {
      const r = await outboxRow(created.body.id);
      return r?.dispatched_at ? r : undefined;
    });
    const job = await metrics.getJob(row.id);
    expect(job?.name).toBe('user.created');
    expect(job?.data).toEqual(expect.objectContaining({ userId: created.body.id, eventId: row.id }));
  });

  it('keeps the event while Redis is down and dispatches it exactly once when Redis returns', async () => {
    await redis.stop();
    const health = await t.http().get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.checks.redis.status).toBe('down');
    expect(health.body.checks.postgres.status).toBe('up');

    const created = await createStaff('while-down@mof.gov.mn');
    expect(created.status).toBe(202);
    const waiting = await until(async () => {
      const r = await outboxRow(created.body.id);
      return r?.attempts >= 2 ? r : undefined; // several relay rounds failed meanwhile
    });
    expect(waiting.dispatched_at).toBeNull();
    expect(waiting.attempts).toBeGreaterThan(0);
    expect(waiting.last_error).toEqual(expect.any(String));

    await redis.start(); // an empty Redis: the earlier job is gone with the old process
    const row = await until(async () => {
      const r = await outboxRow(created.body.id);
      return r?.dispatched_at ? r : undefined;
    });
    expect((await t.http().get('/api/v1/health')).status).toBe(200);
    const job = await metrics.getJob(row.id);
    expect(job?.data.userId).toBe(created.body.id);
    // Jobs this event became, whatever state they are in (the recount a processed user.created asks
    // for is another job, of another name).
    const jobsEver = async () =>
      (await metrics.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'])).filter(
        (j) => j.name === 'user.created' && j.data.userId === created.body.id,
      ).length;
    expect(await jobsEver()).toBe(1); // whether the metrics processor has run it yet or not

    // A relay that crashed after adding the job but before committing would send the row again:
    // the job id makes that a no-op.
    await t.db.query(`UPDATE outbox_events SET dispatched_at = NULL WHERE id = $1`, [row.id]);
    await until(async () => (await outboxRow(created.body.id))?.dispatched_at);
    await t.app.get(OutboxRelayService).relayPending();
    expect(await jobsEver()).toBe(1);
  });

  it('adds many events in one call, each its own row dispatched like a single one, and nothing when rolled back', async () => {
    const notifications = new Queue('notifications', {
      connection: { ...redisOptions(redis.url), maxRetriesPerRequest: null },
      prefix: t.config.REDIS_PREFIX,
    });
    notifications.on('error', () => undefined);
    try {
      const [user] = await t.db.query(`SELECT id FROM users LIMIT 1`);
      const payloads = [1, 2, 3].map((n) => ({
        userId: user.id,
        kind: 'session.cancelled' as const,
        dedupeKey: `bulk-test:${n}`,
        data: { n, title: 'Сургалт «цуцлагдсан»' },
      }));
      const ids = await t.db.transaction((m) => addOutboxEvents(m, 'notification.requested', payloads));
      expect(ids).toHaveLength(3);
      const rows = await t.db.query(`SELECT id, type, payload FROM outbox_events WHERE id = ANY($1::uuid[])`, [ids]);
      expect(Object.fromEntries(rows.map((r: { id: string; payload: object }) => [r.id, r.payload]))).toEqual(
        Object.fromEntries(ids.map((id, i) => [id, payloads[i]])),
      );
      expect(rows.every((r: { type: string }) => r.type === 'notification.requested')).toBe(true);
      for (const [i, id] of ids.entries())
        expect((await until(async () => notifications.getJob(id)))?.data).toEqual(
          expect.objectContaining({ ...payloads[i], eventId: id }),
        );
      expect(await t.db.transaction((m) => addOutboxEvents(m, 'notification.requested', []))).toEqual([]);
      const before = (await t.db.query(`SELECT count(*)::int AS n FROM outbox_events`))[0].n;
      await expect(
        t.db.transaction(async (m) => {
          await addOutboxEvents(m, 'notification.requested', payloads);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox_events`))[0].n).toBe(before);
    } finally {
      await notifications.close();
    }
  });
});
