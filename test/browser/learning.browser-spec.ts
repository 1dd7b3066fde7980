// A tax inspector on a 320-pixel phone with JavaScript off finds a course, enrols, reads every
// lesson and completes it; a trainer writes and publishes a lesson. axe checks every page on the way.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { axeViolations, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const SESSION_COOKIE = 'chadavkhi_session';
const PHONE = { ...PHONE_320, javaScriptEnabled: false };

describe('learning and authoring, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let learner: TestUser;
  let trainer: TestUser;
  let courseId: string;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const started = await Promise.allSettled([
      startTestApp({}, { listen: true }).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    [learner, trainer] = await Promise.all([
      createUser(t!.db, { roles: ['learner'], agency: 'tax-general-department', name: 'Мөнхбатын Билгүүн' }),
      createUser(t!.db, { roles: ['trainer', 'learner'], agency: 'civil-service-council', name: 'Ганболдын Тэмүүлэн' }),
    ]);
    const token = await tokenFor(t!, trainer.email);
    const body = courseBody({
      title: 'Ашиг сонирхлын зөрчлөөс урьдчилан сэргийлэх',
      titleEn: 'Preventing conflicts of interest',
    });
    courseId = (await t!.http().post('/api/v1/courses').set(bearer(token)).send(body)).body.id;
    expect((await t!.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(token))).status).toBe(201);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function pageFor(user: TestUser, lang: 'mn' | 'en' = 'mn', javaScriptEnabled = false): Promise<Page> {
    const context = await browser!.newContext({ baseURL: t!.url, ...PHONE, javaScriptEnabled });
    contexts.push(context);
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: await tokenFor(t!, user.email),
        url: `${t!.url}/`,
        httpOnly: true,
        sameSite: 'Lax',
      },
      { name: 'chadavkhi_lang', value: lang, url: `${t!.url}/`, httpOnly: true, sameSite: 'Lax' },
    ]);
    return context.newPage();
  }

  /**
   * Every page must fit 320 px without sideways scrolling. axe needs JavaScript in the page, so with
   * JavaScript off the page's address is kept and axe runs on it afterwards (see axeOnVisited).
   */
  async function check(page: Page, found: string[], visited: string[]): Promise<void> {
    const [scrollWidth, innerWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    if (scrollWidth > innerWidth)
      found.push(`${new URL(page.url()).pathname} is ${scrollWidth}px wide on a ${innerWidth}px screen`);
    visited.push(new URL(page.url()).pathname + new URL(page.url()).search);
  }

  /** Opens each visited page again in a phone with JavaScript on, as the same person, and runs axe. */
  async function axeOnVisited(user: TestUser, lang: 'mn' | 'en', visited: string[]): Promise<string[]> {
    const page = await pageFor(user, lang, true);
    const found: string[] = [];
    for (const path of visited) {
      await page.goto(path);
      found.push(...(await axeViolations(page)));
    }
    return found;
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  it.each(['mn', 'en'] as const)(
    'walks catalogue → enrol → every lesson → completed on a phone without JavaScript (%s)',
    async (lang) => {
      const person =
        lang === 'mn'
          ? learner
          : await createUser(t!.db, { roles: ['learner'], agency: 'aimag-khovsgol', name: 'Batbayar Oyunchimeg' });
      const page = await pageFor(person, lang);
      const found: string[] = [];
      const visited: string[] = [];
      const title = lang === 'mn' ? 'Ашиг сонирхлын зөрчлөөс урьдчилан сэргийлэх' : 'Preventing conflicts of interest';

      await page.goto('/');
      await check(page, found, visited);
      await navigateBy(page, () =>
        page
          .getByRole('navigation', { name: lang === 'mn' ? 'Үндсэн цэс' : 'Main menu' })
          .getByRole('link', { name: lang === 'mn' ? 'Сургалтууд' : 'Courses' })
          .click(),
      );
      expect(await heading(page)).toBe(lang === 'mn' ? 'Сургалтын жагсаалт' : 'Course catalogue');
      await check(page, found, visited);

      await page.fill('#q', lang === 'mn' ? 'ашиг сонирхл' : 'conflict');
      await navigateBy(page, () =>
        page.getByRole('button', { name: lang === 'mn' ? 'Хайх' : 'Search', exact: true }).click(),
      );
      await navigateBy(page, () => page.getByRole('link', { name: title }).click());
      expect(await heading(page)).toBe(title);
      await check(page, found, visited);

      await navigateBy(page, () =>
        page.getByRole('button', { name: lang === 'mn' ? 'Бүртгүүлэх' : 'Enrol', exact: true }).click(),
      );
      expect(new URL(page.url()).pathname).toMatch(/^\/learn\/[0-9a-f-]{36}$/);
      expect(await page.getByRole('status').innerText()).toBe(
        lang === 'mn' ? 'Та бүртгүүллээ. Эхний хичээлээс эхэлнэ үү.' : 'You are enrolled. Start with the first lesson.',
      );
      await check(page, found, visited);

      await navigateBy(page, () =>
        page.getByRole('link', { name: lang === 'mn' ? 'Эхлэх' : 'Start', exact: true }).click(),
      );
      const read: string[] = [];
      for (let i = 0; i < 5 && new URL(page.url()).pathname.includes('/lessons/'); i++) {
        read.push(await heading(page));
        await check(page, found, visited);
        const button = page.getByRole('button', { name: lang === 'mn' ? /^Үзсэн гэж тэмдэгл/ : /^Mark as done/ });
        await navigateBy(page, () => button.click());
      }
      expect(read).toEqual(['Танилцуулга', 'Нэмэлт унших', 'Жишээ']);
      expect(new URL(page.url()).search).toBe('?completed=1');
      expect(await page.getByRole('status').innerText()).toMatch(lang === 'mn' ? /^Баяр хүргэе!/ : /^Congratulations!/);
      expect(await page.locator('progress').getAttribute('value')).toBe('100');
      await check(page, found, visited);

      await page.goto('/');
      const item = page.locator('.learning-item').filter({ hasText: title });
      expect(await item.locator('progress').getAttribute('value')).toBe('100');
      found.push(...(await axeOnVisited(person, lang, visited)));
      expect(found).toEqual([]);
    },
  );

  it('takes the final quiz on a phone without JavaScript: answers, result and review', async () => {
    const token = await tokenFor(t!, trainer.email);
    const bank = {
      title: 'Ил тод байдал',
      questions: [
        {
          type: 'single',
          prompt: 'Шилэн дансны тухай хууль хэдэн онд батлагдсан бэ?',
          options: ['2011', '2014', '2019'],
          correct: 1,
          explanation: '2014 онд батлагдсан.',
        },
        {
          type: 'ordering',
          prompt: 'Мэдээлэл авах хүсэлтийн алхмыг дараалуул',
          options: ['Хүсэлт гаргах', 'Бүртгэх', 'Хариу өгөх'],
        },
        { type: 'numeric', prompt: 'Хариу өгөх хугацаа (ажлын өдөр)', correct: 7 },
      ],
    };
    const quiz = {
      title: 'Эцсийн шалгалт',
      passMarkPercent: 60,
      timeLimitMinutes: 15,
      maxAttempts: 3,
      reviewAfterSubmit: true,
      draws: [{ bank: '0', count: 3 }],
    };
    const id = (
      await t!
        .http()
        .post('/api/v1/courses')
        .set(bearer(token))
        .send(courseBody({ title: 'Ил тод байдлын шалгалт', questionBanks: [bank], quizzes: [quiz] }))
    ).body.id;
    expect((await t!.http().post(`/api/v1/courses/${id}/publish`).set(bearer(token))).status).toBe(201);
    const person = await createUser(t!.db, { roles: ['learner'], agency: 'aimag-khovsgol', name: 'Дорж Бат' });
    const page = await pageFor(person, 'mn');
    const found: string[] = [];
    const visited: string[] = [];

    await page.goto(`/courses/${id}`);
    await navigateBy(page, () => page.getByRole('button', { name: 'Бүртгүүлэх', exact: true }).click());
    await check(page, found, visited);
    await navigateBy(page, () => page.getByRole('button', { name: /^Шалгалт эхлэх/ }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/attempts\/[0-9a-f-]{36}$/);
    await check(page, found, visited);
    found.push(...(await axeOnVisited(person, 'mn', [new URL(page.url()).pathname]))); // the form, while it is open

    await page
      .getByRole('group', { name: /Шилэн дансны тухай/ })
      .getByLabel('2014')
      .check();
    const order = page.getByRole('group', { name: /дараалуул/ });
    for (const [i, text] of ['Хүсэлт гаргах', 'Бүртгэх', 'Хариу өгөх'].entries())
      await order.getByLabel(text).selectOption(String(i + 1));
    await page
      .getByRole('group', { name: /Хариу өгөх хугацаа/ })
      .getByRole('textbox')
      .fill('7');
    await navigateBy(page, () => page.getByRole('button', { name: 'Хариултаа илгээх' }).click());
    expect(await page.getByRole('status').innerText()).toContain('Тэнцлээ');
    expect(await page.getByRole('status').innerText()).toContain('100%');
    expect(await page.getByText('2014 онд батлагдсан.').count()).toBe(1);
    await check(page, found, visited);
    found.push(...(await axeOnVisited(person, 'mn', visited.slice(-1))));
    expect(found).toEqual([]);
  });

  it('lets a trainer add a lesson, preview it and publish, on a phone', async () => {
    const page = await pageFor(trainer, 'en', true);
    const found: string[] = [];
    const visited: string[] = [];
    await page.goto('/author');
    expect(await heading(page)).toBe('My courses');
    await check(page, found, visited);
    found.push(...(await axeViolations(page)));
    await page.fill('#new-title', 'Open government basics');
    await page.fill('#new-summary', 'What the Law on Information Transparency asks of every office.');
    await page.selectOption('#new-language', 'en');
    await page.fill('#new-estimatedMinutes', '20');
    await navigateBy(page, () => page.getByRole('button', { name: 'Create the draft' }).click());
    expect(await heading(page)).toBe('Open government basics');
    await check(page, found, visited);
    found.push(...(await axeViolations(page)));

    await page.fill('#add-module', 'Foundations');
    await navigateBy(page, () => page.getByRole('button', { name: 'Add module' }).click());
    await page.getByText('Add a lesson').click();
    await page.getByLabel('Lesson title').fill('Why openness matters');
    await navigateBy(page, () => page.getByRole('button', { name: 'Add and edit' }).click());
    expect(await heading(page)).toBe('Edit lesson: Why openness matters');
    await page.fill('#lesson-body', '## Openness\n\nPublic bodies **publish** what they decide.');
    await navigateBy(page, () => page.getByRole('button', { name: 'Preview', exact: true }).click());
    expect(await page.locator('#preview strong').innerText()).toBe('publish');
    await check(page, found, visited);
    found.push(...(await axeViolations(page)));
    await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
    expect(await page.getByRole('status').innerText()).toBe('Saved.');

    await navigateBy(page, () => page.getByRole('link', { name: '← Open government basics' }).click());
    await navigateBy(page, () => page.getByRole('button', { name: 'Publish a new version' }).click());
    expect(await page.getByRole('status').innerText()).toBe('Version 1 is published.');
    await check(page, found, visited);
    found.push(...(await axeViolations(page)));
    expect(found).toEqual([]);
  });
});
