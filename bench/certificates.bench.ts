// 1,000 completions → outbox → BullMQ → processor → PDF + signed credential + certificate.issued,
// in the single-machine default (API and processors in one process). Prints certificates per
// second and the process's peak memory.
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';
import { JobQueueRepository } from '@chadavkhi/platform';
import { SingleBar, Presets } from 'cli-progress';
import { startApp } from './bench-support';

const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 1000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);

async function main() {
  const { app } = await startApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 50 });
  const db = app.get(DataSource);
  const [trainer] = await db.query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  const courses = app.get(CoursesService);
  const course = await courses.create(trainer as AuthUser, { title: 'Гэрчилгээний гүйцэтгэл', summary: 'Бенчмарк', language: 'mn', estimatedMinutes: 10, validityMonths: 24, modules: [{ title: 'М', lessons: [{ title: 'Х', body: 'Текст' }] }] });
  const { courseVersionId } = await courses.publish(trainer as AuthUser, course.id, null);
  const [learner] = await db.query(`SELECT password_hash, agency_id, position_id FROM users WHERE email = 'learner@demo.chadavkhi.mn'`);

  // 1,000 completions as the learning lib records them: enrolment completed + outbox row, one transaction.
  await db.transaction(async (m) => {
    await m.query(
      `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id)
       SELECT 'cert-' || g || '@bench.chadavkhi.mn', 'Батбаярын Оюунчимэг ' || g, $1, '{learner}', $2, $3 FROM generate_series(1, $4) g ON CONFLICT DO NOTHING`,
      [learner.password_hash, learner.agency_id, learner.position_id, COUNT],
    );
    await m.query(
      `WITH e AS (
         INSERT INTO enrollments (user_id, course_id, course_version_id, status, progress_percent, completed_at)
         SELECT id, $1, $2, 'completed', 100, now() FROM users WHERE email LIKE 'cert-%@bench.chadavkhi.mn' ORDER BY email LIMIT $3
         RETURNING id, user_id, completed_at)
       INSERT INTO outbox_events (type, payload)
       SELECT 'enrollment.completed', jsonb_build_object('enrollmentId', e.id, 'userId', e.user_id, 'agencyId', $4::text, 'courseId', $1::text, 'courseVersionId', $2::text, 'completedAt', e.completed_at) FROM e`,
      [course.id, courseVersionId, COUNT, learner.agency_id],
    );
  });

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const bar = new SingleBar({ format: 'issuing certificates [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(COUNT, 0);
  for (;;) {
    const [{ done }] = await db.query(`SELECT count(*)::int AS done FROM certificates WHERE course_id = $1 AND pdf IS NOT NULL AND credential_jwt IS NOT NULL AND announced_at IS NOT NULL`, [course.id]);
    bar.update(done);
    if (done >= COUNT) break;
    if (performance.now() - started > TIMEOUT_MS) {
      const outbox = await db.query(`SELECT type, count(*)::int AS rows, count(dispatched_at)::int AS dispatched, max(last_error) AS last_error FROM outbox_events GROUP BY type`);
      const queue = await app.get(JobQueueRepository).queue('certificates').getJobCounts();
      const [retrying] = await app.get(JobQueueRepository).queue('certificates').getJobs(['delayed', 'failed'], 0, 0);
      throw new Error(`only ${done} certificates after ${TIMEOUT_MS / 1000} s; outbox ${JSON.stringify(outbox)}; certificates queue ${JSON.stringify(queue)}; ${retrying ? `a job failed with: ${retrying.failedReason}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const [{ n, dup }] = await db.query(`SELECT count(*)::int AS n, count(*) - count(DISTINCT enrollment_id) AS dup FROM certificates WHERE course_id = $1`, [course.id]);
  console.log(`\n${COUNT} completions → certificates (outbox → BullMQ → PDF + signed credential), API + processors in one process`);
  console.log(`  ${n} certificates in ${seconds.toFixed(1)} s: ${(n / seconds).toFixed(1)} certificates/s (target: 1,000 in under 20 s)`);
  console.log(`  duplicates: ${dup}; peak memory (RSS) of the process: ${(peakRss / 1024 / 1024).toFixed(0)} MiB\n`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
