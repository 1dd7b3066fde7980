// Quizzes graded on the server: every question type, no answer key before review, attempt limits,
// deadlines, double submits, malformed answers, and completion through the final quiz.
import { createUser } from '../support/factories';
import { courseBody, everyKindBank } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'SECRET-ANSWER-7f3';
const EXPLAINED = 'EXPLANATION-MARKER-9c1';

const bank = everyKindBank({
  explained: EXPLAINED,
  textAnswers: [SECRET, 'АТГ'],
  ordering: ['o-first', 'o-second', 'o-third', 'o-fourth'],
});
const quiz = (over: Record<string, unknown> = {}) => ({
  title: 'Эцсийн шалгалт',
  passMarkPercent: 70,
  timeLimitMinutes: 10,
  maxAttempts: 2,
  reviewAfterSubmit: false,
  draws: [{ bank: '0', count: 6 }],
  ...over,
});

type Shown = { id: string; type: string; prompt: string; options?: { key: number; text: string }[] };

/** The right answer for a shown question, worked out from its option texts (as a learner who knows the material). */
function rightAnswer(q: Shown): unknown {
  const key = (text: string) => q.options!.find((o) => o.text === text)!.key;
  switch (q.prompt) {
    case 'Q-single':
      return key('s-right');
    case 'Q-multiple':
      return [key('m-right-1'), key('m-right-2')];
    case 'Q-tf':
      return true;
    case 'Q-numeric':
      return 30.5;
    case 'Q-text':
      return '  атг ';
    case 'Q-ordering':
      return ['o-first', 'o-second', 'o-third', 'o-fourth'].map(key);
  }
}
function wrongAnswer(q: Shown): unknown {
  const key = (text: string) => q.options!.find((o) => o.text === text)!.key;
  switch (q.prompt) {
    case 'Q-single':
      return key('s-wrong-1');
    case 'Q-multiple':
      return [key('m-right-1'), key('m-wrong')];
    case 'Q-tf':
      return false;
    case 'Q-numeric':
      return 32;
    case 'Q-text':
      return 'буруу';
    case 'Q-ordering':
      return ['o-fourth', 'o-third', 'o-second', 'o-first'].map(key);
  }
}

