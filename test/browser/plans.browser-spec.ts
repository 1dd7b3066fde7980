// The HR plan pages on a 320-pixel phone, with and without JavaScript: an HR officer drafts a year's
// plan from the needs, is told in the page's words when a line would go over budget, adds a line and
// submits; the agency's head approves it; the plan vs actual charts and tables show — each page
// without sideways scrolling and without serious accessibility problems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { AccountabilityContentService, competencyFramework } from '@chadavkhi/accountability';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, positionByCode, TEST_PASSWORD } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const content = join(__dirname, '..', '..', 'content');

describe('capacity-building plans, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let hrEmail: string;
  let headEmail: string;
  let courseId: string;

  beforeAll(async () => {
    const started = await Promise.allSettled([
      startTestApp({}, { listen: true }).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const app = t!;
    await app.db.transaction(async (m) =>
      app.app
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
    hrEmail = (await createUser(app.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email;
    headEmail = (await createUser(app.db, { roles: ['agency_head'], agency: 'ministry-finance' })).email;
    const trainer = await tokenFor(app, (await createUser(app.db, { roles: ['trainer'] })).email);
    courseId = (await app.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    for (let i = 0; i < 3; i++)
      await createUser(app.db, { agency: 'ministry-finance-treasury', position: 'tax-inspector' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(email: string, path: string, javaScriptEnabled: boolean, locale = 'mn-MN'): Promise<Page> {
    const context = await browser!.newContext({ baseURL: t!.url, ...PHONE_320, javaScriptEnabled, locale });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(path);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await navigateBy(page, () => page.click('button[type=submit].primary'));
    return page;
  }

  /** Fits the phone; axe runs in the page, so only where JavaScript runs (the same markup is served to both). */
  async function checked(page: Page, javaScriptEnabled: boolean) {
    await fitsThePhone(page);
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
  }

  for (const javaScriptEnabled of [false, true]) {
    it(`drafts, refuses over budget, submits and approves a plan ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const app = t!;
      const year = javaScriptEnabled ? '2028' : '2027';
      const treasury = (await agencyByCode(app.db, 'ministry-finance-treasury')).id;
      const inspector = (await positionByCode(app.db, 'tax-inspector')).id;

      const hr = await signedIn(hrEmail, '/hr/plans', javaScriptEnabled);
      await checked(hr, javaScriptEnabled);

      await hr.selectOption('#np-agencyId', treasury);
      await hr.fill('#np-year', year);
      await hr.fill('#np-budget', '2 000 000');
      await navigateBy(hr, () => hr.click('#new-plan button[type=submit]'));
      expect(hr.url()).toMatch(/\/hr\/plans\/[0-9a-f-]{36}\?notice=created$/);
      // Drafted from the needs: the three tax inspectors lack ethics, which the published course builds.
      expect(await hr.textContent('main')).toContain('Ёс зүй, шударга байдал');
      await checked(hr, javaScriptEnabled);

      // A line over the budget is refused in the page's words, with what was typed kept.
      await hr.selectOption('#pl-competencyCode', 'ethics');
      await hr.selectOption('#pl-targetAgencyId', treasury);
      await hr.selectOption('#pl-positionIds', [inspector]);
      await hr.selectOption('#pl-courseId', courseId);
      await hr.fill('#pl-seats', '3');
      await hr.fill('#pl-cost', '2 500 000');
      await hr.fill('#pl-kpi', 'Бүгд дүүргэнэ');
      await navigateBy(hr, () => hr.click('#add-line button[type=submit]'));
      expect(await hr.textContent('.error[role=alert]')).toContain('төсвөөсөө хэтэрнэ');
      expect(await hr.inputValue('#pl-cost')).toBe('2 500 000');
      await checked(hr, javaScriptEnabled);

      await hr.fill('#pl-cost', '1 500 000');
      await navigateBy(hr, () => hr.click('#add-line button[type=submit]'));
      expect(hr.url()).toContain('notice=line');

      await navigateBy(hr, () => hr.click('form[action$="/submit"] button'));
      expect(hr.url()).toContain('notice=submitted');
      const planPath = new URL(hr.url()).pathname;
      await checked(hr, javaScriptEnabled);

      const head = await signedIn(headEmail, planPath, javaScriptEnabled);
      expect(await head.isVisible('nav.mainnav a[href="/hr/plans"]')).toBe(true);
      await checked(head, javaScriptEnabled);
      await navigateBy(head, () => head.click('form[action$="/approve"] button'));
      expect(head.url()).toContain('notice=approved');
      expect(await head.textContent('main')).toContain('1-р хувилбар');
      expect(await head.isVisible('#plan-completed')).toBe(true);
      await checked(head, javaScriptEnabled);

      // The public sees the approved plan and may ask the agency about it.
      const citizen = await browser!.newPage({ baseURL: t!.url, ...PHONE_320, javaScriptEnabled, locale: 'mn-MN' });
      await citizen.goto(`/open-data/plans/${planPath.split('/').pop()}`);
      await checked(citizen, javaScriptEnabled);
      await citizen.fill('#comment-name', 'Иргэн');
      await citizen.fill('#comment-body', 'Хэдэн байцаагч хамрагдах вэ?');
      await navigateBy(citizen, () => citizen.click('#comments button[type=submit]'));
      expect(citizen.url()).toContain('notice=commented');
      expect(await citizen.textContent('#comments')).toContain('Хэдэн байцаагч хамрагдах вэ?');
      await checked(citizen, javaScriptEnabled);
      await citizen.close();

      await navigateBy(head, () => head.goto('/hr/plans'));
      expect(await head.textContent('main')).toContain(year);
      await checked(head, javaScriptEnabled);
      await head.context().close();
      await hr.context().close();
    }, 180000);
  }
});
