// Face-to-face sessions as trainers and learners use them on a 320-pixel phone without JavaScript:
// scheduling from the course editor's sessions page, registering from the course page, and the
// attendance form — each page without sideways scrolling and without serious accessibility problems.
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, TEST_PASSWORD } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

/** A datetime-local value in Ulaanbaatar time (+08:00 all year), hours from now. */
const ubLocal = (hoursFromNow: number) =>
  new Date(Date.now() + (8 + hoursFromNow) * 3600 * 1000).toISOString().slice(0, 16);

describe('face-to-face sessions, in a browser', () => {
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

  /** axe needs JavaScript: the same page, with the same session, in a context that runs it. */
  async function accessibilityOf(page: Page): Promise<string[]> {
    const context = await browser!.newContext({
      baseURL: t!.url,
      ...PHONE_320,
      javaScriptEnabled: true,
      locale: 'mn-MN',
    });
    await context.addCookies(await page.context().cookies());
    const checked = await context.newPage();
    await checked.goto(page.url());
    const violations = await axeViolations(checked);
    await context.close();
    return violations;
  }

  async function signedIn(email: string, path: string): Promise<Page> {
    const context = await browser!.newContext({
      baseURL: t!.url,
      ...PHONE_320,
      javaScriptEnabled: false,
      locale: 'mn-MN',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(path);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await navigateBy(page, () => page.click('button[type=submit].primary'));
    return page;
  }

  it('schedules, registers and records attendance with plain forms', async () => {
    const app = t!;
    const trainer = await createUser(app.db, {
      roles: ['trainer'],
      agency: 'civil-service-council',
      name: 'Сургагч Багш',
    });
    const learner = await createUser(app.db, {
      roles: ['learner'],
      agency: 'aimag-arkhangai-tariat',
      name: 'Тариатын Суралцагч',
    });
    const token = await tokenFor(app, trainer.email);
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(token)).send(courseBody())).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(token));

    const author = await signedIn(trainer.email, `/author/courses/${courseId}`);
    expect(await author.textContent('#sessions')).toContain('Танхимын сургалт');
    await navigateBy(author, () => author.click(`#sessions a[href="/author/courses/${courseId}/sessions"]`));
    await fitsThePhone(author);
    expect(await accessibilityOf(author)).toEqual([]);
    await author.fill('#ss-place', 'Сумын ЗДТГ, хурлын танхим');
    await author.selectOption('#ss-agencyId', (await agencyByCode(app.db, 'aimag-arkhangai-tariat')).id);
    await author.fill('#ss-startsAt', ubLocal(-1));
    await author.fill('#ss-endsAt', ubLocal(3));
    await author.fill('#ss-capacity', '20');
    await navigateBy(author, () => author.click('#schedule button[type=submit]'));
    expect(new URL(author.url()).pathname).toMatch(/^\/author\/sessions\/[0-9a-f-]{36}$/);
    expect(await author.textContent('[role=status]')).toContain('товлогдлоо');
    const sessionPath = new URL(author.url()).pathname;

    const reader = await signedIn(learner.email, `/courses/${courseId}`);
    await fitsThePhone(reader);
    expect(await accessibilityOf(reader)).toEqual([]);
    await navigateBy(reader, () => reader.click('#sessions button[type=submit]'));
    expect(await reader.textContent('#sessions')).toContain('Та суудалтай.');

    await author.goto(sessionPath);
    await fitsThePhone(author);
    expect(await accessibilityOf(author)).toEqual([]);
    await author.check(`#present-${learner.id}`);
    await navigateBy(author, () => author.click('#attendance form[action$="/attendance"] button[type=submit]'));
    expect(await author.textContent('#result')).toContain('1 хүн одоо сургалтаа дуусгалаа');
    await fitsThePhone(author);
  });
});
