// The training needs survey on a 320-pixel phone, with and without JavaScript: HR opens it from
// /hr/needs, a tax inspector finds it on their home page and rates themselves, their supervisor
// gives their view, and HR reads the report (chart, table, CSV) — without sideways scrolling or
// serious accessibility problems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { AccountabilityContentService, competencyFramework } from '@chadavkhi/accountability';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { agencyByCode, createUser, TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const content = join(__dirname, '..', '..', 'content');
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3600 * 1000 + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('the needs survey, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const started = await Promise.allSettled([
      startTestApp({}, { listen: true }).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    await t!.db.transaction(async (m) =>
      t!.app
        .get(AccountabilityContentService)
        .importCompetencies(
          m,
          competencyFramework(
            parse(readFileSync(join(content, 'competencies.yaml'), 'utf8')),
            parse(readFileSync(join(content, 'positions.yaml'), 'utf8')),
            [],
          ),
        ),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(email: string, path: string, javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser!.newContext({ baseURL: t!.url, ...PHONE_320, javaScriptEnabled, locale: 'mn-MN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(path);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await navigateBy(page, () => page.click('button[type=submit].primary'));
    return page;
  }

  async function checked(page: Page, javaScriptEnabled: boolean) {
    await fitsThePhone(page);
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
  }

  for (const javaScriptEnabled of [false, true]) {
    it(`is opened, answered and reported ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const app = t!;
      const code = javaScriptEnabled ? 'ministry-finance-budget-policy' : 'ministry-finance-treasury';
      const agency = (await agencyByCode(app.db, code)).id;
      const hr = await createUser(app.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
      const boss = await createUser(app.db, { agency: code, position: 'specialist', name: 'Дарга Болд' });
      const inspector = await createUser(app.db, { agency: code, position: 'tax-inspector', name: 'Байцаагч Сараа' });
      await app.db.query(`UPDATE users SET supervisor_id = $1 WHERE id = $2`, [boss.id, inspector.id]);

      const hrPage = await signedIn(hr.email, '/hr/needs', javaScriptEnabled);
      await checked(hrPage, javaScriptEnabled);
      await hrPage.selectOption('#ns-agencyId', agency);
      await hrPage.fill('#ns-year', '2027');
      await hrPage.fill('#ns-opensOn', day(-1));
      await hrPage.fill('#ns-closesOn', day(14));
      await navigateBy(hrPage, () => hrPage.click('#open-survey button[type=submit]'));
      expect(hrPage.url()).toMatch(/\/hr\/needs\/[0-9a-f-]{36}$/);
      const reportPath = new URL(hrPage.url()).pathname;

      const me = await signedIn(inspector.email, '/', javaScriptEnabled);
      await navigateBy(me, () => me.click('a[href="/needs"]'));
      await checked(me, javaScriptEnabled);
      const ethics = me.locator('select[name="level_ethics"]').first();
      await ethics.selectOption('1');
      await navigateBy(me, () => me.locator('form.needs-form button[type=submit]').first().click());
      expect(me.url()).toContain('notice=saved');
      expect(await me.locator('select[name="level_ethics"]').first().inputValue()).toBe('1');
      await checked(me, javaScriptEnabled);

      const supervisor = await signedIn(boss.email, '/needs', javaScriptEnabled);
      expect(await supervisor.textContent('main')).toContain('Байцаагч Сараа');
      await supervisor.locator('form.needs-form').nth(1).locator('select[name="level_ethics"]').selectOption('2');
      await navigateBy(supervisor, () => supervisor.locator('form.needs-form').nth(1).locator('button').click());
      expect(supervisor.url()).toContain('notice=saved');

      await navigateBy(hrPage, () => hrPage.goto(reportPath));
      await checked(hrPage, javaScriptEnabled);
      expect(await hrPage.isVisible('#needs-gaps')).toBe(true);
      const ethicsRow = await hrPage.locator('tr', { hasText: 'Ёс зүй, шударга байдал' }).textContent();
      expect(ethicsRow?.replace(/\s+/g, ' ')).toContain('1 / 1');
      const csv = await hrPage.request.get(`${reportPath}/report.csv`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('ethics');

      // The paper sheets: printed for people who answer on paper, typed back in by HR.
      await navigateBy(hrPage, () => hrPage.click(`a[href="${reportPath}/sheets"]`));
      await checked(hrPage, javaScriptEnabled);
      const sheet = hrPage.locator(`#sheet-${boss.id}`);
      await sheet.locator('select[name="self_ethics"]').selectOption('1');
      await navigateBy(hrPage, () => sheet.locator('button[type=submit]').click());
      expect(hrPage.url()).toContain('notice=typed');
      expect(await hrPage.locator(`#sheet-${boss.id} select[name="self_ethics"]`).inputValue()).toBe('1');
      const [paper] = await app.db.query(
        `SELECT source FROM needs_survey_answers WHERE user_id = $1 AND rater = 'self' AND competency_code = 'ethics'`,
        [boss.id],
      );
      expect(paper.source).toBe('paper');
      for (const p of [hrPage, me, supervisor]) await p.context().close();
    }, 180000);
  }
});
