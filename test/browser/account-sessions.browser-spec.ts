// A person's sessions as they manage them on a 320-pixel phone, without JavaScript (Mongolian) and
// with it (English, axe-checked): from their account page to the list, signing another device out,
// then signing out everywhere.
import type { Page } from 'playwright-core';
import { axeViolations, fitsThePhone, navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { bearer } from '../support/http';

const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

const WORDS = {
  mn: {
    link: 'Нэвтэрсэн төхөөрөмжүүд',
    thisDevice: 'Энэ төхөөрөмж',
    phone: 'iOS дээрх Safari 17',
    password: 'Нууц үг',
    end: /^Гарах/,
    ended: 'Тэр нэвтрэлтээс гаргалаа.',
    others: 'Бусад бүх газраас гарах',
    everywhere: 'Бүх газраас гарах',
    signedOut: 'Та бүх газраас гарлаа. Үргэлжлүүлэхийн тулд дахин нэвтэрнэ үү.',
  },
  en: {
    link: 'Where you are signed in',
    thisDevice: 'This device',
    phone: 'Safari 17 on iOS',
    password: 'Password',
    end: /^Sign out this session/,
    ended: 'That session is signed out.',
    others: 'Sign out everywhere else',
    everywhere: 'Sign out everywhere',
    signedOut: 'You are signed out everywhere. Sign in again to continue.',
  },
};

describe('my sessions, in a browser', () => {
  const suite = appWithBrowser();

  it('lists where I am signed in, signs another device out, then signs out everywhere, on a phone, with and without JavaScript', async () => {
    const app = suite.app;
    for (const [lang, javaScriptEnabled] of [
      ['mn', false],
      ['en', true],
    ] as const) {
      const words = WORDS[lang];
      const me = await createUser(app.db, { name: 'Нэвтэрсэн Батзориг' });
      const phone = (
        await app
          .http()
          .post('/api/v1/auth/login')
          .set('user-agent', SAFARI_ON_IPHONE)
          .send({ email: me.email, password: TEST_PASSWORD })
      ).body.accessToken as string;
      const context = await suite.browser.newContext({ ...PHONE_320, baseURL: app.url, javaScriptEnabled });
      const checked = async (page: Page) => {
        await fitsThePhone(page);
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      };
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(15000);
        await page.goto(`/lang/${lang}?next=/signin`);
        await signInThroughForm(page, me.email);
        await page.goto('/account');
        await navigateBy(page, () => page.getByRole('link', { name: words.link }).click());
        expect(new URL(page.url()).pathname).toBe('/account/sessions');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(words.link);
        const cards = page.locator('li.card');
        expect(await cards.count()).toBe(2);
        const mine = cards.filter({ hasText: words.thisDevice });
        expect(await mine.count()).toBe(1);
        expect(await mine.getByRole('button').count()).toBe(0); // this device leaves through "sign out everywhere"
        const other = cards.filter({ hasText: words.phone });
        expect(await other.innerText()).toContain(words.password);
        expect(await page.getByRole('button', { name: words.others }).count()).toBe(1);
        await checked(page);

        await navigateBy(page, () => other.getByRole('button', { name: words.end }).click());
        expect(await page.getByRole('status').innerText()).toBe(words.ended);
        expect(await cards.count()).toBe(1);
        expect((await app.http().get('/api/v1/me').set(bearer(phone))).status).toBe(401);
        expect(await page.getByRole('button', { name: words.others }).count()).toBe(0); // nothing else to sign out
        await checked(page);

        await navigateBy(page, () => page.getByRole('button', { name: words.everywhere, exact: true }).click());
        expect(new URL(page.url()).pathname).toBe('/signin');
        expect(await page.getByRole('status').innerText()).toBe(words.signedOut);
        await checked(page);
        await page.goto('/account/sessions');
        expect(new URL(page.url()).pathname).toBe('/signin');
      } finally {
        await context.close();
      }
    }
  }, 120000);
});
