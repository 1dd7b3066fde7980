// "Nothing more will happen" as a condition: a test that asserts "only one" or "none" after the
// queues are drained fails when a duplicate is made, instead of passing because it has not run yet.
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, EVENT_ROUTES, EventType, QueueName, redisOptions } from '@chadavkhi/platform';
import { until } from './until';

/** States of a job that has yet to run (or to finish running). */
const PENDING = ['waiting', 'active', 'prioritized', 'waiting-children', 'paused'] as const;
const FINISHED = ['completed', 'failed'] as const;

/**
 * Waits until the named queues (in the app's Redis prefix) have no job waiting, running, delayed or
 * prioritised, the outbox has no undispatched row for them, and no job finished between two looks in
 * a row (a job that ran may have written the next row or job meanwhile). The next run of a schedule
 * (cron) is not a pending job: it is always there.
 */
export async function untilQueuesDrained(
  t: { config: AppConfig; db: DataSource },
  queues: readonly QueueName[],
  timeoutMs = 30000,
): Promise<void> {
  const events = (Object.keys(EVENT_ROUTES) as EventType[]).filter((type) =>
    EVENT_ROUTES[type].some((q) => queues.includes(q)),
  );
  const opened = queues.map(
    (name) => new Queue(name, { connection: redisOptions(t.config.REDIS_URL), prefix: t.config.REDIS_PREFIX }),
  );
  const look = async () => {
    // Queues first, then the outbox: a row dispatched in between has its job counted as finished or pending next time.
    const perQueue = await Promise.all(
      opened.map(async (queue) => {
        const counts = await queue.getJobCounts(...PENDING, ...FINISHED);
        const delayed = (await queue.getDelayed()).filter(
          (job) => job && !job.repeatJobKey && !String(job.id).startsWith('repeat:'),
        );
        return {
          pending: PENDING.reduce((n, state) => n + (counts[state] ?? 0), delayed.length),
          finished: FINISHED.map((state) => counts[state] ?? 0).join('/'),
        };
      }),
    );
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL AND type = ANY($1)`,
      [events],
    );
    return {
      idle: n === 0 && perQueue.every((q) => q.pending === 0),
      finished: perQueue.map((q) => q.finished).join(' '),
    };
  };
  try {
    let before: string | undefined;
    await until(async () => {
      const now = await look();
      const drained = now.idle && now.finished === before;
      before = now.idle ? now.finished : undefined;
      return drained;
    }, timeoutMs);
  } catch (error) {
    throw new Error(`queues ${queues.join(', ')} not drained: ${(error as Error).message}`, { cause: error });
  } finally {
    await Promise.all(opened.map((queue) => queue.close()));
  }
}
