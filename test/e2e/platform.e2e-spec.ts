// Health, API docs, request ids, caching and static files: what operators and integrators rely on.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { freePort } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('platform endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports PostgreSQL, Redis and Meilisearch up', async () => {
    const response = await t.http().get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      checks: {
        postgres: expect.objectContaining({ status: 'up' }),
        redis: expect.objectContaining({ status: 'up' }),
        meilisearch: expect.objectContaining({ status: 'up' }),
      },
    });
  });

  it('serves the OpenAPI document generated from the code, and its UI', async () => {
    const json = await t.http().get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/users',
        '/api/v1/agencies',
        '/api/v1/health',
      ]),
    );
    expect(Object.keys(json.body.paths).some((p) => p.startsWith('/signin'))).toBe(false);
    const ui = await t.http().get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('echoes a request id for tracing, or makes one', async () => {
    expect((await t.http().get('/api/v1/health').set('x-request-id', 'trace-me-123')).headers['x-request-id']).toBe(
      'trace-me-123',
    );
    expect(
      (
        await t
          .http()
          .get('/api/v1/health')
          .set('x-request-id', `Ab9._-${'x'.repeat(58)}`)
      ).headers['x-request-id'],
    ).toBe(`Ab9._-${'x'.repeat(58)}`);
    expect((await t.http().get('/api/v1/health')).headers['x-request-id']).toMatch(UUID);
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['with spaces', 'level 60 msg forged'],
    ['with markup', '<script>alert(1)</script>'],
    ['shaped like a log line', '{"level":60,"msg":"forged"}'],
    ['with a tab', 'a\tb'],
    ['not ASCII', 'caf\u00e9'],
  ])('does not take a client request id %s into the logs: it makes a new one', async (_, given) => {
    const response = await t.http().get('/api/v1/health').set('x-request-id', given);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('tells no browser or proxy to keep what it answers a signed-in caller, and leaves public answers cacheable', async () => {
    const user = await createUser(t.db, { roles: ['hr_officer'] });
    const token = await tokenFor(t, user.email);
    for (const path of [
      '/api/v1/me',
      '/api/v1/me/assignments',
      '/api/v1/me/certificates',
      '/api/v1/users',
      '/api/v1/certificates?expiringWithinDays=60',
      '/api/v1/open-data/agency-metrics.json',
    ]) {
      const response = await t.http().get(path).set(bearer(token));
      expect([path, response.status]).toEqual([path, 200]);
      expect([path, response.headers['cache-control']]).toEqual([path, 'no-store']);
    }
    // The public open-data page, seen signed in, shows who is signed in: not kept either.
    const session = await signInPage(t, user.email);
    expect((await session.get('/open-data')).headers['cache-control']).toBe('no-store');
    // Nobody signed in: open data stays cacheable, and so do the static files (also with a cookie).
    expect((await t.http().get('/open-data').set('accept', 'text/html')).headers['cache-control']).toBe(
      'public, max-age=600',
    );
    expect((await t.http().get('/api/v1/open-data/agency-metrics.json')).headers['cache-control']).toBe(
      'public, max-age=600',
    );
    expect(
      (await t.http().get('/assets/icons/icon.svg').set('cookie', session.cookie)).headers['cache-control'],
    ).toMatch(/max-age=86400/);
  });

  it('serves no source map from /assets/, even one a build left beside the scripts', async () => {
    const name = `left-behind-${process.pid}.js.map`;
    const file = join(__dirname, '..', '..', 'apps', 'api', 'src', 'web', 'public', name);
    writeFileSync(
      file,
      JSON.stringify({ version: 3, sources: ['../../src/secret.ts'], sourcesContent: ['const secret = 1;'] }),
    );
    try {
      const response = await t.http().get(`/assets/${name}`);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('secret');
    } finally {
      rmSync(file, { force: true });
    }
    expect((await t.http().get('/assets/app.js')).status).toBe(200);
  });
});

describe('health with Meilisearch unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MEILI_URL: `http://127.0.0.1:${await freePort()}` });
  });
  afterAll(() => t.close());

  it('answers 503 and names the dependency that is down', async () => {
    const response = await t.http().get('/api/v1/health');
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('degraded');
    expect(response.body.checks.meilisearch.status).toBe('down');
    expect(response.body.checks.postgres.status).toBe('up');
  });
});
