// Capacity-building plans at government size, on accountability's bench data (BENCH_ACC_USERS
// 200,000 civil servants, BENCH_ACC_ENROLMENTS 2,000,000 enrolments in BENCH_ACC_AGENCIES 400
// agencies): (a) drafting an agency's plan from its needs (POST /plans/draft: the competency gaps of
// its subtree, who is offline, the courses that build each competency), for the largest ministry and
// for the whole government; (b) the plans queue's recount of that plan once its lines are linked to
// the assignments that deliver them; (c) the plan vs actual requests through HTTP (GET
// /plans/:id/actuals and the HR page /hr/plans/:id), median and p95 one at a time, beside a bare
// Fastify route returning the same JSON.
import { DataSource } from 'typeorm';
import { PlanActualsService } from '@chadavkhi/planning';
import { AgencyMetricsRepository } from '../libs/accountability/src/metrics/agency-metrics.repository';
import { login, machineNote, startApp, startBaseline, timed } from './bench-support';
import { percentile } from './web-client';
import { seed } from './accountability-seed';

const AGENCIES = Number(process.env.BENCH_ACC_AGENCIES ?? 400);
const USERS = Number(process.env.BENCH_ACC_USERS ?? 200_000);
const ENROLMENTS = Number(process.env.BENCH_ACC_ENROLMENTS ?? 2_000_000);
const REQUESTS = Number(process.env.BENCH_PLANS_REQUESTS ?? 200);
const DRAFTS = Number(process.env.BENCH_PLANS_DRAFTS ?? 5);

