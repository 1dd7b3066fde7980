// npm run chaos (issue 22 §4): fault tests through the fleet. While CHAOS_ENROLMENTS (default 1000)
// enrolments are completed through two APIs, one API and one worker are killed with SIGKILL and
// started again, the Redis primary is killed so the sentinels promote its replica, PostgreSQL's
// primary is restarted (fast shutdown) and Meilisearch is restarted. Afterwards, once the queues
// have drained: one certificate per completed enrolment, every acknowledged request in the
// database, each agency's figures equal to a recount, and the search index equal to PostgreSQL.
// Prints a report and exits 1 when a check fails (the fleet's data is then kept for a look).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-installed.mjs';
import { StackError } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const DEMO_PASSWORD = 'Demo-2026!';
const COURSES = 10;
const FAULT_SPAN = 0.1;
// An e-mail the killed worker had claimed waits for its lease (5 minutes); its job waits, delayed, meanwhile.
const DRAIN_TIMEOUT_MS = 420000;
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1).padStart(6);
const say = (line) => console.log(`\x1b[35m[chaos]\x1b[0m ${seconds()}s  ${line}`);

function setting(name, fallback, { min, max }) {
  const value = process.env[name] ?? String(fallback);
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new StackError(`${name} must be a whole number from ${min} to ${max}`);
  return Number(value);
}

/** Resolves once check() is true, asking again after each answer; rejects after timeoutMs. */
async function until(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new StackError(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await new Promise((next) => setTimeout(next, 250));
  }
}

// ---- The client: retries only what it never saw acknowledged ----

/**
 * HTTP through the fleet's APIs in turn. A request with no answer (connection refused or reset, a
 * timeout) or a 5xx was not acknowledged: it is sent again, to the next API, after a back-off. Any
 * other answer is final; the caller decides whether it is the one it wanted.
 */
class FleetClient {
  constructor(urls) {
    this.urls = urls;
    this.next = 0;
    this.retries = 0;
    this.unanswered = 0;
    this.serverErrors = new Map();
  }

  async call(method, path, { token, body } = {}) {
    for (let attempt = 0; ; attempt++) {
      const url = this.urls[this.next++ % this.urls.length];
      try {
        const response = await fetch(url + path, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(30000),
        });
        const text = await response.text();
        if (response.status < 500) return { status: response.status, body: text ? JSON.parse(text) : undefined };
        this.serverErrors.set(response.status, (this.serverErrors.get(response.status) ?? 0) + 1);
        if (attempt >= 60) throw new StackError(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      } catch (error) {
        if (error instanceof StackError) throw error;
        this.unanswered++;
        if (attempt >= 60) throw new StackError(`${method} ${path}: no answer (${error.message})`);
      }
      this.retries++;
      await new Promise((next) => setTimeout(next, Math.min(2000, 50 * 2 ** attempt)));
    }
  }

