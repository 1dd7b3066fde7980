// 1,000 completions → outbox → BullMQ → processor → PDF + signed credential + certificate.issued,
// in the single-machine default (API and processors in one process). Prints certificates per
// second and the process's peak memory.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';
import { QUEUES } from '@chadavkhi/platform';
import { JobQueueRepository } from '../libs/platform/src/queue/job-queue.repository';
import { SingleBar, Presets } from 'cli-progress';
import { startApp } from './bench-support';

const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 1000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);

// CPU seconds (utime + stime, at USER_HZ = 100) of this database's PostgreSQL backends, read from
// /proc: the database's share of the machine, which a wall-clock figure on a shared machine hides.
// Sampled every second, keeping each backend's last reading, so one that exits mid-run still counts.
class PostgresCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private started = false;

  get available(): boolean {
    return this.last.size > 0;
  }

  constructor(private readonly db: DataSource) {}

  async sample(): Promise<void> {
    const rows: { pid: number }[] = await this.db.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
    );
    for (const { pid } of rows) {
      let fields: string[];
      try {
        fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ');
      } catch {
        continue; // a backend that has just exited, or PostgreSQL on another machine or in a container
      }
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime
      if (!this.first.has(pid)) this.first.set(pid, this.started ? 0 : seconds);
      this.last.set(pid, seconds);
    }
  }

  async start(): Promise<void> {
    await this.sample();
    this.started = true;
  }

  seconds(): number {
    let total = 0;
    for (const [pid, last] of this.last) total += last - (this.first.get(pid) ?? 0);
    return total;
  }
}

const fixed = (x: number, digits = 1) => x.toFixed(digits);

