// Sign-in through DAN (sso.gov.mn), end to end against a stand-in that answers as DAN's public
// documentation shows (test/support/dan-standin.ts): the scope as base64 JSON of the requested
// services, the code exchanged with the client's secret, the citizen's ID card record read with the
// access token, and the person found by registration number.
import { createUser, TestUser } from '../support/factories';
import { DanStandIn, startDanStandIn } from '../support/dan-standin';
import { writeProvidersFile } from '../support/provider-files';
import { startTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://chadavkhi.test';
const SESSION_COOKIE = 'chadavkhi_session';
const SECRET = 'dan-client-secret-for-tests';

describe('sign-in through DAN', () => {
  let dan: DanStandIn;
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    dan = await startDanStandIn({
      clientId: 'chadavkhi',
      clientSecret: SECRET,
      redirectUris: ['dan', 'dan-wrong-secret'].map((id) => `${PUBLIC_URL}/signin/dan/${id}/callback`),
    });
    process.env.TEST_DAN_CLIENT_SECRET = SECRET;
    const common = { kind: 'dan', baseUrl: dan.url, clientId: 'chadavkhi' };
    const file = writeProvidersFile([
      { ...common, id: 'dan', label: { mn: 'ДАН', en: 'DAN' }, clientSecret: { env: 'TEST_DAN_CLIENT_SECRET' } },
      { ...common, id: 'dan-wrong-secret', label: { mn: 'ДАН 2', en: 'DAN 2' }, clientSecret: 'not-the-secret' },
    ]);
    t = await startTestApp({ SIGN_IN_PROVIDERS_FILE: file, PUBLIC_URL });
    staff = await createUser(t.db);
    await t.db.query(`UPDATE users SET registration_number = 'УБ99061512' WHERE id = $1`, [staff.id]);
  });

  afterAll(async () => {
    await t?.close();
    await dan?.stop();
  });

  async function throughDan(providerId = 'dan', answer: 'confirm' | 'deny' = 'confirm'): Promise<string> {
    const start = await t.http().get(`/signin/dan/${providerId}?next=/courses`);
    expect(start.status).toBe(303);
    const back = new URL(await dan.authorize(start.headers.location as string, answer));
    expect(back.origin).toBe(PUBLIC_URL);
    return back.pathname + back.search;
  }

  /** The callback, from the browser that started the sign-in (its state cookie carries the same state). */
  const callback = (path: string) =>
    t
      .http()
      .get(path)
      .set('accept', 'text/html')
      .set('cookie', `chadavkhi_provider_state=${new URLSearchParams(path.split('?')[1]).get('state')}`);
  const sessionCookie = (response: { headers: Record<string, unknown> }) =>
    ((response.headers['set-cookie'] as string[] | undefined) ?? []).find(
      (c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`),
    );

  async function expectRefused(path: string, reason: string, detail: RegExp) {
    const response = await callback(path);
    expect(response.status).toBe(403);
    expect(response.text).toContain(`data-reason="${reason}"`);
    expect(sessionCookie(response)).toBeUndefined();
    const [last]: { details: { provider: string; reason: string; detail: string } }[] = await t.db.query(
      `SELECT details FROM audit_log_entries WHERE action = 'auth.provider.refused' ORDER BY created_at DESC, id LIMIT 1`,
    );
    expect(last.details.reason).toBe(reason);
    expect(last.details.detail).toMatch(detail);
  }

  it("asks DAN for the citizen's ID card record, the scope being base64 of the services' JSON list", async () => {
    const start = await t.http().get('/signin/dan/dan');
    const url = new URL(start.headers.location as string);
    expect(url.origin + url.pathname).toBe(`${dan.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'chadavkhi',
      redirect_uri: `${PUBLIC_URL}/signin/dan/dan/callback`,
    });
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(16);
    expect(JSON.parse(Buffer.from(url.searchParams.get('scope')!, 'base64').toString('utf8'))).toEqual([
      { services: ['WS100101_getCitizenIDCardInfo'], wsdl: 'https://xyp.gov.mn/citizen-1.5.0/ws?WSDL' },
    ]);
    // The stand-in decoded and accepted it.
    await dan.authorize(url.href, 'deny');
    expect(dan.lastScope()).toEqual([
      { services: ['WS100101_getCitizenIDCardInfo'], wsdl: 'https://xyp.gov.mn/citizen-1.5.0/ws?WSDL' },
    ]);
  });

  it('signs a citizen in the staff list in by registration number (written any case, with a space)', async () => {
    dan.citizenSignsIn({ regnum: 'уб 99061512', firstname: 'Болд', lastname: 'Батын' });
    const response = await callback(await throughDan());
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/courses');
    const me = await t.http().get('/api/v1/me').set('cookie', sessionCookie(response)!.split(';')[0]);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(staff.id);
    const links: { subject: string; linked_by: string }[] = await t.db.query(
      `SELECT subject, linked_by FROM external_identities WHERE provider_id = 'dan' AND user_id = $1`,
      [staff.id],
    );
    expect(links).toEqual([{ subject: 'УБ99061512', linked_by: 'registration-number' }]);
  });

  it('refuses a registration number that is not in the staff list', async () => {
    dan.citizenSignsIn({ regnum: 'ДА77030409', firstname: 'Дорж', lastname: 'Ганын' });
    await expectRefused(await throughDan(), 'not-in-staff-list', /no person/);
  });

  it("refuses when DAN's service endpoint answers an error instead of the record", async () => {
    dan.citizenSignsIn({ regnum: 'УБ99061512', firstname: 'Болд', lastname: 'Батын' });
    const path = await throughDan();
    dan.failNextService(3, 'Иргэний мэдээлэл олдсонгүй');
    await expectRefused(path, 'invalid-response', /WS100101_getCitizenIDCardInfo answered 3/);
  });

  it('refuses a replayed callback, a refused consent and a token exchange DAN rejects', async () => {
    dan.citizenSignsIn({ regnum: 'УБ99061512', firstname: 'Болд', lastname: 'Батын' });
    const path = await throughDan();
    expect((await callback(path)).status).toBe(303);
    await expectRefused(path, 'invalid-response', /state/);
    await expectRefused(await throughDan('dan', 'deny'), 'invalid-response', /access_denied/);
    await expectRefused(await throughDan('dan-wrong-secret'), 'invalid-response', /invalid_client/);
  });

  it('answers a "try again later" page while DAN cannot be reached', async () => {
    dan.citizenSignsIn({ regnum: 'УБ99061512', firstname: 'Болд', lastname: 'Батын' });
    const path = await throughDan();
    await dan.stop(); // the last test: afterAll's stop() then finds it stopped already
    const response = await callback(path);
    expect(response.status).toBe(503);
    expect(response.text).toContain('ДАН');
    expect(sessionCookie(response)).toBeUndefined();
  });
});
