// A notification's e-mail claimed by a worker that died mid-send (its claim left in PostgreSQL until
// the lease runs out): the job that meets the claim waits in the delayed set until the claim ends,
// without spending an attempt, and then sends the e-mail once — real PostgreSQL, Redis, BullMQ
// queue and worker, and an SMTP server.
import { randomUUID } from 'node:crypto';
import { Job } from 'bullmq';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { createUser } from '../support/factories';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

const LEASE_SECONDS = 4;

describe('e-mail claim lease', () => {
  let smtp: SmtpListener;
  let t: TestApp;

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({ RUN_WORKERS: true, SMTP_URL: smtp.url, EMAIL_LEASE_SECONDS: LEASE_SECONDS });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const queue = () => t.app.get(JobQueueRepository).queue('notifications');

  /** A due-date reminder for the user, as accountability asks for one, allowed a single attempt. */
  async function reminderJob(userId: string, dedupeKey: string): Promise<Job> {
    const data = {
      userId,
      kind: 'assignment.due',
      dedupeKey,
      data: { courseTitle: 'Төрийн албан хаагчийн ёс зүй', dueOn: '2026-12-20', enrollmentId: randomUUID() },
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      deployment: t.config.DEPLOYMENT_ID,
    };
    // One attempt: a job that spent an attempt on the held claim would fail at once, not wait.
    return queue().add('notification.requested', data, { jobId: data.eventId, attempts: 1 });
  }

  it('delays the job that meets a dead worker’s claim until the lease ends, attempts unspent, and sends once', async () => {
    const user = await createUser(t.db);
    const dedupeKey = `lease-test:${randomUUID()}`;
    // What a worker killed between claiming and sending leaves: the row claimed, never sent nor given back.
    const [held] = await t.db.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, data, email_claimed_at, email_attempts)
       VALUES ($1, 'assignment.due', $2, $3, now(), 1) RETURNING id, email_claimed_at`,
      [user.id, dedupeKey, { courseTitle: 'Төрийн албан хаагчийн ёс зүй', dueOn: '2026-12-20' }],
    );
    const leaseEnds = new Date(held.email_claimed_at).getTime() + LEASE_SECONDS * 1000;

    const added = await reminderJob(user.id, dedupeKey);
    // The job ran, met the claim and went to the delayed set: not failed, its one attempt unspent.
    // The time it is due is its score in the delayed set (milliseconds × 0x1000), read while it is
    // there; job.timestamp is when the job was added, and its delay counts from the move.
    const client = await queue().client;
    const { job: delayed, readyAt } = await until(async () => {
      const job = await queue().getJob(added.id!);
      if (!job || (await job.getState()) !== 'delayed') return undefined;
      const score = await client.zscore(queue().keys.delayed, added.id!);
      return score === null ? undefined : { job, readyAt: Math.floor(Number(score) / 0x1000) };
    });
    expect(delayed.attemptsMade).toBe(0);
    expect(delayed.failedReason).toBeFalsy();
    expect(delayed.attemptsStarted).toBeGreaterThanOrEqual(1);
    // Delayed to the claim's end, read from the database: ready no earlier than the lease allows.
    expect(readyAt).toBeGreaterThanOrEqual(leaseEnds - 50); // the test's and the database's clock are one machine's
    expect(readyAt).toBeLessThanOrEqual(leaseEnds + 1500);
    expect(smtp.to(user.email)).toHaveLength(0);

    await untilQueuesDrained(t, ['notifications'], 30_000);

    const done = (await queue().getJob(added.id!))!;
    expect(await done.getState()).toBe('completed');
    // BullMQ counts the run that completed as an attempt: two runs, one attempt, the only one it had.
    expect(done.attemptsMade).toBe(1);
    expect(done.attemptsStarted).toBe(2);
    expect(done.returnvalue).toEqual({ notificationId: held.id, email: 'sent' });
    expect(smtp.to(user.email)).toHaveLength(1);
    const [row] = await t.db.query(
      `SELECT email_sent_at, email_claimed_at, email_attempts,
              email_sent_at >= $2::timestamptz + make_interval(secs => $3) AS after_lease
         FROM notifications WHERE id = $1`,
      [held.id, held.email_claimed_at, LEASE_SECONDS],
    );
    expect(row.email_sent_at).not.toBeNull();
    expect(row.after_lease).toBe(true);
    expect(row.email_claimed_at).toBeNull();
    expect(row.email_attempts).toBe(2); // the dead worker's claim and this job's: nobody else sent it
  });

  it('completes at once, without waiting, when the e-mail was sent meanwhile or the person has no address', async () => {
    const sent = await createUser(t.db);
    const sentKey = `lease-test:${randomUUID()}`;
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, data, email_sent_at, email_message_id)
       VALUES ($1, 'assignment.due', $2, '{}', now(), '<sent@test>')`,
      [sent.id, sentKey],
    );
    const noAddress = await createUser(t.db);
    await t.db.query(`UPDATE users SET email = NULL WHERE id = $1`, [noAddress.id]);

    const jobs = [await reminderJob(sent.id, sentKey), await reminderJob(noAddress.id, `lease-test:${randomUUID()}`)];
    await untilQueuesDrained(t, ['notifications'], 30_000);

    const [first, second] = await Promise.all(jobs.map(async (job) => (await queue().getJob(job.id!))!));
    expect(await first.getState()).toBe('completed');
    expect(first.returnvalue.email).toBe('already-sent');
    expect(await second.getState()).toBe('completed');
    expect(second.returnvalue.email).toBe('no-address');
    expect([first.attemptsStarted, second.attemptsStarted]).toEqual([1, 1]); // no wait, no second run
    expect(smtp.to(sent.email)).toHaveLength(0);
  });
});
