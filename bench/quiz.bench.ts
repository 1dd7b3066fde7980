// Quiz submissions graded per second: fresh 20-question attempts (a resubmit would only return the
// stored result), submitted with all questions answered, against the bare-route baseline.
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { TokenService } from '@chadavkhi/identity';
import { AttemptsService, AttemptView } from '@chadavkhi/assessment';
import { CoursesService, EnrollmentsService } from '@chadavkhi/learning';
import { SingleBar, Presets } from 'cli-progress';
import { CONNECTIONS, load, median, ROUNDS, SECONDS, startApp, startBaseline } from './bench-support';

const PER_ROUND = Number(process.env.BENCH_QUIZ_ATTEMPTS ?? 1500);

function question(i: number) {
  const kinds = [
    { type: 'single', options: ['А', 'Б', 'В', 'Г'], correct: i % 4 },
    { type: 'multiple', options: ['А', 'Б', 'В', 'Г'], correct: [0, 2], scoring: 'partial' },
    { type: 'true_false', correct: i % 2 === 0 },
    { type: 'numeric', correct: 30 + i, tolerance: 0.5 },
    { type: 'text', correct: ['Авлигатай тэмцэх газар', 'АТГ'] },
    { type: 'ordering', options: ['нэг', 'хоёр', 'гурав', 'дөрөв'] },
  ];
  return { ...kinds[i % kinds.length], prompt: `Асуулт ${i + 1}`, explanation: 'Тайлбар' };
}

function answerFor(q: AttemptView['questions'][number]): unknown {
  switch (q.type) {
    case 'single':
      return 0;
    case 'multiple':
      return [0, 1];
    case 'true_false':
      return true;
    case 'numeric':
      return 31;
    case 'text':
      return 'атг';
    case 'ordering':
      return q.options!.map((o) => o.key).reverse();
  }
}

async function main() {
  const { app, url } = await startApp();
  const db = app.get(DataSource);
  const [trainer] = await db.query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  const courses = app.get(CoursesService);
  const draft = await courses.create(trainer as AuthUser, {
    title: 'Гүйцэтгэлийн шалгалт',
    summary: 'Бенчмарк',
    language: 'mn',
    estimatedMinutes: 30,
    modules: [{ title: 'М', lessons: [{ title: 'Х', body: 'Текст' }] }],
    questionBanks: [{ title: 'Сан', questions: Array.from({ length: 30 }, (_, i) => question(i)) as never }],
    quizzes: [{ title: 'Эцсийн', passMarkPercent: 60, timeLimitMinutes: 600, maxAttempts: 100, draws: [{ bank: '0', count: 20 }] }],
  });
  await courses.publish(trainer as AuthUser, draft.id, null);
  const quizId = (await courses.getDraft(trainer as AuthUser, draft.id)).draft.quizzes[0].id;

  // One learner per attempt: a learner has one open attempt at a time.
  const total = PER_ROUND * ROUNDS;
  const [learner] = await db.query(`SELECT password_hash, agency_id, position_id FROM users WHERE email = 'learner@demo.chadavkhi.mn'`);
  await db.query(
    `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id)
     SELECT 'bench-' || g || '@bench.chadavkhi.mn', 'Bench ' || g, $1, '{learner}', $2, $3 FROM generate_series(1, $4) g
     ON CONFLICT (email) DO NOTHING`,
    [learner.password_hash, learner.agency_id, learner.position_id, total],
  );
  const users: { id: string; email: string; roles: string[]; agency_id: string; token_version: number }[] = await db.query(`SELECT id, email, roles, agency_id, token_version FROM users WHERE email LIKE 'bench-%' ORDER BY email LIMIT $1`, [total]);
  const tokens = app.get(TokenService);
  const enrollments = app.get(EnrollmentsService);
  const attempts = app.get(AttemptsService);
  const prepared: { id: string; token: string; body: string }[] = [];
  const bar = new SingleBar({ format: 'preparing attempts [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(total, 0);
  for (let i = 0; i < users.length; i += 20) {
    await Promise.all(
      users.slice(i, i + 20).map(async (u) => {
        const actor = { id: u.id, email: u.email, roles: u.roles, agencyId: u.agency_id } as AuthUser;
        await enrollments.enroll(actor, draft.id);
        const { attempt } = await attempts.start(actor, quizId);
        const { token } = await tokens.issue({ id: u.id, tokenVersion: u.token_version });
        prepared.push({ id: attempt.id, token, body: JSON.stringify({ answers: Object.fromEntries(attempt.questions.map((q) => [q.id, answerFor(q)])) }) });
        bar.increment();
      }),
    );
  }
  bar.stop();

  const { server, target } = await startBaseline({ score: 12, maxScore: 20, percent: 60, passed: true });
  let next = 0;
  const submitRound = async () => {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: PER_ROUND,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const a = prepared[next++];
            return { ...req, path: `/api/v1/attempts/${a.id}/submit`, headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` }, body: a.body };
          },
        },
      ],
    });
    if (result.non2xx || result.errors) throw new Error(`submissions: ${result.non2xx} non-2xx, ${result.errors} errors`);
    // Rate over the whole run: a fixed number of requests, so per-second buckets would skew it.
    return { rps: result.requests.total / result.duration, p50: result.latency.p50 };
  };
  await load(target, 1);
  const rows: { base: number; quiz: number; p50: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const base = await load(target, SECONDS);
    const quiz = await submitRound();
    rows.push({ base: base.rps, quiz: quiz.rps, p50: quiz.p50 });
    console.log(`round ${round}/${ROUNDS}: baseline ${base.rps.toFixed(0)} req/s, graded submissions ${quiz.rps.toFixed(0)}/s (${(quiz.rps / base.rps).toFixed(3)})`);
  }
  const [{ graded }] = await db.query(`SELECT count(*)::int AS graded FROM quiz_attempts WHERE quiz_id = $1 AND status = 'submitted'`, [quizId]);
  console.log(`\nQuiz submissions (20 questions each, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${PER_ROUND} fresh attempts), medians`);
  console.log(`  bare Fastify route                 ${median(rows.map((r) => r.base)).toFixed(0).padStart(7)} req/s (baseline)`);
  console.log(`  POST /api/v1/attempts/:id/submit   ${median(rows.map((r) => r.quiz)).toFixed(0).padStart(7)} graded/s, p50 ${median(rows.map((r) => r.p50))} ms, ratio to baseline ${median(rows.map((r) => r.quiz / r.base)).toFixed(3)}`);
  console.log(`  attempts graded in the database: ${graded} of ${prepared.length} submitted (each exactly once)\n`);
  await server.close();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
