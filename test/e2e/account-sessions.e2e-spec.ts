// Each person sees their open sessions and signs out of one, of all others, or everywhere; nobody
// sees or ends another person's; deactivation and a password change end sessions as promised.
import { AuthService, StaffSyncService } from '@chadavkhi/identity';
import { TEST_PASSWORD, createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, signInPage } from '../support/web';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

describe('my sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: true });
  });
  afterAll(() => t.close());

  const signIn = async (email: string, userAgent: string, ip: string) => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .set('user-agent', userAgent)
      .set('x-forwarded-for', ip)
      .send({ email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };
  const list = (token: string) => t.http().get('/api/v1/me/sessions').set(bearer(token));
  const audits = async (action: string, actorId: string) =>
    t.db.query(`SELECT target_type, target_id, details FROM audit_log_entries WHERE action = $1 AND actor_id = $2`, [
      action,
      actorId,
    ]);

  it('lists my open sessions: how I signed in, the browser and system, the address, and which one is this', async () => {
    const me = await createUser(t.db);
    const desk = await signIn(me.email, CHROME_ON_WINDOWS, '10.3.0.1');
    await signIn(me.email, SAFARI_ON_IPHONE, '10.3.0.2');
    const byProvider = await t.app
      .get(AuthService)
      .startSession(me, { ip: '10.3.0.3', userAgent: null, providerId: 'gov-sso', secondFactor: true });
    await tokenFor(t, (await createUser(t.db)).email); // someone else's session is never listed

    const response = await list(desk);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(3);
    const current = response.body.filter((s: { current: boolean }) => s.current);
    expect(current).toEqual([
      expect.objectContaining({
        method: 'password',
        providerId: null,
        secondFactor: false,
        browser: 'Chrome 120',
        system: 'Windows 10',
        ip: '10.3.0.1',
        startedAt: expect.any(String),
        lastSeenAt: expect.any(String),
        expiresAt: expect.any(String),
      }),
    ]);
    expect(response.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ browser: 'Safari 17', system: 'iOS', ip: '10.3.0.2', current: false }),
        expect.objectContaining({
          method: 'provider',
          providerId: 'gov-sso',
          secondFactor: true,
          browser: null,
          system: null,
          current: false,
        }),
      ]),
    );
    expect((await list(byProvider.accessToken)).body.filter((s: { current: boolean }) => s.current)).toEqual([
      expect.objectContaining({ method: 'provider' }),
    ]);
  });

  it('ends one of my sessions, and answers 404 for anyone else’s, an unknown id or one already ended', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    const desk = await signIn(me.email, CHROME_ON_WINDOWS, '10.3.1.1');
    const phone = await signIn(me.email, SAFARI_ON_IPHONE, '10.3.1.2');
    const theirs = await signIn(other.email, CHROME_ON_WINDOWS, '10.3.1.3');
    const phoneId = (await list(desk)).body.find((s: { current: boolean }) => !s.current).id;
    const theirId = (await list(theirs)).body[0].id;

    expectProblem(await t.http().delete(`/api/v1/me/sessions/${theirId}`).set(bearer(desk)), 404);
    expect((await t.http().get('/api/v1/me').set(bearer(theirs))).status).toBe(200);
    expectProblem(await t.http().delete('/api/v1/me/sessions/not-a-session').set(bearer(desk)), 404);

    expect((await t.http().delete(`/api/v1/me/sessions/${phoneId}`).set(bearer(desk))).status).toBe(204);
    expectProblem(await t.http().get('/api/v1/me').set(bearer(phone)), 401);
    expect((await list(desk)).body.map((s: { id: string }) => s.id)).not.toContain(phoneId);
    expectProblem(await t.http().delete(`/api/v1/me/sessions/${phoneId}`).set(bearer(desk)), 404);
    expect(await audits('auth.sessions.end', me.id)).toEqual([
      { target_type: 'session', target_id: phoneId, details: {} },
    ]);
  });

  it('signs out everywhere else, keeping this session; or everywhere, this one too', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    const theirs = await signIn(other.email, CHROME_ON_WINDOWS, '10.3.2.9');
    const [desk, phone, laptop] = [
      await signIn(me.email, CHROME_ON_WINDOWS, '10.3.2.1'),
      await signIn(me.email, SAFARI_ON_IPHONE, '10.3.2.2'),
      await signIn(me.email, CHROME_ON_WINDOWS, '10.3.2.3'),
    ];
    expectProblem(await t.http().post('/api/v1/me/sessions/end-all').set(bearer(desk)).send({}), 400);
    expectProblem(
      await t.http().post('/api/v1/me/sessions/end-all').set(bearer(desk)).send({ keepCurrent: 'yes' }),
      400,
    );

    const kept = await t.http().post('/api/v1/me/sessions/end-all').set(bearer(desk)).send({ keepCurrent: true });
    expect(kept.status).toBe(200);
    expect(kept.body).toEqual({ ended: 2 });
    for (const token of [phone, laptop]) expectProblem(await t.http().get('/api/v1/me').set(bearer(token)), 401);
    expect((await list(desk)).body).toEqual([expect.objectContaining({ current: true })]);
    expect((await t.http().get('/api/v1/me').set(bearer(theirs))).status).toBe(200);

    const again = await signIn(me.email, SAFARI_ON_IPHONE, '10.3.2.2');
    const all = await t.http().post('/api/v1/me/sessions/end-all').set(bearer(desk)).send({ keepCurrent: false });
    expect(all.body).toEqual({ ended: 2 });
    for (const token of [desk, again]) expectProblem(await t.http().get('/api/v1/me').set(bearer(token)), 401);
    expect((await t.http().get('/api/v1/me').set(bearer(theirs))).status).toBe(200);
    expect(await audits('auth.sessions.end-all', me.id)).toEqual(
      expect.arrayContaining([
        { target_type: 'user', target_id: me.id, details: { keepCurrent: true, ended: 2 } },
        { target_type: 'user', target_id: me.id, details: { keepCurrent: false, ended: 2 } },
      ]),
    );
  });

  it('ends every session of a deactivated person: their tokens stop working and nothing is listed, even after reactivation', async () => {
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    const person = await createUser(t.db);
    const desk = await signIn(person.email, CHROME_ON_WINDOWS, '10.3.3.1');
    const phone = await signIn(person.email, SAFARI_ON_IPHONE, '10.3.3.2');
    expect((await list(desk)).body).toHaveLength(2);

    expect((await t.http().post(`/api/v1/users/${person.id}/deactivate`).set(bearer(admin))).status).toBe(200);
    for (const token of [desk, phone]) expectProblem(await list(token), 401);
    expect((await t.http().post(`/api/v1/users/${person.id}/reactivate`).set(bearer(admin))).status).toBe(200);
    for (const token of [desk, phone]) expectProblem(await list(token), 401);
    const back = await signIn(person.email, CHROME_ON_WINDOWS, '10.3.3.1');
    expect((await list(back)).body).toEqual([expect.objectContaining({ current: true })]);
  });

  it('ends every session of a person who leaves through the staff records', async () => {
    const leaver = await createUser(t.db);
    const desk = await signIn(leaver.email, CHROME_ON_WINDOWS, '10.3.6.1');
    const phone = await signIn(leaver.email, SAFARI_ON_IPHONE, '10.3.6.2');
    expect((await list(desk)).body).toHaveLength(2);
    await t.app
      .get(StaffSyncService)
      .leave({ kind: 'import', label: 'hr@mof.gov.mn', actorId: null, rootAgencyId: null, ip: null }, leaver.id);
    for (const token of [desk, phone]) expectProblem(await list(token), 401);
    expect(
      await t.db.query(
        `SELECT count(*)::int AS open FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.user_id = $1 AND s.token_version = u.token_version AND s.ended_at IS NULL`,
        [leaver.id],
      ),
    ).toEqual([{ open: 0 }]);
  });

  it('keeps this session and ends the others when I change my own password', async () => {
    const me = await createUser(t.db);
    const desk = await signIn(me.email, CHROME_ON_WINDOWS, '10.3.4.1');
    const phone = await signIn(me.email, SAFARI_ON_IPHONE, '10.3.4.2');
    const deskId = (await list(desk)).body.find((s: { current: boolean }) => s.current).id;
    const changed = await t
      .http()
      .post('/api/v1/me/password')
      .set(bearer(desk))
      .set('x-forwarded-for', '10.3.4.1')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'A-whole-new-password-2026' });
    expect(changed.status).toBe(200);
    expectProblem(await t.http().get('/api/v1/me').set(bearer(phone)), 401);
    expect((await list(changed.body.accessToken)).body).toEqual([
      expect.objectContaining({ id: deskId, current: true }),
    ]);
  });

  it("on the page: ends my other sessions with the form, never another person's, and refuses a form without its CSRF token", async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    const phone = await signIn(me.email, SAFARI_ON_IPHONE, '10.3.5.2');
    const theirs = await signIn(other.email, CHROME_ON_WINDOWS, '10.3.5.3');
    const theirId = (await list(theirs)).body[0].id;
    const page = await signInPage(t, me.email);

    const shown = await page.get('/account/sessions');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Safari 17');
    const refused = await page.post(`/account/sessions/${theirId}/end`);
    expect(refused.status).toBe(404);
    expect(refused.text).toContain('Тэр нэвтрэлт аль хэдийн дууссан байна.');
    expect((await t.http().get('/api/v1/me').set(bearer(theirs))).status).toBe(200);

    const forged = await t
      .http()
      .post('/account/sessions/end-all')
      .set('cookie', page.cookie)
      .type('form')
      .send({ keepCurrent: 'true' });
    expect(forged.status).toBe(403);
    expect((await t.http().get('/api/v1/me').set(bearer(phone))).status).toBe(200);
    expect((await page.post('/account/sessions/end-all', { keepCurrent: 'maybe' })).status).toBe(400);

    expect(location(await page.post('/account/sessions/end-all', { keepCurrent: 'true' }))).toBe(
      '/account/sessions?endedOthers=1',
    );
    expectProblem(await t.http().get('/api/v1/me').set(bearer(phone)), 401);
    const after = await page.get('/account/sessions?endedOthers=1');
    expect(after.text).toContain('Бусад бүх газраас гаргалаа (1).');
  });
});
