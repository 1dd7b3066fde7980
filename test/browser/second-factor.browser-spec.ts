// Two-step sign-in as an HR officer does it on a 320-pixel phone, with and without JavaScript: the
// password, setting up the app from the secret shown on the page, the recovery codes, signing out,
// and signing in again with a code. axe-core checks each page (with JavaScript, which axe needs).
import type { Page } from 'playwright-core';
import { appWithBrowser } from '../support/browser-app';
import { axeViolations, fitsThePhone, navigateBy, PHONE_320 } from '../support/browser';
import { agencyByCode, createUser, TEST_PASSWORD, TestUser } from '../support/factories';
import { CodeSource } from '../support/totp';

describe('two-step sign-in, in a browser', () => {
  const suite = appWithBrowser({ SECOND_FACTOR_ROLES: 'admin,hr_officer' });

  async function check(page: Page, javaScriptEnabled: boolean): Promise<void> {
    await fitsThePhone(page);
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
  }

  async function password(page: Page, user: TestUser): Promise<void> {
    await page.goto('/signin');
    await page.fill('#email', user.email);
    await page.fill('#password', TEST_PASSWORD);
    await navigateBy(page, () => page.click('button[type=submit].primary'));
  }

  it('enrols an HR officer from the secret on the page, shows the recovery codes, and asks for a code at the next sign-in', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const hr = await createUser(suite.app.db, { roles: ['hr_officer', 'learner'] });
      const context = await suite.browser.newContext({ baseURL: suite.app.url, ...PHONE_320, javaScriptEnabled });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);

      await password(page, hr);
      expect(new URL(page.url()).pathname).toBe('/signin/second-factor/enrol');
      expect(await page.getAttribute('img.totp-qr', 'alt')).toBeTruthy();
      await check(page, javaScriptEnabled);
      const codes = new CodeSource((await page.textContent('#totp-secret'))!);
      await page.fill('#code', await codes.next());
      await navigateBy(page, () => page.click('button[type=submit].primary'));

      expect(await page.textContent('h1')).toBe('Таны сэргээх кодууд');
      expect(await page.locator('#recovery-codes li').count()).toBe(10);
      await check(page, javaScriptEnabled);
      await navigateBy(page, () => page.click('.codes-continue a'));
      expect(new URL(page.url()).pathname).toBe('/');

      await page.goto('/account/second-factor');
      expect(await page.getAttribute('[data-state]', 'data-state')).toBe('on');
      await check(page, javaScriptEnabled);

      await navigateBy(page, () => page.click('form.signout button'));
      expect(new URL(page.url()).pathname).toBe('/signin');
      await password(page, hr);
      expect(new URL(page.url()).pathname).toBe('/signin/second-factor');
      expect(await page.getAttribute('#code', 'autocomplete')).toBe('one-time-code');
      expect(await page.getAttribute('#code', 'inputmode')).toBe('numeric');
      await check(page, javaScriptEnabled);
      await page.fill('#code', await codes.next());
      await navigateBy(page, () => page.click('button[type=submit].primary'));
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('form.signout').count()).toBe(1);

      // The recovery-code form, reached by its link (no script needed).
      await navigateBy(page, () => page.click('form.signout button'));
      await password(page, hr);
      await navigateBy(page, () => page.click('a[href*="recovery=1"]'));
      expect(await page.locator('#recoveryCode').count()).toBe(1);
      await check(page, javaScriptEnabled);
      await context.close();
    }
  }, 180_000);

  it("switches an agency's password sign-in off on an administrator's phone", async () => {
    const admin = await createUser(suite.app.db, { roles: ['admin'] });
    const context = await suite.browser.newContext({ baseURL: suite.app.url, ...PHONE_320 });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await password(page, admin);
    const codes = new CodeSource((await page.textContent('#totp-secret'))!);
    await page.fill('#code', await codes.next());
    await navigateBy(page, () => page.click('button[type=submit].primary'));
    await navigateBy(page, () => page.click('.codes-continue a'));
    await navigateBy(page, () => page.click('a[href="/admin/sign-in"]'));
    await check(page, true);
    const agency = await agencyByCode(suite.app.db, 'tax-general-department');
    await navigateBy(page, () => page.click(`#agency-${agency.id} button`));
    expect(await page.textContent('.notice')).toContain('Хадгаллаа');
    expect(await page.getAttribute(`#agency-${agency.id} [data-state]`, 'data-state')).toBe('off');
    const below = await agencyByCode(suite.app.db, 'tax-audit-department');
    expect(await page.getAttribute(`#agency-${below.id} [data-state]`, 'data-state')).toBe('off-above');
    await check(page, true);
    await context.close();
  }, 60_000);
});
