// Staff import as an HR officer does it on a 320-pixel phone, with and without JavaScript, in
// Mongolian and English: choose the agency and the file, read the preview (counts as bars, refused
// rows with their line), confirm, and see the result — each page fitting the phone, axe clean.
import { fitsThePhone, navigateBy } from '../support/browser';
import { appWithBrowser, PHONE_WAYS, signedInOnPhone } from '../support/browser-app';
import { createUser } from '../support/factories';
import { staffCsv, staffRow } from '../support/staff-files';

describe('staff import, in a browser', () => {
  const suite = appWithBrowser({ RUN_WORKERS: false });

  it('previews a file, shows refused rows, applies a good one — on a phone, with and without JavaScript, mn and en', async () => {
    const app = suite.app;
    const hr = await createUser(app.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
    const [audit] = await app.db.query(`SELECT id FROM agencies WHERE code = 'tax-audit-department'`);
    for (const way of PHONE_WAYS) {
      const { lang } = way;
      const { context, page, check } = await signedInOnPhone(suite, hr.email, `/hr/staff-import?lang=${lang}`, way);
      expect(await page.textContent('h1')).toBe(lang === 'mn' ? 'Албан хаагчдыг оруулах' : 'Import staff');
      await check();

      // A file with a refused row: the preview lists it with its line, and offers no way to apply.
      const good = [staffRow(), staffRow()];
      const bad = staffRow({ registration_number: 'AB12345678' });
      await page.selectOption('#si-agency', audit.id);
      await page.setInputFiles('#si-file', {
        name: 'staff.csv',
        mimeType: 'text/csv',
        buffer: staffCsv([...good, bad]),
      });
      await navigateBy(page, () => page.click('form[action="/hr/staff-import"] button[type=submit]'));
      expect(new URL(page.url()).pathname).toMatch(/^\/hr\/staff-imports\/[0-9a-f-]{36}$/);
      expect(await page.locator('#problems tbody tr').count()).toBe(1);
      expect(await page.textContent('#problems tbody')).toContain('4');
      expect(await page.locator('form[action$="/apply"]').count()).toBe(0);
      expect(await page.locator('#import-counts li').count()).toBe(7);
      await check();

      // The corrected file: preview, confirm, done.
      await page.goto(`/hr/staff-import?lang=${lang}`);
      await page.selectOption('#si-agency', audit.id);
      await page.setInputFiles('#si-file', { name: 'staff.csv', mimeType: 'text/csv', buffer: staffCsv(good) });
      await navigateBy(page, () => page.click('form[action="/hr/staff-import"] button[type=submit]'));
      expect(await page.locator('#changes tbody tr').count()).toBe(2);
      await fitsThePhone(page);
      await navigateBy(page, () => page.click('form[action$="/apply"] button[type=submit]'));
      expect(await page.textContent('p.notice')).toBe(
        lang === 'mn' ? 'Боллоо: доорх өөрчлөлтүүдийг хийлээ.' : 'Done: the changes below have been made.',
      );
      const created = await app.db.query(`SELECT count(*)::int AS n FROM users WHERE registration_number = ANY($1)`, [
        good.map((g) => g.registration_number),
      ]);
      expect(created[0].n).toBe(2);
      await check();

      // A file that is not UTF-8 comes back to the form with the reason, nothing kept.
      await page.goto(`/hr/staff-import?lang=${lang}`);
      await page.setInputFiles('#si-file', {
        name: 'staff.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([0x72, 0x65, 0x67, 0x0a, 0xc4, 0xee, 0xf0, 0xe6, 0x0a]),
      });
      await navigateBy(page, () => page.click('form[action="/hr/staff-import"] button[type=submit]'));
      expect(await page.textContent('[role=alert]')).toContain('UTF-8');
      await context.close();
    }
  });
});
