// Sign-in through an OpenID Connect provider, end to end against a real one (oidc-provider in a
// child process): the code flow with PKCE, state and nonce, the person found by registration number
// (or trusted e-mail, or created where configured), and every bad answer refused with a page, an
// audit entry and no session.
import { spawn } from 'node:child_process';
import { compileApps } from '../support/compiled-build';
import { createUser, TestUser } from '../support/factories';
import { freePort } from '../support/redis-server';
import { OidcTestProvider, startOidcProvider } from '../support/oidc-provider';
import { writeProvidersFile } from '../support/provider-files';
import { startTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://chadavkhi.test';
const SESSION_COOKIE = 'chadavkhi_session';
const SECRET = 'chadavkhi-client-secret-for-tests-0123456789';
const NUMBERS = {
  staff: 'УБ99061512',
  leaver: 'УБ88021234',
  switchedOff: 'ЧД95110511',
  newcomer: 'ХО01220317',
  unknown: 'ДА77030409',
};

describe('sign-in through OpenID Connect', () => {
  let op: OidcTestProvider;
  let t: TestApp;
  let staff: TestUser;
  let emailOnly: TestUser;
  let providersFile: string;

  beforeAll(async () => {
    const ids = ['ministry', 'ministry-es', 'ministry-hs', 'ministry-email', 'ministry-jit', 'ministry-down'];
    op = await startOidcProvider({
      clients: [
        { client_id: 'chadavkhi', client_secret: SECRET },
        { client_id: 'chadavkhi-hs', client_secret: SECRET, id_token_signed_response_alg: 'HS256' },
      ],
      accounts: [
        { sub: 'kc-staff', claims: { regnum: NUMBERS.staff, email: 'someone@else.mn', email_verified: true } },
        { sub: 'kc-leaver', claims: { regnum: NUMBERS.leaver } },
        { sub: 'kc-off', claims: { regnum: NUMBERS.switchedOff } },
        { sub: 'kc-unknown', claims: { regnum: NUMBERS.unknown } },
        {
          sub: 'kc-newcomer',
          claims: {
            regnum: NUMBERS.newcomer,
            family_name: 'Батын',
            given_name: 'Сараа',
            email: 'saraa@test.chadavkhi.mn',
            email_verified: true,
          },
        },
        { sub: 'kc-mail', claims: { email: 'mail-only@test.chadavkhi.mn', email_verified: true } },
        { sub: 'kc-unverified', claims: { email: 'mail-only@test.chadavkhi.mn', email_verified: false } },
      ],
    });
    const common = {
      kind: 'oidc',
      issuer: op.issuer,
      clientId: 'chadavkhi',
      clientSecret: { env: 'TEST_OIDC_CLIENT_SECRET' },
      registrationNumberClaim: 'regnum',
    };
    process.env.TEST_OIDC_CLIENT_SECRET = SECRET;
    const file = (providersFile = writeProvidersFile([
      { ...common, id: 'ministry', label: { mn: 'Яамны нэвтрэлт', en: 'Ministry sign-in' } },
      { ...common, id: 'ministry-es', label: { mn: 'ES', en: 'ES' }, algorithms: ['ES256'] },
      { ...common, id: 'ministry-hs', label: { mn: 'HS', en: 'HS' }, clientId: 'chadavkhi-hs' },
      {
        ...common,
        id: 'ministry-email',
        label: { mn: 'Мэйл', en: 'Mail' },
        linkBy: ['registration-number', 'email'],
        trustEmail: true,
      },
      {
        ...common,
        id: 'ministry-jit',
        label: { mn: 'Шинэ', en: 'New' },
        createPeople: { agency: 'ministry-finance', position: 'specialist' },
      },
      { ...common, id: 'ministry-down', label: { mn: 'Унтарсан', en: 'Down' }, issuer: 'http://127.0.0.1:9/' },
    ]));
    await op.setRedirectUris(ids.map((id) => `${PUBLIC_URL}/signin/oidc/${id}/callback`));
    t = await startTestApp({ SIGN_IN_PROVIDERS_FILE: file, PUBLIC_URL });
    [staff, emailOnly] = await Promise.all([
      createUser(t.db),
      createUser(t.db, { email: 'mail-only@test.chadavkhi.mn' }),
    ]);
    const leaver = await createUser(t.db);
    const off = await createUser(t.db);
    await t.db.query(`UPDATE users SET registration_number = $2 WHERE id = $1`, [staff.id, NUMBERS.staff]);
    await t.db.query(`UPDATE users SET registration_number = $2, left_on = current_date - 3 WHERE id = $1`, [
      leaver.id,
      NUMBERS.leaver,
    ]);
    await t.db.query(`UPDATE users SET registration_number = $2, is_active = false WHERE id = $1`, [
      off.id,
      NUMBERS.switchedOff,
    ]);
  });

  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  /** Out to the provider from /signin/oidc/{id}, signed in there as `account`; the callback's path. */
  async function throughProvider(providerId: string, account: string, next = '/courses'): Promise<string> {
    const start = await t.http().get(`/signin/oidc/${providerId}?next=${encodeURIComponent(next)}`);
    expect(start.status).toBe(303);
    const back = new URL(await op.authorize(start.headers.location as string, account));
    expect(back.origin).toBe(PUBLIC_URL);
    return back.pathname + back.search;
  }

  /** The callback, from the browser that started the sign-in (its state cookie carries the same state). */
  const callback = (path: string, stateCookie = new URLSearchParams(path.split('?')[1]).get('state')) =>
    t
      .http()
      .get(path)
      .set('accept', 'text/html')
      .set('cookie', stateCookie === null ? '' : `chadavkhi_provider_state=${stateCookie}`);

  function sessionCookie(response: { headers: Record<string, unknown> }): string | undefined {
    const cookies = (response.headers['set-cookie'] as string[] | undefined) ?? [];
    return cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
  }

  async function refusals(): Promise<{ provider: string; reason: string; detail: string }[]> {
    const rows: { details: { provider: string; reason: string; detail: string } }[] = await t.db.query(
      `SELECT details FROM audit_log_entries WHERE action = 'auth.provider.refused' ORDER BY created_at, id`,
    );
    return rows.map((r) => r.details);
  }

  /** The callback answered with the refusal page, set no session, and added one audit entry. */
  async function expectRefused(path: string, reason: string, detail?: RegExp) {
    const before = (await refusals()).length;
    const response = await callback(path);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain(`data-reason="${reason}"`);
    expect(sessionCookie(response)).toBeUndefined();
    const after = await refusals();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.reason).toBe(reason);
    if (detail) expect(after.at(-1)!.detail).toMatch(detail);
    return response;
  }

  it('sends the browser to the provider with the code flow, PKCE (S256), state and nonce', async () => {
    const start = await t.http().get('/signin/oidc/ministry');
    expect(start.status).toBe(303);
    const url = new URL(start.headers.location as string);
    expect(url.origin).toBe(op.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'chadavkhi',
      redirect_uri: `${PUBLIC_URL}/signin/oidc/ministry/callback`,
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(16);
    expect(url.searchParams.get('nonce')!.length).toBeGreaterThanOrEqual(16);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('chadavkhi_provider_state='),
    );
    expect(cookie).toContain(`chadavkhi_provider_state=${url.searchParams.get('state')};`);
    expect(cookie).toMatch(/Path=\/signin\/;.*HttpOnly;.*SameSite=Lax/);
  });

  it('signs a person in the staff list in by registration number, links the identity, and uses the link next time', async () => {
    const response = await callback(await throughProvider('ministry', 'kc-staff'));
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/courses');
    const cookie = sessionCookie(response)!;
    expect(cookie).toBeDefined();
    const me = await t.http().get('/api/v1/me').set('cookie', cookie.split(';')[0]);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(staff.id);
    const links: { subject: string; linked_by: string }[] = await t.db.query(
      `SELECT subject, linked_by FROM external_identities WHERE provider_id = 'ministry' AND user_id = $1`,
      [staff.id],
    );
    expect(links).toEqual([{ subject: 'kc-staff', linked_by: 'registration-number' }]);
    const sessions: { provider_id: string }[] = await t.db.query(
      `SELECT provider_id FROM sessions WHERE user_id = $1`,
      [staff.id],
    );
    expect(sessions.map((s) => s.provider_id)).toEqual(['ministry']);

    // The staff list changes the number; the link still finds the person.
    await t.db.query(`UPDATE users SET registration_number = NULL WHERE id = $1`, [staff.id]);
    const again = await callback(await throughProvider('ministry', 'kc-staff', '/'));
    await t.db.query(`UPDATE users SET registration_number = $2 WHERE id = $1`, [staff.id, NUMBERS.staff]);
    expect(again.status).toBe(303);
    const me2 = await t.http().get('/api/v1/me').set('cookie', sessionCookie(again)!.split(';')[0]);
    expect(me2.body.id).toBe(staff.id);
    const audit: { n: string }[] = await t.db.query(
      `SELECT count(*) AS n FROM audit_log_entries WHERE action = 'auth.provider.sign-in' AND actor_id = $1`,
      [staff.id],
    );
    expect(Number(audit[0].n)).toBe(2);
  });

  it('refuses a callback made in another browser (no state cookie, or another sign-in’s)', async () => {
    const path = await throughProvider('ministry', 'kc-staff');
    const before = (await refusals()).length;
    for (const stateCookie of [null, 'the-state-of-another-sign-in']) {
      const response = await callback(path, stateCookie);
      expect(response.status).toBe(403);
      expect(sessionCookie(response)).toBeUndefined();
    }
    expect((await refusals()).slice(before).map((r) => r.detail)).toEqual([
      expect.stringMatching(/not started in this browser/),
      expect.stringMatching(/not started in this browser/),
    ]);
    // The browser that started it still can.
    expect((await callback(path)).status).toBe(303);
  });

  it('refuses a callback whose state was used already (a replay) or never issued', async () => {
    const path = await throughProvider('ministry', 'kc-staff');
    expect((await callback(path)).status).toBe(303);
    await expectRefused(path, 'invalid-response', /state/);
    const forged = new URLSearchParams(path.split('?')[1]);
    forged.set('state', 'a-state-this-app-never-issued');
    await expectRefused(`/signin/oidc/ministry/callback?${forged}`, 'invalid-response', /state/);
  });

  it("refuses the provider's error answer (the person said no)", async () => {
    const start = await t.http().get('/signin/oidc/ministry');
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    await expectRefused(
      `/signin/oidc/ministry/callback?error=access_denied&error_description=denied&state=${state}`,
      'invalid-response',
      /access_denied/,
    );
  });

  it('refuses an id_token with another nonce', async () => {
    const path = await throughProviderTampered('ministry', { claims: { nonce: 'a-nonce-from-another-sign-in' } });
    await expectRefused(path, 'invalid-response', /nonce/);
  });

  it('refuses an id_token meant for another client (audience)', async () => {
    const path = await throughProviderTampered('ministry', { claims: { aud: 'another-service' } });
    await expectRefused(path, 'invalid-response', /aud/);
  });

  it('refuses an id_token that expired beyond the clock tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    const path = await throughProviderTampered('ministry', { claims: { iat: now - 600, exp: now - 120 } });
    await expectRefused(path, 'invalid-response', /exp/);
  });

  it('accepts an id_token that expired within the clock tolerance (60 s)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const path = await throughProviderTampered('ministry', { claims: { iat: now - 600, exp: now - 20 } });
    expect((await callback(path)).status).toBe(303);
  });

  it('refuses an unsigned id_token (alg: none)', async () => {
    const path = await throughProviderTampered('ministry', { alg: 'none' });
    await expectRefused(path, 'invalid-response', /alg/);
  });

  it('refuses an id_token signed with HS256 (a shared secret) though the provider advertises it', async () => {
    await expectRefused(await throughProvider('ministry-hs', 'kc-staff'), 'invalid-response', /alg/);
  });

  it("refuses an id_token whose algorithm is outside the provider's allow-list", async () => {
    await expectRefused(await throughProvider('ministry-es', 'kc-staff'), 'invalid-response', /alg/);
  });

  it("refuses an id_token signed with a key that is not the provider's", async () => {
    const path = await throughProviderTampered('ministry', { foreignKey: true });
    await expectRefused(path, 'invalid-response', /signature|key/i);
  });

  it('tells a person not in the staff list to ask their HR unit', async () => {
    const response = await expectRefused(await throughProvider('ministry', 'kc-unknown'), 'not-in-staff-list');
    expect(response.text).toContain('хүний нөөц');
  });

  it('refuses a leaver and a switched-off account', async () => {
    await expectRefused(await throughProvider('ministry', 'kc-leaver'), 'left-service');
    await expectRefused(await throughProvider('ministry', 'kc-off'), 'left-service');
  });

  it('links by a verified e-mail only where the provider is trusted with e-mail', async () => {
    // Not trusted (linkBy registration number only): the e-mail is not looked at.
    await expectRefused(await throughProvider('ministry', 'kc-mail'), 'no-identifier');
    // Trusted, but the provider has not verified this address.
    await expectRefused(await throughProvider('ministry-email', 'kc-unverified'), 'no-identifier');
    const response = await callback(await throughProvider('ministry-email', 'kc-mail'));
    expect(response.status).toBe(303);
    const me = await t.http().get('/api/v1/me').set('cookie', sessionCookie(response)!.split(';')[0]);
    expect(me.body.id).toBe(emailOnly.id);
    const [link]: { linked_by: string }[] = await t.db.query(
      `SELECT linked_by FROM external_identities WHERE provider_id = 'ministry-email' AND subject = 'kc-mail'`,
    );
    expect(link.linked_by).toBe('email');
  });

  it('creates a person the staff list lacks where the provider is configured to', async () => {
    await expectRefused(await throughProvider('ministry', 'kc-newcomer'), 'not-in-staff-list');
    const response = await callback(await throughProvider('ministry-jit', 'kc-newcomer'));
    expect(response.status).toBe(303);
    const [person]: { id: string; family_name: string; given_name: string }[] = await t.db.query(
      `SELECT id, family_name, given_name FROM users WHERE registration_number = $1`,
      [NUMBERS.newcomer],
    );
    expect(person).toMatchObject({ family_name: 'Батын', given_name: 'Сараа' });
    const me = await t.http().get('/api/v1/me').set('cookie', sessionCookie(response)!.split(';')[0]);
    expect(me.body.id).toBe(person.id);
  });

  it('answers 404 for a provider that is not configured', async () => {
    const response = await t.http().get('/signin/oidc/nobody').set('accept', 'text/html');
    expect(response.status).toBe(404);
    expect((await t.http().get('/signin/dan/ministry').set('accept', 'text/html')).status).toBe(404);
  });

  it('answers a "try again later" page (503) while a provider cannot be reached', async () => {
    const response = await t.http().get('/signin/oidc/ministry-down').set('accept', 'text/html');
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('Унтарсан');
  });

  /** A sign-in whose id_token the provider alters as asked before handing it over. */
  async function throughProviderTampered(
    providerId: string,
    changes: { claims?: Record<string, unknown>; alg?: 'none'; foreignKey?: boolean },
  ): Promise<string> {
    const path = await throughProvider(providerId, 'kc-staff');
    await op.tamperNextIdToken(changes);
    return path;
  }

  it('signs in the same way in the compiled API, as production runs it (openid-client is ESM; CommonJS loads it)', async () => {
    const build = compileApps('sign-in-oidc');
    const port = await freePort();
    const api = spawn(process.execPath, [build.main('api')], {
      env: {
        ...process.env,
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        MEILI_INDEX_PREFIX: t.config.MEILI_INDEX_PREFIX,
        RUN_WORKERS: 'false',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL,
        SIGN_IN_PROVIDERS_FILE: providersFile,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    api.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    try {
      // Listening is enough (health may report a dependency this test does not need).
      const giveUp = Date.now() + 60_000;
      for (let listening = false; !listening;) {
        if (api.exitCode !== null || Date.now() > giveUp) throw new Error(`the compiled API did not start: ${stderr}`);
        listening = await fetch(`${base}/api/v1/health`).then(
          () => true,
          () => false,
        );
        if (!listening) await new Promise((r) => setTimeout(r, 200));
      }
      const start = await fetch(`${base}/signin/oidc/ministry?next=/courses`, { redirect: 'manual' });
      expect([start.status, start.status === 303 ? '' : await start.text()]).toEqual([303, '']);
      const back = new URL(await op.authorize(start.headers.get('location')!, 'kc-staff'));
      const response = await fetch(`${base}${back.pathname}${back.search}`, {
        redirect: 'manual',
        headers: { cookie: start.headers.getSetCookie()[0].split(';')[0] },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/courses');
      expect(response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=ey`))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => {
        if (api.exitCode !== null) return resolve();
        api.once('exit', () => resolve());
        api.kill('SIGTERM');
      });
      build.remove();
    }
  }, 120_000);
});
