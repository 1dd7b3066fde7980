// Reads across libs (issue 16): a lib reads another lib's tables only as a declared read contract
// (libs/platform/src/database/read-contracts.ts), never against the import direction; apps read no
// table at all; and SQL sits in repositories, where services call it by name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContracts, ReadContract } from '../../libs/platform/src/database/read-contracts';
import { libs, tableOwners } from '../../libs/platform/src/database/table-owners';
import { codeFiles, migrationsDir, root, scanCode, TableAccess } from './table-access';

const owners: Record<string, string> = tableOwners;
const contracts: readonly ReadContract[] = readContracts;
const scan = scanCode();
const foreignReads = scan.reads.filter((r) => owners[r.table] && owners[r.table] !== r.writer);
const declared = (r: TableAccess) =>
  contracts.some((c) => c.reader === r.writer && !c.view && (c.tables as readonly string[]).includes(r.table));

/** Which libs each lib imports (through `@chadavkhi/<lib>`), followed transitively. */
function importClosure(): Map<string, Set<string>> {
  const direct = new Map<string, Set<string>>(libs.map((lib) => [lib, new Set<string>()]));
  for (const file of codeFiles().filter((f) => f.startsWith('libs/'))) {
    const lib = file.split('/')[1];
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/from '@chadavkhi\/([a-z]+)'/g))
      if (m[1] !== lib) direct.get(lib)?.add(m[1]);
  }
  const closure = new Map<string, Set<string>>();
  for (const lib of libs) {
    const seen = new Set<string>();
    const stack = [...direct.get(lib)!];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(direct.get(next) ?? []));
    }
    closure.set(lib, seen);
  }
  return closure;
}

/** The tables the latest definition of a view in the migrations selects from. */
function viewSources(view: string): Set<string> {
  let latest: string | undefined;
  for (const file of readdirSync(join(root, migrationsDir)).sort()) {
    const text = readFileSync(join(root, migrationsDir, file), 'utf8');
    const up = text.split(/\basync down\(/)[0];
    const define = new RegExp(String.raw`CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+${view}\b([\s\S]*?)(?:\`|;)`, 'g');
    for (const m of up.matchAll(define)) latest = m[1];
  }
  return new Set([...(latest ?? '').matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)].map((m) => m[1]));
}

