// The API description as other people's tools read it: Redocly's linter (the engine of
// `redocly lint`, its recommended rules; not a dependency of the product) finds no error in the
// document the server publishes at /api/docs-json. Warnings are printed, not failed on (yet).
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
