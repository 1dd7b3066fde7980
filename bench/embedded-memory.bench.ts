// The memory of the embedded default (issue 22 §5): `npm start` on a fresh data folder with only the
// demo content, as a soum office laptop would run it — the whole process tree's resident memory once
// it is up and idle, by process. Twice in the same run: with Meilisearch's indexing memory bounded as
// npm start bounds it (scripts/stack.mjs), and unbounded (Meilisearch's own default, two thirds of the
// machine's RAM) as the baseline. RSS double-counts pages shared between processes (PostgreSQL's
// shared buffers); PSS shares them out, so both are given.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const IDLE_MS = Number(process.env.BENCH_MEMORY_IDLE_MS ?? 15000);

interface Sample {
  rssKiB: number;
  pssKiB: number;
  byProcess: Map<string, number>;
}

async function main() {
  const bounded = await measure({});
  const unbounded = await measure({ MEILI_MAX_INDEXING_MEMORY: '64GiB' });
  console.log(`\nnpm start on the demo content, idle ${IDLE_MS / 1000} s after it is up — the whole process tree`);
  for (const [name, s] of [
    ['bounded (npm start default, 256 MiB indexing)', bounded],
    ['unbounded (Meilisearch default)', unbounded],
  ] as const) {
    console.log(`  ${name}: RSS ${mib(s.rssKiB)} MiB, PSS ${mib(s.pssKiB)} MiB`);
    for (const [process, kib] of [...s.byProcess].sort((a, b) => b[1] - a[1]))
      console.log(`    ${process.padEnd(22)} ${mib(kib)} MiB`);
  }
  console.log(
    `  bounded / unbounded: RSS ${(bounded.rssKiB / unbounded.rssKiB).toFixed(2)}, PSS ${(bounded.pssKiB / unbounded.pssKiB).toFixed(2)}; target: under 1024 MiB`,
  );
}

/** Starts npm start in a fresh data folder (embedded PostgreSQL and Meilisearch), waits until it serves and indexes, samples, stops. */
async function measure(extraEnv: Record<string, string>): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chadavkhi-memory-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, PORT: String(port), DATA_DIR: dataDir };
  // The embedded default: no services named, no production settings.
  for (const name of [
    'DATABASE_URL',
    'MEILI_URL',
    'MEILI_MASTER_KEY',
    'NODE_ENV',
    'CERT_SIGNING_KEY',
    'CERT_JWT_SIGNING_KEY',
    'JWT_SECRET',
    'REDIS_PREFIX',
    'MEILI_INDEX_PREFIX',
  ])
    delete env[name];
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: 'ignore', detached: true });
  try {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok, 300_000);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return sample(child.pid!);
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function sample(root: number): Sample {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const ppid = readProc(Number(entry), 'stat')?.split(') ')[1]?.split(' ')[1];
    if (ppid) children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  for (const queue = [root]; queue.length;) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  const result: Sample = { rssKiB: 0, pssKiB: 0, byProcess: new Map() };
  for (const pid of tree) {
    const rollup = readProc(pid, 'smaps_rollup');
    if (!rollup) continue;
    const rss = field(rollup, 'Rss');
    result.rssKiB += rss;
    result.pssKiB += field(rollup, 'Pss');
    const name = processName(readProc(pid, 'cmdline') ?? '');
    result.byProcess.set(name, (result.byProcess.get(name) ?? 0) + rss);
  }
  return result;
}

function processName(cmdline: string): string {
  const args = cmdline.split('\0');
  if (args.some((a) => a.endsWith('meilisearch'))) return 'Meilisearch';
  // PostgreSQL's backends retitle themselves ("postgres: walwriter", "postgres: user db … idle").
  if (args[0].startsWith('postgres:') || args.some((a) => a.endsWith('/postgres'))) return 'PostgreSQL';
  if (args.some((a) => a.includes('apps/api/src/main.js'))) return 'API (with workers)';
  if (args.some((a) => a.includes('oidc-provider'))) return 'demo identity provider';
  if (args.some((a) => a.includes('start.mjs'))) return 'npm start itself';
  if (args.some((a) => a.includes('redis-server'))) return 'Redis';
  return args[0].split('/').pop() || 'other';
}

const field = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
const mib = (kib: number) => (kib / 1024).toFixed(0);

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // the process ended, or is not ours to read
  }
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`npm start did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Ctrl-C, as a person stops it: npm start stops what it started. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGINT');
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 60_000).unref();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
