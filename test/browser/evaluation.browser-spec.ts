// Training evaluation on a 320-pixel phone, with and without JavaScript: a learner who completed a
// course finds the survey on the completion page, sends it half-filled (each missing answer named
// beside its question, the rest kept), then whole; a supervisor answers the 90-day follow-up about a
// staff member from /follow-ups — every page without sideways scrolling and axe clean.
import type { Browser, Page } from 'playwright-core';
import { FollowUpsService } from '@chadavkhi/evaluation';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { courseBody } from '../support/courses';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe('evaluation surveys, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const started = await Promise.allSettled([
      startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 }, { listen: true }).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(email: string, path: string, javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser!.newContext({ baseURL: t!.url, ...PHONE_320, javaScriptEnabled, locale: 'mn-MN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(path);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await navigateBy(page, () => page.click('button[type=submit].primary'));
    return page;
  }

  it('takes the reaction survey and a supervisor’s follow-up with plain forms, with and without JavaScript', async () => {
    const app = t!;
    const trainer = await createUser(app.db, { roles: ['trainer'], agency: 'civil-service-council' });
    const boss = await createUser(app.db, { agency: 'ministry-finance', name: 'Даргын Болд' });
    const learner = await createUser(app.db, { agency: 'ministry-finance', name: 'Суралцагч Дорж' });
    await app.db.query(`UPDATE users SET supervisor_id = $1 WHERE id = $2`, [boss.id, learner.id]);
    const trainerToken = await tokenFor(app, trainer.email);
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(trainerToken)).send(courseBody())).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainerToken));
    const token = await tokenFor(app, learner.email);
    const enrolment = (await app.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    const detail = (await app.http().get(`/api/v1/enrollments/${enrolment.id}`).set(bearer(token))).body;
    for (const l of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
      await app.http().post(`/api/v1/enrollments/${enrolment.id}/lessons/${l.id}/complete`).set(bearer(token));

    // Without JavaScript: the completion page offers the survey; half an answer sheet is refused
    // question by question, what was chosen stays chosen.
    const plain = await signedIn(learner.email, `/learn/${enrolment.id}`, false);
    await fitsThePhone(plain);
    await navigateBy(plain, () => plain.click('#evaluation a.button'));
    expect(plain.url()).toContain(`/learn/${enrolment.id}/survey`);
    await fitsThePhone(plain);
    await plain.check('#q1-5');
    await navigateBy(plain, () => plain.click('form.survey button[type=submit]'));
    expect(await plain.textContent('[role=alert]')).toContain('Энэ асуултад хариулна уу.');
    expect(await plain.isChecked('#q1-5')).toBe(true);
    expect(await plain.textContent('#q2')).toContain('Энэ асуултад хариулна уу.');
    await fitsThePhone(plain);
    for (const q of ['q2-4', 'q3-4', 'q4-5', 'q5-3']) await plain.check(`#${q}`);
    await plain.fill('#q6-input', 'Илүү олон жишээ.');
    await navigateBy(plain, () => plain.click('form.survey button[type=submit]'));
    expect(await plain.textContent('[role=status]')).toContain('Баярлалаа');
    expect(await plain.textContent('#evaluation')).toContain('Үнэлгээ өгсөнд баярлалаа');

    // With JavaScript: the survey page (now answered) and the completion page are axe clean.
    const scripted = await signedIn(learner.email, `/learn/${enrolment.id}/survey`, true);
    await fitsThePhone(scripted);
    expect(await scripted.textContent('main')).toContain('Баярлалаа');
    expect(await axeViolations(scripted)).toEqual([]);

    // Ninety days on, the supervisor answers the follow-up about their staff member.
    await app.db.query(`UPDATE enrollments SET completed_at = now() - interval '91 days' WHERE id = $1`, [
      enrolment.id,
    ]);
    await app.app.get(FollowUpsService).round();
    const bossJs = await signedIn(boss.email, '/follow-ups', true);
    await fitsThePhone(bossJs);
    expect(await bossJs.textContent('#follow-ups')).toContain('Суралцагч Дорж');
    expect(await axeViolations(bossJs)).toEqual([]);
    await navigateBy(bossJs, () => bossJs.click('#follow-ups a.button'));
    await fitsThePhone(bossJs);
    expect(await axeViolations(bossJs)).toEqual([]);

    const bossPlain = await signedIn(boss.email, '/follow-ups', false);
    await navigateBy(bossPlain, () => bossPlain.click('#follow-ups a.button'));
    await bossPlain.check('#q1-2'); // partly
    await bossPlain.check('#q2-4');
    await bossPlain.fill('#q3-input', 'Мэдүүлгийг шинэ журмаар хянаж байна.');
    await navigateBy(bossPlain, () => bossPlain.click('form.survey button[type=submit]'));
    expect(await bossPlain.textContent('[role=status]')).toContain('Баярлалаа');
    expect(await bossPlain.textContent('#follow-ups')).toContain('Хариулсан');
    await fitsThePhone(bossPlain);
  });

  it('answers the survey on a phone gone offline after the last lesson, and sends it with the lessons', async () => {
    const app = t!;
    const trainer = await createUser(app.db, { roles: ['trainer'], agency: 'civil-service-council' });
    const learner = await createUser(app.db, { agency: 'ministry-finance' });
    const trainerToken = await tokenFor(app, trainer.email);
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(trainerToken)).send(courseBody())).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainerToken));
    const token = await tokenFor(app, learner.email);
    const enrolment = (await app.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    const detail = (await app.http().get(`/api/v1/enrollments/${enrolment.id}`).set(bearer(token))).body;
    const lessons: string[] = detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));

    const page = await signedIn(learner.email, `/learn/${enrolment.id}`, true);
    const context = page.context();
    await page.click('#offline-save [data-action="save"]');
    await page.waitForSelector('#offline-save [data-action="remove"]', { state: 'visible' });

    // Offline (every request cut off, as a real outage would): the lessons are marked done on the
    // device, then the saved survey page offers its form.
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.goto(`/learn/${enrolment.id}/lessons/${lessons[0]}`);
    for (let i = 0; i < lessons.length; i++)
      await navigateBy(page, () => page.click('form[data-offline-complete] button[type=submit]'));
    await page.goto(`/learn/${enrolment.id}/survey`);
    expect(await page.isVisible('form.survey')).toBe(true);
    await fitsThePhone(page);
    for (const q of ['q1-5', 'q2-4', 'q3-4', 'q4-5', 'q5-4']) await page.check(`#${q}`);
    await navigateBy(page, () => page.click('form.survey button[type=submit]'));
    expect(await page.textContent('#offline-status')).toContain('төхөөрөмжид');
    expect(await app.db.query(`SELECT 1 FROM evaluation_responses WHERE enrollment_id = $1`, [enrolment.id])).toEqual(
      [],
    );

    // Online again: the lessons and the survey go out together; the course completes and the sheet is kept.
    await context.unroute('**/*');
    await context.setOffline(false);
    await page.goto(`/learn/${enrolment.id}`);
    const kept = await until(async () => {
      const rows = await app.db.query(`SELECT channel, answers FROM evaluation_responses WHERE enrollment_id = $1`, [
        enrolment.id,
      ]);
      return rows.length ? rows : undefined;
    }, 30000);
    expect(kept).toEqual([
      { channel: 'offline', answers: { relevant: 5, clear: 4, trainer: 4, will_apply: 5, recommend: 4 } },
    ]);
  });

  it('shows HR a course’s results on a phone, nothing of a group under five, with and without JavaScript', async () => {
    const app = t!;
    const trainer = await createUser(app.db, { roles: ['trainer'], agency: 'civil-service-council' });
    const trainerToken = await tokenFor(app, trainer.email);
    const courseId = (
      await app
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainerToken))
        .send(courseBody({ title: 'Үнэлгээний жишээ сургалт' }))
    ).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainerToken));
    for (let i = 0; i < 6; i++) {
      const learner = await createUser(app.db, { agency: i < 5 ? 'ministry-finance' : 'tax-general-department' });
      const token = await tokenFor(app, learner.email);
      const enrolment = (await app.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
      const detail = (await app.http().get(`/api/v1/enrollments/${enrolment.id}`).set(bearer(token))).body;
      for (const l of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
        await app.http().post(`/api/v1/enrollments/${enrolment.id}/lessons/${l.id}/complete`).set(bearer(token));
      const answers = { relevant: 4, clear: 5, trainer: 4, will_apply: 4, recommend: 5, comment: `Санал ${i + 1}` };
      expect(
        (
          await app
            .http()
            .post(`/api/v1/enrollments/${enrolment.id}/reaction-survey`)
            .set(bearer(token))
            .send({ answers })
        ).status,
      ).toBe(201);
    }
    const hr = await createUser(app.db, { roles: ['hr_officer'], agency: 'ministry-finance' });

    const plain = await signedIn(hr.email, `/evaluation/results?course=${courseId}`, false);
    await fitsThePhone(plain);
    expect(await plain.textContent('#survey-1')).toContain('Хариулсан: 6');
    expect(await plain.textContent('#survey-1')).toContain('Санал 6');
    // Six in all, but the tax department's one answer is not shown on its own (nor the rest, which would give it away).
    expect(await plain.textContent('#survey-1')).not.toContain('Татварын ерөнхий газар');
    expect(await plain.textContent('#survey-2')).toContain('цөөн');

    const scripted = await signedIn(hr.email, `/evaluation/results?course=${courseId}`, true);
    await fitsThePhone(scripted);
    expect(await axeViolations(scripted)).toEqual([]);
    await scripted.selectOption('#results-course', courseId);
    await navigateBy(scripted, () => scripted.click('form[action="/evaluation/results"] button[type=submit]'));
    expect(await scripted.textContent('h1')).toBe('Сургалтын үнэлгээний үр дүн');

    // The trainer's page of the course's own questions, on a phone.
    const questionsPage = await signedIn(trainer.email, `/author/courses/${courseId}/evaluation`, true);
    await fitsThePhone(questionsPage);
    expect(await axeViolations(questionsPage)).toEqual([]);

    // The trainer types a paper sheet of their session on a phone: the page fits and is axe clean.
    const session = (
      await app
        .http()
        .post('/api/v1/sessions')
        .set(bearer(trainerToken))
        .send({
          courseId,
          agencyId: (await app.db.query(`SELECT id FROM agencies WHERE code = 'ministry-finance'`))[0].id,
          place: 'Сумын танхим',
          startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
          endsAt: new Date(Date.now() + 28 * 3600_000).toISOString(),
          capacity: 20,
        })
    ).body;
    await app.db.query(
      `UPDATE training_sessions SET starts_at = now() - interval '1 day', ends_at = now() - interval '20 hours' WHERE id = $1`,
      [session.id],
    );
    const typing = await signedIn(trainer.email, `/sessions/${session.id}/paper-surveys`, true);
    await fitsThePhone(typing);
    expect(await axeViolations(typing)).toEqual([]);
    await typing.check('#q1-4');
    await navigateBy(typing, () => typing.click('form.survey button[type=submit]'));
    expect(await typing.textContent('[role=status]')).toContain('1-р хуудсыг хадгаллаа');
    expect(await typing.inputValue('#sheet-number')).toBe('2');

    // A learner is not shown the page.
    const learnerPage = await signedIn((await createUser(app.db, {})).email, '/', false);
    const response = await learnerPage.goto('/evaluation/results');
    expect(response?.status()).toBe(403);
  });
});
