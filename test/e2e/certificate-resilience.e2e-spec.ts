// Exactly one certificate per completed enrolment when Redis goes away between completion and
// issuing, when Redis comes back empty (the job lost), and when a worker died half-way.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { freePort, PrivateRedis } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

describe('certificates survive Redis and worker failures', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let trainer: string;
  let courseId: string;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp({
      REDIS_URL: redis.url,
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      CERT_SWEEP_SECONDS: 1,
      CERT_SWEEP_GRACE_SECONDS: 2,
    });
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
  });
  afterAll(async () => {
    if (!redis.running) await redis.start(); // a failed test may leave it stopped; closing needs it
    await t.close();
    await redis.stop();
  });

  async function completeAsNewLearner(): Promise<string> {
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(learner));
    }
    return enrollment.id;
  }

  const finished = (enrollmentId: string) =>
    until(async () => {
      const [row] = await t.db.query(
        `SELECT count(*)::int AS n, bool_and(pdf IS NOT NULL AND credential_jwt IS NOT NULL AND announced_at IS NOT NULL) AS done FROM certificates WHERE enrollment_id = $1`,
        [enrollmentId],
      );
      return row.n > 0 && row.done ? row : undefined;
    });

  const relayTried = (enrollmentId: string) =>
    until(
      async () =>
        (
          await t.db.query(
            `SELECT attempts FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
            [enrollmentId],
          )
        )[0]?.attempts > 0,
    );

  const issuedEvents = async (enrollmentId: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'enrollmentId' = $1`,
        [enrollmentId],
      )
    )[0].n;

  it('issues once when Redis is down at completion and returns later', async () => {
    // Sign-ins need no Redis, but make every token before stopping it anyway.
    await redis.stop();
    const enrollmentId = await completeAsNewLearner();
    await relayTried(enrollmentId); // the relay failed to hand it over at least once
    await redis.start();
    await finished(enrollmentId);
    await untilQueuesDrained(t, ['certificates']);
    expect((await finished(enrollmentId)).n).toBe(1);
    expect(await issuedEvents(enrollmentId)).toBe(1);
  });

  it('issues once when Redis comes back empty after the job was handed over (the job is lost)', async () => {
    await redis.stop();
    const enrollmentId = await completeAsNewLearner();
    // The relay handed the event to a Redis that then lost it: the row says dispatched, no job exists.
    await t.db.query(
      `UPDATE outbox_events SET dispatched_at = now() WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
      [enrollmentId],
    );
    await redis.start();
    await finished(enrollmentId);
    await untilQueuesDrained(t, ['certificates']);
    expect((await finished(enrollmentId)).n).toBe(1); // the sweeper finished it
    expect(await issuedEvents(enrollmentId)).toBe(1);
  });

  it('finishes the half-made certificate of a worker that died mid-job, without a second one', async () => {
    await redis.stop(); // keep the queue from doing the work: this is what the dead worker left
    const enrollmentId = await completeAsNewLearner();
    const [e] = await t.db.query(
      `SELECT e.user_id, e.course_id, e.course_version_id, u.agency_id, u.name FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.id = $1`,
      [enrollmentId],
    );
    await t.db.query(
      `INSERT INTO certificates (code, enrollment_id, user_id, agency_id, course_id, course_version_id, holder_name, course_title, issued_at)
       VALUES ('HAF0-MADE-0000', $1, $2, $3, $4, $5, $6, 'x', now())`,
      [enrollmentId, e.user_id, e.agency_id, e.course_id, e.course_version_id, e.name],
    );
    await redis.start();
    await finished(enrollmentId);
    await untilQueuesDrained(t, ['certificates']);
    const row = await finished(enrollmentId);
    expect(row.n).toBe(1);
    const [{ code }] = await t.db.query(`SELECT code FROM certificates WHERE enrollment_id = $1`, [enrollmentId]);
    expect(code).toBe('HAF0-MADE-0000');
    expect(await issuedEvents(enrollmentId)).toBe(1);
  });
});