  async expect(status, method, path, options) {
    const response = await this.call(method, path, options);
    const wanted = [status].flat();
    if (!wanted.includes(response.status))
      throw new StackError(`${method} ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    return response.body;
  }
}

// ---- Preparing: the learners (through the CLI's import) and the courses (through the API) ----

/** A copy of content/ whose demo accounts include `count` learners, spread over the demo's agencies. */
async function contentWithLearners(dataDir, count) {
  const { parse, stringify } = await import('yaml');
  const dir = join(dataDir, 'content');
  cpSync('content', dir, { recursive: true });
  const file = join(dir, 'demo/users.yaml');
  const demo = parse(readFileSync(file, 'utf8'));
  const places = [...new Map(demo.users.map((u) => [`${u.agency}/${u.position}`, u])).values()];
  for (let i = 0; i < count; i++) {
    const { agency, position } = places[i % places.length];
    demo.users.push({
      email: `chaos-${i}@chaos.test`,
      name: `Chaos learner ${i}`,
      roles: ['learner'],
      agency,
      position,
    });
  }
  writeFileSync(file, stringify(demo));
  return dir;
}

function runCli(fleet, args) {
  const result = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: fleet.env,
  });
  if (result.status !== 0) throw new StackError(`cli ${args.join(' ')} failed (exit ${result.status})`);
}

const signIn = (client, email) =>
  client
    .expect(200, 'POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } })
    .then((b) => b.accessToken);

/** Publishes a course of one lesson as the trainer; its id. */
async function publishCourse(client, trainer, title) {
  const course = await client.expect(201, 'POST', '/api/v1/courses', {
    token: trainer,
    body: {
      title,
      titleEn: title,
      summary: 'A course the fault tests complete.',
      language: 'en',
      estimatedMinutes: 10,
      validityMonths: 24,
      competencyCodes: ['ethics'],
      modules: [{ title: 'Only module', lessons: [{ title: 'Only lesson', body: 'Read this.' }] }],
    },
  });
  await client.expect(201, 'POST', `/api/v1/courses/${course.id}/publish`, { token: trainer });
  return course.id;
}

/** Runs task(i) for i in [0, count) with `width` at a time. */
async function pool(count, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

// ---- The faults ----

/** Each fault, run once completions pass its share of the total; then a course is published. */
function faultPlan(fleet) {
  const faults = [
    { at: 0.1, name: 'kill -9 api-1, start it again', run: () => crash(fleet, 'api-1') },
    { at: 0.25, name: 'kill -9 worker-1, start it again', run: () => crash(fleet, 'worker-1') },
    { at: 0.4, name: 'kill -9 the Redis primary: Sentinel fails over', run: () => redisFailover(fleet) },
    { at: 0.55, name: 'restart the PostgreSQL primary', run: () => fleet.restart('postgres-primary') },
    { at: 0.7, name: 'restart Meilisearch', run: () => fleet.restart('meilisearch') },
  ];
  for (const fault of faults) fault.finished = new Promise((finish) => (fault.finish = finish));
  return faults;
}

async function crash(fleet, name) {
  fleet.kill(name, 'SIGKILL');
  await fleet.start(name);
}

async function redisFailover(fleet) {
  const IORedis = (await import('ioredis')).default;
  const sentinel = new IORedis({ port: fleet.redis.sentinels[0], lazyConnect: true });
  await sentinel.connect();
  try {
    // Promotion needs a replica the sentinels see in sync.
    await until(
      async () => {
        const replicas = await sentinel.call('SENTINEL', 'replicas', 'mymaster');
        return replicas.some((r) => r[r.indexOf('master-link-status') + 1] === 'ok');
      },
      'a Redis replica in sync',
      30000,
    );
  } finally {
    sentinel.disconnect();
  }
  const before = await fleet.redis.currentPrimary();
  fleet.kill(before, 'SIGKILL');
  await until(
    async () => ![undefined, before].includes(await fleet.redis.currentPrimary()),
    'the sentinels to promote the replica',
    60000,
  );
  // Back as a replica of the new primary (the sentinels reconfigure it).
  await fleet.start(before);
}

// ---- Afterwards ----

/**
 * Waits for pending work anywhere: the outbox, a BullMQ queue, a Meilisearch task; none on two looks
 * in a row ends the wait. A job that uses up its attempts counts as done: it is reported as failed.
 * Resolves with { settled, failed: { queue: count } }.
 */
async function untilSettled(fleet, db, queues, meili) {
  const IORedis = (await import('ioredis')).default;
  const { Queue } = await import('bullmq');
  const primaryPort = fleet.redis.ports[await fleet.redis.currentPrimary()];
  const redis = new IORedis({ port: primaryPort, lazyConnect: true });
  await redis.connect();
  const [, [metaKey]] = await redis.scan('0', 'MATCH', '*:certificates:meta', 'COUNT', 10000);
  redis.disconnect();
  const prefix = metaKey.slice(0, -':certificates:meta'.length);
  const opened = queues.map((name) => new Queue(name, { connection: { port: primaryPort }, prefix }));
  let quietLooks = 0;
  let settled = true;
  try {
    await until(
      async () => {
        const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL`))
          .rows;
        let pending = n;
        for (const queue of opened) {
          const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'paused');
          const delayed = (await queue.getDelayed()).filter((job) => job && !job.repeatJobKey);
          pending += Object.values(counts).reduce((a, b) => a + b, delayed.length);
        }
        pending += (await meili('/tasks?statuses=enqueued,processing&limit=1')).total;
        quietLooks = pending === 0 ? quietLooks + 1 : 0;
        return quietLooks >= 2;
      },
      'the outbox, the queues and Meilisearch to drain',
      DRAIN_TIMEOUT_MS,
    ).catch(() => (settled = false));
    const failed = {};
    for (const queue of opened) {
      const { failed: n } = await queue.getJobCounts('failed');
      if (n) failed[queue.name] = n;
    }
    return { settled, failed };
  } finally {
    await Promise.all(opened.map((q) => q.close()));
  }
}

