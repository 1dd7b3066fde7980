// The API description as other people's tools read it: Redocly's linter (the engine of
// `redocly lint`, its recommended rules; not a dependency of the product) finds no error in the
// document the server publishes at /api/docs-json, and its answers are typed: each success states
// its body's schema, no schema is a bare object. (test/support/openapi-conformance.ts checks those
// schemas against what the routes really answer, in every end-to-end test.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

interface LintProblem {
  severity: 'error' | 'warn';
  ruleId: string;
  message: string;
  location?: string;
}

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('types every answer: a success states the schema of its body, errors are problem+json, no schema is a bare object', async () => {
    const document = (await t.http().get('/api/docs-json')).body as OpenApiDocument;
    const untyped: string[] = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item))
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const where = `${method.toUpperCase()} ${path} ${status}`;
          if (/^2/.test(status) && !['202', '204'].includes(status) && !response.content)
            untyped.push(`${where}: no body documented`);
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!media.schema) untyped.push(`${where} ${type}: no schema`);
            // A health check answers its report also when unhealthy (503), for the orchestrator to read.
            if (
              /^[45]/.test(status) &&
              type !== 'application/problem+json' &&
              !(path === '/api/v1/health' && status === '503')
            )
              untyped.push(`${where}: an error documented as ${type}`);
          }
        }
    for (const [where, schema] of schemasIn(document))
      if (
        schema.type === 'object' &&
        !schema.enum &&
        !schema.properties &&
        !schema.additionalProperties &&
        !schema.allOf &&
        !schema.oneOf &&
        !schema.anyOf
      )
        untyped.push(`${where}: a bare object`);
    expect(untyped).toEqual([]);
  });

  it('passes redocly lint (recommended rules) with no error: every operation summarised, security stated, no clashing paths', async () => {
    const document = await t.http().get('/api/docs-json');
    expect(document.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document.body));
    const problems = JSON.parse(
      execFileSync(process.execPath, [join(__dirname, '../support/redocly-lint.mjs'), file], { encoding: 'utf8' }),
    ) as LintProblem[];
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location}: ${p.message}`);
    expect(errors).toEqual([]);
    const operations = Object.values(
      document.body.paths as Record<string, Record<string, { summary?: string }>>,
    ).flatMap((path) => Object.values(path));
    expect(operations.length).toBeGreaterThan(100);
    expect(new Set(operations.map((o) => o.summary)).size).toBeGreaterThan(operations.length * 0.9);
  });
});

interface Schema {
  type?: string;
  /** [null]: the "or null" branch of a nullable reference (ApiNullableRef), not an object. */
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Every schema in the document, named by where it is, nested ones included. */
function* schemasIn(document: OpenApiDocument): Generator<[string, Schema]> {
  function* walk(where: string, schema: Schema | boolean | undefined): Generator<[string, Schema]> {
    if (!schema || typeof schema !== 'object') return;
    yield [where, schema];
    for (const [name, inner] of Object.entries(schema.properties ?? {})) yield* walk(`${where}.${name}`, inner);
    yield* walk(`${where}[]`, schema.items);
    yield* walk(`${where}{}`, schema.additionalProperties);
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const)
      for (const [i, inner] of (schema[key] ?? []).entries()) yield* walk(`${where}.${key}[${i}]`, inner);
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) yield* walk(name, schema);
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item))
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        for (const [type, media] of Object.entries(response.content ?? {}))
          yield* walk(`${method.toUpperCase()} ${path} ${status} ${type}`, media.schema);
}
