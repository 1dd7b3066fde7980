// One isolated app per test file: its own database (cloned from the run's template), Redis key
// prefix and Meilisearch index prefix, on the real services `npm test` provides.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/api-app';
import { AppConfig, createLogger, loadConfig } from '@chadavkhi/platform';
import { databaseUrl, testRun } from './test-env';
import { reportConformance, ResponseConformance } from './openapi-conformance';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Base URL when started with listen: true (browser tests); on overrides.PORT when given. */
  url?: string;
  close: () => Promise<void>;
}

export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const { runId, adminUrl, templateDb } = testRun();
  const name = `${runId}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb}"`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant can collide; a retry settles it.
        if (attempt > 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(adminUrl, name) };
}

export async function startTestApp(
  overrides: Record<string, string | number | boolean> = {},
  options: { listen?: boolean } = {},
): Promise<TestApp> {
  const { runId } = testRun();
  const database = await createTestDatabase();
  const isolation = `${runId}-${database.name.slice(-8)}`;
  const config = loadConfig(process.env, {
    DATABASE_URL: database.url,
    REDIS_PREFIX: isolation,
    MEILI_INDEX_PREFIX: `${runId}_${database.name.slice(-8)}_`,
    NODE_ENV: 'test',
    RUN_WORKERS: false,
    PORT: 0,
    // Tests sign administrators and HR officers in with a password alone; the second factor's own
    // tests (and those that start the real product) ask for it with SECOND_FACTOR_ROLES.
    SECOND_FACTOR_ROLES: 'none',
    ...overrides,
  });
  const app = await createApiApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test'));
  let url: string | undefined;
  if (options.listen) {
    // Port 0 (any free one) unless the test chose one: a test that must know its address before start
    // (PUBLIC_URL for a SAML identity provider to post back to) passes PORT with it.
    await app.listen({ port: config.PORT, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } else {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }
  const db = app.get(DataSource);
  const conformance = new ResponseConformance(
    (await app.inject({ method: 'GET', url: '/api/docs-json', headers: { host: '127.0.0.1' } })).json(),
  );
  return { app, config, db, url, http: () => conformingHttp(app, conformance), close: () => app.close() };
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** supertest on the app, with every API response checked against the OpenAPI document (openapi-conformance.ts). */
function conformingHttp(app: NestFastifyApplication, conformance: ResponseConformance): ReturnType<typeof request> {
  const agent = request(app.getHttpServer());
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !VERBS.has(property) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) =>
        (value as (url: string, ...rest: unknown[]) => request.Test).call(target, url, ...rest).expect((response) =>
          reportConformance(
            conformance.check({
              method: property.toUpperCase(),
              path: url,
              status: response.status,
              contentType: String(response.headers['content-type'] ?? ''),
              body: jsonBody(response),
              text:
                typeof response.text === 'string'
                  ? response.text
                  : typeof response.body === 'string'
                    ? response.body
                    : binaryText(response),
            }),
          ),
        );
    },
  });
}

/** A body supertest did not read as text (a PDF, an archive): a placeholder when there is one. */
function binaryText(response: request.Response): string {
  return Buffer.isBuffer(response.body) || Number(response.headers['content-length']) > 0 ? '<binary>' : '';
}

/** The body as JSON when it is JSON, also when a test's own parser left it as a Buffer or a string. */
function jsonBody(response: request.Response): unknown {
  const raw = response.body as unknown;
  if (!(Buffer.isBuffer(raw) || typeof raw === 'string') || !/json/.test(String(response.headers['content-type'])))
    return raw;
  try {
    return JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
  } catch {
    return response.body;
  }
}
