// Sign-in: one answer for every failure, throttling, and cookie sessions that other sites cannot ride.
import { TEST_PASSWORD, createUser } from '../support/factories';
import { bearer, expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('sign-in', () => {
  let t: TestApp;
  // Behind a trusted proxy the client address comes from X-Forwarded-For, so each test can be its
  // own client and the per-address limit of one test does not spill into the next.
  let nextAddress = 1;
  const from = () => `10.1.0.${nextAddress++}`;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: true });
  });
  afterAll(() => t.close());

  it('returns a short-lived bearer token and the user', async () => {
    const user = await createUser(t.db, { roles: ['learner'] });
    const response = await t.http().post('/api/v1/auth/login').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ tokenType: 'Bearer', expiresIn: 900, user: expect.objectContaining({ id: user.id, email: user.email }) }));
    const me = await t.http().get('/api/v1/me').set(bearer(response.body.accessToken));
    expect(me.body.id).toBe(user.id);
  });

  it('gives the same 401 for a wrong password and for an unknown email', async () => {
    const user = await createUser(t.db);
    const ip = from();
    const wrong = await t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email: user.email, password: 'not-the-password' });
    const unknown = await t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email: 'nobody@nowhere.mn', password: 'not-the-password' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('refuses the 11th failed sign-in within a minute with 429 and Retry-After, even with the right password', async () => {
    const user = await createUser(t.db);
    // Each attempt from a different address: the account's own counter is what trips.
    for (let i = 1; i <= 10; i++) {
      expect((await t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: `wrong-${i}` })).status).toBe(401);
    }
    const eleventh = await t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: TEST_PASSWORD });
    expectProblem(eleventh, 429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses an address that failed 10 times in a minute, whatever account it tries next', async () => {
    const ip = from();
    for (let i = 1; i <= 10; i++) {
      expect((await t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email: `guess-${i}@mof.gov.mn`, password: 'guess' })).status).toBe(401);
    }
    const user = await createUser(t.db);
    expectProblem(await t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email: user.email, password: TEST_PASSWORD }), 429);
    expect((await t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('stops accepting a token once the user is deactivated', async () => {
    const user = await createUser(t.db);
    const token = (await t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: TEST_PASSWORD })).body.accessToken;
    await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
    expectProblem(await t.http().get('/api/v1/me').set(bearer(token)), 401);
    expectProblem(await t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: TEST_PASSWORD }), 401);
  });

  it('signs a browser in with an httpOnly SameSite cookie and refuses cookie writes without the CSRF token', async () => {
    const hr = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
    const signIn = await t.http().post('/signin').set('x-forwarded-for', from()).type('form').send({ email: hr.email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('chadavkhi_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0];

    expect((await t.http().get('/api/v1/me').set('cookie', session)).status).toBe(200);
    const body = { email: 'csrf@mof.gov.mn', name: 'Csrf Test', password: 'Long-enough-1', agencyId: hr.agencyId, positionId: hr.positionId };
    const forged = await t.http().post('/api/v1/users').set('cookie', session).send(body);
    expect(expectProblem(forged, 403).detail).toMatch(/did not come from this site/);

    const home = await t.http().get('/').set('cookie', session);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)![1];
    expect((await t.http().post('/api/v1/users').set('cookie', session).set('x-csrf-token', csrf).send(body)).status).toBe(201);
  });

  it('refuses a sign-in form posted from another site, and accepts one from its own pages', async () => {
    const user = await createUser(t.db);
    for (const origin of ['https://evil.example', 'null']) {
      const response = await t.http().post('/signin').set('origin', origin).set('x-forwarded-for', from()).type('form').send({ email: user.email, password: TEST_PASSWORD });
      expect(response.status).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const page = await t.http().get('/signin');
    expect(page.headers['referrer-policy']).toBe('same-origin'); // so browsers send our real Origin, not "null"
    const own = await t.http().post('/signin').set('host', 'training.example.mn').set('origin', 'http://training.example.mn').set('x-forwarded-for', from()).type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(own.status).toBe(303);
  });
});
