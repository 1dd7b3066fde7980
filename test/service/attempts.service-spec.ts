// Assessment's grading rules, called on AttemptsService: every question kind graded on the server,
// the pass mark, the attempt limit, the time limit and its grace, a graded attempt graded once, and
// when the answer key (right answers, explanations) may be shown.
import { ConflictException, ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AttemptClosedException, AttemptsService, SUBMIT_GRACE_SECONDS } from '@chadavkhi/assessment';
import type { AuthUser } from '@chadavkhi/identity';
import { EnrollmentsService } from '@chadavkhi/learning';
import { createPerson, enrolled, publishedCourse } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';
import { everyKindBank } from '../support/courses';

const EXPLAINED = 'EXPLANATION-MARKER-4d2';
const bank = everyKindBank({
  explained: EXPLAINED,
  textAnswers: ['Авлигатай тэмцэх газар', 'АТГ'],
  ordering: ['o-first', 'o-second', 'o-third', 'o-fourth'],
});
const quiz = (over: Record<string, unknown> = {}) => ({
  title: 'Эцсийн шалгалт',
  passMarkPercent: 70,
  timeLimitMinutes: 10,
  maxAttempts: 2,
  draws: [{ bank: '0', count: 6 }],
  ...over,
});

type Shown = { id: string; prompt: string; options?: { key: number; text: string }[] };
const key = (q: Shown, text: string) => q.options!.find((o) => o.text === text)!.key;
const RIGHT: Record<string, (q: Shown) => unknown> = {
  'Q-single': (q) => key(q, 's-right'),
  'Q-multiple': (q) => [key(q, 'm-right-1'), key(q, 'm-right-2')],
  'Q-tf': () => true,
  'Q-numeric': () => 30.5, // within the tolerance
  'Q-text': () => '  атг ', // case and spaces do not matter
  'Q-ordering': (q) => ['o-first', 'o-second', 'o-third', 'o-fourth'].map((t) => key(q, t)),
};
const WRONG: Record<string, (q: Shown) => unknown> = {
  'Q-single': (q) => key(q, 's-wrong-1'),
  'Q-multiple': (q) => [key(q, 'm-right-1'), key(q, 'm-wrong')], // partial: one right, one wrong → nothing
  'Q-tf': () => false,
  'Q-numeric': () => 32,
  'Q-text': () => 'буруу',
  'Q-ordering': (q) => ['o-fourth', 'o-third', 'o-second', 'o-first'].map((t) => key(q, t)),
};
const answersWith = (questions: Shown[], pick: (q: Shown) => unknown) =>
  Object.fromEntries(questions.map((q) => [q.id, pick(q)]));
const right = (questions: Shown[]) => answersWith(questions, (q) => RIGHT[q.prompt](q));
const wrong = (questions: Shown[]) => answersWith(questions, (q) => WRONG[q.prompt](q));
const carriesKey = (value: unknown) => /EXPLANATION-MARKER|"correctAnswer":/.test(JSON.stringify(value));

