// HTTP as other people's clients expect it (issue 19 §4): a 401 says how to authenticate
// (RFC 6750), a body the server cannot take is a 400 or 415 (never a 500), a known address asked
// with the wrong method is a 405 that lists the allowed ones, and a 413 is an answer the client can
// read before the connection closes — checked with Node's own fetch, not only supertest.
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP conformance', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      { BODY_LIMIT_BYTES: 64 * 1024, KNOWLEDGE_ATTACHMENT_MAX_BYTES: 1024 * 1024 },
      { listen: true },
    );
  });
  afterAll(() => t.close());

  it('answers 401 with WWW-Authenticate: Bearer, naming an invalid token as such', async () => {
    const none = await t.http().get('/api/v1/me');
    expectProblem(none, 401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="chadavkhi"');
    const bad = await t.http().get('/api/v1/me').set(bearer('not.a.token'));
    expectProblem(bad, 401);
    expect(bad.headers['www-authenticate']).toBe('Bearer realm="chadavkhi", error="invalid_token"');
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.chadavkhi.mn', password: 'x'.repeat(12) });
    expectProblem(wrong, 401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer realm="chadavkhi"/);
  });

  it('refuses bodies it cannot read with 400 or 415, never 500', async () => {
    const token = await tokenFor(t, (await createUser(t.db)).email);
    const plain = await t.http().post('/api/v1/auth/login').set('content-type', 'text/plain').send('hello');
    expectProblem(plain, 415);
    const noBoundary = await t
      .http()
      .post('/api/v1/me/password')
      .set(bearer(token))
      .set('content-type', 'multipart/form-data')
      .send('--x\r\n\r\n');
    expect([400, 415]).toContain(noBoundary.status);
    expectProblem(noBoundary, noBoundary.status);
    const xml = await t.http().post('/api/v1/auth/login').set('content-type', 'application/xml').send('<a/>');
    expectProblem(xml, 415);
  });

  it('answers a known address asked with another method 405 with Allow, an unknown one 404', async () => {
    const wrong = await t.http().delete('/api/v1/auth/login');
    expectProblem(wrong, 405);
    expect(wrong.headers.allow).toBe('POST');
    const put = await t
      .http()
      .put(`/api/v1/users/${'0'.repeat(8)}-0000-4000-8000-000000000000/roles`.replace('/roles', ''));
    expectProblem(put, 405);
    expect(put.headers.allow?.split(', ')).toContain('GET');
    expectProblem(await t.http().get('/api/v1/no-such-thing'), 404);
  });

  it('lets a client read a 413 before the connection closes', async () => {
    const body = JSON.stringify({ email: 'x@y.mn', password: 'p'.repeat(4 * 1024 * 1024) });
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${t.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { status: number }).status).toBe(413);
    }
  });

  it('lets a client read a 413 for a file over the upload limit, sent with its length, before the connection closes', async () => {
    const token = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const file = Buffer.alloc(3 * 1024 * 1024, 0x41);
    for (let i = 0; i < 8; i++) {
      const response = await fetch(
        `${t.url}/api/v1/knowledge/documents/00000000-0000-4000-8000-000000000000/attachments/big.pdf`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/pdf', authorization: `Bearer ${token}` },
          body: file,
        },
      );
      expect(response.status).toBe(413);
      expect(((await response.json()) as { status: number }).status).toBe(413);
    }
  });
});