/** The figures agency_metrics holds against the same figures counted from the source tables. */
const METRICS_RECOUNT = `
  WITH staff AS (SELECT id, agency_id FROM users WHERE is_active),
  own AS (
    SELECT a.id AS agency_id,
           (SELECT count(*) FROM staff s WHERE s.agency_id = a.id) AS headcount,
           (SELECT count(*) FROM enrollments e JOIN staff s ON s.id = e.user_id WHERE s.agency_id = a.id) AS enrolled,
           (SELECT count(*) FROM enrollments e JOIN staff s ON s.id = e.user_id
             WHERE s.agency_id = a.id AND e.status = 'completed') AS completed,
           (SELECT count(*) FROM certificates c JOIN staff s ON s.id = c.user_id WHERE s.agency_id = a.id
               AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())) AS valid_certificates
      FROM agencies a
  ), recount AS (
    SELECT a.id AS agency_id, sum(o.headcount)::int AS headcount, sum(o.enrolled)::int AS enrolled,
           sum(o.completed)::int AS completed, sum(o.valid_certificates)::int AS valid_certificates
      FROM agencies a JOIN agencies d ON d.path @> ARRAY[a.id] JOIN own o ON o.agency_id = d.id
     GROUP BY a.id
  )
  SELECT a.code, r.headcount, r.enrolled, r.completed, r.valid_certificates,
         m.headcount AS m_headcount, m.enrolled AS m_enrolled, m.completed AS m_completed,
         m.valid_certificates AS m_valid_certificates
    FROM recount r JOIN agencies a ON a.id = r.agency_id LEFT JOIN agency_metrics m ON m.agency_id = r.agency_id
   WHERE r.enrolled > 0 OR m.agency_id IS NOT NULL`;

const FIGURES = ['headcount', 'enrolled', 'completed', 'valid_certificates'];

async function checks({ db, meili, indexName, courseIds, acknowledged, enrolments, client, drained }) {
  const results = [];
  const check = (name, ok, detail) => results.push({ name, ok, detail });

  const failed = Object.entries(drained.failed).map(([queue, n]) => `${n} failed in ${queue}`);
  check(
    'the outbox, the queues and Meilisearch drained',
    drained.settled,
    `${drained.settled ? 'within' : 'not within'} ${DRAIN_TIMEOUT_MS / 1000} s${failed.length ? `; ${failed.join(', ')}` : ''}`,
  );

  // A fault is a moment's 503 to send again; a 500 says the product did not know what happened.
  const fiveHundreds = client.serverErrors.get(500) ?? 0;
  check('no request answered 500', fiveHundreds === 0, `${fiveHundreds} answered 500`);

  const { rows: certified } = await db.query(
    `SELECT count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
            count(c.id)::int AS certificates,
            count(*) FILTER (WHERE e.status = 'completed' AND c.id IS NULL)::int AS completed_without
       FROM enrollments e LEFT JOIN certificates c ON c.enrollment_id = e.id
      WHERE e.course_id = ANY($1)`,
    [courseIds],
  );
  const [c] = certified;
  check(
    `exactly ${enrolments} certificates, one per completed enrolment`,
    c.certificates === enrolments && c.completed === enrolments && c.completed_without === 0,
    `${c.completed} enrolments completed, ${c.certificates} certificates, ${c.completed_without} completed without one`,
  );

  const { rows: foundEnrolments } = await db.query(`SELECT count(*)::int AS n FROM enrollments WHERE id = ANY($1)`, [
    acknowledged.enrolments,
  ]);
  const { rows: foundLessons } = await db.query(
    `SELECT count(*)::int AS n FROM lesson_completions lc
       JOIN unnest($1::uuid[], $2::uuid[]) AS a(enrollment_id, lesson_id)
         ON lc.enrollment_id = a.enrollment_id AND lc.lesson_id = a.lesson_id`,
    [acknowledged.lessons.map((l) => l.enrollmentId), acknowledged.lessons.map((l) => l.lessonId)],
  );
  check(
    'every acknowledged request is in the database',
    foundEnrolments[0].n === acknowledged.enrolments.length && foundLessons[0].n === acknowledged.lessons.length,
    `${foundEnrolments[0].n}/${acknowledged.enrolments.length} enrolments, ${foundLessons[0].n}/${acknowledged.lessons.length} lesson completions`,
  );

  const { rows: figures } = await db.query(METRICS_RECOUNT);
  const wrong = figures.filter((r) => FIGURES.some((f) => r[f] !== r[`m_${f}`]));
  check(
    "each agency's figures equal a recount from the source tables",
    wrong.length === 0,
    wrong.length
      ? wrong
          .slice(0, 5)
          .map((r) => `${r.code}: ${FIGURES.map((f) => `${f} ${r[`m_${f}`]}≠${r[f]}`).join(', ')}`)
          .join('; ')
      : `${figures.length} agencies`,
  );

  const { rows: expected } = await db.query(
    `SELECT 'course-' || id AS id FROM courses WHERE current_version_id IS NOT NULL
     UNION ALL SELECT 'doc-' || id FROM knowledge_documents WHERE published_version IS NOT NULL AND status <> 'archived'`,
  );
  const indexed = new Set();
  for (let offset = 0; ; offset += 1000) {
    const page = await meili(`/indexes/${indexName}/documents?fields=id&limit=1000&offset=${offset}`);
    for (const doc of page.results) indexed.add(doc.id);
    if (page.results.length < 1000) break;
  }
  const wanted = new Set(expected.map((r) => r.id));
  const missing = [...wanted].filter((id) => !indexed.has(id));
  const extra = [...indexed].filter((id) => !wanted.has(id));
  check(
    "the search index's documents equal PostgreSQL's",
    missing.length === 0 && extra.length === 0,
    `${indexed.size} indexed, ${wanted.size} in PostgreSQL; missing ${missing.length}, extra ${extra.length}`,
  );
  return results;
}

