// The HR dashboard as an HR officer uses it on a 320-pixel phone without JavaScript: figures and
// charts, a sub-agency drilled into, the staff list filtered to who is overdue, and the public open
// data page — each page without sideways scrolling and without serious accessibility problems.
import { readFileSync } from 'node:fs';
import { MetricsService } from '@chadavkhi/accountability';
import { axeViolations, fitsThePhone, navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { until } from '../support/until';

describe('HR dashboard, in a browser', () => {
  const suite = appWithBrowser({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });

  it('shows figures and charts, drills down, filters the staff list, on a phone without JavaScript', async () => {
    const app = suite.app;
    const hr = await createUser(app.db, {
      roles: ['hr_officer'],
      agency: 'ministry-finance',
      name: 'Хүний нөөцийн Ажилтан',
    });
    const staff = await Promise.all(
      ['Батын Сараа', 'Доржийн Тэмүүлэн', 'Ганбатын Ану', 'Очирын Болд', 'Сүхийн Номин'].map((name) =>
        createUser(app.db, { agency: 'tax-general-department', name }),
      ),
    );
    const trainer = await tokenFor(app, (await createUser(app.db, { roles: ['trainer'] })).email);
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const finance = await agencyByCode(app.db, 'ministry-finance');
    const assignment = await app
      .http()
      .post('/api/v1/assignments')
      .set(bearer(await tokenFor(app, hr.email)))
      .send({ courseId, target: { agencyId: finance.id }, due: { daysAfterJoining: 30 } });
    expect(assignment.status).toBe(201);
    await until(
      async () =>
        (
          await app.db.query(`SELECT count(*)::int AS n FROM assignment_users WHERE assignment_id = $1`, [
            assignment.body.id,
          ])
        )[0].n >= staff.length || undefined,
    );
    await app.db.query(`UPDATE assignment_users SET due_on = current_date - 3 WHERE user_id = $1`, [staff[0].id]);
    // Her HR record: a registration number, a Latin name, a supervisor, and an earlier placement.
    await app.db.query(
      `UPDATE users SET registration_number = 'УБ99061512', name_latin = 'Batyn Saraa', supervisor_id = $2, joined_service_on = '2015-03-02' WHERE id = $1`,
      [staff[0].id, staff[1].id],
    );
    const treasury = await agencyByCode(app.db, 'ministry-finance-treasury');
    await app.db.query(`UPDATE user_placements SET valid_from = '2021-07-01' WHERE user_id = $1`, [staff[0].id]);
    await app.db.query(
      `INSERT INTO user_placements (user_id, agency_id, position_id, valid_from, valid_to) SELECT $1, $2, position_id, '2019-01-15', '2021-07-01' FROM users WHERE id = $1`,
      [staff[0].id, treasury.id],
    );
    await app.app.get(MetricsService).recomputeAll();

    for (const javaScriptEnabled of [false, true]) {
      const context = await suite.browser.newContext({
        baseURL: app.url,
        ...PHONE_320,
        javaScriptEnabled,
        locale: 'mn-MN',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      await signInThroughForm(page, hr.email, '/hr');
      expect(new URL(page.url()).pathname).toBe(`/hr/agencies/${finance.id}`);
      expect(await page.textContent('h1')).toBe('Сангийн яам');
      expect(await page.locator('svg.chart[role=img]').count()).toBe(1);
      expect(await page.locator('#chart-overdue li').count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('table.quality tbody tr').count()).toBe(4);
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      // Drill into the sub-agency with the overdue person, then to who is overdue there.
      await navigateBy(page, () => page.click('#chart-overdue a'));
      expect(await page.textContent('h1')).toContain('Татварын ерөнхий газар');
      await navigateBy(page, () => page.click('a[href$="/staff?status=overdue"]'));
      expect(await page.locator('table.staff tbody tr').count()).toBe(1);
      expect(await page.textContent('table.staff tbody')).toContain('Батын Сараа');
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      // The export is a button (a form carrying the CSRF token); an image of the same address exports nothing.
      const exports = async () =>
        (await app.db.query(`SELECT count(*)::int AS n FROM audit_log_entries WHERE action = 'staff.export'`))[0]
          .n as number;
      const before = await exports();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('form[action*="staff.csv"] button'),
      ]);
      expect(download.suggestedFilename()).toMatch(/^staff-.+\.csv$/);
      expect(readFileSync((await download.path())!, 'utf8')).toContain('Батын Сараа');
      expect(await exports()).toBe(before + 1);
      if (javaScriptEnabled) {
        const csvAddress = (await page.getAttribute('form[action*="staff.csv"]', 'action'))!;
        const image = await page.evaluate(
          `new Promise((resolve) => Object.assign(new Image(), { onload: () => resolve('loaded'), onerror: () => resolve('refused'), src: ${JSON.stringify(csvAddress)} }))`,
        );
        expect(image).toBe('refused');
        expect(await exports()).toBe(before + 1);
      }

      // Choose a filter with the form: everyone still due.
      await page.selectOption('#f-status', 'due');
      await navigateBy(page, () => page.click('form.filters button[type=submit]'));
      expect(await page.locator('table.staff tbody tr').count()).toBe(staff.length - 1);

      // Found by registration number as typed (lower case, a space), then her record and history.
      await page.goto(`/hr/agencies/${finance.id}/staff`);
      await page.fill('#f-number', 'уб 99061512');
      await navigateBy(page, () => page.click('form.filters button[type=submit]'));
      expect(await page.locator('table.staff tbody tr').count()).toBe(1);
      expect(await page.textContent('table.staff tbody')).toContain('УБ99061512');
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      // One person's record, position history and competency profile, then the assignments page with its form.
      await page.goto(`/hr/agencies/${finance.id}/staff?status=overdue`);
      await navigateBy(page, () => page.click('table.staff tbody a'));
      expect(await page.textContent('h1')).toBe('Батын Сараа');
      expect(await page.textContent('#record-h + dl')).toContain('Batyn Saraa');
      expect(await page.locator('section[aria-labelledby=history-h] tbody tr').count()).toBe(2);
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      await page.goto('/hr/assignments');
      expect(await page.locator('#as-courseId option').count()).toBeGreaterThanOrEqual(2);
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

      await page.goto('/open-data?lang=en');
      expect(await page.textContent('h1')).toContain('Open data');
      await fitsThePhone(page);
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
