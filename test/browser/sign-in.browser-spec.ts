// Signing in as a person would: in Chromium, in Mongolian and English, on a phone without
// JavaScript, with axe-core checking the pages for serious accessibility problems.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { agencyByCode, createUser, TEST_PASSWORD, type TestUser } from '../support/factories';
import { tokenFor } from '../support/http';
import { axeViolations, launchBrowser, navigateBy } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const SESSION_COOKIE = 'chadavkhi_session';
const SUBMIT = { mn: 'Нэвтрэх', en: 'Sign in' } as const;

describe('sign in, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let hr: TestUser;
  let learner: TestUser;
  let learnerAgencyMn: string;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // Start both at once; whichever succeeds is still closed in afterAll if the other fails.
    const started = await Promise.allSettled([
      startTestApp({}, { listen: true }).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const app = t!;
    [hr, learner] = await Promise.all([
      createUser(app.db, {
        roles: ['hr_officer', 'learner'],
        agency: 'ministry-finance',
        name: 'Должинсүрэнгийн Энхтуяа',
      }),
      createUser(app.db, { roles: ['learner'], agency: 'tax-general-department', name: 'Батбаярын Оюунчимэг' }),
    ]);
    learnerAgencyMn = (await agencyByCode(app.db, 'tax-general-department')).nameMn;
  });

  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const url = (path = '/') => `${t!.url}${path}`;

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser!.newContext({ baseURL: t!.url, ...options });
    contexts.push(context);
    return context.newPage();
  }

  /** Fills the form and presses the button; resolves with the response to the form post once the next page has loaded. */
  async function submitSignIn(page: Page, email: string, password: string, lang: 'mn' | 'en' = 'mn') {
    await page.fill('#email', email);
    await page.fill('#password', password);
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signin',
    );
    await navigateBy(page, () => page.getByRole('button', { name: SUBMIT[lang], exact: true }).click());
    return posted;
  }

  /** A page already signed in as the user (session cookie from the API), showing the home page. */
  async function signedInPage(user: TestUser): Promise<Page> {
    const page = await newPage();
    await page
      .context()
      .addCookies([
        { name: SESSION_COOKIE, value: await tokenFor(t!, user.email), url: url('/'), httpOnly: true, sameSite: 'Lax' },
      ]);
    await page.goto('/');
    expect(page.url()).toBe(url('/'));
    return page;
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const htmlLang = (page: Page) => page.getAttribute('html', 'lang');

  it('sends a visitor from / to the sign-in page, in Mongolian by default', async () => {
    const page = await newPage();
    await page.goto('/');
    expect(page.url()).toBe(url('/signin'));
    expect(await htmlLang(page)).toBe('mn');
    expect(await heading(page)).toBe('Нэвтрэх');
    expect(await page.getByLabel('Имэйл хаяг').count()).toBe(1);
    expect(await page.getByLabel('Нууц үг').count()).toBe(1);
  });

  it('shows an error for a wrong password and keeps the typed email', async () => {
    const page = await newPage();
    await page.goto('/signin');
    const response = await submitSignIn(page, learner.email, 'not-the-password');
    expect(response.status()).toBe(401);
    expect(page.url()).toBe(url('/signin'));
    expect(await page.getByRole('alert').innerText()).toBe('Имэйл эсвэл нууц үг буруу байна.');
    expect(await page.inputValue('#email')).toBe(learner.email);
    expect(await page.inputValue('#password')).toBe('');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
  });

  it('signs in with the right password to a greeting, with an httpOnly SameSite=Lax session cookie', async () => {
    const page = await newPage();
    await page.goto('/signin');
    const response = await submitSignIn(page, hr.email, TEST_PASSWORD);
    expect(response.status()).toBe(303);
    expect(page.url()).toBe(url('/'));
    expect(await heading(page)).toBe(`Сайн байна уу, ${hr.name}`);
    const session = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(session).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Lax', path: '/' }));
    expect(session!.value).not.toBe('');
  });

  it('shows an HR officer the staff of their sub-agencies', async () => {
    const page = await signedInPage(hr);
    const staff = page.getByRole('table');
    expect(await staff.getByRole('columnheader').allInnerTexts()).toEqual(['Нэр', 'Байгууллага', 'Албан тушаал']);
    const row = staff.getByRole('row').filter({ hasText: learner.name });
    expect(await row.count()).toBe(1);
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([learner.name, learnerAgencyMn, expect.any(String)]);
  });

  it('switches to English with the language link', async () => {
    const page = await signedInPage(hr);
    await navigateBy(page, () => page.getByRole('link', { name: 'English', exact: true }).click());
    expect(page.url()).toBe(url('/'));
    expect(await htmlLang(page)).toBe('en');
    expect(await heading(page)).toBe(`Hello, ${hr.name}`);
    expect(await page.getByRole('link', { name: 'English', exact: true }).getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
  });

  it('signs out to the sign-in page with a notice, after which / needs signing in again', async () => {
    const page = await signedInPage(hr);
    await navigateBy(page, () => page.getByRole('button', { name: 'Гарах', exact: true }).click());
    expect(page.url()).toBe(url('/signin?signedOut=1'));
    expect(await heading(page)).toBe('Нэвтрэх');
    expect(await page.getByRole('status').innerText()).toBe('Та системээс гарлаа.');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await page.goto('/');
    expect(page.url()).toBe(url('/signin'));
  });

  it('works on a phone without JavaScript, with no sideways scrolling', async () => {
    const page = await newPage({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 3,
    });
    const overflow = async () => {
      const [scrollWidth, innerWidth] = (await page.evaluate(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      )) as [number, number];
      return { path: new URL(page.url()).pathname, scrollWidth, fits: scrollWidth <= innerWidth };
    };
    await page.goto('/');
    expect(page.url()).toBe(url('/signin'));
    expect(await overflow()).toEqual(expect.objectContaining({ path: '/signin', fits: true }));
    const response = await submitSignIn(page, hr.email, TEST_PASSWORD);
    expect(response.status()).toBe(303);
    expect(page.url()).toBe(url('/'));
    expect(await heading(page)).toBe(`Сайн байна уу, ${hr.name}`);
    expect(await page.getByRole('cell', { name: learner.name, exact: true }).count()).toBe(1);
    expect(await overflow()).toEqual(expect.objectContaining({ path: '/', fits: true }));
  });

  it.each(['mn', 'en'] as const)(
    'has no serious or critical axe violations on sign-in and home pages (%s)',
    async (lang) => {
      const page = await newPage();
      const found: string[] = [];
      await page.goto(`/lang/${lang}?next=/signin`);
      expect(page.url()).toBe(url('/signin'));
      expect(await htmlLang(page)).toBe(lang);
      found.push(...(await axeViolations(page)));

      const response = await submitSignIn(page, hr.email, 'not-the-password', lang);
      expect(response.status()).toBe(401);
      expect(await page.getByRole('alert').count()).toBe(1);
      found.push(...(await axeViolations(page)));

      await submitSignIn(page, hr.email, TEST_PASSWORD, lang);
      expect(page.url()).toBe(url('/'));
      expect(await htmlLang(page)).toBe(lang);
      expect(await page.getByRole('table').count()).toBe(1);
      found.push(...(await axeViolations(page)));

      expect(found).toEqual([]);
    },
  );
  it('leads from "forgot your password?" to a notice, and to the account page, with no serious accessibility problems', async () => {
    for (const lang of ['mn', 'en'] as const) {
      const found: string[] = [];
      const page = await newPage();
      await page.goto(`/lang/${lang}?next=/signin`);
      await navigateBy(page, () =>
        page.getByRole('link', { name: lang === 'mn' ? 'Нууц үгээ мартсан уу?' : 'Forgot your password?' }).click(),
      );
      expect(page.url()).toBe(url('/password/forgot'));
      found.push(...(await axeViolations(page)));
      await page.fill('#email', learner.email);
      await navigateBy(page, () =>
        page.getByRole('button', { name: lang === 'mn' ? 'Холбоос илгээх' : 'Send the link' }).click(),
      );
      expect(await page.getByRole('status').innerText()).toMatch(
        lang === 'mn' ? /холбоос илгээгдлээ/ : /link to choose a new password is on its way/,
      );
      found.push(...(await axeViolations(page)));

      const account = await signedInPage(learner);
      await account.goto(`/lang/${lang}?next=/account`);
      expect(await heading(account)).toBe(lang === 'mn' ? 'Миний бүртгэл' : 'My account');
      expect(await account.getByLabel(lang === 'mn' ? 'Одоогийн нууц үг' : 'Current password').count()).toBe(1);
      found.push(...(await axeViolations(account)));
      expect(found).toEqual([]);
    }
  });
});