/** SQL outside repositories: files (other than *.repository.ts) that name tables in SQL or query directly. */
function sqlOutsideRepositories(): Record<string, number> {
  const found: Record<string, number> = {};
  const count = (file: string, n: number) => (found[file] = (found[file] ?? 0) + n);
  for (const a of [...scan.reads, ...scan.writes]) count(a.file, 1);
  for (const file of codeFiles()) {
    const direct = readFileSync(join(root, file), 'utf8').match(/\.(?:query|createQueryBuilder|getRepository)\(/g);
    if (direct) count(file, direct.length);
  }
  for (const file of Object.keys(found))
    if (file.endsWith('.repository.ts') || PLATFORM_MACHINERY.includes(file)) delete found[file];
  return found;
}

/**
 * Platform's own write paths, which every lib calls with its transaction's manager: the outbox
 * (addOutboxEvent), the audit log (recordAudit), prepared statements.
 */
const PLATFORM_MACHINERY = [
  'libs/platform/src/outbox/outbox.ts',
  'libs/platform/src/audit/audit-log.ts',
  'libs/platform/src/database/prepared-statement.ts',
];

/**
 * Files that still hold SQL outside a repository, with how many places do: the count may only fall,
 * and a file leaves the list when it reaches none (issue 16 item 4 empties it).
 */
const NOT_YET_IN_REPOSITORIES: Record<string, number> = {
  'apps/api/src/web/home-page.service.ts': 7,
  'libs/accountability/src/assignments/assignments.service.ts': 7,
  'libs/accountability/src/competencies/competencies.service.ts': 4,
  'libs/accountability/src/competencies/competency-content.ts': 20,
  'libs/accountability/src/content/accountability-content.service.ts': 8,
  'libs/accountability/src/scope/agency-access.service.ts': 9,
  'libs/assessment/src/analysis/quiz-results.service.ts': 2,
  'libs/assessment/src/attempts/attempts.service.ts': 17,
  'libs/certification/src/certificates/certificate-issuer.service.ts': 18,
  'libs/certification/src/certificates/certificate-recertification.service.ts': 5,
  'libs/certification/src/certificates/certificate-sweeper.service.ts': 3,
  'libs/certification/src/certificates/certificates.service.ts': 22,
  'libs/certification/src/signing/signing-key.provider.ts': 8,
  'libs/identity/src/agencies/agencies.service.ts': 9,
  'libs/identity/src/audit/audit-log.controller.ts': 2,
  'libs/identity/src/content/identity-content.service.ts': 7,
  'libs/identity/src/content/identity-content.ts': 8,
  'libs/identity/src/passwords/passwords.service.ts': 4,
  'libs/identity/src/positions/positions.controller.ts': 2,
  'libs/identity/src/users/users.service.ts': 24,
  'libs/knowledge/src/attachments/attachments.service.ts': 9,
  'libs/knowledge/src/comments/comments.service.ts': 15,
  'libs/knowledge/src/content/knowledge-content.service.ts': 7,
  'libs/knowledge/src/documents/document-review.service.ts': 1,
  'libs/knowledge/src/documents/document-versions.service.ts': 2,
  'libs/knowledge/src/documents/documents.service.ts': 10,
  'libs/learning/src/content/course-content.service.ts': 7,
  'libs/learning/src/courses/courses.service.ts': 38,
  'libs/learning/src/enrollments/enrollments.service.ts': 60,
  'libs/learning/src/offline/offline-course.service.ts': 5,
  'libs/learning/src/offline/offline-sync.service.ts': 5,
  'libs/platform/src/health/health.service.ts': 1,
  'libs/platform/src/outbox/outbox-relay.service.ts': 8,
};

describe('reads across libs', () => {
  it('reads another lib’s table only as a declared read contract', () => {
    const undeclared = foreignReads.filter((r) => !r.writer.startsWith('apps/') && !declared(r));
    expect(
      undeclared.map((r) => `${r.file}:${r.line} — ${r.writer} reads ${r.table} (owned by ${owners[r.table]})`),
    ).toEqual([]);
  });

  it('lets no app read a table: apps call services', () => {
    expect(
      foreignReads.filter((r) => r.writer.startsWith('apps/')).map((r) => `${r.file}:${r.line} reads ${r.table}`),
    ).toEqual([]);
  });

  it('keeps no contract that no read needs, and names each table by its real owner', () => {
    const stale: string[] = [];
    for (const c of contracts) {
      for (const table of c.tables) {
        if (owners[table] !== c.owner) stale.push(`${c.reader} → ${c.owner}: ${table} is owned by ${owners[table]}`);
        const used = c.view
          ? viewSources(c.view).has(table)
          : foreignReads.some((r) => r.writer === c.reader && r.table === table);
        if (!used) stale.push(`${c.reader} → ${c.owner}: nothing reads ${table}${c.view ? ` through ${c.view}` : ''}`);
      }
      if (c.view && owners[c.view] !== c.reader) stale.push(`${c.view} is not a view ${c.reader} owns`);
    }
    expect(stale).toEqual([]);
  });

  it('declares no read against the import direction: an owner never depends on its reader', () => {
    const closure = importClosure();
    expect(
      contracts
        .filter((c) => c.reader === c.owner || closure.get(c.owner)!.has(c.reader))
        .map((c) => `${c.reader} reads ${c.owner}, which depends on ${c.reader}`),
    ).toEqual([]);
  });

  it('states the same contracts in docs/architecture.md', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const section = doc.split(/^## /m).find((s) => s.startsWith('Reads across libs'))!;
    expect(section).toBeDefined();
    const stated = [...section.matchAll(/^\| `([a-z]+)` \| `([a-z]+)` \| ([^|]+) \|/gm)].map(
      (row) => `${row[1]} → ${row[2]}: ${[...row[3].matchAll(/`([a-z_]+)`/g)].map((t) => t[1]).join(', ')}`,
    );
    expect(stated).toEqual(contracts.map((c) => `${c.reader} → ${c.owner}: ${c.tables.join(', ')}`));
  });
});

describe('SQL lives in repositories', () => {
  const found = sqlOutsideRepositories();

  it('finds no SQL outside a repository beyond the shrinking list of files not yet moved', () => {
    const over = Object.entries(found).filter(([file, n]) => n > (NOT_YET_IN_REPOSITORIES[file] ?? 0));
    expect(over.map(([file, n]) => `${file}: ${n} place(s) with SQL or a direct query`)).toEqual([]);
  });

  it('keeps the list of files not yet moved no longer than it needs to be', () => {
    expect(
      Object.entries(NOT_YET_IN_REPOSITORIES)
        .filter(([file, n]) => (found[file] ?? 0) < n)
        .map(([file, n]) => `${file}: ${found[file] ?? 0} now, listed as ${n}`),
    ).toEqual([]);
  });
});
