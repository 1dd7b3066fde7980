// An ordinary working day's mix of pages for N signed-in people at once (learners, and one HR officer
// in ten): the catalogue, reading a lesson and marking it done, knowledge search, the HR dashboard and
// the open-data page. Each person asks for the next page as soon as the last one arrives (a closed
// loop, no think time), so N is the requests in flight. N steps up (BENCH_MIX_STEPS, 10,20,40,80,160,
// each BENCH_MIX_SECONDS, 20) until a step misses p95 < 500 ms with no errors; the largest that met
// it is the figure. Sign-in is not measured here (the exam-storm bench does): sessions are made in-process.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { AuthService, type AuthUser } from '@chadavkhi/identity';
import { EnrollmentsService } from '@chadavkhi/learning';
import { machineNote, seedLearners, startApp } from './bench-support';
import { inWorker, newTimings, tally, percentile, spread, Timings, WebSession } from './web-client';

const STEPS = (process.env.BENCH_MIX_STEPS ?? '10,20,40,80,160').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_MIX_SECONDS ?? 20);
const TARGET_P95_MS = 500;
const WARM_UP_SECONDS = 3;
/** Searches people type: words in the demo knowledge base, and one that finds nothing. */
const SEARCHES = ['авлига', 'ёс зүй', 'ethics', 'сургалт', 'budget', 'zzzz'];

interface LearnerSeat {
  token: string;
  enrollmentId: string;
  lessonIds: string[];
}

interface MixPlan {
  url: string;
  learners: LearnerSeat[];
  hrTokens: string[];
}

interface StepResult {
  users: number;
  timings: Timings;
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** One learner's next page: mostly reading, sometimes marking the lesson done, browsing or searching. */
async function learnerPage(browser: WebSession, seat: LearnerSeat): Promise<void> {
  const roll = Math.random();
  if (roll < 0.4) {
    const lesson = `/learn/${seat.enrollmentId}/lessons/${pick(seat.lessonIds)}`;
    await browser.get('lesson reading', lesson);
    if (roll < 0.15) await browser.postForm('mark done', `${lesson}/complete`);
  } else if (roll < 0.6) await browser.get('catalogue', '/courses');
  else if (roll < 0.85) await browser.get('knowledge search', `/knowledge?q=${encodeURIComponent(pick(SEARCHES))}`);
  else await browser.get('open data', '/open-data');
}

/** The HR officer's next page: mostly the dashboard of their agencies. */
async function hrPage(browser: WebSession): Promise<void> {
  const roll = Math.random();
  if (roll < 0.6) {
    const home = await browser.get('HR home (redirect)', '/hr', 303);
    await browser.get('HR dashboard', home.location!);
  } else if (roll < 0.8) await browser.get('open data', '/open-data');
  else await browser.get('knowledge search', `/knowledge?q=${encodeURIComponent(pick(SEARCHES))}`);
}

/** `users` people, each asking for page after page until `seconds` have passed. */
async function runStep(plan: MixPlan, users: number, seconds: number): Promise<StepResult> {
  const timings = newTimings();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, k) => {
      const hr = k % 10 === 9;
      const seat = plan.learners[k];
      const browser = new WebSession(plan.url, timings).withSessionToken(
        hr ? plan.hrTokens[k % plan.hrTokens.length] : seat.token,
      );
      while (performance.now() < until) {
        try {
          await (hr ? hrPage(browser) : learnerPage(browser, seat));
        } catch {
          // Recorded by WebSession; the person carries on with another page.
        }
      }
      await browser.close();
    }),
  );
  return { users, timings };
}

const allMs = (t: Timings) => Object.values(t.ms).flat();
const meets = (t: Timings) => !t.errors.length && percentile(allMs(t), 95) < TARGET_P95_MS;

/** The worker thread: a warm-up, then the steps until one misses the target. */
async function mix(plan: MixPlan): Promise<StepResult[]> {
  await runStep(plan, Math.min(5, plan.learners.length), WARM_UP_SECONDS);
  const results: StepResult[] = [];
  for (const users of STEPS) {
    const step = await runStep(plan, users, SECONDS);
    results.push(step);
    if (!meets(step.timings)) break;
  }
  return results;
}

/** Learners enrolled in the first demo course, each with a session, and sessions for the HR officer. */
async function seat(app: Awaited<ReturnType<typeof startApp>>['app'], count: number): Promise<MixPlan['learners']> {
  const db = app.get(DataSource);
  const [course] = await db.query(
    `SELECT id FROM courses WHERE current_version_id IS NOT NULL ORDER BY created_at, id LIMIT 1`,
  );
  const auth = app.get(AuthService);
  const enrollments = app.get(EnrollmentsService);
  const learners = await seedLearners(db, 'mix', count);
  const seats: LearnerSeat[] = [];
  for (const u of learners) {
    const actor = { id: u.id, email: u.email, roles: u.roles, agencyId: u.agency_id } as AuthUser;
    const { enrollment } = await enrollments.enroll(actor, course.id);
    const detail = await enrollments.get(actor, enrollment.id);
    const { accessToken } = await auth.startSession({ id: u.id, tokenVersion: u.token_version }, { ip: null });
    seats.push({
      token: accessToken,
      enrollmentId: enrollment.id,
      lessonIds: detail.modules.flatMap((m) => m.lessons.map((l) => l.id)),
    });
  }
  return seats;
}

async function hrSessions(app: Awaited<ReturnType<typeof startApp>>['app'], count: number): Promise<string[]> {
  const [hr] = await app
    .get(DataSource)
    .query(`SELECT id, token_version FROM users WHERE email = 'hr@demo.chadavkhi.mn'`);
  const auth = app.get(AuthService);
  // As after the second factor at sign-in, which HR officers need (SECOND_FACTOR_ROLES).
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { accessToken } = await auth.startSession(
        { id: hr.id, tokenVersion: hr.token_version },
        { ip: null, secondFactor: true },
      );
      return accessToken;
    }),
  );
}

function report(results: StepResult[]) {
  console.log(
    `\nDay mix (catalogue, lesson reading, mark done, knowledge search, HR dashboard, open data), ${SECONDS} s per step, closed loop with no think time; ${machineNote()}`,
  );
  for (const { users, timings } of results) {
    const all = allMs(timings);
    console.log(
      `  N=${String(users).padEnd(4)} ${meets(timings) ? '✓' : '✗'} all pages ${spread(all, [50, 95])}, ${(all.length / SECONDS).toFixed(0)} pages/s, errors ${timings.errors.length}`,
    );
    for (const [step, ms] of Object.entries(timings.ms).sort())
      console.log(`           ${step.padEnd(18)} ${spread(ms, [50, 95])}`);
    for (const [error, n] of tally(timings.errors)) console.log(`           ${n} × ${error}`);
  }
  const met = results.filter((r) => meets(r.timings)).map((r) => r.users);
  console.log(`  largest N with p95 < ${TARGET_P95_MS} ms and no errors: ${met.length ? Math.max(...met) : 'none'}\n`);
}

async function main() {
  const { app, url } = await startApp();
  const most = Math.max(...STEPS);
  const plan: MixPlan = {
    url,
    learners: await seat(app, most),
    hrTokens: await hrSessions(app, Math.ceil(most / 10)),
  };
  report(await inWorker<StepResult[]>(__filename, plan));
  await app.close();
}

if (isMainThread)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
else void mix(workerData as MixPlan).then((result) => parentPort!.postMessage(result));
