// The wait that "only one" assertions rely on: it must not return while a job or an outbox row is
// still to come, and must return while a schedule's next run sits in the queue.
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { addOutboxEvent, redisOptions } from '@chadavkhi/platform';
import { untilQueuesDrained } from '../support/queues-drained';
import { startTestApp, TestApp } from '../support/test-app';

describe('untilQueuesDrained', () => {
  let t: TestApp;
  let queue: Queue;
  let worker: Worker;
  const ran: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: false });
    const connection = { ...redisOptions(t.config.REDIS_URL), maxRetriesPerRequest: null };
    queue = new Queue('certificates', { connection, prefix: t.config.REDIS_PREFIX });
    worker = new Worker('certificates', async (job) => void ran.push(String(job.id)), {
      connection,
      prefix: t.config.REDIS_PREFIX,
    });
  });
  afterAll(async () => {
    await worker.close();
    await queue.close();
    await t.close();
  });

  it('returns only after a job that was delayed (as a retry or a late duplicate is) has run', async () => {
    await queue.add('enrollment.completed', {}, { jobId: 'late-duplicate', delay: 1200 });
    await untilQueuesDrained(t, ['certificates']);
    expect(ran).toContain('late-duplicate');
  });

  it('returns only after the outbox has handed over every row for those queues', async () => {
    const id = await addOutboxEvent(t.db.manager, 'enrollment.completed', {
      enrollmentId: randomUUID(),
      userId: randomUUID(),
      agencyId: randomUUID(),
      courseId: randomUUID(),
      courseVersionId: randomUUID(),
      completedAt: new Date().toISOString(),
    });
    await expect(untilQueuesDrained(t, ['certificates'], 1000)).rejects.toThrow(/not drained/);
    await untilQueuesDrained(t, ['search-index'], 5000); // a queue the event does not go to
    await t.db.query(`UPDATE outbox_events SET dispatched_at = now() WHERE id = $1`, [id]);
    await untilQueuesDrained(t, ['certificates'], 5000);
  });

  it('does not wait for the next run of a schedule', async () => {
    await queue.upsertJobScheduler('nightly', { pattern: '0 3 * * *' }, { name: 'nightly', data: {} });
    expect((await queue.getDelayed()).length).toBe(1);
    await untilQueuesDrained(t, ['certificates'], 5000);
  });
});
