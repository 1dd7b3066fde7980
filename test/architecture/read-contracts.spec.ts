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
 * (addOutboxEvent), the audit log (recordAudit), prepared statements; and the read router that runs
 * the repositories' staleness-tolerant reads on a replica (ReadReplicas), measuring replicas' lag.
 */
const PLATFORM_MACHINERY = [
  'libs/platform/src/outbox/outbox.ts',
  'libs/platform/src/audit/audit-log.ts',
  'libs/platform/src/database/prepared-statement.ts',
  'libs/platform/src/database/read-replicas.ts',
];

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

  it('finds SQL and direct queries only in repositories and platform’s own write paths', () => {
    expect(Object.entries(found).map(([file, n]) => `${file}: ${n} place(s) with SQL or a direct query`)).toEqual([]);
  });
});
