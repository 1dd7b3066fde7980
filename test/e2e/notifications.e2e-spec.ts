// Certificate events become in-app notifications and e-mail, received here on a real SMTP server;
// reminders 60, 30 and 7 days before expiry, on a day the test chooses.
import { ExpiryRemindersService } from '@chadavkhi/notifications';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

const DAY = 24 * 3600 * 1000;

describe('notifications', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let courseId: string;

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://training.example.mn',
    });
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** A new learner completes the course through the API; resolves once the certificate is announced. */
  async function certifiedLearner(locale: 'mn' | 'en' = 'mn') {
    const user = await createUser(t.db, { name: locale === 'mn' ? 'Болдын Сарнай' : 'Sarnai Bold' });
    if (locale === 'en') await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [user.id]);
    const token = await tokenFor(t, user.email);
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(token));
    }
    const certificate = await until(
      async () =>
        (
          await t.db.query(
            `SELECT id, code, expires_at FROM certificates WHERE enrollment_id = $1 AND announced_at IS NOT NULL`,
            [enrollment.id],
          )
        )[0],
    );
    return { user, token, certificate: certificate as { id: string; code: string; expires_at: Date } };
  }

  const notificationsOf = async (userId: string) =>
    t.db.query(
      `SELECT id, kind, dedupe_key, data, email_sent_at, email_message_id FROM notifications WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );

  it('e-mails the holder when a certificate is issued, in their language, and keeps it in the app', async () => {
    const { user, token, certificate } = await certifiedLearner('mn');
    const [mail] = await smtp.waitFor(user.email);
    expect(mail.subject).toBe('Гэрчилгээ олголоо: Төрийн албан хаагчийн ёс зүй');
    expect(mail.text).toContain(certificate.code);
    expect(mail.text).toContain(`https://training.example.mn/verify/${certificate.code}`);
    expect(mail.html).toContain('<strong>«Төрийн албан хаагчийн ёс зүй»</strong>');

    const [row] = await until(async () => {
      const rows = await notificationsOf(user.id);
      return rows[0]?.email_sent_at ? rows : undefined;
    });
    expect(row.kind).toBe('certificate.issued');
    expect(mail.messageId).toBe(`<${row.id}@training.example.mn>`); // stable: a resend is recognisably the same message

    const list = await t.http().get('/api/v1/me/notifications').set(bearer(token));
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.objectContaining({ total: 1, unread: 1, page: 1, limit: 20 }));
    expect(list.body.items[0]).toEqual(
      expect.objectContaining({ id: row.id, kind: 'certificate.issued', title: mail.subject, readAt: null }),
    );
    expect(list.body.items[0].data).toEqual(
      expect.objectContaining({ certificateId: certificate.id, code: certificate.code }),
    );

    const english = await certifiedLearner('en');
    const [englishMail] = await smtp.waitFor(english.user.email);
    expect(englishMail.subject).toBe('Certificate issued: Civil service ethics');
    expect(englishMail.text).toMatch(/^Hello Sarnai Bold,/);
  });

  it('a duplicated event makes one notification and one e-mail', async () => {
    const { user } = await certifiedLearner();
    await smtp.waitFor(user.email);
    const [event] = await t.db.query(
      `SELECT id, payload, created_at FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'userId' = $1`,
      [user.id],
    );
    // The relay re-sending a row under another job id (as after Redis lost its record), twice at once.
    const queue = t.app.get(JobQueueRepository).queue('notifications');
    const data = { ...event.payload, eventId: event.id, occurredAt: new Date(event.created_at).toISOString() };
    const jobs = await Promise.all(
      ['dup-a', 'dup-b'].map((suffix) =>
        queue.add('certificate.issued', data, {
          jobId: `${event.id}-${suffix}`,
          attempts: 5,
          backoff: { type: 'fixed', delay: 200 },
        }),
      ),
    );
    await until(async () => (await Promise.all(jobs.map((j) => j.getState()))).every((s) => s === 'completed'));
    expect(await notificationsOf(user.id)).toHaveLength(1);
    await untilQueuesDrained(t, ['notifications']);
    expect(smtp.to(user.email)).toHaveLength(1);
  });

  it("lists unread and read notifications, marks one read, and never shows or touches anyone else's", async () => {
    const { user, token } = await certifiedLearner();
    const [{ id }] = await until(async () => (await notificationsOf(user.id)).length && notificationsOf(user.id));

    expect((await t.http().get('/api/v1/me/notifications?unread=true').set(bearer(token))).body.total).toBe(1);
    const read = await t.http().post(`/api/v1/me/notifications/${id}/read`).set(bearer(token));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await t.http().post(`/api/v1/me/notifications/${id}/read`).set(bearer(token));
    expect(again.body.readAt).toBe(read.body.readAt); // the first reading is kept
    expect((await t.http().get('/api/v1/me/notifications?unread=true').set(bearer(token))).body).toEqual(
      expect.objectContaining({ total: 0, unread: 0, items: [] }),
    );
    expect((await t.http().get('/api/v1/me/notifications?unread=false').set(bearer(token))).body.total).toBe(1);

    const other = await tokenFor(t, (await createUser(t.db)).email);
    expect((await t.http().get('/api/v1/me/notifications').set(bearer(other))).body.total).toBe(0);
    expectProblem(await t.http().post(`/api/v1/me/notifications/${id}/read`).set(bearer(other)), 404);
    expectProblem(await t.http().post(`/api/v1/me/notifications/not-a-uuid/read`).set(bearer(other)), 400);
    expectProblem(await t.http().get('/api/v1/me/notifications?unread=maybe').set(bearer(token)), 400);
    expectProblem(await t.http().get('/api/v1/me/notifications?limit=500').set(bearer(token)), 400);
    expectProblem(await t.http().get('/api/v1/me/notifications'), 401);
  });

  describe('expiry reminders', () => {
    let reminders: ExpiryRemindersService;
    beforeAll(() => {
      reminders = t.app.get(ExpiryRemindersService);
    });

    /** A certificate (of a new learner) that expires at a time the test sets, far from the real today. */
    async function certificateExpiring(expiresAt: Date) {
      const holder = await certifiedLearner();
      await smtp.waitFor(holder.user.email); // the "issued" mail, out of the way
      await t.db.query(`UPDATE certificates SET expires_at = $2 WHERE id = $1`, [holder.certificate.id, expiresAt]);
      return holder;
    }
    const remindersOf = async (certificateId: string): Promise<number[]> =>
      (
        await t.db.query(
          `SELECT (data->>'thresholdDays')::int AS days FROM notifications WHERE kind = 'certificate.expiring' AND data->>'certificateId' = $1 ORDER BY created_at`,
          [certificateId],
        )
      ).map((r: { days: number }) => r.days);

    it('reminds 60, 30 and 7 days before, once each, in the app and by e-mail', async () => {
      const expiresAt = new Date('2031-03-01T03:00:00Z'); // 11:00 in Ulaanbaatar
      const { user, certificate } = await certificateExpiring(expiresAt);
      const daysBefore = (n: number) => new Date(expiresAt.getTime() - n * DAY);

      await reminders.run(daysBefore(61));
      expect(await remindersOf(certificate.id)).toEqual([]);
      await reminders.run(daysBefore(60));
      expect(await remindersOf(certificate.id)).toEqual([60]);
      const [, mail60] = await smtp.waitFor(user.email, 2);
      expect(mail60.subject).toBe('Гэрчилгээний хугацаа 60 хоногийн дараа дуусна: Төрийн албан хаагчийн ёс зүй');
      expect(mail60.text).toContain(`https://training.example.mn/courses/${courseId}`);

      await reminders.run(daysBefore(60)); // the same day again
      await reminders.run(daysBefore(45));
      expect(await remindersOf(certificate.id)).toEqual([60]);
      await reminders.run(daysBefore(30));
      await reminders.run(daysBefore(29));
      expect(await remindersOf(certificate.id)).toEqual([60, 30]);
      await reminders.run(daysBefore(7));
      await reminders.run(daysBefore(1));
      expect(await remindersOf(certificate.id)).toEqual([60, 30, 7]);
      const mails = await smtp.waitFor(user.email, 4);
      expect(mails.map((m) => m.subject.replace(/:.*/, ''))).toEqual([
        'Гэрчилгээ олголоо',
        'Гэрчилгээний хугацаа 60 хоногийн дараа дуусна',
        'Гэрчилгээний хугацаа 30 хоногийн дараа дуусна',
        'Гэрчилгээний хугацаа 7 хоногийн дараа дуусна',
      ]);

      await reminders.run(daysBefore(0)); // expired by the evening: nothing more
      await reminders.run(new Date(expiresAt.getTime() + DAY));
      expect(await remindersOf(certificate.id)).toEqual([60, 30, 7]);
      await untilQueuesDrained(t, ['notifications']);
      expect(smtp.to(user.email)).toHaveLength(4);
    });

    it('after days without a run, sends the nearest reminder only, once', async () => {
      const expiresAt = new Date('2031-06-10T03:00:00Z');
      const { user, certificate } = await certificateExpiring(expiresAt);
      await reminders.run(new Date(expiresAt.getTime() - 5 * DAY)); // the job last ran long ago
      expect(await remindersOf(certificate.id)).toEqual([7]);
      await reminders.run(new Date(expiresAt.getTime() - 4 * DAY));
      expect(await remindersOf(certificate.id)).toEqual([7]);
      const mails = await smtp.waitFor(user.email, 2);
      expect(mails[1].subject).toMatch(/^Гэрчилгээний хугацаа 5 хоногийн дараа дуусна/);

      // 45 days out with no reminder yet: the 60-day one is the nearest crossed.
      const later = await certificateExpiring(new Date('2031-09-01T03:00:00Z'));
      await reminders.run(new Date(new Date('2031-09-01T03:00:00Z').getTime() - 45 * DAY));
      expect(await remindersOf(later.certificate.id)).toEqual([60]);
    });

    it('does not remind about revoked certificates', async () => {
      const expiresAt = new Date('2031-12-01T03:00:00Z');
      const { certificate } = await certificateExpiring(expiresAt);
      await t.db.query(`UPDATE certificates SET revoked_at = now(), revocation_reason = 'test' WHERE id = $1`, [
        certificate.id,
      ]);
      await reminders.run(new Date(expiresAt.getTime() - 30 * DAY));
      expect(await remindersOf(certificate.id)).toEqual([]);
    });
  });
});
