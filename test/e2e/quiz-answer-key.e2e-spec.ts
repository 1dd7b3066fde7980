// The answer key (right answers and explanations) of a finished attempt reaches a learner only as
// the quiz's showAnswers allows: by default once they have passed or have no attempts left, so an
// empty first submit reveals nothing and no later attempt is passed with it; a 409 for an attempt
// whose time ran out never carries it. Trainers choose the rule per quiz, in the API or on the page;
// quizzes saved before the rule existed are moved to it without a new version.
import { QuizAnswerKey1765010000000 } from '../../libs/platform/src/database/migrations/1765010000000-quiz-answer-key';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, signInPage } from '../support/web';

const SECRET = 'KEY-SECRET-5e8';
const EXPLAINED = 'KEY-EXPLANATION-1a6';
const bank = {
  title: 'Сан',
  questions: [
    { type: 'single', prompt: 'Q-single', options: ['wrong', 'right'], correct: 1, explanation: EXPLAINED },
    { type: 'text', prompt: 'Q-text', correct: [SECRET], explanation: EXPLAINED },
  ],
};
const quiz = (over: Record<string, unknown> = {}) => ({
  title: 'Эцсийн шалгалт',
  passMarkPercent: 100,
  timeLimitMinutes: 10,
  maxAttempts: 2,
  draws: [{ bank: '0', count: 2 }],
  ...over,
});
type Shown = { id: string; prompt: string; options?: { key: number; text: string }[] };
const right = (questions: Shown[]) =>
  Object.fromEntries(
    questions.map((q) => [
      q.id,
      q.prompt === 'Q-single' ? q.options!.find((o) => o.text === 'right')!.key : SECRET.toLowerCase(),
    ]),
  );
const hasKey = (text: string) => text.includes(SECRET) || text.includes(EXPLAINED) || /"correctAnswer":/.test(text);

