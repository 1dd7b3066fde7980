// A government office reaches the server from one address. Guessing from that address, across
// accounts and at one colleague's account, must not keep the other colleagues out, while the
// guesser gets 429s and a bounded number of password checks.
import {
  CHECKS_PER_ACCOUNT_PAST_BUDGET,
  LoginThrottle,
  MAX_FAILURES_PER_MINUTE,
} from '../../libs/identity/src/auth/login-throttle';
import { TEST_PASSWORD, createUser } from '../support/factories';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

/** The device cookie a sign-in answered with, as a Cookie header. */
function deviceCookieOf(response: { headers: Record<string, unknown> }): string {
  const cookie = (response.headers['set-cookie'] as string[]).find((c) => c.startsWith('chadavkhi_device='));
  expect(cookie).toMatch(/HttpOnly/i);
  return cookie!.split(';')[0];
}

describe('sign-in from a shared office address', () => {
  let t: TestApp;
  const office = '10.2.0.1';
  const home = '10.2.0.2';

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: true });
  });
  afterAll(() => t.close());

  const apiSignIn = (email: string, password: string, ip = office) =>
    t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });
  const formSignIn = (email: string, password: string, ip = office) =>
    t.http().post('/signin').set('x-forwarded-for', ip).type('form').send({ email, password });

  it('lets nine colleagues in while an attacker at the same address sprays guesses, and bounds the checks it gets', async () => {
    const colleagues = await Promise.all(Array.from({ length: 9 }, () => createUser(t.db)));
    const others = await Promise.all(Array.from({ length: 20 }, () => createUser(t.db)));
    const target = await createUser(t.db);
    // Three colleagues have signed in from the office before; six never have. The target has from home.
    for (const known of colleagues.slice(0, 3)) expect((await apiSignIn(known.email, TEST_PASSWORD)).status).toBe(200);
    expect((await apiSignIn(target.email, TEST_PASSWORD, home)).status).toBe(200);
    const targetsBrowser = deviceCookieOf(await formSignIn(target.email, TEST_PASSWORD));
    const checksBefore = await t.app.get(LoginThrottle).checksFrom(office);

    const guesses = [
      ...Array.from({ length: 200 }, (_, i) => [`made-up-${i}@mof.gov.mn`, 'Spring2026!']),
      ...others.flatMap((o) => [o.email, o.email.toUpperCase()].map((email) => [email, 'Spring2026!'])),
      ...colleagues.map((c) => [c.email, 'Spring2026!']),
      ...Array.from({ length: 60 }, (_, i) => [target.email, `guess-${i}`]),
    ];
    const [attack, signIns] = await Promise.all([
      Promise.all(guesses.map(([email, password]) => apiSignIn(email, password))),
      Promise.all(
        colleagues.map((c, i) => (i % 2 ? formSignIn(c.email, TEST_PASSWORD) : apiSignIn(c.email, TEST_PASSWORD))),
      ),
    ]);

    // Every colleague is in: a token through the API, the session cookie and home page through the form.
    signIns.forEach((answer, i) => {
      if (i % 2) {
        expect(answer.status).toBe(303);
        expect(answer.headers.location).toBe('/');
        expect(String(answer.headers['set-cookie'])).toMatch(/chadavkhi_session=[^;]/);
      } else {
        expect(answer.status).toBe(200);
        expect(answer.body.accessToken).toEqual(expect.any(String));
      }
    });

    // The attacker learns nothing past the address's budget: 401s only within it, 429 with Retry-After after.
    const statuses = attack.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_MINUTE);
    for (const refused of attack.filter((a) => a.status === 429)) {
      expectProblem(refused, 429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }

    // Checks: the budget (plus the colleagues' successes, which give their point back), then at most
    // a few per existing account; made-up addresses cost none past the budget.
    const accountsTried = others.length + colleagues.length + 1;
    const checks = (await t.app.get(LoginThrottle).checksFrom(office)) - checksBefore;
    expect(checks).toBeGreaterThanOrEqual(colleagues.length);
    expect(checks).toBeLessThanOrEqual(
      MAX_FAILURES_PER_MINUTE + colleagues.length + CHECKS_PER_ACCOUNT_PAST_BUDGET * accountsTried,
    );
    expect(checks).toBeLessThan(guesses.length / 2);

    // The targeted colleague is refused at the office while the guessing lasts (their account is
    // itself under attack from there) unless they use the browser they signed in on before (its
    // device cookie); from an address they have used before they get in too.
    const atOffice = await apiSignIn(target.email, TEST_PASSWORD);
    expectProblem(atOffice, 429);
    expect(Number(atOffice.headers['retry-after'])).toBeGreaterThan(0);
    const ownBrowser = await formSignIn(target.email, TEST_PASSWORD).set('cookie', targetsBrowser);
    expect(ownBrowser.status).toBe(303);
    expect(ownBrowser.headers.location).toBe('/');
    expect((await apiSignIn(target.email, TEST_PASSWORD, home)).status).toBe(200);
  }, 120000);

  it('lets a device cookie vouch only for its own account, and limits guesses made with it', async () => {
    const ip = '10.2.0.4';
    const [owner, colleague] = await Promise.all([createUser(t.db), createUser(t.db)]);
    const device = deviceCookieOf(await formSignIn(owner.email, TEST_PASSWORD, ip));
    // Another account's cookie is no device of the colleague's: their own pair limit holds.
    for (let i = 1; i <= MAX_FAILURES_PER_MINUTE; i++)
      expect((await formSignIn(colleague.email, `wrong-${i}`, ip).set('cookie', device)).status).toBe(401);
    expect((await formSignIn(colleague.email, TEST_PASSWORD, ip).set('cookie', device)).status).toBe(429);
    // With its own account the device has 10 failures a minute, then is refused like any guesser.
    for (let i = 1; i <= MAX_FAILURES_PER_MINUTE; i++)
      expect((await formSignIn(owner.email, `wrong-${i}`, ip).set('cookie', device)).status).toBe(401);
    expect((await formSignIn(owner.email, TEST_PASSWORD, ip).set('cookie', device)).status).toBe(429);
    // A forged cookie is no device: from an address the owner never used, the account's own limit
    // (tripped by those failures) refuses it.
    const forged = `chadavkhi_device=${device.split('=')[1].split('.')[0]}.forged`;
    expect((await formSignIn(owner.email, TEST_PASSWORD, '10.2.0.5').set('cookie', forged)).status).toBe(429);
  });

  it('answers a flood of concurrent guesses at once, checking none of them past the budget for addresses without an account', async () => {
    const flooded = '10.2.0.3';
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => apiSignIn(`nobody-${i}@mof.gov.mn`, 'guess', flooded)),
    );
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(1000 - MAX_FAILURES_PER_MINUTE);
    expect(await t.app.get(LoginThrottle).checksFrom(flooded)).toBeLessThanOrEqual(MAX_FAILURES_PER_MINUTE);
    const colleague = await createUser(t.db);
    expect((await apiSignIn(colleague.email, TEST_PASSWORD, flooded)).status).toBe(200);
  }, 120000);
});