/** The main thread's time on a CPU and waiting for one, in seconds (Linux /proc schedstat). */
function mainThreadSchedule(): { running: number; waitingForCpu: number } | undefined {
  try {
    const [running, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return { running: running / 1e9, waitingForCpu: waiting / 1e9 };
  } catch {
    return undefined;
  }
}

/** CPU seconds of each of this process's threads, by thread name (Linux /proc). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ');
        out.set(`${name}#${tid}`, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // a thread that has just exited
      }
    }
  } catch {
    // not Linux
  }
  return out;
}

/** Waits until the outbox is relayed and no queue has work waiting or running; undefined when it did, else what is left. */
async function settle(jobs: JobQueueRepository, db: DataSource, limitMs = 120_000): Promise<string | undefined> {
  for (const since = performance.now(); ;) {
    const [{ pending }] = await db.query(
      `SELECT count(*)::int AS pending FROM outbox_events WHERE dispatched_at IS NULL`,
    );
    const counts = await Promise.all(QUEUES.map((q) => jobs.queue(q).getJobCounts('active', 'waiting', 'prioritized')));
    if (!pending && counts.every((c) => Object.values(c).every((n) => n === 0))) return undefined;
    if (performance.now() - since > limitMs)
      return `${pending} outbox rows pending, ${QUEUES.map((q, i) => `${q} ${JSON.stringify(counts[i])}`).join(', ')}`;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  const { app } = await startApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 50 });
  const db = app.get(DataSource);
  const [trainer] = await db.query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  const courses = app.get(CoursesService);
  const course = await courses.create(trainer as AuthUser, {
    title: 'Гэрчилгээний гүйцэтгэл',
    summary: 'Бенчмарк',
    language: 'mn',
    estimatedMinutes: 10,
    validityMonths: 24,
    modules: [{ title: 'М', lessons: [{ title: 'Х', body: 'Текст' }] }],
  });
  const { courseVersionId } = await courses.publish(trainer as AuthUser, course.id, null);
  const [learner] = await db.query(
    `SELECT password_hash, agency_id, position_id FROM users WHERE email = 'learner@demo.chadavkhi.mn'`,
  );

  // The demo content's own events (search indexing of the imported documents and courses) are
  // dispatched when this app starts; let them finish so they are not counted against certificates
  // (delayed jobs are left out: the daily and weekly schedules wait there).
  const unsettled = await settle(app.get(JobQueueRepository), db);
  if (unsettled) throw new Error(`the queues did not settle before the run: ${unsettled}`);

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

  const postgres = new PostgresCpu(db);
  await postgres.start();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const pgSampler = setInterval(() => void postgres.sample().catch(() => undefined), 1000);
  const loadBefore = loadavg()[0];
  const threadsBefore = threadCpu();
  const cpuBefore = process.cpuUsage();
  const scheduleBefore = mainThreadSchedule();
  const started = performance.now();
  const bar = new SingleBar({ format: 'issuing certificates [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(COUNT, 0);
  for (;;) {
    const [{ done }] = await db.query(
      `SELECT count(*)::int AS done FROM certificates WHERE course_id = $1 AND pdf IS NOT NULL AND credential_jwt IS NOT NULL AND announced_at IS NOT NULL`,
      [course.id],
    );
    bar.update(done);
    if (done >= COUNT) break;
    if (performance.now() - started > TIMEOUT_MS) {
      const outbox = await db.query(
        `SELECT type, count(*)::int AS rows, count(dispatched_at)::int AS dispatched, max(last_error) AS last_error FROM outbox_events GROUP BY type`,
      );
      const queue = await app.get(JobQueueRepository).queue('certificates').getJobCounts();
      const [retrying] = await app.get(JobQueueRepository).queue('certificates').getJobs(['delayed', 'failed'], 0, 0);
      throw new Error(
        `only ${done} certificates after ${TIMEOUT_MS / 1000} s; outbox ${JSON.stringify(outbox)}; certificates queue ${JSON.stringify(queue)}; ${retrying ? `a job failed with: ${retrying.failedReason}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const threadsAfter = threadCpu();
  const scheduleAfter = mainThreadSchedule();
  const loadAfter = loadavg()[0];
  clearInterval(sampler);
  clearInterval(pgSampler);
  await postgres.sample();
  const pgCpuAtDone = postgres.available ? postgres.seconds() : 0;
  // What certificate.issued sets off (the holder's notification and e-mail, the agency's figures)
  // runs in this process too and may still be going; its CPU belongs to each certificate as well.
  const undrained = await settle(app.get(JobQueueRepository), db, Number(process.env.BENCH_DRAIN_MS ?? 180_000));
  const drainedAfter = (performance.now() - started) / 1000;
  const cpuDrained = process.cpuUsage(cpuBefore);
  await postgres.sample();
  const [{ n, dup }] = await db.query(
    `SELECT count(*)::int AS n, count(*) - count(DISTINCT enrollment_id) AS dup FROM certificates WHERE course_id = $1`,
    [course.id],
  );
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const pgCpu = pgCpuAtDone;
  const nodeCpuDrained = (cpuDrained.user + cpuDrained.system) / 1e6;
  const pgCpuDrained = postgres.available ? postgres.seconds() : 0;
  // On two free cores the run takes at least the longer of: the main thread's own running time (one
  // thread runs the JavaScript), and all the CPU time of this process and of PostgreSQL shared by two
  // cores. Redis's own CPU is left out (a few percent here); without schedstat, 90% of the process.
  const mainThread = scheduleBefore && scheduleAfter ? scheduleAfter.running - scheduleBefore.running : nodeCpu * 0.9;
  const freeCores = Math.max(mainThread, (nodeCpu + pgCpu) / 2);
  const freeCoresDrained = Math.max(mainThread * (nodeCpuDrained / nodeCpu), (nodeCpuDrained + pgCpuDrained) / 2);
  const per1000 = (x: number) => (x * 1000) / n;
  console.log(
    `\n${COUNT} completions → certificates (outbox → BullMQ → PDF + signed credential), API + processors in one process`,
  );
  console.log(
    `  ${n} certificates in ${fixed(seconds)} s: ${fixed(n / seconds)} certificates/s; 1,000 would take ${fixed(per1000(seconds))} s: target (under 20 s) ${per1000(seconds) < 20 ? 'met' : 'NOT met'}`,
  );
  console.log(`  duplicates: ${dup}; peak memory (RSS) of the process: ${fixed(peakRss / 1024 / 1024, 0)} MiB`);
  console.log(
    `  CPU per certificate: Node process ${fixed((nodeCpu * 1000) / n)} ms (user ${fixed(cpu.user / 1000 / n)} + system ${fixed(cpu.system / 1000 / n)})` +
      (postgres.available
        ? `, PostgreSQL backends ${fixed((pgCpu * 1000) / n)} ms`
        : ', PostgreSQL not measurable from here'),
  );
  if (scheduleBefore && scheduleAfter) {
    // The event loop's time: running JavaScript, runnable but waiting for a core (the shared
    // machine), and idle, i.e. waiting on PostgreSQL and Redis (what more concurrency would overlap).
    const running = scheduleAfter.running - scheduleBefore.running;
    const waitingForCpu = scheduleAfter.waitingForCpu - scheduleBefore.waitingForCpu;
    const idle = Math.max(0, seconds - running - waitingForCpu);
    const share = (x: number) => `${fixed((100 * x) / seconds, 0)}%`;
    console.log(
      `  main thread: running ${share(running)} (${fixed((running * 1000) / n)} ms per certificate), waiting for a core ${share(waitingForCpu)}, waiting on I/O ${share(idle)} of the ${fixed(seconds)} s`,
    );
  }
  // Which threads spent the Node CPU: the event loop, the PDF threads, V8's garbage collector
  // helpers, libuv's pool (file writes, crypto); in ms per certificate, busiest first.
  const spent = [...threadsAfter]
    .map(
      ([key, after]) =>
        [
          key.replace(/#(\d+)$/, (_, tid) => (Number(tid) === process.pid ? ' (event loop)' : ` ${tid}`)),
          after - (threadsBefore.get(key) ?? 0),
        ] as const,
    )
    .filter(([, s]) => s >= (0.05 * n) / 1000)
    .sort((a, b) => b[1] - a[1]);
  if (spent.length)
    console.log(`  Node CPU by thread: ${spent.map(([name, s]) => `${name} ${fixed((s * 1000) / n)} ms`).join(', ')}`);
  console.log(
    `  load average (1 min) ${fixed(loadBefore, 2)} before, ${fixed(loadAfter, 2)} after, on ${availableParallelism()} cores`,
  );
  console.log(
    `  on 2 free cores (from CPU time): about ${fixed(per1000(freeCores))} s for 1,000 (${fixed(n / freeCores)} certificates/s): target ${per1000(freeCores) < 20 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  with what certificate.issued sets off (notifications, e-mail, metrics), ${undrained ? `NOT done ${fixed(drainedAfter)} s after the start (${undrained}); so far` : `done ${fixed(drainedAfter)} s after the start:`}` +
      ` CPU per certificate Node ${fixed((nodeCpuDrained * 1000) / n)} ms` +
      (postgres.available ? `, PostgreSQL ${fixed((pgCpuDrained * 1000) / n)} ms` : '') +
      `; on 2 free cores about ${fixed(per1000(freeCoresDrained))} s for 1,000\n`,
  );
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
