// A second factor (TOTP, RFC 6238) for administrators and HR officers signing in with a password,
// with recovery codes, enforced by the server; and the per-agency switch for password sign-in.
// Codes are computed here with the RFC's own algorithm (test/support/totp.ts), not the product's library.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { parse } from 'yaml';
import { AuthService, IdentityContentService } from '@chadavkhi/identity';
import { agencyByCode, createUser, TEST_PASSWORD, TestUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { base32Decode, CodeSource, currentStep, hotp, totpAt } from '../support/totp';

const PROBLEMS = 'https://chadavkhi.mn/problems/';

describe('RFC 6238 codes in the tests', () => {
  it('match the published SHA-1 test vectors (RFC 6238, appendix B)', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [time, code] of vectors) expect(totpAt(key, time, 8)).toBe(code);
  });
});

describe('second factor', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminToken: string;
  let address = 0;
  const from = () => `10.88.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: true, SECOND_FACTOR_ROLES: 'admin,hr_officer' });
    admin = await createUser(t.db, { roles: ['admin', 'learner'] });
    adminToken = await signInWithCode(admin, await enrol(admin));
  });
  afterAll(() => t.close());

  const login = (user: { email: string }, password = TEST_PASSWORD) =>
    t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password });

  const challengeOf = async (user: { email: string }, slug = 'second-factor-required') => {
    const response = await login(user);
    expectProblem(response, 401);
    expect(response.body.type).toBe(`${PROBLEMS}${slug}`);
    expect(response.body.accessToken).toBeUndefined();
    return response.body.challenge as string;
  };

  const answer = (body: Record<string, string>) =>
    t.http().post('/api/v1/auth/login/second-factor').set('x-forwarded-for', from()).send(body);

  /** Enrols through the API; returns the codes source for the person's new secret. */
  async function enrol(user: TestUser): Promise<CodeSource & { recoveryCodes: string[]; token: string }> {
    const challenge = await challengeOf(user, 'second-factor-enrolment-required');
    const started = await t.http().post('/api/v1/auth/second-factor/enrolment').send({ challenge });
    expect(started.status).toBe(200);
    expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/Chadavkhi:.*secret=/);
    const codes = new CodeSource(started.body.secret);
    const confirmed = await t
      .http()
      .post('/api/v1/auth/second-factor/enrolment/confirm')
      .send({ challenge, code: await codes.next() });
    expect(confirmed.status).toBe(200);
    return Object.assign(codes, { recoveryCodes: confirmed.body.recoveryCodes, token: confirmed.body.accessToken });
  }

  async function signInWithCode(user: TestUser, codes: CodeSource): Promise<string> {
    const response = await answer({ challenge: await challengeOf(user), code: await codes.next() });
    expect(response.status).toBe(200);
    // As after a password alone: this browser is now the person's own device (device-cookie.ts).
    expect(String(response.headers['set-cookie'])).toMatch(/chadavkhi_device=[\w-]+\.[\w-]+;/);
    return response.body.accessToken;
  }

  const audits = async (userId: string) =>
    (
      await t.db.query(`SELECT action FROM audit_log_entries WHERE target_id = $1 ORDER BY created_at, id`, [userId])
    ).map((r: { action: string }) => r.action) as string[];

  it('does not ask a learner', async () => {
    const learner = await createUser(t.db, { roles: ['learner'] });
    const response = await login(learner);
    expect(response.status).toBe(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
  });

  it('enrols an HR officer: a secret and QR address, a code to confirm, ten recovery codes and a session marked two-step', async () => {
    const hr = await createUser(t.db, { roles: ['hr_officer', 'learner'] });
    const challenge = await challengeOf(hr, 'second-factor-enrolment-required');
    // A code alone is not enough before the enrolment: there is nothing to check it against.
    expectProblem(await answer({ challenge, code: '123456' }), 409);

    const first = await t.http().post('/api/v1/auth/second-factor/enrolment').send({ challenge });
    const again = await t.http().post('/api/v1/auth/second-factor/enrolment').send({ challenge });
    expect(first.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(again.body.secret).toBe(first.body.secret); // reloading the page shows the same secret
    const codes = new CodeSource(first.body.secret);

    const wrong = await t
      .http()
      .post('/api/v1/auth/second-factor/enrolment/confirm')
      .send({ challenge, code: String((Number(await codes.next()) + 1) % 1_000_000).padStart(6, '0') });
    expectProblem(wrong, 401);
    expect(wrong.body.type).toBe(`${PROBLEMS}second-factor-code-wrong`);

    const confirmed = await t
      .http()
      .post('/api/v1/auth/second-factor/enrolment/confirm')
      .send({ challenge, code: codes.lastCode });
    expect(confirmed.status).toBe(200);
    expect(String(confirmed.headers['set-cookie'])).toMatch(/chadavkhi_device=/);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    const me = await t.http().get('/api/v1/me').set(bearer(confirmed.body.accessToken));
    expect(me.body.id).toBe(hr.id);
    const [session] = await t.db.query(`SELECT method, second_factor FROM sessions WHERE user_id = $1`, [hr.id]);
    expect(session).toEqual({ method: 'password', second_factor: true });
    // Stored encrypted, the codes only as keyed hashes.
    const [stored] = await t.db.query(
      `SELECT encode(secret, 'escape') AS secret FROM second_factors WHERE user_id = $1`,
      [hr.id],
    );
    expect(stored.secret).not.toContain(first.body.secret);
    const hashes = await t.db.query(`SELECT code_hash FROM second_factor_recovery_codes WHERE user_id = $1`, [hr.id]);
    expect(hashes.map((h: { code_hash: string }) => h.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);
    expect(await audits(hr.id)).toContain('auth.second-factor.enrolled');

    // The next password sign-in asks for a code; a password alone never enrols again.
    const next = await challengeOf(hr);
    expectProblem(await t.http().post('/api/v1/auth/second-factor/enrolment').send({ challenge: next }), 409);
  });

  it('asks an enrolled HR officer for the code: a wrong code is refused, a right one signs in, and a code works once', async () => {
    const hr = await createUser(t.db, { roles: ['hr_officer'] });
    const codes = await enrol(hr);
    const challenge = await challengeOf(hr);
    const wrong = await answer({ challenge, code: '000000' === codes.lastCode ? '000001' : '000000' });
    expectProblem(wrong, 401);
    expect(wrong.body).toEqual(
      expect.objectContaining({ type: `${PROBLEMS}second-factor-code-wrong`, attemptsLeft: 4 }),
    );

    const code = await codes.next();
    const right = await answer({ challenge, code });
    expect(right.status).toBe(200);
    expect((await t.http().get('/api/v1/me').set(bearer(right.body.accessToken))).body.id).toBe(hr.id);
    // The challenge was used up, and the same code is refused with a fresh challenge (a replay).
    expect((await answer({ challenge, code })).body.type).toBe(`${PROBLEMS}second-factor-challenge-invalid`);
    const replay = await answer({ challenge: await challengeOf(hr), code });
    expectProblem(replay, 401);
    expect(replay.body.type).toBe(`${PROBLEMS}second-factor-code-wrong`);
    expect(await audits(hr.id)).toEqual(
      expect.arrayContaining(['auth.second-factor.sign-in', 'auth.second-factor.failed']),
    );
  });

  it('takes a recovery code once, and says how many are left', async () => {
    const hr = await createUser(t.db, { roles: ['hr_officer'] });
    const { recoveryCodes } = await enrol(hr);
    const typed = recoveryCodes[3].toUpperCase().replace('-', ' ');
    const used = await answer({ challenge: await challengeOf(hr), recoveryCode: typed });
    expect(used.status).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const again = await answer({ challenge: await challengeOf(hr), recoveryCode: recoveryCodes[3] });
    expectProblem(again, 401);
    expect(await audits(hr.id)).toContain('auth.second-factor.recovery-code-used');
  });

  it('voids a challenge after five wrong codes or five minutes, and stops an account after ten wrong codes', async () => {
    const person = await createUser(t.db, { roles: ['admin'] });
    const codes = await enrol(person);
    const wrongCode = () => (codes.lastCode === '999999' ? '999998' : '999999');

    const expired = await challengeOf(person);
    await t.db.query(`UPDATE second_factor_challenges SET expires_at = now() - interval '1 second'`);
    const late = await answer({ challenge: expired, code: codes.lastCode });
    expectProblem(late, 401);
    expect(late.body.type).toBe(`${PROBLEMS}second-factor-challenge-invalid`);

    const challenge = await challengeOf(person);
    for (let i = 1; i <= 4; i++) expect((await answer({ challenge, code: wrongCode() })).body.attemptsLeft).toBe(5 - i);
    const fifth = await answer({ challenge, code: wrongCode() });
    expect(fifth.body.type).toBe(`${PROBLEMS}second-factor-too-many-wrong-codes`);
    const afterVoid = await answer({ challenge, code: codes.lastCode });
    expect(afterVoid.body.type).toBe(`${PROBLEMS}second-factor-challenge-invalid`);
    expect(await audits(person.id)).toContain('auth.second-factor.locked');

    // A new challenge does not buy new guesses: ten wrong codes for the account, then 429.
    const second = await challengeOf(person);
    for (let i = 0; i < 5; i++) await answer({ challenge: second, code: wrongCode() });
    const limited = await answer({ challenge: await challengeOf(person), code: await codes.next() });
    expectProblem(limited, 429);
    expect(limited.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
  });

  it('does not ask for a second factor when a provider proved who the person is', async () => {
    const hr = await createUser(t.db, { roles: ['hr_officer'] });
    const result = await t.app
      .get(AuthService)
      .startSession({ id: hr.id, tokenVersion: hr.tokenVersion }, { ip: null, providerId: 'test-idp' });
    expect((await t.http().get('/api/v1/me').set(bearer(result.accessToken))).body.id).toBe(hr.id);
    const [session] = await t.db.query(`SELECT method, second_factor FROM sessions WHERE user_id = $1`, [hr.id]);
    expect(session).toEqual({ method: 'provider', second_factor: false });
  });

  it("lets an administrator reset someone's second factor, which ends their sessions; an HR officer cannot", async () => {
    const hr = await createUser(t.db, { roles: ['hr_officer'] });
    const { token } = await enrol(hr);
    expect((await t.http().get('/api/v1/me').set(bearer(token))).status).toBe(200);

    expectProblem(await t.http().post(`/api/v1/users/${admin.id}/second-factor/reset`).set(bearer(token)), 403);
    const reset = await t.http().post(`/api/v1/users/${hr.id}/second-factor/reset`).set(bearer(adminToken));
    expect(reset.status).toBe(204);
    expectProblem(await t.http().get('/api/v1/me').set(bearer(token)), 401);
    await challengeOf(hr, 'second-factor-enrolment-required');
    const [entry] = await t.db.query(
      `SELECT actor_id FROM audit_log_entries WHERE action = 'auth.second-factor.reset' AND target_id = $1`,
      [hr.id],
    );
    expect(entry.actor_id).toBe(admin.id);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/users/00000000-0000-4000-8000-000000000000/second-factor/reset`)
        .set(bearer(adminToken)),
      404,
    );
  });

  describe('on the web', () => {
    const cookieOf = (response: Response, name: string) =>
      (response.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith(`${name}=`));

    async function passwordStep(user: TestUser, next = '/hr') {
      const response = await t
        .http()
        .post(`/signin?next=${encodeURIComponent(next)}`)
        .set('x-forwarded-for', from())
        .type('form')
        .send({ email: user.email, password: TEST_PASSWORD });
      expect(response.status).toBe(303);
      expect(cookieOf(response, 'chadavkhi_session')).toBeUndefined();
      const challenge = cookieOf(response, 'chadavkhi_second_factor')!;
      expect(challenge).toMatch(/HttpOnly/i);
      expect(challenge).toMatch(/SameSite=Lax/i);
      expect(challenge).toMatch(/Max-Age=300/);
      return { location: response.headers.location as string, cookie: challenge.split(';')[0] };
    }

    it('enrols through the forms: the QR code and the secret to type, a code, then the recovery codes once', async () => {
      const hr = await createUser(t.db, { roles: ['hr_officer'] });
      const { location, cookie } = await passwordStep(hr);
      expect(location).toBe('/signin/second-factor/enrol?next=%2Fhr');
      const page = await t.http().get(location).set('cookie', cookie).set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<img class="totp-qr" src="data:image\/png;base64,[^"]+"[^>]* alt="[^"]+"/);
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page.text)![1];
      expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
      expect(page.text).toContain('autocomplete="one-time-code"');
      const codes = new CodeSource(secret);

      const wrong = await t.http().post(location).set('cookie', cookie).type('form').send({ code: '12345' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain(secret); // the same secret, with the refusal
      const done = await t
        .http()
        .post(location)
        .set('cookie', cookie)
        .type('form')
        .send({ code: await codes.next() });
      expect(done.status).toBe(200);
      const shown = [...done.text.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
      expect(shown).toHaveLength(10);
      expect(done.text).toContain('href="/hr"');
      expect(done.text).toContain('@media print');
      const session = cookieOf(done, 'chadavkhi_session')!.split(';')[0];
      const account = await t.http().get('/account/second-factor').set('cookie', session).set('accept', 'text/html');
      expect(account.status).toBe(200);
      expect(account.text).toContain('data-state="on"');
    });

    it('asks for the code, refuses a wrong one with the tries left, and takes a recovery code instead', async () => {
      const hr = await createUser(t.db, { roles: ['hr_officer'] });
      const codes = await enrol(hr);
      const { location, cookie } = await passwordStep(hr);
      expect(location).toBe('/signin/second-factor?next=%2Fhr');
      const page = await t
        .http()
        .get(location)
        .set('cookie', cookie)
        .set('accept', 'text/html')
        .set('cookie', `${cookie}; chadavkhi_lang=en`);
      expect(page.text).toContain('inputmode="numeric"');
      expect(page.text).toContain('autocomplete="one-time-code"');
      expect(page.text).toContain('href="/signin/second-factor?next&#x3D;%2Fhr&amp;recovery&#x3D;1"');

      const wrong = await t
        .http()
        .post(location)
        .set('cookie', `${cookie}; chadavkhi_lang=en`)
        .type('form')
        .send({ code: codes.lastCode === '000000' ? '000001' : '000000' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('4 tries left');
      const right = await t
        .http()
        .post(location)
        .set('cookie', cookie)
        .type('form')
        .send({ code: await codes.next() });
      expect(right.status).toBe(303);
      expect(right.headers.location).toBe('/hr');
      expect(cookieOf(right, 'chadavkhi_session')).toBeDefined();

      const second = await passwordStep(hr, '/');
      const recovered = await t
        .http()
        .post(second.location)
        .set('cookie', second.cookie)
        .type('form')
        .send({ recoveryCode: codes.recoveryCodes[0] });
      expect(recovered.status).toBe(303);
      expect(recovered.headers.location).toBe('/account/second-factor?recoveryLeft=9');
      const session = cookieOf(recovered, 'chadavkhi_session')!.split(';')[0];
      const account = await t
        .http()
        .get(recovered.headers.location)
        .set('cookie', `${session}; chadavkhi_lang=en`)
        .set('accept', 'text/html');
      expect(account.text).toContain('You signed in with a recovery code: 9 left.');
    });

    it('makes new recovery codes and moves to a new phone from /account/second-factor, each after a current code', async () => {
      const hr = await createUser(t.db, { roles: ['hr_officer'] });
      const codes = await enrol(hr);
      const session = `chadavkhi_session=${codes.token}; chadavkhi_lang=en`;
      const page = (path: string) => t.http().get(path).set('cookie', session).set('accept', 'text/html');
      const post = (path: string, fields: Record<string, string>) =>
        t.http().post(path).set('cookie', session).set('accept', 'text/html').type('form').send(fields);
      const account = await page('/account/second-factor');
      expect(account.text).toContain('Recovery codes left: 10 of 10.');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(account.text)![1];

      const wrong = await post('/account/second-factor/recovery-codes', { _csrf: csrf, code: '12345' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('Enter the 6 digits your app shows.');
      const renewed = await post('/account/second-factor/recovery-codes', { _csrf: csrf, code: await codes.next() });
      expect(renewed.status).toBe(200);
      const fresh = [...renewed.text.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
      expect(fresh).toHaveLength(10);
      expect(fresh).not.toContain(codes.recoveryCodes[0]);
      expectProblem(await answer({ challenge: await challengeOf(hr), recoveryCode: codes.recoveryCodes[0] }), 401);

      // Moving to a new phone: another person, so no one needs more codes than the time window holds.
      const mover = await createUser(t.db, { roles: ['hr_officer'] });
      const moverCodes = await enrol(mover);
      const moverSession = `chadavkhi_session=${moverCodes.token}; chadavkhi_lang=en`;
      const moverPost = (path: string, fields: Record<string, string>) =>
        t.http().post(path).set('cookie', moverSession).set('accept', 'text/html').type('form').send(fields);
      const moverCsrf = /name="_csrf" value="([^"]+)"/.exec(
        (await t.http().get('/account/second-factor').set('cookie', moverSession).set('accept', 'text/html')).text,
      )![1];
      const started = await moverPost('/account/second-factor/re-enrol', {
        _csrf: moverCsrf,
        code: await moverCodes.next(),
      });
      expect(started.status).toBe(200);
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(started.text)![1];
      const challenge = /name="challenge" value="([^"]+)"/.exec(started.text)![1];
      const phone = new CodeSource(secret);
      const moved = await moverPost('/account/second-factor/re-enrol/confirm', {
        _csrf: moverCsrf,
        challenge,
        code: await phone.next(),
      });
      expect(moved.status).toBe(200);
      expect([...moved.text.matchAll(/<li><code>/g)]).toHaveLength(10);
      // The new phone's codes sign in; the old phone's do not.
      const old = await answer({ challenge: await challengeOf(mover), code: hotp(moverCodes.key, currentStep() + 1) });
      expectProblem(old, 401);
      expect((await answer({ challenge: await challengeOf(mover), code: await phone.next() })).status).toBe(200);
      expect(await audits(hr.id)).toContain('auth.second-factor.recovery-codes-renewed');
      expect((await audits(mover.id)).filter((a) => a === 'auth.second-factor.enrolled')).toHaveLength(2);
    });

    it('sends the browser back to the password when there is no challenge', async () => {
      const response = await t.http().get('/signin/second-factor').set('accept', 'text/html');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/signin');
    });
  });

  describe('password sign-in switched off for an agency', () => {
    it('refuses its people (and those of agencies below it) after a correct password, with a message; administrators still get in', async () => {
      const parent = await agencyByCode(t.db, 'ministry-finance');
      const learner = await createUser(t.db, { roles: ['learner'], agency: 'ministry-finance' });
      const below = await createUser(t.db, { roles: ['learner'], agency: 'tax-general-department' });
      const adminThere = await createUser(t.db, { roles: ['admin'], agency: 'ministry-finance' });
      const hrToken = await (async () => {
        const hr = await createUser(t.db, { roles: ['hr_officer'] });
        return (await enrol(hr)).token;
      })();

      const put = (token: string, enabled: unknown) =>
        t.http().put(`/api/v1/agencies/${parent.id}/password-sign-in`).set(bearer(token)).send({ enabled });
      expectProblem(await put(hrToken, false), 403);
      expectProblem(await put(adminToken, 'no'), 400);
      const off = await put(adminToken, false);
      expect(off.status).toBe(200);
      expect(off.body.passwordSignIn).toBe(false);

      for (const person of [learner, below]) {
        const refused = await login(person);
        expectProblem(refused, 403);
        expect(refused.body.type).toBe(`${PROBLEMS}password-sign-in-off`);
        expect(refused.body.detail).toMatch(/identity provider/);
        // The right password where it may not be used is worth a look: it is in the audit log.
        expect(await audits(person.id)).toContain('auth.password.refused');
      }
      // A wrong password still gets the answer every wrong password gets: nothing is revealed.
      const guess = await login(learner, 'not-the-password');
      expectProblem(guess, 401);
      expect(guess.body.type).toBe('about:blank');
      // An administrator of that agency is asked for the second step, not refused.
      await challengeOf(adminThere, 'second-factor-enrolment-required');

      const web = await t
        .http()
        .post('/signin')
        .set('x-forwarded-for', from())
        .set('cookie', 'chadavkhi_lang=en')
        .type('form')
        .send({ email: below.email, password: TEST_PASSWORD });
      expect(web.status).toBe(403);
      expect(web.text).toContain('Your agency has switched off password sign-in.');

      const [entry] = await t.db.query(
        `SELECT actor_id, details FROM audit_log_entries WHERE action = 'agency.password-sign-in' AND target_id = $1`,
        [parent.id],
      );
      expect(entry).toEqual({ actor_id: admin.id, details: expect.objectContaining({ enabled: false }) });

      expect((await put(adminToken, true)).body.passwordSignIn).toBe(true);
      expect((await login(below)).status).toBe(200);
    });

    it('has a switch per agency on /admin/sign-in', async () => {
      const agency = await agencyByCode(t.db, 'national-statistics-office');
      const token = adminToken;
      const list = await t.http().get('/admin/sign-in').set(bearer(token)).set('accept', 'text/html');
      expect(list.status).toBe(200);
      expect(list.text).toContain(`action="/admin/sign-in/${agency.id}"`);
      const saved = await t
        .http()
        .post(`/admin/sign-in/${agency.id}`)
        .set(bearer(token))
        .type('form')
        .send({ enabled: 'false' });
      expect(saved.status).toBe(303);
      const after = await t.http().get('/admin/sign-in').set(bearer(token)).set('accept', 'text/html');
      expect(after.text).toMatch(new RegExp(`id="agency-${agency.id}"[\\s\\S]*?data-state="off"`));
    });
  });

  it('enrols the demo administrator and HR officer with the demo secret, whose code the page shows while the demo is loaded', async () => {
    const demoFile = parse(readFileSync(join(__dirname, '..', '..', 'content', 'demo', 'users.yaml'), 'utf8'));
    await t.db.transaction((manager) => t.app.get(IdentityContentService).importDemoUsers(manager, demoFile));
    const enrolled = await t.db.query(
      `SELECT u.email FROM second_factors f JOIN users u ON u.id = f.user_id WHERE u.email LIKE '%@demo.chadavkhi.mn' ORDER BY 1`,
    );
    expect(enrolled.map((r: { email: string }) => r.email)).toEqual([
      'admin@demo.chadavkhi.mn',
      'hr@demo.chadavkhi.mn',
    ]);

    const signIn = await t
      .http()
      .post('/signin')
      .set('x-forwarded-for', from())
      .type('form')
      .send({ email: 'hr@demo.chadavkhi.mn', password: demoFile.password });
    expect(signIn.headers.location).toBe('/signin/second-factor');
    const cookie = (signIn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const page = await t.http().get('/signin/second-factor').set('cookie', cookie).set('accept', 'text/html');
    const shown = /data-demo-code>(\d{6})</.exec(page.text)![1];
    expect(
      [-1, 0, 1].map((d) => totpAt(base32Decode(demoFile.secondFactorSecret), Date.now() / 1000 + 30 * d)),
    ).toContain(shown);
    const done = await t.http().post('/signin/second-factor').set('cookie', cookie).type('form').send({ code: shown });
    expect(done.status).toBe(303);
  });

  it('leaves the test harness asking nobody unless a test says so', async () => {
    const other = await startTestApp();
    try {
      const hr = await createUser(other.db, { roles: ['hr_officer'] });
      expect(await tokenFor(other, hr.email)).toEqual(expect.any(String));
    } finally {
      await other.close();
    }
  });
});