describe('quizzes and server-side grading', () => {
  let t: TestApp;
  let trainer: string;
  const learners: string[] = [];
  const seen: string[] = []; // every response body a learner received before review

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    for (let i = 0; i < 4; i++)
      learners.push(await tokenFor(t, (await createUser(t.db, { roles: ['learner'] })).email));
  });
  afterAll(() => t.close());

  const asLearner = async (token: string, method: 'get' | 'post', path: string, body?: object) => {
    const r = await (
      method === 'get'
        ? t.http().get(path)
        : t
            .http()
            .post(path)
            .send(body ?? {})
    ).set(bearer(token));
    seen.push(r.text);
    return r;
  };

  async function publishedCourse(quizOverrides: Record<string, unknown> = {}) {
    const created = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(trainer))
      .send(courseBody({ questionBanks: [bank], quizzes: [quiz(quizOverrides)] }));
    expect(created.status).toBe(201);
    expect((await t.http().post(`/api/v1/courses/${created.body.id}/publish`).set(bearer(trainer))).status).toBe(201);
    return created.body.id as string;
  }

  async function enrolled(token: string, courseId: string) {
    const enrollment = (await asLearner(token, 'post', `/api/v1/courses/${courseId}/enrollments`)).body;
    const detail = (await asLearner(token, 'get', `/api/v1/enrollments/${enrollment.id}`)).body;
    return { enrollment, detail, quizId: detail.quizzes[0].id as string };
  }

  it('grades every question type right, passes, and completes the course only with the required lessons done', async () => {
    const courseId = await publishedCourse();
    const { enrollment, detail, quizId } = await enrolled(learners[0], courseId);
    expect(detail.quizzes[0]).toEqual(expect.objectContaining({ final: true, passMarkPercent: 70, maxAttempts: 2 }));
    await asLearner(learners[0], 'get', `/api/v1/courses/${courseId}`);
    await asLearner(
      learners[0],
      'get',
      `/api/v1/enrollments/${enrollment.id}/lessons/${detail.modules[0].lessons[0].id}`,
    );

    const started = await asLearner(learners[0], 'post', `/api/v1/quizzes/${quizId}/attempts`);
    expect(started.status).toBe(201);
    expect(started.body.questions).toHaveLength(6);
    expect(new Date(started.body.deadlineAt).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const ordering = started.body.questions.find((q: Shown) => q.type === 'ordering');
    expect(ordering.options.map((o: { text: string }) => o.text)).not.toEqual([
      'o-first',
      'o-second',
      'o-third',
      'o-fourth',
    ]);
    expect((await asLearner(learners[0], 'post', `/api/v1/quizzes/${quizId}/attempts`)).status).toBe(200); // resumes the open one
    await asLearner(learners[0], 'get', `/api/v1/attempts/${started.body.id}`);

    const answers = Object.fromEntries(started.body.questions.map((q: Shown) => [q.id, rightAnswer(q)]));
    const graded = await asLearner(learners[0], 'post', `/api/v1/attempts/${started.body.id}/submit`, { answers });
    expect(graded.status).toBe(200);
    expect(graded.body.result).toEqual(expect.objectContaining({ score: 7, maxScore: 7, percent: 100, passed: true }));
    expect(graded.body.result.review.every((r: { outcome: string }) => r.outcome === 'correct')).toBe(true);

    // Passed, but required lessons are not done yet: not completed.
    let state = (await asLearner(learners[0], 'get', `/api/v1/enrollments/${enrollment.id}`)).body;
    expect(state).toEqual(expect.objectContaining({ status: 'in_progress', finalQuizPassed: true }));
    for (const lesson of detail.modules
      .flatMap((m: { lessons: { id: string; required: boolean }[] }) => m.lessons)
      .filter((l: { required: boolean }) => l.required)) {
      state = (
        await asLearner(learners[0], 'post', `/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`)
      ).body;
    }
    expect(state.status).toBe('completed');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
      [enrollment.id],
    );
    expect(n).toBe(1);
    expectProblem(await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learners[0])), 409); // already passed
  });

  it('gives partial credit and wrong answers nothing, then refuses a third attempt', async () => {
    const courseId = await publishedCourse();
    const { quizId } = await enrolled(learners[1], courseId);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const started = (await asLearner(learners[1], 'post', `/api/v1/quizzes/${quizId}/attempts`)).body;
      const answers = Object.fromEntries(started.questions.map((q: Shown) => [q.id, wrongAnswer(q)]));
      const graded = (await asLearner(learners[1], 'post', `/api/v1/attempts/${started.id}/submit`, { answers })).body;
      // multiple (partial): one right, one wrong → 0 of 2; every other question wrong.
      expect(graded.result).toEqual(expect.objectContaining({ score: 0, maxScore: 7, passed: false }));
    }
    const third = expectProblem(
      await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learners[1])),
      409,
    );
    expect(third.detail).toMatch(/all 2 attempts/);
  });

  it('never shows an answer key or explanation to a learner before review', () => {
    expect(seen.length).toBeGreaterThan(15);
    for (const body of seen) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(EXPLAINED);
      expect(body).not.toMatch(/"(correct|correctAnswer|tolerance|scoring|questionBanks|explanation)":/);
    }
  });

  it('shows answers and explanations after submitting when the quiz shows them after each attempt', async () => {
    const courseId = await publishedCourse({ showAnswers: 'after-each-attempt' });
    const { quizId } = await enrolled(learners[3], courseId);
    const started = (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learners[3]))).body;
    const graded = (
      await t.http().post(`/api/v1/attempts/${started.id}/submit`).set(bearer(learners[3])).send({ answers: {} })
    ).body;
    const single = started.questions.find((q: Shown) => q.prompt === 'Q-single');
    const review = graded.result.review.find((r: { questionId: string }) => r.questionId === single.id);
    expect(review).toEqual(
      expect.objectContaining({
        outcome: 'unanswered',
        explanation: EXPLAINED,
        correctAnswer: single.options.find((o: { text: string }) => o.text === 's-right').key,
      }),
    );
  });

  it('grades a submit once when two race, and returns the same result again', async () => {
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    const courseId = await publishedCourse();
    const { quizId } = await enrolled(learner, courseId);
    const started = (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learner))).body;
    const answers = Object.fromEntries(started.questions.map((q: Shown) => [q.id, rightAnswer(q)]));
    const [a, b] = await Promise.all(
      [0, 1].map(() => t.http().post(`/api/v1/attempts/${started.id}/submit`).set(bearer(learner)).send({ answers })),
    );
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.result).toEqual(b.body.result);
    const again = await t
      .http()
      .post(`/api/v1/attempts/${started.id}/submit`)
      .set(bearer(learner))
      .send({ answers: {} });
    expect(again.body.result).toEqual(a.body.result);
  });

  it('refuses a submit after the deadline and closes the attempt as it stood', async () => {
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    const courseId = await publishedCourse();
    const { quizId } = await enrolled(learner, courseId);
    const started = (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learner))).body;
    await t.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '31 seconds' WHERE id = $1`, [
      started.id,
    ]);
    const answers = Object.fromEntries(started.questions.map((q: Shown) => [q.id, rightAnswer(q)]));
    const late = expectProblem(
      await t.http().post(`/api/v1/attempts/${started.id}/submit`).set(bearer(learner)).send({ answers }),
      409,
    );
    expect(late.detail).toMatch(/time for this attempt ran out/);
    expect((await t.http().get(`/api/v1/attempts/${started.id}`).set(bearer(learner))).body).toEqual(
      expect.objectContaining({ status: 'expired', result: expect.objectContaining({ passed: false, score: 0 }) }),
    );
    // within the grace it is still accepted
    const next = (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learner))).body;
    await t.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '10 seconds' WHERE id = $1`, [next.id]);
    const inGrace = await t
      .http()
      .post(`/api/v1/attempts/${next.id}/submit`)
      .set(bearer(learner))
      .send({ answers: Object.fromEntries(next.questions.map((q: Shown) => [q.id, rightAnswer(q)])) });
    expect(inGrace.body.result.passed).toBe(true);
  });

  it("rejects malformed answers and other people's attempts", async () => {
    const [owner, other] = [
      await tokenFor(t, (await createUser(t.db)).email),
      await tokenFor(t, (await createUser(t.db)).email),
    ];
    const courseId = await publishedCourse();
    const { quizId } = await enrolled(owner, courseId);
    const started = (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(owner))).body;
    const single = started.questions.find((q: Shown) => q.prompt === 'Q-single');
    const submit = (token: string, body: unknown) =>
      t
        .http()
        .post(`/api/v1/attempts/${started.id}/submit`)
        .set(bearer(token))
        .send(body as object);
    expectProblem(await submit(owner, { answers: 'all of them' }), 400);
    expectProblem(await submit(owner, { answers: {}, extra: 1 }), 400);
    expect(expectProblem(await submit(owner, { answers: { [single.id]: 'b' } }), 422).detail).toMatch(
      /expected one option position 0-2/,
    );
    expect(
      expectProblem(await submit(owner, { answers: { '00000000-0000-4000-8000-000000000000': 1 } }), 422).detail,
    ).toMatch(/not a question of this attempt/);
    expectProblem(await submit(other, { answers: {} }), 403);
    expectProblem(await t.http().get(`/api/v1/attempts/${started.id}`).set(bearer(other)), 403);
    expectProblem(await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(other)), 404); // not enrolled
    expect((await submit(owner, { answers: { [single.id]: 0 } })).status).toBe(200); // still open after the refusals
  });

  it('refuses quizzes whose answer keys do not fit their questions', async () => {
    const broken = { title: 'B', questions: [{ type: 'single', prompt: 'x', options: ['a', 'b'], correct: 5 }] };
    const problem = expectProblem(
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ questionBanks: [broken], quizzes: [quiz({ draws: [{ bank: '0', count: 3 }] })] })),
      422,
    );
    expect(problem.detail).toMatch(/correct as the index of one/);
    expect(problem.detail).toMatch(/wants 3 questions .* but it has 1/);
  });

  it('gives the owning trainer item analysis, and no one else', async () => {
    const [{ quiz_id: quizId }] = await t.db.query(
      `SELECT quiz_id FROM quiz_attempts WHERE status = 'submitted' GROUP BY quiz_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const results = await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(trainer));
    expect(results.status).toBe(200);
    expect(results.body).toEqual(
      expect.objectContaining({ submittedAttempts: expect.any(Number), passRate: expect.any(Number) }),
    );
    expect(results.body.questions[0]).toEqual(
      expect.objectContaining({
        questionId: expect.any(String),
        prompt: expect.stringMatching(/^Q-/),
        difficulty: expect.any(Number),
        flag: expect.any(String),
      }),
    );
    expectProblem(await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(learners[0])), 403);
    const other = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    expectProblem(await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(other)), 403);
  });
});
