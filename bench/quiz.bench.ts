// Quiz submissions graded per second: fresh 20-question attempts (a resubmit would only return the
// stored result), submitted with all questions answered, against the bare-route baseline; with the
// CPU each graded submission costs (this process and PostgreSQL), which depends little on the load
// of the shared machine, and the same submissions made in-process, without HTTP.
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { AuthService } from '@chadavkhi/identity';
import { AttemptsService } from '@chadavkhi/assessment';
import { EnrollmentsService } from '@chadavkhi/learning';
import { SingleBar, Presets } from 'cli-progress';
import {
  CONNECTIONS,
  cpuMeter,
  CpuReading,
  load,
  machineNote,
  median,
  ROUNDS,
  SECONDS,
  seedLearners,
  startApp,
  startBaseline,
} from './bench-support';
import { answerFor, publishQuizCourse } from './quiz-content';

const PER_ROUND = Number(process.env.BENCH_QUIZ_ATTEMPTS ?? 1000);
/** Submits before the measured rounds, so the JIT has compiled the path being measured. */
const WARM_UP = Math.min(300, PER_ROUND);
/** Graded submissions per second the issue asks of this 2-core machine, over HTTP. */
const TARGET = 300;

async function main() {
  const { app, url } = await startApp();
  const db = app.get(DataSource);
  const { courseId, quizId } = await publishQuizCourse(app);

  // One learner per attempt: a learner has one open attempt at a time.
  // Warm-up, the HTTP rounds, and one in-process round.
  const total = WARM_UP + PER_ROUND * ROUNDS + PER_ROUND;
  const users = await seedLearners(db, 'bench', total);
  const auth = app.get(AuthService);
  const enrollments = app.get(EnrollmentsService);
  const attempts = app.get(AttemptsService);
  const prepared: { id: string; token: string; body: string; actor: AuthUser }[] = [];
  const bar = new SingleBar({ format: 'preparing attempts [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(total, 0);
  for (let i = 0; i < users.length; i += 20) {
    await Promise.all(
      users.slice(i, i + 20).map(async (u) => {
        const actor = { id: u.id, email: u.email, roles: u.roles, agencyId: u.agency_id } as AuthUser;
        await enrollments.enroll(actor, courseId);
        const { attempt } = await attempts.start(actor, quizId);
        const { accessToken: token } = await auth.startSession(
          { id: u.id, tokenVersion: u.token_version },
          { ip: null },
        );
        prepared.push({
          id: attempt.id,
          token,
          actor,
          body: JSON.stringify({ answers: Object.fromEntries(attempt.questions.map((q) => [q.id, answerFor(q)])) }),
        });
        bar.increment();
      }),
    );
  }
  bar.stop();

  const { server, target } = await startBaseline({ score: 12, maxScore: 20, percent: 60, passed: true });
  const cpu = await cpuMeter(db);
  const spent = (from: CpuReading, n: number) => {
    const to = cpu();
    return {
      app: (to.appMs - from.appMs) / n,
      postgres: from.postgresMs === null || to.postgresMs === null ? null : (to.postgresMs - from.postgresMs) / n,
    };
  };
  let next = 0;
  const submitRound = async (amount: number) => {
    const before = cpu();
    // autocannon notices the last response only at its next one-second tick, so both its `duration`
    // and a clock around the call round up to whole seconds: time first request to last response.
    let started = 0;
    let lastResponse = 0;
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      amount,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            started ||= performance.now();
            const a = prepared[next++];
            return {
              ...req,
              path: `/api/v1/attempts/${a.id}/submit`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` },
              body: a.body,
            };
          },
          onResponse: () => {
            lastResponse = performance.now();
          },
        },
      ],
    });
    const elapsedSeconds = (lastResponse - started) / 1000;
    if (result.non2xx || result.errors)
      throw new Error(`submissions: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return {
      rps: result.requests.total / elapsedSeconds,
      p50: result.latency.p50,
      cpu: spent(before, result.requests.total),
    };
  };
  await load(target, 1);
  await submitRound(WARM_UP);
  const rows: { base: number; baseCpu: number; quiz: number; p50: number; app: number; postgres: number | null }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const before = cpu();
    const base = await load(target, SECONDS);
    const baseCpu = (cpu().appMs - before.appMs) / (base.rps * SECONDS);
    const quiz = await submitRound(PER_ROUND);
    rows.push({
      base: base.rps,
      baseCpu,
      quiz: quiz.rps,
      p50: quiz.p50,
      app: quiz.cpu.app,
      postgres: quiz.cpu.postgres,
    });
    const pg = quiz.cpu.postgres === null ? '' : `, PostgreSQL ${quiz.cpu.postgres.toFixed(2)} ms`;
    console.log(
      `round ${round}/${ROUNDS}: baseline ${base.rps.toFixed(0)} req/s, graded submissions ${quiz.rps.toFixed(0)}/s (${(quiz.rps / base.rps).toFixed(3)}), p50 ${quiz.p50} ms; CPU per submission: app ${quiz.cpu.app.toFixed(2)} ms${pg}`,
    );
  }

  // The same submissions straight into the service, as many at a time as HTTP had connections.
  const inProcess = prepared.slice(next, next + PER_ROUND);
  const before = cpu();
  const started = performance.now();
  let taken = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let a = inProcess[taken++]; a; a = inProcess[taken++])
        await attempts.submit(a.actor, a.id, JSON.parse(a.body).answers);
    }),
  );
  const inProcessRate = inProcess.length / ((performance.now() - started) / 1000);
  const inProcessCpu = spent(before, inProcess.length);

  const [{ graded, passed }] = await db.query(
    `SELECT count(*)::int AS graded, count(*) FILTER (WHERE passed)::int AS passed FROM quiz_attempts WHERE quiz_id = $1 AND status = 'submitted'`,
    [quizId],
  );
  const rate = median(rows.map((r) => r.quiz));
  const appCpu = median(rows.map((r) => r.app));
  const pgCpu = rows.every((r) => r.postgres !== null) ? median(rows.map((r) => r.postgres!)) : null;
  const generator = median(rows.map((r) => r.baseCpu));
  console.log(
    `\nQuiz submissions (20 questions each, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${PER_ROUND} fresh attempts after ${WARM_UP} to warm up, log level ${process.env.BENCH_LOG_LEVEL ?? 'silent'}), medians; ${machineNote()}`,
  );
  console.log(
    `  bare Fastify route                 ${median(rows.map((r) => r.base))
      .toFixed(0)
      .padStart(7)} req/s (baseline)`,
  );
  console.log(
    `  POST /api/v1/attempts/:id/submit   ${rate.toFixed(0).padStart(7)} graded/s, p50 ${median(rows.map((r) => r.p50))} ms, ratio to baseline ${median(rows.map((r) => r.quiz / r.base)).toFixed(3)}`,
  );
  console.log(`  target ${TARGET} graded/s over HTTP: ${rate >= TARGET ? 'met' : 'NOT met'} (${rate.toFixed(0)}/s)`);
  console.log(
    `  CPU per graded submission: this process ${appCpu.toFixed(2)} ms (it includes the load generator; a bare-route request, client and server, costs ${generator.toFixed(2)} ms)${pgCpu === null ? '' : `, PostgreSQL ${pgCpu.toFixed(2)} ms`}`,
  );
  if (pgCpu !== null) {
    // One Node thread serves HTTP; PostgreSQL runs in other processes. Two free cores give whichever is smaller.
    const estimate = Math.min(1000 / appCpu, 2000 / (appCpu + pgCpu));
    console.log(
      `  on 2 free cores that is about ${estimate.toFixed(0)} graded/s (the smaller of 1000/${appCpu.toFixed(2)} for the Node thread and 2000/${(appCpu + pgCpu).toFixed(2)} for both cores)`,
    );
  }
  const pgInProcess = inProcessCpu.postgres === null ? '' : `, PostgreSQL ${inProcessCpu.postgres.toFixed(2)} ms`;
  console.log(
    `  in-process AttemptsService.submit  ${inProcessRate.toFixed(0).padStart(7)} graded/s (${CONNECTIONS} at a time, one round), CPU per submission: this process ${inProcessCpu.app.toFixed(2)} ms${pgInProcess}`,
  );
  console.log(
    `  attempts graded in the database: ${graded} of ${prepared.length} submitted (each exactly once), ${passed} passed\n`,
  );
  await server.close();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
