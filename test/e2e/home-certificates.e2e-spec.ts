// After completing a course, the learner's home page shows the certificate (PDF, credential, check
// page) and the notification about it; the notifications page marks it read. Only one's own.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { location, signInPage } from '../support/web';

describe('certificates and notifications on the home page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
  });
  afterAll(() => t.close());

  it('shows the new certificate and its notification, and marks the notification read', async () => {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const learnerUser = await createUser(t.db, { roles: ['learner'], agency: 'tax-general-department' });
    const learner = await tokenFor(t, learnerUser.email);
    const course = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Гэрчилгээний шалгалт', validityMonths: 1 }))
    ).body;
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer)).expect(201);
    const enrollment = (await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(learner));
    }
    const certificate = await until(async () => {
      const mine = (await t.http().get('/api/v1/me/certificates').set(bearer(learner))).body;
      return mine[0]?.status === 'valid' ? mine[0] : undefined;
    }, 60000);
    await until(
      async () => (await t.db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [learnerUser.id])).length > 0,
      60000,
    );

    const page = await signInPage(t, learnerUser.email);
    const home = await page.get('/');
    expect(home.text).toContain('Миний гэрчилгээ');
    expect(home.text).toContain(certificate.code);
    expect(home.text).toContain(`href="/api/v1/certificates/${certificate.id}/pdf"`);
    expect(home.text).toContain(`href="/api/v1/certificates/${certificate.id}/credential"`);
    // Handlebars writes "=" in an attribute as "&#x3D;"; the browser reads it back as "=".
    expect(home.text).toContain(`href="/api/v1/certificates/${certificate.id}/credential?format&#x3D;jwt"`);
    expect(home.text).toContain('Дахин суралцаж сунгах'); // valid for a month: inside the 60-day window
    expect(home.text).toContain('1 уншаагүй мэдэгдэл');
    const pdf = await t.http().get(`/api/v1/certificates/${certificate.id}/pdf`).set('cookie', page.cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const jwt = await t
      .http()
      .get(`/api/v1/certificates/${certificate.id}/credential?format=jwt`)
      .set('cookie', page.cookie);
    expect(jwt.status).toBe(200);
    expect(jwt.headers['content-disposition']).toBe(`attachment; filename="certificate-${certificate.code}.jwt"`);

    const list = await page.get('/notifications');
    const readAction = /action="(\/notifications\/[0-9a-f-]{36}\/read)"/.exec(list.text)![1];
    const other = await signInPage(t, (await createUser(t.db, { roles: ['learner'] })).email);
    expect((await other.post(readAction)).status).toBe(404);
    expect(location(await page.post(readAction))).toBe('/notifications');
    expect((await page.get('/notifications')).text).toContain('0 уншаагүй мэдэгдэл');
    expect((await page.get('/')).text).not.toContain('уншаагүй мэдэгдэл');
  });
});
