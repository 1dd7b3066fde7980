// A worker process killed with SIGKILL in the middle of issuing certificates, and a new one started:
// every completed enrolment ends with exactly one finished certificate and one certificate.issued.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { CompiledBuild, compileApps, ROOT } from '../support/compiled-build';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const COMPLETIONS = 200;

describe('a worker killed mid-job', () => {
  let t: TestApp;
  let build: CompiledBuild;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // The worker as production runs it: compiled, in its own process.
    build = compileApps('worker-kill');
    t = await startTestApp({ RUN_WORKERS: false });
  }, 60000);
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) await stop(w, 'SIGTERM');
    await t.close();
    build.remove();
  });

  function startWorker(): ChildProcess {
    const env = {
      ...process.env,
      DATABASE_URL: t.config.DATABASE_URL,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      MEILI_INDEX_PREFIX: t.config.MEILI_INDEX_PREFIX,
      DATA_DIR: join(build.dir, 'data'),
      WORKER_HEALTH_PORT: '0',
      OUTBOX_POLL_MS: '100',
      CERT_SWEEP_SECONDS: '1',
      CERT_SWEEP_GRACE_SECONDS: '2',
      LOG_LEVEL: 'error',
    };
    const child = spawn(process.execPath, [build.main('worker')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.on('exit', (code, signal) => {
      if (code && signal === null) console.error(`worker exited ${code}: ${stderr}`);
    });
    workers.push(child);
    return child;
  }

  function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  const progress = async (courseId: string) =>
    (
      await t.db.query(
        `SELECT count(c.id)::int AS rows, count(c.id) FILTER (WHERE c.announced_at IS NOT NULL AND c.pdf IS NOT NULL AND c.credential_jwt IS NOT NULL)::int AS finished
           FROM enrollments e LEFT JOIN certificates c ON c.enrollment_id = e.id WHERE e.course_id = $1 AND e.status = 'completed'`,
        [courseId],
      )
    )[0] as { rows: number; finished: number };

  it('ends with exactly one certificate per completed enrolment', async () => {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body;
    const { courseVersionId } = (await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer))).body;
    const learner = await createUser(t.db);
    // Completions as the learning lib records them: enrolment completed and its outbox row, one transaction.
    await t.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id)
         SELECT 'kill-' || g || '@test.chadavkhi.mn', 'Сүхийн Тэмүүлэн ' || g, password_hash, '{learner}', agency_id, position_id
           FROM users, generate_series(1, $2) g WHERE users.id = $1`,
        [learner.id, COMPLETIONS],
      );
      await m.query(
        `WITH e AS (
           INSERT INTO enrollments (user_id, course_id, course_version_id, status, progress_percent, completed_at)
           SELECT id, $1, $2, 'completed', 100, now() FROM users WHERE email LIKE 'kill-%@test.chadavkhi.mn'
           RETURNING id, user_id, completed_at)
         INSERT INTO outbox_events (type, payload)
         SELECT 'enrollment.completed', jsonb_build_object('enrollmentId', e.id, 'userId', e.user_id, 'agencyId', $3::text, 'courseId', $1::text, 'courseVersionId', $2::text, 'completedAt', e.completed_at) FROM e`,
        [course.id, courseVersionId, learner.agencyId],
      );
    });

    const first = startWorker();
    await until(async () => (await progress(course.id)).rows >= 15 || undefined, 60000);
    await stop(first, 'SIGKILL');
    expect(first.signalCode).toBe('SIGKILL');

    // Killed in the middle: jobs it held are still marked active, or certificates are half-made, and many remain.
    const queue = t.app.get(JobQueueRepository).queue('certificates');
    const atKill = await progress(course.id);
    const heldByTheDead = await queue.getActiveCount();
    expect(atKill.finished).toBeLessThan(COMPLETIONS);
    expect(heldByTheDead + (atKill.rows - atKill.finished)).toBeGreaterThan(0);

    startWorker();
    await until(async () => (await progress(course.id)).finished === COMPLETIONS || undefined, 90000);
    // Let the jobs the dead worker held come back (stalled) and run again: they must find their certificates.
    await until(async () => {
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'failed');
      return counts.active + counts.waiting + counts.delayed === 0 || undefined;
    }, 90000);

    const [check] = await t.db.query(
      `SELECT count(*)::int AS completed,
              count(*) FILTER (WHERE (SELECT count(*) FROM certificates c WHERE c.enrollment_id = e.id) = 1)::int AS with_one_certificate,
              count(*) FILTER (WHERE (SELECT count(*) FROM outbox_events o WHERE o.type = 'certificate.issued' AND o.payload->>'enrollmentId' = e.id::text) = 1)::int AS announced_once
         FROM enrollments e WHERE e.course_id = $1 AND e.status = 'completed'`,
      [course.id],
    );
    expect(check).toEqual({ completed: COMPLETIONS, with_one_certificate: COMPLETIONS, announced_once: COMPLETIONS });
    expect((await progress(course.id)).finished).toBe(COMPLETIONS);
    expect(await queue.getFailedCount()).toBe(0);
  }, 240000);
});
