// A version marked "requires recertification": earlier certificates expire after a grace period
// (only ever sooner), their PDF and credential are re-made, holders are told in the app and by
// e-mail; renewing is enrolling on the current version.
import { decodeJwt } from 'jose';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor, withTextBody } from '../support/http';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

const DAY = 24 * 3600 * 1000;

describe('recertification', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let trainer: string;
  let courseId: string;

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SMTP_URL: smtp.url,
      RECERT_GRACE_DAYS: 90,
      CERT_SWEEP_SECONDS: 1,
      CERT_SWEEP_GRACE_SECONDS: 1,
    });
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function enrol(token: string) {
    return t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token));
  }
  async function complete(token: string, enrollmentId: string) {
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollmentId}/lessons/${lesson.id}/complete`).set(bearer(token));
    }
    return until(
      async () =>
        (
          await t.db.query(`SELECT id, code FROM certificates WHERE enrollment_id = $1 AND announced_at IS NOT NULL`, [
            enrollmentId,
          ])
        )[0] as { id: string; code: string } | undefined,
    );
  }
  async function certifiedLearner() {
    const user = await createUser(t.db);
    const token = await tokenFor(t, user.email);
    const enrollment = (await enrol(token)).body;
    const certificate = await complete(token, enrollment.id);
    await smtp.waitFor(user.email); // "certificate issued"
    return { user, token, enrollment, certificate };
  }
  const expiryOf = async (certificateId: string): Promise<Date | null> =>
    (await t.db.query(`SELECT expires_at FROM certificates WHERE id = $1`, [certificateId]))[0].expires_at;
  const shortenedEvents = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'certificate.expiry_shortened'`))[0].n;
  async function publishNewVersion(summary: string, body: object) {
    expect((await t.http().patch(`/api/v1/courses/${courseId}`).set(bearer(trainer)).send({ summary })).status).toBe(
      200,
    );
    return t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)).send(body);
  }
  /** The certificates job of the latest course.recertification_required event, once it has run. */
  async function recertificationProcessed() {
    const [row] = await until(async () => {
      const rows = await t.db.query(
        `SELECT id, dispatched_at FROM outbox_events WHERE type = 'course.recertification_required' ORDER BY created_at DESC LIMIT 1`,
      );
      return rows[0]?.dispatched_at ? rows : undefined;
    });
    const queue = t.app.get(JobQueueRepository).queue('certificates');
    await until(async () => (await (await queue.getJob(row.id))?.getState()) === 'completed');
    return row.id as string;
  }

  it('shortens earlier certificates once, re-makes them, tells their holders, and lets them renew on the current version', async () => {
    const a = await certifiedLearner();
    const b = await certifiedLearner();
    const soon = await certifiedLearner(); // already expiring sooner than the grace period: left alone
    const soonExpiry = new Date(Date.now() + 10 * DAY);
    await t.db.query(`UPDATE certificates SET expires_at = $2 WHERE id = $1`, [soon.certificate.id, soonExpiry]);
    const revoked = await certifiedLearner();
    await t.db.query(`UPDATE certificates SET revoked_at = now(), revocation_reason = 'test' WHERE id = $1`, [
      revoked.certificate.id,
    ]);
    const revokedExpiry = await expiryOf(revoked.certificate.id);
    const pinned = await createUser(t.db); // enrolled on version 1, not finished
    const pinnedToken = await tokenFor(t, pinned.email);
    const pinnedEnrollment = (await enrol(pinnedToken)).body;

    // While version 1 is current, enrolling again is the same completed enrolment.
    const same = await enrol(a.token);
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(a.enrollment.id);

    expectProblem(
      await t
        .http()
        .post(`/api/v1/courses/${courseId}/publish`)
        .set(bearer(trainer))
        .send({ requiresRecertification: 'yes' }),
      400,
    );
    expectProblem(
      await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)).send({ graceDays: 5 }),
      400,
    );
    const before = Date.now();
    const published = await publishNewVersion('Шинэчилсэн агуулга.', { requiresRecertification: true });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    const versions = (await t.http().get(`/api/v1/courses/${courseId}/versions`).set(bearer(trainer))).body;
    expect(versions[0]).toEqual(expect.objectContaining({ version: 2, requiresRecertification: true }));

    const eventId = await recertificationProcessed();
    for (const holder of [a, b]) {
      const expiry = (await expiryOf(holder.certificate.id))!;
      expect(expiry.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY - 1000);
      expect(expiry.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY);
    }
    expect(await expiryOf(soon.certificate.id)).toEqual(soonExpiry);
    expect(await expiryOf(revoked.certificate.id)).toEqual(revokedExpiry);
    expect(await shortenedEvents()).toBe(2);

    // Told in the app and by e-mail.
    const [, mail] = await smtp.waitFor(a.user.email, 2);
    expect(mail.subject).toBe('Дахин гэрчилгээжүүлэх шаардлагатай: Төрийн албан хаагчийн ёс зүй');
    expect(mail.text).toContain('шинэ хувилбар (2)');
    expect(mail.text).toContain(a.certificate.code);
    const inbox = (await t.http().get('/api/v1/me/notifications').set(bearer(a.token))).body;
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual([
      'certificate.recertification',
      'certificate.issued',
    ]);
    expect(smtp.to(soon.user.email)).toHaveLength(1);

    // The PDF and the signed credential are made again with the new date; verification says it.
    const expiry = (await expiryOf(a.certificate.id))!;
    // (The credential is downloaded as a file now, JSON-LD or with ?format=jwt the JWT; its times are to the second.)
    const credential = await until(async () => {
      const response = await t.http().get(`/api/v1/certificates/${a.certificate.id}/credential`).set(bearer(a.token));
      return response.status === 200 ? response.body : undefined;
    });
    const toTheSecond = Math.floor(expiry.getTime() / 1000);
    expect(Date.parse(credential.validUntil)).toBe(toTheSecond * 1000);
    const jwt = await withTextBody(
      t.http().get(`/api/v1/certificates/${a.certificate.id}/credential?format=jwt`).set(bearer(a.token)),
    );
    expect(decodeJwt(jwt.body as string)).toEqual(
      expect.objectContaining({ exp: toTheSecond, validUntil: credential.validUntil }),
    );
    const verified = (await t.http().get(`/api/v1/certificates/verify/${a.certificate.code}`)).body;
    expect(verified).toEqual(expect.objectContaining({ status: 'valid', expiresAt: expiry.toISOString() }));
    expect((await t.http().get(`/api/v1/certificates/${a.certificate.id}/pdf`).set(bearer(a.token))).status).toBe(200);

    // The same event delivered again changes nothing.
    const queue = t.app.get(JobQueueRepository).queue('certificates');
    const original = await queue.getJob(eventId);
    const duplicate = await queue.add('course.recertification_required', original!.data, { jobId: `${eventId}-again` });
    await until(async () => (await duplicate.getState()) === 'completed');
    expect(await expiryOf(a.certificate.id)).toEqual(expiry);
    expect(await shortenedEvents()).toBe(2);

    // A later version that also requires it never extends an expiry already set.
    expect((await publishNewVersion('Бас шинэчилсэн.', { requiresRecertification: true })).body.version).toBe(3);
    await recertificationProcessed();
    expect(await expiryOf(a.certificate.id)).toEqual(expiry);
    expect(await shortenedEvents()).toBe(2);
    await untilQueuesDrained(t, ['certificates', 'notifications']);
    expect(smtp.to(a.user.email)).toHaveLength(2);
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'certificate.recertification'`,
          [a.user.id],
        )
      )[0].n,
    ).toBe(1);

    // Renewing: a new enrolment on the current version (idempotent), completed into a new certificate.
    const renewal = await enrol(a.token);
    expect(renewal.status).toBe(201);
    expect(renewal.body).toEqual(expect.objectContaining({ version: 3, status: 'in_progress' }));
    expect(renewal.body.id).not.toBe(a.enrollment.id);
    const again = await enrol(a.token);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(renewal.body.id);
    expect((await t.http().get(`/api/v1/courses/${courseId}`).set(bearer(a.token))).body.enrollment).toEqual(
      expect.objectContaining({ id: renewal.body.id, version: 3 }),
    );
    const renewed = await complete(a.token, renewal.body.id);
    expect(renewed.id).not.toBe(a.certificate.id);
    expect((await t.http().get('/api/v1/me/certificates').set(bearer(a.token))).body).toHaveLength(2);
    const completedAgain = await enrol(a.token);
    expect(completedAgain.status).toBe(200);
    expect(completedAgain.body.id).toBe(renewal.body.id);

    // An enrolment in progress keeps its version: enrolling again returns it, not a new one.
    const stillPinned = await enrol(pinnedToken);
    expect(stillPinned.status).toBe(200);
    expect(stillPinned.body).toEqual(expect.objectContaining({ id: pinnedEnrollment.id, version: 1 }));
  });
});
