// Bad input never gets a 500: every refusal is RFC 9457 problem+json that says what to fix.
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('problem+json for bad input', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: 4096 });
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
  });
  afterAll(() => t.close());

  it('rejects unknown fields, naming them', async () => {
    const problem = expectProblem(
      await t.http().post('/api/v1/auth/login').send({ email: 'a@b.mn', password: 'x', isAdmin: true }),
      400,
    );
    expect(problem.errors).toEqual([{ field: 'isAdmin', messages: ['isAdmin is not an allowed field'] }]);
  });

  it('reports wrong types field by field', async () => {
    const problem = expectProblem(
      await t
        .http()
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ email: 42, name: ['x'], agencyId: 'nope', positionId: null, roles: ['emperor'] }),
      400,
    );
    const fields = (problem.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['agencyId', 'email', 'name', 'positionId', 'roles']);
    expect(JSON.stringify(problem.errors)).toMatch(
      /each role must be one of learner, trainer, hr_officer, agency_head, admin/,
    );
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": "a@b.mn",');
    expect(expectProblem(response, 400).detail).toMatch(/JSON/);
  });

  it('treats an empty body sent as application/json as no body', async () => {
    const response = await t.http().get('/api/v1/me').set(bearer(admin)).set('content-type', 'application/json');
    expect(response.status).toBe(200);
    const action = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .set('content-length', '0');
    expect(expectProblem(action, 400).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
    ); // validated, not a parse error
  });

  it('rejects an oversized body with 413 before reading it all', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.mn', password: 'x'.repeat(10_000) });
    expectProblem(response, 413);
  });

  it('bounds list sizes', async () => {
    const problem = expectProblem(await t.http().get('/api/v1/users?limit=1000').set(bearer(admin)), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    expectProblem(await t.http().get('/api/v1/users?page=0').set(bearer(admin)), 400);
  });

  it('answers unknown API routes with 404 problem+json', async () => {
    const problem = expectProblem(await t.http().get('/api/v1/no-such-thing'), 404);
    expect(problem.instance).toBe('/api/v1/no-such-thing');
  });

  it('answers a browser asking for an unknown page with an HTML page, not JSON', async () => {
    const response = await t.http().get('/no-such-page').set('accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('Хуудас олдсонгүй');
  });

  it('never leaks internals for a request id it cannot parse', async () => {
    const problem = expectProblem(await t.http().get('/api/v1/users/123').set(bearer(admin)), 400);
    expect(JSON.stringify(problem)).not.toMatch(/stack|QueryFailedError|at \//);
  });
});
