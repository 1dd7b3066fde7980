// The job queues for administrators: counts and failed jobs (API and page), retry one or all, audited.
import { randomUUID } from 'node:crypto';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { courseBody } from '../support/courses';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { freePort } from '../support/redis-server';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

describe('admin queues', () => {
  let t: TestApp;
  let smtpPort: number;
  let smtp: SmtpListener | undefined;
  let admin: { email: string; id: string };
  let adminToken: string;
  let learner: { email: string; id: string };
  let event: { id: string; payload: Record<string, unknown>; created_at: Date };

  async function cookieOf(email: string): Promise<string> {
    const response = await t.http().post('/signin').type('form').send({ email, password: TEST_PASSWORD });
    expect(response.status).toBe(303);
    return (response.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('chadavkhi_session='))!
      .split(';')[0];
  }
  const page = (cookie: string, path = '/admin/queues') =>
    t.http().get(path).set('cookie', cookie).set('accept', 'text/html');
  const queue = () => t.app.get(JobQueueRepository).queue('notifications');

  /**
   * A notification job for the learner's certificate that fails at once while no SMTP server
   * listens: for the real event, or (eventId given) for another event that needs its own e-mail.
   */
  async function failingJob(jobId: string, eventId = event.id) {
    const data = { ...event.payload, eventId, occurredAt: new Date(event.created_at).toISOString() };
    const job = await queue().add('certificate.issued', data, { jobId, attempts: 1 });
    await until(async () => (await job.getState()) === 'failed');
    return job;
  }

  /**
   * The relay's own job for the event, moved an hour ahead once it waits out a backoff. It shares its
   * notification with fail-me-1: had both run at once, the one that lost the claim on the e-mail would
   * fail ("being sent by another worker"), and fail-me-1, allowed one attempt, would stay failed.
   */
  async function relayJobHeldBack() {
    return until(async () => {
      const job = await queue().getJob(event.id);
      // Not dispatched yet, or running an attempt (changeDelay refuses a job that is not delayed): look again.
      return (
        job &&
        (await job.changeDelay(3_600_000).then(
          () => job,
          () => undefined,
        ))
      );
    });
  }

  beforeAll(async () => {
    smtpPort = await freePort(); // nobody listens there yet: sending mail fails
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    admin = await createUser(t.db, { roles: ['admin'] });
    adminToken = await tokenFor(t, admin.email);
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    learner = await createUser(t.db);
    const token = await tokenFor(t, learner.email);
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(token));
    }
    event = await until(
      async () =>
        (
          await t.db.query(
            `SELECT id, payload, created_at FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'userId' = $1`,
            [learner.id],
          )
        )[0],
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp?.stop();
  });

  it('is for administrators only', async () => {
    for (const roles of [['learner'], ['trainer'], ['hr_officer']] as const) {
      const user = await createUser(t.db, { roles: [...roles] });
      expectProblem(
        await t
          .http()
          .get('/api/v1/admin/queues')
          .set(bearer(await tokenFor(t, user.email))),
        403,
      );
      expectProblem(
        await t
          .http()
          .post('/api/v1/admin/queues/notifications/retry-failed')
          .set(bearer(await tokenFor(t, user.email))),
        403,
      );
      const denied = await page(await cookieOf(user.email));
      expect(denied.status).toBe(403);
      expect(denied.headers['content-type']).toMatch(/text\/html/);
      expect(denied.text).not.toContain('notifications');
    }
    expectProblem(await t.http().get('/api/v1/admin/queues'), 401);
    const anonymous = await t.http().get('/admin/queues').set('accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/signin?next=%2Fadmin%2Fqueues');
  });

  it('shows counts and failed jobs, and retries one from the page once the cause is fixed (audited)', async () => {
    const own = await relayJobHeldBack();
    await failingJob('fail-me-1');

    const api = await t.http().get('/api/v1/admin/queues').set(bearer(adminToken));
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toEqual([
      'certificates',
      'metrics',
      'search-index',
      'notifications',
      'knowledge-handovers',
      'learning-handovers',
      'evaluation',
      'plans',
      'learning',
    ]);
    const notifications = api.body.queues.find((q: { name: string }) => q.name === 'notifications');
    expect(Object.keys(notifications.counts)).toEqual(['waiting', 'active', 'delayed', 'failed', 'completed']);
    expect(notifications.counts.failed).toBeGreaterThanOrEqual(1);
    expect(notifications.failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'fail-me-1',
          name: 'certificate.issued',
          attemptsMade: 1,
          attempts: 1,
          failedReason: expect.stringMatching(/ECONNREFUSED/),
        }),
      ]),
    );
    expect(
      api.body.queues.find((q: { name: string }) => q.name === 'certificates').counts.completed,
    ).toBeGreaterThanOrEqual(1);

    const cookie = await cookieOf(admin.email);
    const shown = await page(cookie);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Ажлын дараалал');
    expect(shown.text).toContain('<code>fail-me-1</code>');
    expect(shown.text).toContain('action="/admin/queues/notifications/jobs/fail-me-1/retry"');
    expect(shown.text).toContain('action="/admin/queues/notifications/retry-failed"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(shown.text)![1];
    expect((await page(cookie, '/admin/queues?lang=en')).text).toContain('Retry all failed');

    // A forged form (no token) changes nothing.
    const forged = await t
      .http()
      .post('/admin/queues/notifications/jobs/fail-me-1/retry')
      .set('cookie', cookie)
      .set('accept', 'text/html')
      .type('form')
      .send({});
    expect(forged.status).toBe(403);
    expect(await (await queue().getJob('fail-me-1'))!.getState()).toBe('failed');

    smtp = new SmtpListener(smtpPort); // the mail server is back
    await smtp.start();
    const retried = await t
      .http()
      .post('/admin/queues/notifications/jobs/fail-me-1/retry')
      .set('cookie', cookie)
      .set('accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf });
    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe('/admin/queues?queue=notifications&retried=1#queue-notifications');
    await until(async () => (await (await queue().getJob('fail-me-1'))!.getState()) === 'completed');
    await smtp.waitFor(learner.email);
    await own.promote(); // the relay's job for the event runs now
    await untilQueuesDrained(t, ['notifications']);
    expect(smtp.to(learner.email)).toHaveLength(1); // the relay's own job for the event finds it sent
    expect((await page(cookie, '/admin/queues?queue=notifications&retried=1')).text).toContain(
      'notifications дарааллын 1 ажлыг',
    );

    const [audit] = await t.db.query(
      `SELECT actor_id, action, target_type, target_id, details FROM audit_log_entries WHERE action = 'queue.job.retry'`,
    );
    expect(audit).toEqual(
      expect.objectContaining({ actor_id: admin.id, target_type: 'job', target_id: 'notifications/fail-me-1' }),
    );
    expect(audit.details.failedReason).toMatch(/ECONNREFUSED/);

    expect(
      expectProblem(
        await t.http().post('/api/v1/admin/queues/notifications/jobs/fail-me-1/retry').set(bearer(adminToken)),
        409,
      ).detail,
    ).toMatch(/not failed/);
    expectProblem(
      await t.http().post('/api/v1/admin/queues/notifications/jobs/no-such-job/retry').set(bearer(adminToken)),
      404,
    );
    expectProblem(await t.http().post('/api/v1/admin/queues/no-such-queue/jobs/x/retry').set(bearer(adminToken)), 404);
    expectProblem(
      await t.http().post('/api/v1/admin/queues/notifications/jobs/a%20b/retry').set(bearer(adminToken)),
      404,
    );
  });

  it('retries every failed job of a queue', async () => {
    await smtp!.stop();
    await failingJob('fail-me-2', randomUUID());
    await failingJob('fail-me-3', randomUUID());
    smtp = new SmtpListener(smtpPort);
    await smtp.start();
    const response = await t.http().post('/api/v1/admin/queues/notifications/retry-failed').set(bearer(adminToken));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ queue: 'notifications', retried: 2 });
    await until(async () =>
      (await Promise.all(['fail-me-2', 'fail-me-3'].map(async (id) => (await queue().getJob(id))!.getState()))).every(
        (s) => s === 'completed',
      ),
    );
    expect(
      (await t.http().get('/api/v1/admin/queues').set(bearer(adminToken))).body.queues.find(
        (q: { name: string }) => q.name === 'notifications',
      ).counts.failed,
    ).toBe(0);
    await smtp!.waitFor(learner.email, 2); // the two new notifications' mail went out
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log_entries WHERE action = 'queue.retry-all-failed' AND target_id = 'notifications' AND (details->>'retried')::int = 2`,
    );
    expect(n).toBe(1);
  });
});
