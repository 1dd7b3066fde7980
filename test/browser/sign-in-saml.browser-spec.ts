// Signing in through a SAML identity provider as a person would, on a 320-pixel phone without
// JavaScript: the provider's button on /signin, the IdP's own page (a real samlify IdP, whose form
// posts the signed answer back with a button), and home, signed in — or the refusal page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, fitsThePhone, launchBrowser, navigateBy, PHONE_320 } from '../support/browser';
import { createUser } from '../support/factories';
import { freePort } from '../support/redis-server';
import { providersFile, SamlTestIdp } from '../support/saml-idp';
import { startTestApp, TestApp } from '../support/test-app';

const LABEL = 'Яамны нэвтрэлт';

describe('SAML sign-in, in a browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let idp: SamlTestIdp | undefined;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    idp = await SamlTestIdp.start();
    const port = await freePort();
    const started = await Promise.allSettled([
      startTestApp(
        {
          SIGN_IN_PROVIDERS_FILE: providersFile(idp.providerEntry()),
          PORT: port,
          PUBLIC_URL: `http://127.0.0.1:${port}`,
        },
        { listen: true },
      ).then((app) => (t = app)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    idp.trustServiceProvider((await t!.http().get('/signin/saml/ministry-adfs/metadata')).text);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  /** A 320-pixel phone; axe-core needs JavaScript, so the pages are walked without it and checked with it. */
  async function phone(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser!.newContext({ ...PHONE_320, baseURL: t!.url, javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  /** From /signin, through the provider's button and the IdP's page, to wherever our ACS sends the browser. */
  async function signInAtTheIdp(page: Page, registrationNumber: string, nameId: string) {
    idp!.nextUser = { nameId, registrationNumber };
    await page.goto('/signin');
    const button = page.getByRole('link', { name: LABEL });
    await navigateBy(page, () => button.click());
    expect(page.url().startsWith(`${idp!.url}/sso?SAMLRequest=`)).toBe(true);
    await fitsThePhone(page);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/acs'));
    await navigateBy(page, () => page.getByRole('button', { name: 'Continue to the service' }).click());
    return posted;
  }

  it('on a phone without JavaScript: the button on /signin, the IdP page, then home, signed in', async () => {
    const user = await createUser(t!.db, { name: 'Батын Болормаа' });
    await t!.db.query(`UPDATE users SET registration_number = 'УБ92031415' WHERE id = $1`, [user.id]);
    const page = await phone(false);
    await page.goto('/signin');
    await expect(page.getByRole('link', { name: LABEL }).isVisible()).resolves.toBe(true);
    await fitsThePhone(page);

    const posted = await signInAtTheIdp(page, 'УБ92031415', 'adfs-bolormaa');
    expect(posted.status()).toBe(303);
    // The IdP is another site: the post came cross-site, and the Lax cookie it set still holds on the way home.
    expect((await posted.request().allHeaders())['sec-fetch-site']).toBe('cross-site');
    expect(page.url()).toBe(`${t!.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Болормаа');
    await fitsThePhone(page);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'chadavkhi_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const found: string[] = [];
    const axe = await phone(true);
    await axe.goto('/signin');
    found.push(...(await axeViolations(axe)));
    await axe.context().addCookies(cookies);
    await axe.goto('/');
    found.push(...(await axeViolations(axe)));
    expect(found).toEqual([]);
  });

  it('on a phone: someone not in the staff list lands on the refusal page, signed out', async () => {
    const page = await phone(true);
    const posted = await signInAtTheIdp(page, 'ЮЯ88122099', 'adfs-stranger');
    expect(posted.status()).toBe(403);
    await expect(page.locator('[data-reason]').getAttribute('data-reason')).resolves.toBe('not-in-staff-list');
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
    expect((await page.context().cookies()).find((c) => c.name === 'chadavkhi_session')).toBeUndefined();
  });
});
