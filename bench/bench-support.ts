// Shared by the benchmarks: the app and a bare Fastify baseline in this process, autocannon rounds
// alternating between them, and medians. Figures are ratios to the baseline measured alongside.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { DataSource } from 'typeorm';
import Fastify, { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../apps/api/src/api-app';
import { AppConfig, createLogger, loadConfig } from '@chadavkhi/platform';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
export const CONNECTIONS = 20;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface Target {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** For requests that change per call (e.g. a fresh attempt each time). */
  setupRequest?: autocannon.Options['requests'];
}

export async function load(target: Target, duration: number, meter?: () => Promise<CpuReading>) {
  const before = await meter?.();
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    requests: target.setupRequest,
    connections: CONNECTIONS,
    duration,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const after = await meter?.();
  // CPU a request cost: this process (the app and the load generator) and PostgreSQL together.
  const perRequest = (ms: number) => (1000 * ms) / result.requests.total;
  const cpuUs =
    before && after && result.requests.total
      ? perRequest(after.appMs - before.appMs + (after.postgresMs ?? 0) - (before.postgresMs ?? 0))
      : undefined;
  const pgUs =
    before?.postgresMs != null && after?.postgresMs != null && result.requests.total
      ? perRequest(after.postgresMs - before.postgresMs)
      : undefined;
  return { rps: result.requests.average, p50: result.latency.p50, cpuUs, pgUs };
}

/** BENCH_LOG_LEVEL: silent (default), warn to see the app's warnings, info to count request logging's cost. */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'silent';

export async function startApp(
  overrides: Record<string, unknown> = {},
): Promise<{ app: NestFastifyApplication; config: AppConfig; url: string }> {
  const config = loadConfig(process.env, { RUN_WORKERS: false, PORT: 0, LOG_LEVEL, ...overrides });
  // info and below count the cost of production's request logging (lines to /dev/null); warn shows
  // the app's own warnings (a stuck queue, a paused relay) while iterating.
  const quiet = LOG_LEVEL === 'silent' || LOG_LEVEL === 'warn' || LOG_LEVEL === 'error';
  const app = await createApiApp(
    config,
    createLogger(LOG_LEVEL, 'api', quiet ? undefined : pino.destination({ dest: '/dev/null', sync: true })),
  );
  await app.listen({ port: 0, host: '127.0.0.1', backlog: config.HTTP_BACKLOG });
  return { app, config, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** A bare Fastify route returning the given JSON: the cost of HTTP + JSON with no application. */
export async function startBaseline(body: unknown): Promise<{ server: FastifyInstance; target: Target }> {
  const server = Fastify();
  server.get('/baseline', async () => body);
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, target: { name: 'bare Fastify route', url: `${url}/baseline` } };
}

export async function login(url: string, email: string, password = 'Demo-2026!'): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export interface SeededLearner {
  id: string;
  email: string;
  roles: string[];
  agency_id: string;
  token_version: number;
}

/**
 * `count` learners named `<prefix>-<n>@bench.chadavkhi.mn`, with the demo learner's agency, position
 * and password (so they can sign in through the form), made in one statement.
 */
export async function seedLearners(db: DataSource, prefix: string, count: number): Promise<SeededLearner[]> {
  const [learner] = await db.query(
    `SELECT password_hash, agency_id, position_id FROM users WHERE email = 'learner@demo.chadavkhi.mn'`,
  );
  await db.query(
    `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id)
     SELECT $1 || '-' || g || '@bench.chadavkhi.mn', 'Bench ' || g, $2, '{learner}', $3, $4 FROM generate_series(1, $5) g
     ON CONFLICT (email) DO NOTHING`,
    [prefix, learner.password_hash, learner.agency_id, learner.position_id, count],
  );
  return db.query(
    `SELECT id, email, roles, agency_id, token_version FROM users WHERE email LIKE $1 || '-%@bench.chadavkhi.mn' ORDER BY email LIMIT $2`,
    [prefix, count],
  );
}

/**
 * Alternating rounds (baseline, then each target) so drift hits all alike; prints medians and ratios.
 * With a CPU meter (`requestCpuMeter(db)`) it also prints the CPU each request cost (this process, with the
 * load generator, plus PostgreSQL) and the CPU ratio — the baseline's CPU per request over the
 * target's — which what else runs on a shared machine barely moves, unlike requests per second.
 */
export async function compare(
  title: string,
  baseline: Target,
  targets: Target[],
  meter?: () => Promise<CpuReading>,
): Promise<void> {
  for (const t of [baseline, ...targets]) await load(t, 1);
  const results = new Map<
    string,
    { rps: number[]; p50: number[]; ratio: number[]; cpuUs: number[]; pgUs: number[]; cpuRatio: number[] }
  >();
  for (const t of [baseline, ...targets])
    results.set(t.name, { rps: [], p50: [], ratio: [], cpuUs: [], pgUs: [], cpuRatio: [] });
  for (let round = 1; round <= ROUNDS; round++) {
    const base = await load(baseline, SECONDS, meter);
    const baseRow = results.get(baseline.name)!;
    baseRow.rps.push(base.rps);
    baseRow.p50.push(base.p50);
    if (base.cpuUs !== undefined) baseRow.cpuUs.push(base.cpuUs);
    const line = [`round ${round}/${ROUNDS}: baseline ${base.rps.toFixed(0)} req/s`];
    for (const t of targets) {
      const r = await load(t, SECONDS, meter);
      const row = results.get(t.name)!;
      row.rps.push(r.rps);
      row.p50.push(r.p50);
      row.ratio.push(r.rps / base.rps);
      if (r.pgUs !== undefined) row.pgUs.push(r.pgUs);
      if (r.cpuUs !== undefined && base.cpuUs !== undefined) {
        row.cpuUs.push(r.cpuUs);
        row.cpuRatio.push(base.cpuUs / r.cpuUs);
      }
      line.push(`${t.name} ${r.rps.toFixed(0)} req/s (${(r.rps / base.rps).toFixed(3)})`);
    }
    console.log(line.join(', '));
  }
  console.log(
    `\n${title} — ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, medians (${machineNote()})`,
  );
  for (const [name, row] of results) {
    const ratio = row.ratio.length ? `, ratio to baseline ${median(row.ratio).toFixed(3)}` : ' (baseline)';
    const cpu = row.cpuUs.length
      ? `; CPU ${median(row.cpuUs).toFixed(0)} µs/request${row.pgUs.length ? ` (PostgreSQL ${median(row.pgUs).toFixed(0)})` : ''}${row.cpuRatio.length ? `, CPU ratio ${median(row.cpuRatio).toFixed(3)}` : ''}`
      : '';
    console.log(
      `  ${name.padEnd(34)} ${median(row.rps).toFixed(0).padStart(7)} req/s, p50 ${median(row.p50)} ms${ratio}${cpu}`,
    );
  }
  console.log('');
}

/** Wall-clock milliseconds one call takes (performance.now). */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** What a figure was measured on: cores and the load average (the machine is shared). */
export function machineNote(): string {
  return `${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/** CPU milliseconds used so far by this process and, when it runs on this machine, by PostgreSQL. */
export interface CpuReading {
  appMs: number;
  /** The postmaster and all its children (backends, WAL writer, autovacuum); null if not readable here. */
  postgresMs: number | null;
}

/**
 * Reads CPU time rather than wall time: on a shared machine the CPU a request costs barely depends
 * on what else runs, while the requests per second do. PostgreSQL is found through /proc from the
 * pid of one of our own backends; its ticks are 10 ms (USER_HZ 100), so measure over a second or more.
 */
export async function cpuMeter(db: DataSource): Promise<() => CpuReading> {
  let postmaster: number | null = null;
  try {
    const [{ pid }] = await db.query(`SELECT pg_backend_pid() AS pid`);
    postmaster = Number(statFields(pid)[1]);
  } catch {
    postmaster = null;
  }
  const postgresMs = () => {
    if (postmaster === null) return null;
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const f = statFields(Number(entry));
        if (Number(entry) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended while we read.
      }
    }
    return ticks * 10;
  };
  return () => {
    const { user, system } = process.cpuUsage();
    return { appMs: (user + system) / 1000, postgresMs: postgresMs() };
  };
}

/**
 * As cpuMeter, but PostgreSQL's share is only the backends connected to this database (the app's
 * pool), read afresh each time: on a shared machine other databases' work is not counted.
 */
export async function requestCpuMeter(db: DataSource): Promise<() => Promise<CpuReading>> {
  // Each backend's ticks as last read: one that ends between readings keeps what it had used.
  const seen = new Map<number, number>();
  return async () => {
    let postgresMs: number | null;
    try {
      const rows: { pid: number }[] = await db.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
      );
      for (const { pid } of rows) {
        try {
          const f = statFields(pid);
          seen.set(pid, Number(f[11]) + Number(f[12]));
        } catch {
          // Ended while we read.
        }
      }
      postgresMs = [...seen.values()].reduce((a, b) => a + b, 0) * 10;
    } catch {
      postgresMs = null;
    }
    const { user, system } = process.cpuUsage();
    return { appMs: (user + system) / 1000, postgresMs };
  };
}

/** /proc/<pid>/stat after the command name: [state, ppid, …, utime (11), stime (12), …]. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
}