// ---- The run ----

const mark = (ok) => (ok ? '\x1b[32m✓\x1b[0m' : '\x1b[31m✗\x1b[0m');

let fleet;
let dataDir;
let code = 1;
try {
  ensureInstalled(say);
  const enrolments = setting('CHAOS_ENROLMENTS', 1000, { min: 20, max: 100000 });
  const width = setting('CHAOS_CONCURRENCY', 16, { min: 1, max: 256 });
  const learners = Math.ceil(enrolments / COURSES);
  const { startFleet } = await import('./fleet-stack.mjs');
  const pg = (await import('pg')).default;
  say('Building…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new StackError('Build failed');
  const contract = await import(resolve('dist/libs/platform/src/queue/queue-contract.js'));
  const QUEUES = contract.QUEUES ?? contract.default.QUEUES;

  // Outside the checkout (PostgreSQL runs as another user), with a Meilisearch of its own to restart.
  dataDir = mkdtempSync(join(tmpdir(), 'chadavkhi-chaos-'));
  chmodSync(dataDir, 0o755);
  delete process.env.MEILI_URL;
  delete process.env.MEILI_MASTER_KEY;
  say(`Starting the fleet in ${dataDir} (2 APIs, 2 workers)…`);
  fleet = await startFleet({
    dataDir,
    log: (line) => say(line),
    appEnv: { LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100', CERT_SWEEP_SECONDS: '5', CERT_SWEEP_GRACE_SECONDS: '5' },
  });
  say(`Importing ${learners} learners…`);
  runCli(fleet, ['import-content', '--demo', '--dir', await contentWithLearners(dataDir, learners)]);

  const client = new FleetClient(fleet.apis.map((a) => a.url));
  const trainer = await signIn(client, 'trainer@demo.chadavkhi.mn');
  const courseIds = [];
  for (let i = 0; i < COURSES; i++) courseIds.push(await publishCourse(client, trainer, `Chaos course ${i + 1}`));
  const tokens = [];
  await pool(learners, 4, async (i) => (tokens[i] = await signIn(client, `chaos-${i}@chaos.test`)));
  say(`${COURSES} courses published, ${learners} learners signed in; completing ${enrolments} enrolments…`);

  const db = new pg.Pool({ connectionString: fleet.postgres.primaryUrl, max: 2 });
  db.on('error', () => undefined); // the restart of PostgreSQL drops its connections; the next query reconnects
  const meili = async (path) => {
    const response = await fetch(fleet.env.MEILI_URL + path, {
      headers: { authorization: `Bearer ${fleet.env.MEILI_MASTER_KEY}` },
    });
    if (!response.ok) throw new StackError(`Meilisearch ${path}: ${response.status}`);
    return response.json();
  };

  const acknowledged = { enrolments: [], lessons: [] };
  const lessonsOf = new Map();
  let completed = 0;
  const faults = faultPlan(fleet);
  const plan = [...faults];
  const injected = [];
  let faulting = Promise.resolve();
  const runDueFaults = () => {
    while (faults.length && completed >= faults[0].at * enrolments) {
      const fault = faults.shift();
      faulting = faulting.then(() => inject(fault)).finally(fault.finish);
    }
  };
  /** Runs a fault, then publishes a course (for the search index to catch up on); a failure is reported, not thrown. */
  const inject = async (fault) => {
    const from = Date.now();
    const entry = { name: fault.name, at: seconds(), completedThen: completed };
    say(`fault: ${fault.name}…`);
    try {
      await fault.run();
      courseIds.push(await publishCourse(client, trainer, `Chaos course after: ${fault.name}`));
      entry.ok = true;
    } catch (error) {
      entry.error = error.message;
    }
    entry.ms = Date.now() - from;
    injected.push(entry);
    say(`fault: ${fault.name} — ${entry.ok ? 'done' : `FAILED (${entry.error})`} in ${(entry.ms / 1000).toFixed(1)} s`);
  };

  const progress = setInterval(async () => {
    const { rows } = await db
      .query(`SELECT count(*)::int AS n FROM certificates WHERE course_id = ANY($1)`, [courseIds])
      .catch(() => ({ rows: [{ n: '?' }] }));
    say(`${completed}/${enrolments} completed, ${rows[0].n} certificates, ${client.retries} retries`);
  }, 5000);
  const driveStarted = Date.now();
  let driveMs;
  let drainMs;
  let drained;
  try {
    await pool(enrolments, width, async (i) => {
      // Each fault happens while enrolments are under way: the next tenth waits until it is over.
      for (const fault of plan) if (i >= (fault.at + FAULT_SPAN) * enrolments) await fault.finished;
      const learner = i % learners;
      const courseId = courseIds[Math.floor(i / learners)];
      const token = tokens[learner];
      const enrolment = await client.expect([200, 201], 'POST', `/api/v1/courses/${courseId}/enrollments`, { token });
      acknowledged.enrolments.push(enrolment.id);
      if (!lessonsOf.has(courseId)) {
        const detail = await client.expect(200, 'GET', `/api/v1/enrollments/${enrolment.id}`, { token });
        lessonsOf.set(
          courseId,
          detail.modules.flatMap((m) => m.lessons.map((l) => l.id)),
        );
      }
      for (const lessonId of lessonsOf.get(courseId)) {
        await client.expect(200, 'POST', `/api/v1/enrollments/${enrolment.id}/lessons/${lessonId}/complete`, {
          token,
        });
        acknowledged.lessons.push({ enrollmentId: enrolment.id, lessonId });
      }
      completed++;
      runDueFaults();
    });
    await faulting;
    driveMs = Date.now() - driveStarted;
    say('All completions acknowledged; waiting for the outbox, the queues and Meilisearch to drain…');
    drained = await untilSettled(fleet, db, QUEUES, meili);
    drainMs = Date.now() - driveStarted - driveMs;
  } finally {
    clearInterval(progress);
  }

  const results = await checks({
    db,
    meili,
    indexName: `${fleet.env.MEILI_INDEX_PREFIX ?? 'chadavkhi_'}knowledge`,
    courseIds,
    acknowledged,
    enrolments,
    client,
    drained,
  });
  await db.end();

  console.log('');
  console.log(
    `Chaos report — ${enrolments} enrolments through ${fleet.apis.length} APIs and ${fleet.workers.length} workers`,
  );
  console.log(
    `  completions driven in ${(driveMs / 1000).toFixed(1)} s, drained in ${(drainMs / 1000).toFixed(1)} s, ${seconds().trim()} s in all`,
  );
  const serverErrors = [...client.serverErrors].map(([status, n]) => `${n}×${status}`).join(', ') || 'none';
  console.log(`  retries: ${client.retries} (unanswered ${client.unanswered}; server errors ${serverErrors})`);
  console.log('  faults:');
  for (const f of injected)
    console.log(
      `    ${mark(f.ok)} at ${f.at.trim()} s (${f.completedThen} completed): ${f.name} — ${(f.ms / 1000).toFixed(1)} s${f.ok ? '' : `: ${f.error}`}`,
    );
  console.log('  checks:');
  for (const r of results) console.log(`    ${mark(r.ok)} ${r.name} (${r.detail})`);
  code = [...results, ...injected].every((r) => r.ok) && injected.length === plan.length ? 0 : 1;
} catch (error) {
  console.error(`\x1b[31m[chaos]\x1b[0m ${error instanceof StackError ? error.message : (error.stack ?? error)}`);
} finally {
  if (fleet) await fleet.stop();
  if (dataDir && code === 0) rmSync(dataDir, { recursive: true, force: true });
  else if (dataDir) say(`The fleet's data and logs are kept in ${dataDir}`);
}
process.exit(code);