describe('when the answer key is shown', () => {
  let t: TestApp;
  let trainer: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
  });
  afterAll(() => t.close());

  async function enrolledOn(over: Record<string, unknown>) {
    const course = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(trainer))
      .send(courseBody({ questionBanks: [bank], quizzes: [quiz(over)] }));
    expect(course.status).toBe(201);
    expect((await t.http().post(`/api/v1/courses/${course.body.id}/publish`).set(bearer(trainer))).status).toBe(201);
    const learner = await createUser(t.db);
    const token = await tokenFor(t, learner.email);
    const enrollment = (await t.http().post(`/api/v1/courses/${course.body.id}/enrollments`).set(bearer(token))).body;
    const quizId = enrollment.quizzes[0].id as string;
    const start = async () =>
      (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token))).body as {
        id: string;
        questions: Shown[];
      };
    const submit = (attemptId: string, answers: object) =>
      t.http().post(`/api/v1/attempts/${attemptId}/submit`).set(bearer(token)).send({ answers });
    const get = (attemptId: string) => t.http().get(`/api/v1/attempts/${attemptId}`).set(bearer(token));
    return { courseId: course.body.id as string, learner, token, start, submit, get };
  }

  it('reveals nothing after an empty first submit by default (review on), and the key once no attempts are left', async () => {
    // reviewAfterSubmit: true is how quizzes asked for review before: it now means the default.
    const { learner, start, submit, get } = await enrolledOn({ reviewAfterSubmit: true });
    const first = await start();
    const empty = await submit(first.id, {});
    expect(empty.status).toBe(200);
    expect(hasKey(empty.text)).toBe(false);
    expect(empty.body.result).toEqual(expect.objectContaining({ score: 0, passed: false }));
    // Which answers were right is the key of a true/false question: it waits with the key.
    expect(empty.body.result.review).toBeUndefined();
    expect(empty.body.showAnswers).toBe('after-passing-or-last-attempt');
    expect(hasKey((await get(first.id)).text)).toBe(false);
    const page = await signInPage(t, learner.email);
    const resultPage = await page.get(`/attempts/${first.id}?lang=en`);
    expect(resultPage.text).toContain('shown once you have passed or used every attempt');
    expect(hasKey(resultPage.text)).toBe(false);

    // The last attempt: nothing while it is open, the key once it is graded.
    const second = await start();
    expect(hasKey((await get(first.id)).text)).toBe(false);
    const wrong = await submit(second.id, {
      [second.questions[0].id]:
        second.questions[0].prompt === 'Q-single'
          ? second.questions[0].options!.find((o) => o.text === 'wrong')!.key
          : 'no',
    });
    expect(wrong.body.result.passed).toBe(false);
    expect(wrong.text).toContain(EXPLAINED);
    expect(
      wrong.body.result.review.find(
        (r: { questionId: string }) => r.questionId === second.questions.find((q) => q.prompt === 'Q-text')!.id,
      ).correctAnswer,
    ).toEqual([SECRET]);
    expect((await get(first.id)).text).toContain(EXPLAINED);
    const finalPage = await page.get(`/attempts/${second.id}?lang=en`);
    expect(finalPage.text).toContain(SECRET);
    expect(finalPage.text).not.toContain('shown once you have passed');
  });

  it('shows the key once the learner has passed', async () => {
    const { start, submit } = await enrolledOn({ maxAttempts: 3 });
    const first = await start();
    const passed = await submit(first.id, right(first.questions));
    expect(passed.body.result.passed).toBe(true);
    expect(passed.text).toContain(EXPLAINED);
  });

  it('never carries the key in the 409 for an attempt whose time ran out', async () => {
    for (const rule of [{ reviewAfterSubmit: true }, { showAnswers: 'after-each-attempt' }]) {
      const { start, submit } = await enrolledOn({ maxAttempts: 1, ...rule });
      const only = await start();
      await t.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '1 hour' WHERE id = $1`, [only.id]);
      const late = await submit(only.id, right(only.questions));
      expect(expectProblem(late, 409).detail).toMatch(/time for this attempt ran out/);
      expect(hasKey(late.text)).toBe(false);
      expect(late.body.result).toEqual(expect.objectContaining({ score: 0, passed: false }));
      // A second late submit finds it closed: still no key.
      expect(hasKey((await submit(only.id, {})).text)).toBe(false);
    }
  });

  it("follows the trainer's choice per quiz: after each attempt, or never", async () => {
    const each = await enrolledOn({ showAnswers: 'after-each-attempt' });
    const attempt = await each.start();
    const shown = await each.submit(attempt.id, {});
    expect(shown.body.result.passed).toBe(false);
    expect(shown.text).toContain(EXPLAINED);

    const never = await enrolledOn({ showAnswers: 'never', maxAttempts: 1 });
    const only = await never.start();
    const last = await never.submit(only.id, right(only.questions));
    expect(last.body.result).toEqual(expect.objectContaining({ passed: true, percent: 100 }));
    expect(last.body.result.review.map((r: { outcome: string }) => r.outcome)).toEqual(['correct', 'correct']);
    expect(hasKey(last.text)).toBe(false);
    expect(hasKey((await never.get(only.id)).text)).toBe(false);
    const page = await signInPage(t, never.learner.email);
    expect((await page.get(`/attempts/${only.id}?lang=en`)).text).toContain('does not show the right answers');

    const refused = expectProblem(
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ questionBanks: [bank], quizzes: [quiz({ showAnswers: 'sometimes' })] })),
      400,
    );
    expect(JSON.stringify(refused)).toMatch(
      /showAnswers must be one of after-passing-or-last-attempt, after-each-attempt, never/,
    );
  });

  it('is set on the quiz authoring page, in either language', async () => {
    const owner = await createUser(t.db, { roles: ['trainer'] });
    const token = await tokenFor(t, owner.email);
    const courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(token))
        .send(courseBody({ questionBanks: [bank], quizzes: [quiz()] }))
    ).body.id;
    const page = await signInPage(t, owner.email);
    const path = `/author/courses/${courseId}/quiz`;
    const shown = await page.get(`${path}?lang=en`);
    expect(shown.text).toContain('When learners see the right answers and explanations');
    expect(shown.text).toMatch(/value="after-passing-or-last-attempt" checked/);
    const settings = {
      title: 'Эцсийн шалгалт',
      questionCount: '2',
      passMarkPercent: '100',
      timeLimitMinutes: '10',
      maxAttempts: '2',
    };
    expect(location(await page.post(path, { ...settings, showAnswers: 'never' }))).toBe(
      `${path}?notice=quizSaved#settings`,
    );
    const [{ rule }] = await t.db.query(
      `SELECT draft->'quizzes'->0->>'showAnswers' AS rule FROM courses WHERE id = $1`,
      [courseId],
    );
    expect(rule).toBe('never');
    expect((await page.get(path)).text).toMatch(/value="never" checked/);
    expect((await page.get(path)).text).toContain('Суралцагч зөв хариулт, тайлбарыг хэзээ харах');
    // Saving without the choice (an older form) keeps it; a choice not offered is said beside the field.
    expect(location(await page.post(path, settings))).toBe(`${path}?notice=quizSaved#settings`);
    expect(
      (await t.db.query(`SELECT draft->'quizzes'->0->>'showAnswers' AS rule FROM courses WHERE id = $1`, [courseId]))[0]
        .rule,
    ).toBe('never');
    const bad = await page.post(`${path}?lang=en`, { ...settings, showAnswers: 'sometimes' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('href="#quiz-showAnswers"');
  });

  it('moves quizzes saved with reviewAfterSubmit to the rule, publishing nothing new', async () => {
    const course = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(trainer))
      .send(
        courseBody({
          questionBanks: [bank],
          quizzes: [quiz(), quiz({ module: '0', title: 'Модуль', showAnswers: 'never' })],
        }),
      );
    const courseId = course.body.id as string;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
    // As they were stored before: a yes/no per quiz.
    const legacy = (column: string) =>
      `(SELECT jsonb_agg((q - 'showAnswers') || jsonb_build_object('reviewAfterSubmit', q->>'showAnswers' <> 'never')) FROM jsonb_array_elements(${column}) q)`;
    await t.db.query(`UPDATE course_versions SET quizzes = ${legacy('quizzes')} WHERE course_id = $1`, [courseId]);
    await t.db.query(
      `UPDATE courses SET draft = jsonb_set(draft, '{quizzes}', ${legacy(`draft->'quizzes'`)}) WHERE id = $1`,
      [courseId],
    );
    const runner = t.db.createQueryRunner();
    try {
      await new QuizAnswerKey1765010000000().up(runner);
    } finally {
      await runner.release();
    }
    const [version] = await t.db.query(`SELECT quizzes FROM course_versions WHERE course_id = $1`, [courseId]);
    expect(
      version.quizzes.map((q: Record<string, unknown>) => [q.title, q.showAnswers, 'reviewAfterSubmit' in q]),
    ).toEqual([
      ['Эцсийн шалгалт', 'after-passing-or-last-attempt', false],
      ['Модуль', 'never', false],
    ]);
    const [{ draft }] = await t.db.query(`SELECT draft FROM courses WHERE id = $1`, [courseId]);
    expect(draft.quizzes.map((q: Record<string, unknown>) => q.showAnswers)).toEqual([
      'after-passing-or-last-attempt',
      'never',
    ]);
    // Saving the draft unchanged leaves nothing to publish.
    const saved = await t
      .http()
      .patch(`/api/v1/courses/${courseId}`)
      .set(bearer(trainer))
      .send({ estimatedMinutes: 45 });
    expect(saved.body.hasUnpublishedChanges).toBe(false);
    expectProblem(await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)), 409);
  });
});
