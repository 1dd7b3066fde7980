// The pair every browser spec needs: the test app listening on a port and one Chromium, started at
// once in beforeAll and both closed in afterAll (whichever started, even if the other failed).
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, navigateBy } from './browser';
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
