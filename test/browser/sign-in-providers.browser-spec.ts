// Signing in with a ministry's OpenID Connect provider and with DAN as a person would, on a
// 320-pixel phone, with and without JavaScript: the buttons on /signin, the provider's own page, and back on
// the home page signed in; and the refusal page, in Mongolian, for someone not in the staff list.
// The providers are a real oidc-provider and the DAN stand-in (test/support/dan-standin.ts).
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, fitsThePhone, navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser } from '../support/browser-app';
import { DanStandIn, startDanStandIn } from '../support/dan-standin';
import { createUser } from '../support/factories';
import { OidcTestProvider, startOidcProvider } from '../support/oidc-provider';
import { providersFilePath, writeProvidersFile } from '../support/provider-files';

const SECRET = 'browser-test-client-secret-0123456789';

describe('sign-in through identity providers, in a browser', () => {
  const file = providersFilePath();
  let op: OidcTestProvider;
  let dan: DanStandIn;
  let contexts: BrowserContext[] = [];

  // Before the app starts (its provider file names their addresses).
  beforeAll(async () => {
    [op, dan] = await Promise.all([
      startOidcProvider({
        clients: [{ client_id: 'chadavkhi', client_secret: SECRET }],
        accounts: [
          { sub: 'kc-staff', claims: { regnum: 'УБ99061512', name: 'Staff member' } },
          { sub: 'kc-unknown', claims: { regnum: 'ДА77030409', name: 'Not in the staff list' } },
        ],
      }),
      startDanStandIn({ clientId: 'chadavkhi', clientSecret: SECRET, redirectUris: [] }),
    ]);
    writeProvidersFile(
      [
        {
          id: 'ministry',
          kind: 'oidc',
          label: { mn: 'Яамны нэвтрэлт', en: 'Ministry sign-in' },
          issuer: op.issuer,
          clientId: 'chadavkhi',
          clientSecret: SECRET,
          registrationNumberClaim: 'regnum',
        },
        {
          id: 'ministry-down',
          kind: 'oidc',
          label: { mn: 'Унтарсан яам', en: 'Ministry that is down' },
          issuer: 'http://127.0.0.1:9/',
          clientId: 'chadavkhi',
          clientSecret: SECRET,
        },
        {
          id: 'dan',
          kind: 'dan',
          label: { mn: 'ДАН системээр', en: 'With DAN' },
          baseUrl: dan.url,
          clientId: 'chadavkhi',
          clientSecret: SECRET,
        },
      ],
      file,
    );
  });
  const suite = appWithBrowser({ SIGN_IN_PROVIDERS_FILE: file });

  beforeAll(async () => {
    await op.setRedirectUris([`${suite.app.url}/signin/oidc/ministry/callback`]);
    dan.setRedirectUris([`${suite.app.url}/signin/dan/dan/callback`]);
    const staff = await createUser(suite.app.db, { name: 'Батын Болд' });
    await suite.app.db.query(`UPDATE users SET registration_number = 'УБ99061512' WHERE id = $1`, [staff.id]);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  afterAll(async () => {
    await op?.stop();
    await dan?.stop();
  });

  /** A phone's page; axe-core needs JavaScript, so pages without it are only checked for fitting. */
  async function phone(javaScriptEnabled: boolean): Promise<Page> {
    const context = await suite.browser.newContext({ ...PHONE_320, baseURL: suite.app.url, javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  /** /signin shows the provider's button; pressing it opens the provider's page. */
  async function toProvider(page: Page, label: string, javaScriptEnabled: boolean): Promise<void> {
    await page.goto('/signin');
    await fitsThePhone(page);
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
    await navigateBy(page, () => page.getByRole('link', { name: label }).click());
    expect(page.url().startsWith(suite.app.url!)).toBe(false);
  }

  async function expectSignedInHome(page: Page) {
    expect(page.url()).toBe(`${suite.app.url}/`);
    await expect(page.locator('form[action="/signout"]').count()).resolves.toBeGreaterThan(0);
    await fitsThePhone(page);
  }

  it.each([true, false])(
    'signs in through the ministry’s OpenID Connect provider and back to the home page (JavaScript: %s)',
    async (javaScriptEnabled) => {
      const page = await phone(javaScriptEnabled);
      await toProvider(page, 'Яамны нэвтрэлт', javaScriptEnabled);
      await navigateBy(page, () => page.getByRole('button', { name: 'Sign in as Staff member' }).click());
      await expectSignedInHome(page);
    },
  );

  it('signs in through DAN and back to the home page, without JavaScript', async () => {
    const page = await phone(false);
    dan.citizenSignsIn({ regnum: 'УБ99061512', firstname: 'Болд', lastname: 'Батын' });
    await toProvider(page, 'ДАН системээр', false);
    await navigateBy(page, () => page.getByRole('button', { name: 'Зөвшөөрөх' }).click());
    await expectSignedInHome(page);
  });

  it('shows a person not in the staff list the refusal page in Mongolian, fitting the phone', async () => {
    const page = await phone(true);
    await toProvider(page, 'Яамны нэвтрэлт', true);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/signin/oidc/ministry/callback');
    await navigateBy(page, () => page.getByRole('button', { name: 'Sign in as Not in the staff list' }).click());
    expect((await answer).status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Нэвтэрч чадсангүй');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Яамны нэвтрэлт');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('mn');
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.name === 'chadavkhi_session')).toEqual([]);
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('tells the person to try again later while a provider is down, fitting the phone', async () => {
    const page = await phone(true);
    await page.goto('/signin');
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/signin/oidc/ministry-down');
    await navigateBy(page, () => page.getByRole('link', { name: 'Унтарсан яам' }).click());
    expect((await answer).status()).toBe(503);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Унтарсан яам');
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
  });
});