describe('AttemptsService', () => {
  let s: ServiceContext;
  let attempts: AttemptsService;
  let trainer: AuthUser;

  beforeAll(async () => {
    s = await startServiceContext(['assessment']);
    attempts = s.get(AttemptsService);
    trainer = await createPerson(s, { roles: ['trainer'] });
  });
  afterAll(() => s.close());

  /** A learner enrolled on a new course whose final quiz is quiz(over). */
  async function learnerOn(over: Record<string, unknown> = {}) {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, { questionBanks: [bank], quizzes: [quiz(over)] });
    const enrollment = await enrolled(s, learner, courseId);
    return { learner, enrollment, quizId: enrollment.quizzes[0].id };
  }
  const pastDeadline = (attemptId: string, seconds: number) =>
    s.db.query(`UPDATE quiz_attempts SET deadline_at = now() - make_interval(secs => $2) WHERE id = $1`, [
      attemptId,
      seconds,
    ]);

  it('grades every question kind right, passes, and completes the enrolment once the required lessons are done', async () => {
    const { learner, enrollment, quizId } = await learnerOn();
    const { created, attempt } = await attempts.start(learner, quizId);
    expect(created).toBe(true);
    expect(attempt.questions).toHaveLength(6);
    expect(carriesKey(attempt)).toBe(false);
    expect(new Date(attempt.deadlineAt).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(await attempts.start(learner, quizId)).toEqual({
      created: false,
      attempt: expect.objectContaining({ id: attempt.id }),
    });

    const graded = await attempts.submit(learner, attempt.id, right(attempt.questions));
    expect(graded.result).toEqual(expect.objectContaining({ score: 7, maxScore: 7, percent: 100, passed: true }));
    expect(graded.result!.review!.map((r) => r.outcome)).toEqual(Array(6).fill('correct'));

    const enrollments = s.get(EnrollmentsService);
    expect(await enrollments.get(learner, enrollment.id)).toEqual(
      expect.objectContaining({ status: 'in_progress', finalQuizPassed: true }),
    );
    for (const lesson of enrollment.modules.flatMap((m) => m.lessons).filter((l) => l.required))
      await enrollments.completeLesson(learner, enrollment.id, lesson.id);
    expect((await enrollments.get(learner, enrollment.id)).status).toBe('completed');
    await expect(attempts.start(learner, quizId)).rejects.toMatchObject({
      response: expect.objectContaining({ slug: 'quiz-already-passed' }),
    });
  });

  it('gives wrong answers nothing, partial credit on a partly right multiple choice, and refuses an attempt past the limit', async () => {
    const { learner, quizId } = await learnerOn();
    for (let n = 1; n <= 2; n++) {
      const { attempt } = await attempts.start(learner, quizId);
      const graded = await attempts.submit(learner, attempt.id, wrong(attempt.questions));
      expect(graded.result).toEqual(
        expect.objectContaining({ score: 0, maxScore: 7, passed: false, passMarkPercent: 70 }),
      );
    }
    const third = attempts.start(learner, quizId);
    await expect(third).rejects.toThrow(ConflictException);
    await expect(third).rejects.toMatchObject({ response: expect.objectContaining({ slug: 'no-attempts-left' }) });

    const partly = await learnerOn({ maxAttempts: 1 });
    const { attempt } = await attempts.start(partly.learner, partly.quizId);
    const multiple = attempt.questions.find((q) => q.prompt === 'Q-multiple')!;
    const graded = await attempts.submit(partly.learner, attempt.id, {
      ...right(attempt.questions),
      [multiple.id]: [key(multiple, 'm-right-1')],
    });
    expect(graded.result).toEqual(expect.objectContaining({ score: 6, maxScore: 7, passed: true }));
    expect(graded.result!.review!.find((r) => r.questionId === multiple.id)).toEqual(
      expect.objectContaining({ outcome: 'partial', score: 1, max: 2 }),
    );
  });

  it('passes exactly at the pass mark and fails just under it', async () => {
    // Six questions of seven points: the multiple-choice one (2 points) wrong leaves 5/7 = 71.43 %.
    for (const [passMarkPercent, passed] of [
      [71, true],
      [72, false],
    ] as const) {
      const { learner, quizId } = await learnerOn({ passMarkPercent, maxAttempts: 1 });
      const { attempt } = await attempts.start(learner, quizId);
      const multiple = attempt.questions.find((q) => q.prompt === 'Q-multiple')!;
      const graded = await attempts.submit(learner, attempt.id, { ...right(attempt.questions), [multiple.id]: [] });
      expect(graded.result).toEqual(expect.objectContaining({ score: 5, percent: 71.43, passed }));
    }
  });

  it('grades a submit once: two at the same time record one result, and a later submit returns it', async () => {
    const { learner, quizId } = await learnerOn();
    const { attempt } = await attempts.start(learner, quizId);
    const answers = right(attempt.questions);
    const [a, b] = await Promise.all([
      attempts.submit(learner, attempt.id, answers),
      attempts.submit(learner, attempt.id, answers),
    ]);
    expect(a.result).toEqual(b.result);
    const again = await attempts.submit(learner, attempt.id, wrong(attempt.questions));
    expect(again.result).toEqual(a.result);
    const [{ n }] = await s.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
      [again.enrollmentId],
    );
    expect(n).toBe(0); // the required lessons are not done
  });

  it(`closes an attempt past its time limit and ${SUBMIT_GRACE_SECONDS} s of grace as it stood, without the key; within the grace it counts`, async () => {
    const { learner, quizId } = await learnerOn({ showAnswers: 'after-each-attempt' });
    const { attempt } = await attempts.start(learner, quizId);
    await pastDeadline(attempt.id, SUBMIT_GRACE_SECONDS + 1);
    const late = attempts.submit(learner, attempt.id, right(attempt.questions));
    await expect(late).rejects.toThrow(AttemptClosedException);
    const refusal = (await late.catch((e: AttemptClosedException) => e)) as AttemptClosedException;
    expect(refusal.result).toEqual(expect.objectContaining({ score: 0, passed: false }));
    expect(carriesKey(refusal.getResponse())).toBe(false);
    expect(await attempts.get(learner, attempt.id)).toEqual(
      expect.objectContaining({ status: 'expired', result: expect.objectContaining({ passed: false, score: 0 }) }),
    );

    const { attempt: next } = await attempts.start(learner, quizId);
    expect(next.attemptNumber).toBe(2);
    await pastDeadline(next.id, SUBMIT_GRACE_SECONDS - 20);
    expect((await attempts.submit(learner, next.id, right(next.questions))).result!.passed).toBe(true);
  });

  it("refuses malformed answers, someone else's attempt, and a quiz the learner is not enrolled on", async () => {
    const { learner, quizId } = await learnerOn();
    const other = await createPerson(s);
    const { attempt } = await attempts.start(learner, quizId);
    const single = attempt.questions.find((q) => q.prompt === 'Q-single')!;
    await expect(attempts.submit(learner, attempt.id, { [single.id]: 'not an index' })).rejects.toThrow(
      UnprocessableEntityException,
    );
    await expect(attempts.submit(learner, attempt.id, { 'not-a-question': 1 })).rejects.toThrow(
      UnprocessableEntityException,
    );
    await expect(attempts.submit(other, attempt.id, {})).rejects.toThrow(ForbiddenException);
    await expect(attempts.get(other, attempt.id)).rejects.toThrow(ForbiddenException);
    await expect(attempts.start(other, quizId)).rejects.toThrow(NotFoundException);
    expect((await attempts.get(learner, attempt.id)).status).toBe('open'); // the refusals graded nothing
  });

  describe('the answer key', () => {
    it('by default: nothing after a failed attempt with one left, the key once none are left', async () => {
      const { learner, quizId } = await learnerOn({ passMarkPercent: 100 });
      const first = (await attempts.start(learner, quizId)).attempt;
      const empty = await attempts.submit(learner, first.id, {});
      expect(empty.showAnswers).toBe('after-passing-or-last-attempt');
      expect(empty.result).toEqual(expect.objectContaining({ score: 0, passed: false }));
      expect(empty.result!.review).toBeUndefined(); // which answers were right waits with the key
      expect(carriesKey(empty)).toBe(false);

      const second = (await attempts.start(learner, quizId)).attempt;
      expect(carriesKey(await attempts.get(learner, first.id))).toBe(false); // not while an attempt is open
      const last = await attempts.submit(learner, second.id, wrong(second.questions));
      expect(last.result!.passed).toBe(false);
      const text = last.questions.find((q) => q.prompt === 'Q-text')!;
      expect(last.result!.review!.find((r) => r.questionId === text.id)).toEqual(
        expect.objectContaining({ correctAnswer: ['Авлигатай тэмцэх газар', 'АТГ'], explanation: EXPLAINED }),
      );
      expect(carriesKey(await attempts.get(learner, first.id))).toBe(true);
    });

    it('by default: the key once the learner has passed, in the positions they were shown', async () => {
      const { learner, quizId } = await learnerOn({ maxAttempts: 3 });
      const { attempt } = await attempts.start(learner, quizId);
      const passed = await attempts.submit(learner, attempt.id, right(attempt.questions));
      const single = attempt.questions.find((q) => q.prompt === 'Q-single')!;
      expect(passed.result!.review!.find((r) => r.questionId === single.id)).toEqual(
        expect.objectContaining({ correctAnswer: key(single, 's-right'), explanation: EXPLAINED }),
      );
    });

    it('after each attempt: the key with every result, even a failed one with attempts left', async () => {
      const { learner, quizId } = await learnerOn({ showAnswers: 'after-each-attempt' });
      const { attempt } = await attempts.start(learner, quizId);
      const graded = await attempts.submit(learner, attempt.id, {});
      expect(graded.result!.passed).toBe(false);
      expect(graded.result!.review!.every((r) => r.outcome === 'unanswered' && r.explanation === EXPLAINED)).toBe(true);
    });

    it('never: which answers were right once settled, but never the key', async () => {
      const { learner, quizId } = await learnerOn({ showAnswers: 'never', maxAttempts: 1 });
      const { attempt } = await attempts.start(learner, quizId);
      const graded = await attempts.submit(learner, attempt.id, right(attempt.questions));
      expect(graded.result).toEqual(expect.objectContaining({ passed: true, percent: 100 }));
      expect(graded.result!.review!.map((r) => r.outcome)).toEqual(Array(6).fill('correct'));
      expect(carriesKey(graded)).toBe(false);
      expect(carriesKey(await attempts.get(learner, attempt.id))).toBe(false);
    });
  });

  it('keeps the best passing final-quiz score for the certificate', async () => {
    const { learner, enrollment, quizId } = await learnerOn({ passMarkPercent: 50, maxAttempts: 1 });
    expect(await attempts.bestFinalScore(enrollment.id)).toBeNull();
    const { attempt } = await attempts.start(learner, quizId);
    const multiple = attempt.questions.find((q) => q.prompt === 'Q-multiple')!;
    await attempts.submit(learner, attempt.id, { ...right(attempt.questions), [multiple.id]: [] });
    expect(await attempts.bestFinalScore(enrollment.id)).toBe(71.43);
  });
});
