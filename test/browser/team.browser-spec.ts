// My team on a 320-pixel phone, with and without JavaScript: a learner asks to attend from the
// course page, their supervisor declines one request with a reason and approves another from
// /team, and nominates a report from their page — each page without sideways scrolling and
// without serious accessibility problems.
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, TEST_PASSWORD } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const hour = 3600 * 1000;

describe('my team, in a browser', () => {
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

  it('asks, declines with a reason, approves and nominates with plain forms, with and without JavaScript', async () => {
    const app = t!;
    const trainer = await createUser(app.db, { roles: ['trainer'], agency: 'civil-service-council' });
    const boss = await createUser(app.db, { agency: 'ministry-finance', name: 'Даргын Болд' });
    const [ask, other] = await Promise.all(
      ['Асуугч Дорж', 'Бусад Сараа'].map((name) => createUser(app.db, { agency: 'ministry-finance', name })),
    );
    await app.db.query(`UPDATE users SET supervisor_id = $1 WHERE id = ANY($2::uuid[])`, [boss.id, [ask.id, other.id]]);
    await app.db.query(`UPDATE users SET registration_number = 'УБ99061512' WHERE id = $1`, [ask.id]);
    const token = await tokenFor(app, trainer.email);
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(token)).send(courseBody())).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(token));
    const sessionIds: string[] = [];
    for (const offset of [24, 48])
      sessionIds.push(
        (
          await app
            .http()
            .post('/api/v1/sessions')
            .set(bearer(token))
            .send({
              courseId,
              agencyId: (await agencyByCode(app.db, 'ministry-finance')).id,
              place: 'Сангийн яамны хурлын танхим',
              startsAt: new Date(Date.now() + offset * hour).toISOString(),
              endsAt: new Date(Date.now() + (offset + 4) * hour).toISOString(),
              capacity: 10,
            })
        ).body.id,
      );

    // The learner asks from the course page, without JavaScript.
    const learner = await signedIn(ask.email, `/courses/${courseId}`, false);
    expect(await learner.textContent('#sessions')).toContain('Шууд удирдлагаасаа суух зөвшөөрөл хүсэх');
    await navigateBy(learner, () =>
      learner.click(`#sessions form[action="/sessions/${sessionIds[0]}/register"] button`),
    );
    expect(await learner.textContent('#sessions')).toContain('шууд удирдлагад илгээлээ');
    await navigateBy(learner, () =>
      learner.click(`#sessions form[action="/sessions/${sessionIds[1]}/register"] button`),
    );
    await fitsThePhone(learner);

    // The supervisor, without JavaScript: declines the first with a reason.
    const plain = await signedIn(boss.email, '/', false);
    await navigateBy(plain, () => plain.click('#team a[href="/team"]'));
    await fitsThePhone(plain);
    expect(await plain.textContent('#members')).toContain('УБ******12');
    const first = `/team/requests/${sessionIds[0]}/${ask.id}`;
    await plain.fill(`#reason-${sessionIds[0]}-${ask.id}`, 'Тайлангийн ажил');
    await navigateBy(plain, () => plain.click(`form[action="${first}"] button.secondary`));
    expect(await plain.textContent('[role=status]')).toContain('Татгалзлаа');
    await fitsThePhone(plain);

    // With JavaScript: the page is axe clean, and approving works the same.
    const scripted = await signedIn(boss.email, '/team', true);
    await fitsThePhone(scripted);
    expect(await axeViolations(scripted)).toEqual([]);
    const second = `/team/requests/${sessionIds[1]}/${ask.id}`;
    await navigateBy(scripted, () =>
      scripted.click(`form[action="${second}"] input[value=approve] ~ button[type=submit]`),
    );
    expect(await scripted.textContent('[role=status]')).toContain('Зөвшөөрлөө');
    expect(await axeViolations(scripted)).toEqual([]);

    // A report's page: nominate, without JavaScript; axe clean with it.
    await plain.goto(`/team/${other.id}`);
    await fitsThePhone(plain);
    await plain.selectOption('#nominate-session', sessionIds[0]);
    await navigateBy(plain, () => plain.click('#nominate button[type=submit]'));
    expect(await plain.textContent('#nominate [role=status]')).toContain('Нэр дэвшүүллээ');
    await scripted.goto(`/team/${other.id}`);
    await fitsThePhone(scripted);
    expect(await axeViolations(scripted)).toEqual([]);

    await learner.goto(`/courses/${courseId}`);
    expect(await learner.textContent('#sessions')).toContain('Тайлангийн ажил');
    expect(await learner.textContent('#sessions')).toContain('Та суудалтай.');
  });
});
