// Completion integrity (issue 20 §5), flag don't block: a learner who clicks "done" down the outline
// and answers the final quiz within seconds still completes, but the lessons, the attempt and the
// enrolment carry flags; learners who read (time between their steps) carry none. Each agency's
// evidence quality — completions without flags — is counted by the same recount as its completions
// (through the real queue) and shown beside them on the HR dashboard.
import { EnrollmentsService } from '@chadavkhi/learning';
import { courseBody, everyKindBank } from '../support/courses';
import { actorOf, agencyByCode, createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { signInPage } from '../support/web';

const bank = everyKindBank({
  explained: 'x',
  textAnswers: ['АТГ'],
  ordering: ['o-first', 'o-second', 'o-third', 'o-fourth'],
});
const finalQuiz = {
  title: 'Эцсийн шалгалт',
  passMarkPercent: 10,
  timeLimitMinutes: 20,
  maxAttempts: 3,
  reviewAfterSubmit: false,
  draws: [{ bank: '0', count: 6 }],
};
const MINUTE = 60_000;

describe('completion integrity: flagged, never blocked', () => {
  let t: TestApp;
  let courseId: string;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    const trainer = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' })).email,
    );
    courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ estimatedMinutes: 60, questionBanks: [bank], quizzes: [finalQuiz] }))
    ).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
    agencyId = (await agencyByCode(t.db, 'ministry-foreign-affairs')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Enrols, marks the lessons done (at the given moments, or now) and takes the final quiz after `quizMinutes`. */
  async function learn(paced: boolean): Promise<{ userId: string; enrollmentId: string; attemptId: string }> {
    const user = await createUser(t.db, { agency: 'ministry-foreign-affairs' });
    const token = await tokenFor(t, user.email);
    const enrolment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrolment.id}`).set(bearer(token))).body;
    const lessons: string[] = detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));
    if (paced) {
      // A reader: enrolled three hours ago, a lesson done every forty minutes since.
      await t.db.query(`UPDATE enrollments SET enrolled_at = now() - interval '3 hours' WHERE id = $1`, [enrolment.id]);
      const service = t.app.get(EnrollmentsService);
      const actor = await actorOf(t, user.id);
      for (const [i, lessonId] of lessons.entries())
        await service.completeLesson(actor, enrolment.id, lessonId, new Date(Date.now() - (140 - 40 * i) * MINUTE));
    } else
      for (const lessonId of lessons)
        await t.http().post(`/api/v1/enrollments/${enrolment.id}/lessons/${lessonId}/complete`).set(bearer(token));
    const started = (await t.http().post(`/api/v1/quizzes/${detail.quizzes[0].id}/attempts`).set(bearer(token))).body;
    if (paced)
      await t.db.query(`UPDATE quiz_attempts SET started_at = now() - interval '9 minutes' WHERE id = $1`, [
        started.id,
      ]);
    // One true/false question right is enough to pass (a pass mark of 10%).
    const answers = Object.fromEntries(
      started.questions.filter((q: { prompt: string }) => q.prompt === 'Q-tf').map((q: { id: string }) => [q.id, true]),
    );
    const submitted = await t.http().post(`/api/v1/attempts/${started.id}/submit`).set(bearer(token)).send({ answers });
    expect(submitted.status).toBe(200);
    return { userId: user.id, enrollmentId: enrolment.id, attemptId: started.id };
  }

  it('flags the lessons, the attempt and the enrolment of a click-through, completes it all the same', async () => {
    const clicker = await learn(false);
    const [enrolment] = await t.db.query(`SELECT status, integrity_flags FROM enrollments WHERE id = $1`, [
      clicker.enrollmentId,
    ]);
    expect(enrolment.status).toBe('completed');
    expect([...enrolment.integrity_flags].sort()).toEqual(['lesson-too-fast', 'quiz-too-fast']);
    const lessons = await t.db.query(
      `SELECT too_fast, seconds_spent, estimated_seconds FROM lesson_completions WHERE enrollment_id = $1`,
      [clicker.enrollmentId],
    );
    // The optional lesson's text is short, but its share of sixty minutes is still over a minute.
    expect(lessons.filter((l: { too_fast: boolean }) => l.too_fast).length).toBeGreaterThanOrEqual(2);
    expect(lessons.every((l: { estimated_seconds: number }) => l.estimated_seconds > 0)).toBe(true);
    const [attempt] = await t.db.query(`SELECT too_fast, status FROM quiz_attempts WHERE id = $1`, [clicker.attemptId]);
    expect(attempt).toEqual({ too_fast: true, status: 'submitted' });
  });

  it('leaves readers unflagged and shows each agency its evidence quality beside its completions', async () => {
    const readers = [];
    for (let i = 0; i < 5; i++) readers.push(await learn(true));
    const flags = await t.db.query(`SELECT integrity_flags FROM enrollments WHERE id = ANY($1::uuid[])`, [
      readers.map((r) => r.enrollmentId),
    ]);
    expect(flags.map((f: { integrity_flags: string[] }) => f.integrity_flags)).toEqual([[], [], [], [], []]);
    expect(
      await t.db.query(`SELECT too_fast FROM quiz_attempts WHERE id = ANY($1::uuid[]) AND too_fast`, [
        readers.map((r) => r.attemptId),
      ]),
    ).toEqual([]);

    // The completions' recount (metrics queue) counts the flagged one.
    const hr = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-foreign-affairs' });
    const token = await tokenFor(t, hr.email);
    const figures = await until(async () => {
      const f = (await t.http().get(`/api/v1/agencies/${agencyId}/metrics`).set(bearer(token))).body.figures;
      return f?.completed === 6 ? f : undefined;
    }, 30000);
    expect(figures.completedFlagged).toBe(1);
    expect(figures.evidenceQuality).toBe(0.833);

    const page = await (await signInPage(t, hr.email)).get(`/hr/agencies/${agencyId}`);
    expect(page.status).toBe(200);
    const card = /id="figure-evidence"[\s\S]*?<\/li>/.exec(page.text)?.[0] ?? '';
    expect(card).toContain('Нотолгооны чанар');
    expect(card).toContain('83%');
    expect(card).toContain('6 дууссанаас 1');
  });
});
