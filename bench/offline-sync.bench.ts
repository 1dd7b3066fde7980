// Applying what a device queued offline: one batch of 1,000 lesson completions (one learner, 50
// courses of 20 lessons) through POST /api/v1/sync, then the same batch again (every item a
// duplicate, nothing applied). Baseline: the same JSON body posted to a bare Fastify route.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { AuthService } from '@chadavkhi/identity';
import { CoursesService, EnrollmentsService } from '@chadavkhi/learning';
import { SingleBar, Presets } from 'cli-progress';
import { median, ROUNDS, startApp } from './bench-support';

const COURSES = 50;
const LESSONS = 20;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const started = process.hrtime.bigint();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const json = (await response.json()) as { applied?: number; duplicate?: number; refused?: number };
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, json };
}

async function main() {
  const { app, url } = await startApp();
  const db = app.get(DataSource);
  const [trainer] = await db.query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  const courses = app.get(CoursesService);
  const bar = new SingleBar({ format: 'publishing courses [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(COURSES, 0);
  const courseIds: string[] = [];
  for (let c = 0; c < COURSES; c++) {
    const draft = await courses.create(trainer as AuthUser, {
      title: `Холболтгүй суралцах ${c + 1}`,
      summary: 'Бенчмарк',
      language: 'mn',
      estimatedMinutes: 60,
      modules: [
        {
          title: 'М',
          lessons: Array.from({ length: LESSONS }, (_, i) => ({ title: `Хичээл ${i + 1}`, body: 'Текст' })),
        },
      ],
    });
    await courses.publish(trainer as AuthUser, draft.id, null);
    courseIds.push(draft.id);
    bar.increment();
  }
  bar.stop();

  const [learner] = await db.query(
    `SELECT password_hash, agency_id, position_id FROM users WHERE email = 'learner@demo.chadavkhi.mn'`,
  );
  const enrollments = app.get(EnrollmentsService);
  const authService = app.get(AuthService);
  const baseline = Fastify({ bodyLimit: 4 * 1024 * 1024 });
  baseline.post('/baseline', async (request) => ({
    items: ((request.body as { items: unknown[] }).items ?? []).length,
  }));
  const baseUrl = `${await baseline.listen({ port: 0, host: '127.0.0.1' })}/baseline`;

  const rows: { base: number; first: number; again: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // A new learner each round, enrolled on every course: 1,000 lessons not yet done.
    const [user] = await db.query(
      `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id) VALUES ($1, 'Offline Bench', $2, '{learner}', $3, $4) RETURNING id, email, roles, agency_id, token_version`,
      [
        `offline-${round}-${Date.now()}@bench.chadavkhi.mn`,
        learner.password_hash,
        learner.agency_id,
        learner.position_id,
      ],
    );
    const actor = { id: user.id, email: user.email, roles: user.roles, agencyId: user.agency_id } as AuthUser;
    const items: { id: string; type: string; enrollmentId: string; lessonId: string; occurredAt: string }[] = [];
    for (const courseId of courseIds) {
      const { enrollment } = await enrollments.enroll(actor, courseId);
      const detail = await enrollments.get(actor, enrollment.id);
      for (const l of detail.modules.flatMap((m) => m.lessons))
        items.push({
          id: randomUUID(),
          type: 'lesson.completed',
          enrollmentId: enrollment.id,
          lessonId: l.id,
          occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        });
    }
    const body = JSON.stringify({ items });
    const { accessToken: token } = await authService.startSession(
      { id: user.id, tokenVersion: user.token_version },
      { ip: null },
    );
    const auth = { authorization: `Bearer ${token}` };
    const base = await post(baseUrl, body);
    const first = await post(`${url}/api/v1/sync`, body, auth);
    const again = await post(`${url}/api/v1/sync`, body, auth);
    if (first.json.applied !== items.length || again.json.duplicate !== items.length || again.json.applied !== 0) {
      throw new Error(
        `unexpected outcome: first ${JSON.stringify(first.json.applied)} applied, again ${again.json.duplicate} duplicate / ${again.json.applied} applied`,
      );
    }
    rows.push({ base: base.ms, first: first.ms, again: again.ms });
    console.log(
      `round ${round}/${ROUNDS}: baseline ${base.ms.toFixed(1)} ms, first send ${first.ms.toFixed(0)} ms (${((items.length / first.ms) * 1000).toFixed(0)} applied/s), resend ${again.ms.toFixed(0)} ms (all ${again.json.duplicate} duplicate)`,
    );
  }
  const m = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k]));
  const n = COURSES * LESSONS;
  console.log(`\nOffline sync: one batch of ${n} lesson completions, ${ROUNDS} rounds, medians`);
  console.log(`  bare Fastify route, same body      ${m('base').toFixed(1).padStart(8)} ms (baseline)`);
  console.log(
    `  POST /api/v1/sync, first send      ${m('first').toFixed(0).padStart(8)} ms = ${((n / m('first')) * 1000).toFixed(0)} applied/s, ratio to baseline ${(m('first') / m('base')).toFixed(1)}`,
  );
  console.log(
    `  POST /api/v1/sync, sent again      ${m('again').toFixed(0).padStart(8)} ms = ${((n / m('again')) * 1000).toFixed(0)} duplicates/s, none applied, ratio to baseline ${(m('again') / m('base')).toFixed(1)}\n`,
  );
  await baseline.close();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
