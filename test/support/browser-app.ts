// The pair every browser spec needs: the test app listening on a port and one Chromium, started at
// once in beforeAll and both closed in afterAll (whichever started, even if the other failed); and
// a person signed in on the 320-pixel phone, the way the form pages are checked.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from './browser';
import { TEST_PASSWORD } from './factories';
import { startTestApp, TestApp } from './test-app';

export function appWithBrowser(overrides: Record<string, string | number | boolean> = {}): {
  readonly app: TestApp;
  readonly browser: Browser;
} {
  const started: { app?: TestApp; browser?: Browser } = {};
  beforeAll(async () => {
    const results = await Promise.allSettled([
      startTestApp(overrides, { listen: true }).then((a) => (started.app = a)),
      launchBrowser().then((b) => (started.browser = b)),
    ]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.app?.close();
  });
  return {
    get app() {
      return started.app!;
    },
    get browser() {
      return started.browser!;
    },
  };
}

/** Signs in through the form on /signin (or on the page a protected address sent the browser to). */
export async function signInThroughForm(page: Page, email: string, from = '/signin'): Promise<void> {
  await page.goto(from);
  await page.fill('#email', email);
  await page.fill('#password', TEST_PASSWORD);
  await navigateBy(page, () => page.click('button[type=submit].primary'));
}

/** The two ways a form page is checked on the phone: without JavaScript in Mongolian, with it in English. */
export const PHONE_WAYS = [
  { javaScriptEnabled: false, lang: 'mn' },
  { javaScriptEnabled: true, lang: 'en' },
] as const;
export type PhoneWay = (typeof PHONE_WAYS)[number];

export interface SignedInPhone {
  context: BrowserContext;
  page: Page;
  /** The page as it is now fits the phone, and (with JavaScript, where axe runs) has no serious axe violation. */
  check(): Promise<void>;
}

/**
 * A new browser context on the 320-pixel phone, with or without JavaScript, in the way's language,
 * signed in through the form that `path` sends to, and on `path`. The caller closes the context.
 */
export async function signedInOnPhone(
  suite: { readonly app: TestApp; readonly browser: Browser },
  email: string,
  path: string,
  way: PhoneWay,
): Promise<SignedInPhone> {
  const { app, browser } = suite;
  const context = await browser.newContext({
    baseURL: app.url,
    ...PHONE_320,
    javaScriptEnabled: way.javaScriptEnabled,
    locale: way.lang === 'mn' ? 'mn-MN' : 'en-GB',
  });
  // The language a person chose with the switch at the top (a cookie) holds across the form posts.
  await context.addCookies([{ name: 'chadavkhi_lang', value: way.lang, url: app.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signInThroughForm(page, email, path);
  await page.goto(path);
  const check = async () => {
    await fitsThePhone(page);
    if (way.javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
  };
  return { context, page, check };
}