const TARGET_DRAFT_S = 5;
const TARGET_PAGE_P95_MS = 100;

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function request(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

async function main() {
  // Signed in with a password alone, as the accountability bench's figures assume (production asks
  // HR officers and administrators for a second factor, which a bench cannot type).
  const { app, url } = await startApp({ SECOND_FACTOR_ROLES: 'none' });
  const db = app.get(DataSource);
  console.log(`Seeding ${AGENCIES} agencies, ${USERS} civil servants, ~${ENROLMENTS} enrolments (${machineNote()})`);
  const size = await seed(db, { agencies: AGENCIES, users: USERS, enrolments: ENROLMENTS }, (line) =>
    console.log(`  ${line}`),
  );
  await app.get(AgencyMetricsRepository).recomputeAll();
  // A sixth of the people signed in within the last month: the others count as offline when drafting.
  await db
    .query(
      `INSERT INTO sessions (id, user_id, token_version, method, expires_at, last_seen_at)
     SELECT gen_random_uuid(), id, token_version, 'password', now() + interval '1 day', now() - interval '3 days'
       FROM users WHERE email LIKE 'acc-%' AND random() < 0.17`,
    )
    .catch((error) => console.log(`  (no sign-in sessions seeded: ${String(error).slice(0, 120)})`));
  await db.query(`VACUUM (ANALYZE)`);
  console.log(
    `Seed: ${size.agencies} agencies, ${size.users} users, ${size.enrolments} enrolments, ${size.assignments} assignments, ${size.certificates} certificates; ${size.seconds.toFixed(1)} s (${machineNote()})`,
  );

  const token = await login(url, 'hr@demo.chadavkhi.mn');
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const [ministry] = await db.query(
    `SELECT a.id, a.code, (SELECT count(*)::int FROM users u JOIN agencies d ON d.id = u.agency_id WHERE d.path @> ARRAY[a.id] AND u.is_active) AS people
       FROM agencies a WHERE a.code = 'ministry-finance'`,
  );

  // ── (a) drafting the ministry's plan from its needs, for several years (each a new plan) ──
  const drafts: number[] = [];
  let planId = '';
  let lines = 0;
  for (let i = 0; i < DRAFTS; i++) {
    const body = JSON.stringify({ agencyId: ministry.id, year: 2030 + i, budget: 1_000_000_000 });
    const t = await timed(async () => {
      const plan = (await request(`${url}/api/v1/plans/draft`, { method: 'POST', headers: auth, body })) as {
        id: string;
        lines: unknown[];
      };
      if (!planId) {
        planId = plan.id;
        lines = plan.lines.length;
      }
    });
    drafts.push(t);
  }
  const draftMedian = percentile(drafts, 50);
  const draftMax = Math.max(...drafts);
  console.log(
    `\n(a) POST /plans/draft for ${ministry.code} (${ministry.people} people in its subtree): ${lines} lines; ${DRAFTS} drafts, median ${ms(draftMedian)}, slowest ${ms(draftMax)} (${machineNote()})`,
  );
  // The whole government as one plan: every gap of 200,000 people (not an agency's plan, the upper bound).
  const [root] = await db.query(`SELECT id FROM agencies WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`);
  const admin = await login(url, 'admin@demo.chadavkhi.mn').catch(() => undefined);
  if (admin) {
    const whole = await timed(() =>
      request(`${url}/api/v1/plans/draft`, {
        method: 'POST',
        headers: { ...auth, authorization: `Bearer ${admin}` },
        body: JSON.stringify({ agencyId: root.id, year: 2030, budget: 1_000_000_000 }),
      }),
    );
    console.log(`    the whole government's plan (every agency's gaps at once): ${ms(whole)}`);
  }
  console.log(`  target < ${TARGET_DRAFT_S} s (slowest): ${met(draftMax < TARGET_DRAFT_S * 1000)}\n`);

  // ── (b) the recount once every line with a course is linked to every assignment of that course
  // (whatever its scope: more people than the ministry's, so the recount does more than it would) ──
  const linked = await db.query(
    `INSERT INTO capacity_plan_deliveries (line_id, kind, ref_id)
     SELECT l.id, 'assignment', a.id FROM capacity_plan_lines l
       JOIN assignments a ON a.course_id = l.course_id AND a.cancelled_at IS NULL
      WHERE l.plan_id = $1 ON CONFLICT DO NOTHING RETURNING line_id`,
    [planId],
  );
  const actuals = app.get(PlanActualsService);
  const recounts: number[] = [];
  for (let i = 0; i < 5; i++) recounts.push(await timed(() => actuals.recount(planId)));
  const [totals] = await db.query(
    `SELECT sum(reached)::int AS reached, sum(completed)::int AS completed, sum(certified)::int AS certified FROM capacity_plan_actuals WHERE plan_id = $1`,
    [planId],
  );
  console.log(
    `(b) recount of the plan (${linked.length} links to assignments; ${totals.reached} reached, ${totals.completed} completed, ${totals.certified} certified): median ${ms(percentile(recounts, 50))} of 5 (${machineNote()})\n`,
  );

  // ── (c) plan vs actual through HTTP, as the ministry's HR officer ──
  const actualsUrl = `${url}/api/v1/plans/${planId}/actuals`;
  const pageUrl = `${url}/hr/plans/${planId}`;
  const get = { headers: { authorization: `Bearer ${token}` } };
  const body = await request(actualsUrl, get);
  const pageWorks = await request(pageUrl, get).then(
    () => true,
    (error) => (
      console.log(`  (the HR page answered ${String(error).slice(0, 120)}; measured through the API only)`),
      false
    ),
  );
  const { server, target: baseline } = await startBaseline(body);
  const samples = { baseline: [] as number[], actuals: [] as number[], page: [] as number[] };
  const warmup = 10;
  for (let i = 0; i < REQUESTS + warmup; i++) {
    const calls: [keyof typeof samples, () => Promise<number>][] = [
      ['baseline', () => timed(() => request(baseline.url, { headers: {} }))],
      ['actuals', () => timed(() => request(actualsUrl, get))],
      ...(pageWorks
        ? [['page', () => timed(() => request(pageUrl, get))] as [keyof typeof samples, () => Promise<number>]]
        : []),
    ];
    if (i % 2) calls.reverse();
    for (const [name, call] of calls) {
      const t = await call();
      if (i >= warmup) samples[name].push(t);
    }
  }
  await server.close();
  console.log(`(c) plan vs actual, ${REQUESTS} requests each, one at a time (${machineNote()})`);
  const labels = {
    baseline: 'bare Fastify route, same JSON',
    actuals: 'GET /plans/:id/actuals',
    page: 'GET /hr/plans/:id (the HR page, HTML)',
  };
  for (const [name, xs] of Object.entries(samples))
    if (xs.length)
      console.log(
        `  ${labels[name as keyof typeof labels].padEnd(40)} median ${ms(percentile(xs, 50)).padStart(9)}   p95 ${ms(percentile(xs, 95)).padStart(9)}`,
      );
  const p95 = Math.max(percentile(samples.actuals, 95), samples.page.length ? percentile(samples.page, 95) : 0);
  console.log(
    `\nTargets: drafting < ${TARGET_DRAFT_S} s ${met(draftMax < TARGET_DRAFT_S * 1000)} (${ms(draftMax)}); plan vs actual p95 < ${TARGET_PAGE_P95_MS} ms ${met(p95 < TARGET_PAGE_P95_MS)} (${ms(p95)}) — ${machineNote()}\n`,
  );
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
