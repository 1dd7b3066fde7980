// Two deployments on one Redis (two `npm start` copies; staging beside production) keep apart: each
// derives its key prefix from its own database, two asking for one prefix cannot both run, a job of
// another deployment is handed back rather than completed, and a Redis that evicts keys is refused.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { createApiApp } from '../../apps/api/src/api-app';
import { createLogger, DeploymentError, loadConfig } from '@chadavkhi/platform';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { freePort, PrivateRedis } from '../support/redis-server';
import { createTestDatabase, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe('deployments sharing a Redis', () => {
  let redis: PrivateRedis;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
    await redis.stop();
  });

  /** A deployment of its own (a database of its own) with workers, on the shared Redis; prefix derived unless given. */
  async function deployment(prefix?: string): Promise<TestApp> {
    const t = await startTestApp({
      REDIS_URL: redis.url,
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      ...(prefix ? { REDIS_PREFIX: prefix } : { REDIS_PREFIX: undefined as unknown as string }),
    });
    apps.push(t);
    return t;
  }

  async function completedEnrollment(t: TestApp): Promise<string> {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(learner));
    return enrollment.id;
  }

  const certificateOf = (t: TestApp, enrollmentId: string) =>
    until(async () => {
      const [row] = await t.db.query(
        `SELECT id FROM certificates WHERE enrollment_id = $1 AND announced_at IS NOT NULL`,
        [enrollmentId],
      );
      return row;
    });

  it('gives each deployment its own key prefix, and each one issues its own certificates through the queue', async () => {
    const [a, b] = [await deployment(), await deployment()];
    expect(a.config.REDIS_PREFIX).toMatch(/^chadavkhi-[0-9a-f]{12}$/);
    expect(b.config.REDIS_PREFIX).toMatch(/^chadavkhi-[0-9a-f]{12}$/);
    expect(a.config.REDIS_PREFIX).not.toBe(b.config.REDIS_PREFIX);

    const [fromA, fromB] = await Promise.all([completedEnrollment(a), completedEnrollment(b)]);
    await Promise.all([certificateOf(a, fromA), certificateOf(b, fromB)]);
    // Each worker saw only its own deployment's jobs: none ended as "not completed; no certificate".
    for (const t of [a, b]) {
      const queue = new Queue('certificates', { connection: redisConnection(), prefix: t.config.REDIS_PREFIX });
      const done = await queue.getJobs(['completed']);
      expect(done.map((j) => j.returnvalue?.certificateId)).not.toContain(undefined);
      await queue.close();
    }
  });

  it('refuses to start a second deployment on a prefix another one holds, and lets it once that one stops', async () => {
    const prefix = `shared-${randomUUID().slice(0, 8)}`;
    const first = await deployment(prefix);
    const database = await createTestDatabase();
    const config = () =>
      loadConfig(process.env, {
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        REDIS_PREFIX: prefix,
        NODE_ENV: 'test',
        RUN_WORKERS: false,
        PORT: 0,
      });
    const refused = await createApiApp(config(), createLogger('silent', 'test')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeploymentError);
    expect((refused as Error).message).toContain(`"${prefix}" is in use by another deployment`);

    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const second = await createApiApp(config(), createLogger('silent', 'test'));
    await second.close();
  });

  it('hands a job of another deployment back instead of completing it, while its own jobs go on', async () => {
    const t = await deployment();
    const queue = new Queue('certificates', { connection: redisConnection(), prefix: t.config.REDIS_PREFIX });
    const foreign = await queue.add('enrollment.completed', { enrollmentId: randomUUID(), deployment: 'ffffffffffff' });
    const own = await queue.add('enrollment.completed', {
      enrollmentId: randomUUID(),
      deployment: t.config.DEPLOYMENT_ID,
    });
    await until(async () => (await own.getState()) === 'completed');
    await until(async () => (await queue.getJob(foreign.id!))?.processedOn);
    expect(await foreign.getState()).toMatch(/^(delayed|waiting)$/);
    expect((await queue.getJob(foreign.id!))?.returnvalue).toBeFalsy();
    await queue.close();
  });

  it('refuses a Redis that may evict keys, saying which setting to change', async () => {
    const evicting = new PrivateRedis(await freePort(), ['--maxmemory-policy', 'allkeys-lru']);
    await evicting.start();
    try {
      const database = await createTestDatabase();
      const config = loadConfig(process.env, {
        DATABASE_URL: database.url,
        REDIS_URL: evicting.url,
        NODE_ENV: 'test',
        RUN_WORKERS: false,
        PORT: 0,
      });
      const refused = await createApiApp(config, createLogger('silent', 'test')).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DeploymentError);
      expect((refused as Error).message).toMatch(/maxmemory-policy allkeys-lru.*Set maxmemory-policy noeviction/);
    } finally {
      await evicting.stop();
    }
  });

  const connections: IORedis[] = [];
  function redisConnection(): IORedis {
    const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  }
  afterAll(() => connections.forEach((c) => c.disconnect()));
});
