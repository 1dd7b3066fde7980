// A citizen on a 320-pixel phone with JavaScript off searches the knowledge repository, reads a
// document and leaves a comment; a civil servant opens the editor. axe checks every page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../support/factories';
import { tokenFor } from '../support/http';
import { axeViolations, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { importFixtures, indexSettled } from '../support/knowledge';
import { startTestApp, TestApp } from '../support/test-app';

describe('knowledge repository, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const started = await Promise.allSettled([
      startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 }, { listen: true }).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    await importFixtures(t!);
    await indexSettled(t!);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(javaScriptEnabled: boolean, cookies: { name: string; value: string }[] = []): Promise<Page> {
    const context = await browser!.newContext({ baseURL: t!.url, ...PHONE_320, javaScriptEnabled });
    contexts.push(context);
    if (cookies.length)
      await context.addCookies(
        cookies.map((c) => ({ ...c, url: `${t!.url}/`, httpOnly: true, sameSite: 'Lax' as const })),
      );
    return context.newPage();
  }

  async function fits(page: Page): Promise<string[]> {
    const [scrollWidth, innerWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    return scrollWidth > innerWidth ? [`${new URL(page.url()).pathname} is ${scrollWidth}px wide`] : [];
  }

  it('lets a citizen search, read and comment without JavaScript, in Mongolian and English', async () => {
    const page = await newPage(false);
    const found: string[] = [];
    const visited: string[] = [];
    await page.goto('/knowledge');
    await page.fill('#kq', 'нээлтэй мэдээлэл');
    await navigateBy(page, () => page.getByRole('button', { name: 'Хайх', exact: true }).click());
    found.push(...(await fits(page)));
    visited.push(new URL(page.url()).pathname + new URL(page.url()).search);
    await navigateBy(page, () =>
      page
        .getByRole('link', { name: /Мэдээллийн ил тод байдал/ })
        .first()
        .click(),
    );
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Мэдээллийн ил тод байдал ба мэдээлэл авах эрхийн тухай хууль',
    );
    found.push(...(await fits(page)));
    visited.push(new URL(page.url()).pathname);
    await page.fill('#comment-name', 'Дорж');
    await page.fill('#comment-body', 'Сумын Засаг даргын тамгын газарт энэ хууль хэрхэн хамаарах вэ?');
    await navigateBy(page, () => page.getByRole('button', { name: 'Илгээх', exact: true }).click());
    expect(await page.getByRole('status').innerText()).toContain('Санал тань бүртгэгдлээ');
    expect(await page.getByText('Сумын Засаг даргын тамгын газарт').count()).toBe(1);

    const axe = await newPage(true);
    for (const lang of ['mn', 'en']) {
      for (const path of visited) {
        await axe.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        found.push(...(await axeViolations(axe)));
      }
    }
    expect(found).toEqual([]);
  });

  it('gives a civil servant an accessible editor with a preview', async () => {
    const user = await createUser(t!.db, { agency: 'ministry-finance' });
    const page = await newPage(true, [{ name: 'chadavkhi_session', value: await tokenFor(t!, user.email) }]);
    await page.goto('/knowledge/new');
    await page.fill('#doc-title', 'Төсвийн гүйцэтгэлийн тайлан бичих заавар');
    await page.fill('#doc-body', '## Бүтэц\n\n- Орлого\n- Зарлага');
    await navigateBy(page, () => page.getByRole('button', { name: 'Урьдчилан харах' }).click());
    expect(await page.locator('#preview li').allInnerTexts()).toEqual(['Орлого', 'Зарлага']);
    const found = [...(await fits(page)), ...(await axeViolations(page))];
    expect(found).toEqual([]);
  });
});
