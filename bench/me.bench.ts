// GET /api/v1/me (JWT check + one indexed query + the profile) against a bare Fastify route that
// returns a similar JSON body, in the same process, alternating rounds; medians and their ratio.
import 'reflect-metadata';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createApiApp } from '../apps/api/src/api-app';
import { createLogger, loadConfig } from '@chadavkhi/platform';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function load(url: string, headers: Record<string, string>, duration: number) {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main() {
  const config = loadConfig(process.env, { RUN_WORKERS: false, PORT: 0, LOG_LEVEL: 'silent' });
  const app = await createApiApp(config, createLogger('silent'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const apiUrl = await app.getUrl();

  const login = await fetch(`${apiUrl.replace('[::1]', '127.0.0.1')}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'learner@demo.chadavkhi.mn', password: 'Demo-2026!' }) });
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: unknown };
  const auth = { authorization: `Bearer ${accessToken}` };

  const bare = Fastify();
  bare.get('/me', async () => user);
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const me = `${apiUrl.replace('[::1]', '127.0.0.1')}/api/v1/me`;
  await load(me, auth, 1);
  await load(`${bareUrl}/me`, {}, 1);
  const rows: { bare: number; me: number; meP50: number; bareP50: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await load(`${bareUrl}/me`, {}, SECONDS);
    const m = await load(me, auth, SECONDS);
    rows.push({ bare: b.rps, me: m.rps, bareP50: b.p50, meP50: m.p50 });
    process.stdout.write(`round ${round}/${ROUNDS}: bare ${b.rps.toFixed(0)} req/s, /api/v1/me ${m.rps.toFixed(0)} req/s (ratio ${(m.rps / b.rps).toFixed(3)})\n`);
  }
  const ratios = rows.map((r) => r.me / r.bare);
  console.log('');
  console.log(`GET /api/v1/me vs bare Fastify route, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s`);
  console.log(`  median bare route:     ${median(rows.map((r) => r.bare)).toFixed(0)} req/s, p50 ${median(rows.map((r) => r.bareP50))} ms`);
  console.log(`  median GET /api/v1/me: ${median(rows.map((r) => r.me)).toFixed(0)} req/s, p50 ${median(rows.map((r) => r.meP50))} ms`);
  console.log(`  median ratio (me / bare): ${median(ratios).toFixed(3)}`);
  await bare.close();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
