// Chromium for the browser tests: Debian's `chromium` (or CHROMIUM_PATH) driven by playwright-core,
// plus an axe-core check that reports what to fix.
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** One headless Chromium; the caller closes it. Missing Chromium is an error, never a skipped test. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's chromium (\`apt-get install chromium\`) or set CHROMIUM_PATH to a Chromium executable.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * axe-core violations of the given impacts on the page, one readable line each
 * ("rule (impact): help — selector, selector [url]"), so `expect(...).toEqual([])` shows what to fix.
 * Legacy mode runs axe in the page itself instead of opening a blank page to merge frame results;
 * our pages have no iframes, and it is about twice as fast.
 */
export async function axeViolations(page: Page, impacts: string[] = ['serious', 'critical']): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
  return violations
    .filter((v) => v.impact && impacts.includes(v.impact))
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')} [${page.url()}]`,
    );
}

/** A 320-pixel phone: the narrowest screen the pages must fit without sideways scrolling. */
export const PHONE_320 = {
  viewport: { width: 320, height: 640 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** The page fits its viewport's width: nothing to scroll sideways (the 320-pixel phone). */
export async function fitsThePhone(page: Page): Promise<void> {
  const [scrollWidth, innerWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  )) as [number, number];
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/**
 * Runs an action that navigates and waits until the new document has loaded. Waiting for the main
 * frame to commit (not for a URL) matters when the URL stays the same: /signin after a failed
 * attempt, / after switching language.
 */
export async function navigateBy(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    action(),
  ]);
  await page.waitForLoadState();
}
