// Connected HR systems as an HR officer manages them on a 320-pixel phone, with and without
// JavaScript: connect a system and copy its token (shown once), then revoke it; every page fits the
// phone and has no serious accessibility problems.
import { axeViolations, fitsThePhone, navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { createUser } from '../support/factories';

describe('connected HR systems, in a browser', () => {
  const suite = appWithBrowser();

  it('connects a system, shows its token once, and revokes it, on a phone with and without JavaScript', async () => {
    const app = suite.app;
    for (const [javaScriptEnabled, locale, words] of [
      [false, 'mn-MN', { connect: 'Холбож, токеныг харуулах', revoked: 'Цуцаллаа' }],
      [true, 'en-GB', { connect: 'Connect and show the token', revoked: 'Revoked' }],
    ] as const) {
      const hr = await createUser(app.db, { roles: ['hr_officer', 'learner'], agency: 'ministry-finance' });
      const context = await suite.browser.newContext({ baseURL: app.url, ...PHONE_320, javaScriptEnabled, locale });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      await signInThroughForm(page, hr.email, '/hr/connections');
      if (locale === 'en-GB') await navigateBy(page, () => page.click('a[lang=en]'));
      expect(new URL(page.url()).pathname).toBe('/hr/connections');
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      // A name too short is refused beside the field, the form kept.
      await page.fill('#new-name', 'x');
      await navigateBy(page, () => page.click(`button:has-text("${words.connect}")`));
      expect(await page.getAttribute('#new-name', 'aria-invalid')).toBe('true');
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      const name = `Payroll ${locale}`;
      await page.fill('#new-name', name);
      await navigateBy(page, () => page.click(`button:has-text("${words.connect}")`));
      const token = await page.inputValue('#token');
      expect(token).toMatch(/^chs_[A-Za-z0-9_-]{43}$/);
      expect(await page.textContent('table')).toContain(name);
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      // Shown once: the list never shows it again.
      await navigateBy(page, () => page.goto('/hr/connections'));
      expect(await page.content()).not.toContain(token);
      expect(await page.locator('#token').count()).toBe(0);

      await navigateBy(page, () => page.click(`tr:has-text("${name}") button.danger`));
      expect(await page.textContent('[role=status]')).toContain(words.revoked);
      expect(await page.locator(`tr:has-text("${name}") button.danger`).count()).toBe(0);
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
