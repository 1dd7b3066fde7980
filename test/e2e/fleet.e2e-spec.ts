// The fleet `npm run fleet` starts (issue 22 §2), with real servers: two APIs and two workers on a
// PostgreSQL primary with a streaming replica and a Redis watched by three sentinels. A write through
// one API is read through the other, a worker issues the certificate through the Sentinel Redis, the
// catalogue is answered by the replica (by the primary while the replica is further behind than the
// bound, and once it is gone), and after the Redis primary is killed the sentinels' new primary
// carries the next certificate.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type { Fleet } from '../../scripts/fleet-stack.mjs';
import { REPLICA_READ_APPLICATION } from '../../libs/platform/src/database/read-replicas';
import { CompiledBuild, compileApps } from '../support/compiled-build';
import { courseBody } from '../support/courses';
import { bearer } from '../support/http';
import { testRun } from '../support/test-env';
import { until } from '../support/until';

const DEMO_PASSWORD = 'Demo-2026!';

describe('the fleet', () => {
  let build: CompiledBuild;
  let dataDir: string;
  let starting: Promise<Fleet> | undefined;
  let fleet: Fleet;
  let replica: Client;
  let trainer: string;
  let learner: string;
  const api = (i: 0 | 1) => request(fleet.apis[i].url);

  beforeAll(async () => {
    build = compileApps('fleet');
    // Outside the checkout, which may sit in a private folder: PostgreSQL runs as another user.
    dataDir = mkdtempSync(join(tmpdir(), 'chadavkhi-fleet-'));
    chmodSync(dataDir, 0o755);
    const { startFleet } = await import('../../scripts/fleet-stack.mjs');
    starting = startFleet({
      dataDir,
      main: build.main,
      log: () => undefined,
      // The shared Meilisearch, under this run's index names (removed by the run's teardown).
      appEnv: { MEILI_INDEX_PREFIX: `${testRun().runId}-fleet_`, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100' },
    });
    fleet = await starting;
    replica = new Client({ connectionString: fleet.postgres.replicaUrl });
    await replica.connect();
    trainer = await signIn(0, 'trainer@demo.chadavkhi.mn');
    learner = await signIn(0, 'learner@demo.chadavkhi.mn');
  }, 150_000);

  afterAll(async () => {
    await replica?.end().catch(() => undefined);
    // Also when start-up outlived beforeAll's time: what it started is stopped once it has.
    await (await starting?.catch(() => undefined))?.stop();
    build?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function signIn(i: 0 | 1, email: string): Promise<string> {
    const response = await api(i).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    return response.body.accessToken;
  }

  /** A course published through one API, enrolled in and completed through `writer`; its enrolment id. */
  async function completeCourse(writer: 0 | 1, title: string): Promise<{ courseId: string; enrollmentId: string }> {
    const course = (
      await api(writer)
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ titleEn: title }))
    ).body;
    expect((await api(writer).post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer))).status).toBe(201);
    const enrollment = await api(writer).post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner));
    expect(enrollment.status).toBe(201);
    const detail = (await api(writer).get(`/api/v1/enrollments/${enrollment.body.id}`).set(bearer(learner))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await api(writer)
        .post(`/api/v1/enrollments/${enrollment.body.id}/lessons/${lesson.id}/complete`)
        .set(bearer(learner))
        .expect(200);
    }
    return { courseId: course.id, enrollmentId: enrollment.body.id };
  }

  /** The learner's valid certificate for a course, read through `reader`, once a worker has issued it. */
  const certificateFor = (reader: 0 | 1, courseId: string, timeoutMs = 30_000) =>
    until(async () => {
      const mine = (await api(reader).get('/api/v1/me/certificates').set(bearer(learner))).body as {
        courseId: string;
        status: string;
      }[];
      return mine.find((c) => c.courseId === courseId && c.status === 'valid');
    }, timeoutMs);

  let first: { courseId: string; enrollmentId: string };

  it('reads through one API what was written through the other; a worker issues the certificate', async () => {
    first = await completeCourse(0, 'Fleet course one');
    const read = await api(1).get(`/api/v1/enrollments/${first.enrollmentId}`).set(bearer(learner));
    expect(read.body).toMatchObject({ id: first.enrollmentId, status: 'completed' });
    // Only the workers process jobs (the APIs run with RUN_WORKERS=false), through the sentinels' primary.
    expect(await certificateFor(1, first.courseId)).toBeTruthy();
    const redis = new IORedis({ port: fleet.redis.ports[fleet.redis.primary], lazyConnect: true });
    await redis.connect();
    try {
      // The worker commits the certificate before BullMQ records the job as completed: wait for both.
      expect(await until(async () => (await redis.keys('*:certificates:completed')).length === 1)).toBe(true);
    } finally {
      redis.disconnect();
    }
  }, 60_000);

  it('streams the data to the replica, which answers the catalogue unless it is too far behind or gone', async () => {
    expect((await replica.query('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
    await until(async () => {
      const { rows } = await replica.query(`SELECT status FROM enrollments WHERE id = $1`, [first.enrollmentId]);
      return rows[0]?.status === 'completed';
    });
    // Nothing else reads the catalogue on the replica: a connection of the API's routed reads there
    // that ran it is the proof (asked again until one has: a busy machine may delay a lag sample).
    await until(async () => {
      const page = (await api(1).get('/api/v1/courses?q=Fleet course one').set(bearer(learner))).body;
      if (page.total !== 1 || page.items[0].id !== first.courseId) return false;
      const { rows } = await replica.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE '%FROM courses c JOIN course_versions v%'`,
        [REPLICA_READ_APPLICATION],
      );
      return rows[0].n > 0;
    });

    // A replica further behind than the bound is not read: with its replay paused, a course published
    // on the primary is listed all the same, once the replica's lag passes the bound.
    await replica.query('SELECT pg_wal_replay_pause()');
    const paused = (
      await api(0)
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ titleEn: 'Fleet course paused' }))
    ).body;
    await api(0).post(`/api/v1/courses/${paused.id}/publish`).set(bearer(trainer)).expect(201);
    await until(async () => {
      const page = (await api(1).get('/api/v1/courses?q=Fleet course paused').set(bearer(learner))).body;
      return page.total === 1;
    });
    expect((await replica.query('SELECT count(*)::int AS n FROM courses WHERE id = $1', [paused.id])).rows[0].n).toBe(
      0,
    );
    await replica.query('SELECT pg_wal_replay_resume()');

    await replica.end();
    fleet.kill('postgres-replica', 'SIGINT');
    for (const i of [0, 1] as const) {
      const page = await api(i).get('/api/v1/courses?q=Fleet course one').set(bearer(learner));
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(1);
    }
  }, 60_000);

  it('keeps issuing certificates after the Redis primary is killed and the sentinels promote the replica', async () => {
    const sentinel = new IORedis({ port: fleet.redis.sentinels[0], lazyConnect: true });
    await sentinel.connect();
    try {
      // The replica must be known and in sync for the sentinels to promote it.
      await until(async () => {
        const replicas = (await sentinel.call('SENTINEL', 'replicas', 'mymaster')) as string[][];
        return replicas.some((r) => r[r.indexOf('master-link-status') + 1] === 'ok');
      });
    } finally {
      sentinel.disconnect();
    }
    const before = fleet.redis.primary;
    fleet.kill(before);
    await until(async () => {
      const now = await fleet.redis.currentPrimary().catch(() => undefined);
      return now && now !== before;
    }, 30_000);

    const second = await completeCourse(1, 'Fleet course two');
    expect(await certificateFor(0, second.courseId, 45_000)).toBeTruthy();
    expect(await certificateFor(0, first.courseId)).toBeTruthy();
  }, 90_000);
});
