// Starting, showing and submitting quiz attempts. Grading happens here, on the server, once: the
// attempt row is locked while it is graded and a second submit returns the stored result.
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import {
  CoursesService,
  EnrollmentsService,
  offlineAttemptMinutes,
  QuestionBankDefinition,
  QuestionDefinition,
  QuizDefinition,
} from '@chadavkhi/learning';
import { AnswerShapeError, assertAnswerShape, gradeQuestion } from '../grading/grade-question';
import { Disclosure, disclosure, NOTHING_DISCLOSED } from './answer-key';
import { drawQuestions } from './draw-questions';
import { AttemptsRepository } from './attempts.repository';
import { AttemptResult, AttemptSummary, AttemptView, ShownQuestion } from './dto/attempt.view';
import { QuestionResult, QuizAttempt } from './quiz-attempt.entity';

/** Submissions this long after the deadline are still accepted (network, slow phones). */
export const SUBMIT_GRACE_SECONDS = 30;

/**
 * Questions by id, per version's banks. The banks come from CoursesService's cache of immutable
 * published versions (one array per version), so the index is built once per version, not three
 * times per submit; it goes when the cache lets the version go.
 */
const questionIndex = new WeakMap<QuestionBankDefinition[], Map<string, QuestionDefinition>>();

/** A submit to an attempt whose time ran out: its result as it was closed, never with the answer key. */
export class AttemptClosedException extends ConflictException {
  constructor(
    message: string,
    readonly result: AttemptResult,
  ) {
    super({ message, slug: 'attempt-closed', result });
  }
}

/** Why one answer cannot be graded, by a stable code. */
export interface AnswerRefusal {
  questionId: string;
  code: 'not-in-attempt' | 'too-long' | 'wrong-shape';
}

/**
 * Answers that cannot be graded (422, each problem in words); `refusals` names each question's
 * problem by its code for a caller that words it itself (a page), and is not part of the problem.
 */
export class AnswersRefusedException extends UnprocessableEntityException {
  constructor(
    problems: string[],
    readonly refusals: AnswerRefusal[],
  ) {
    super({ message: `Some answers cannot be graded: ${problems.join('; ')}.`, problems });
  }
}

@Injectable()
export class AttemptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attempts: AttemptsRepository,
    private readonly courses: CoursesService,
    private readonly enrollments: EnrollmentsService,
  ) {}

  /**
   * Starts an attempt (or returns the one open); refuses past the attempt limit. `enrollmentId`: the
   * enrolment to take it on (else the one in progress with this quiz). `offline`: to be answered on
   * the device without a connection, for quizzes the trainer allows it on.
   */
  async start(
    actor: AuthUser,
    quizId: string,
    options: { offline?: boolean; enrollmentId?: string } = {},
  ): Promise<{ created: boolean; attempt: AttemptView }> {
    const enrollmentId = await this.enrollments.enrollmentForQuiz(actor, quizId, options.enrollmentId);
    if (!enrollmentId)
      throw new NotFoundException(
        options.enrollmentId
          ? 'You have no such enrolment with this quiz.'
          : 'You are not enrolled on a course with this quiz.',
      );
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.enrollments.lockedForQuiz(manager, actor, enrollmentId);
      const { questionBanks, quizzes } = await this.courses.assessmentOf(manager, enrollment.courseVersionId);
      const quiz = quizzes.find((q) => q.id === quizId)!;
      if (options.offline && !quiz.offlineDays)
        throw new UnprocessableEntityException('This quiz cannot be taken offline; start it online.');
      const attempts = await this.attempts.onEnrollment(manager, quizId, enrollmentId);
      const open = attempts.find(
        (a) => a.status === 'open' && a.deadlineAt.getTime() + SUBMIT_GRACE_SECONDS * 1000 > Date.now(),
      );
      if (open) return { created: false, attempt: this.view(open, quiz, questionBanks, false) };
      for (const stale of attempts.filter((a) => a.status === 'open'))
        await this.closeExpired(manager, stale, questionBanks);
      if (attempts.some((a) => a.passed))
        throw new ConflictException({ message: 'You have already passed this quiz.', slug: 'quiz-already-passed' });
      if (attempts.length >= quiz.maxAttempts)
        throw new ConflictException({
          message: `You have used all ${quiz.maxAttempts} attempts at this quiz.`,
          slug: 'no-attempts-left',
        });
      const now = new Date();
      const saved = await this.attempts.create(manager, {
        quizId,
        courseVersionId: enrollment.courseVersionId,
        enrollmentId,
        userId: actor.id,
        attemptNumber: (attempts[0]?.attemptNumber ?? 0) + 1,
        questions: drawQuestions(quiz, questionBanks),
        startedAt: now,
        deadlineAt: new Date(
          now.getTime() + (options.offline ? offlineAttemptMinutes(quiz) : quiz.timeLimitMinutes) * 60_000,
        ),
        offline: !!options.offline,
      });
      return { created: true, attempt: this.view(saved, quiz, questionBanks, false) };
    });
  }

  /** The best passing percentage on an enrolment's final quiz (a module quiz's never counts), for the certificate; null if none. */
  async bestFinalScore(enrollmentId: string): Promise<number | null> {
    let best: number | null = null;
    for (const row of await this.attempts.bestPassingPercents(enrollmentId)) {
      const { quizzes } = await this.courses.assessmentOf(this.dataSource.manager, row.courseVersionId);
      if (quizzes.find((q) => q.id === row.quizId)?.moduleId === null) best = Math.max(best ?? 0, row.best);
    }
    return best;
  }

  /** The caller's attempts on one of their enrolments, newest first: what a course page shows per quiz. */
  async attemptsOn(actor: AuthUser, enrollmentId: string): Promise<AttemptSummary[]> {
    const rows = await this.attempts.listedOn(enrollmentId, actor.id);
    const now = Date.now();
    return rows.map((r) => {
      // An open attempt past its deadline and grace is closed: it can no longer be answered.
      const status: AttemptSummary['status'] =
        r.status === 'open' && r.deadlineAt.getTime() + SUBMIT_GRACE_SECONDS * 1000 < now ? 'expired' : r.status;
      return { ...r, status, deadlineAt: r.deadlineAt.toISOString() };
    });
  }

  async get(actor: AuthUser, attemptId: string): Promise<AttemptView> {
    const attempt = await this.owned(this.dataSource.manager, actor, attemptId);
    const { quiz, banks } = await this.definition(this.dataSource.manager, attempt);
    if (attempt.status === 'open') return this.view(attempt, quiz, banks, false);
    return this.view(attempt, quiz, banks, true, await this.disclosed(attempt, quiz));
  }

  /**
   * Grades once. The result is stored by an UPDATE that only matches an open attempt, so of two
   * racing submits exactly one is recorded and the other returns it; a later submit returns it too.
   */
  async submit(actor: AuthUser, attemptId: string, answers: Record<string, unknown>): Promise<AttemptView> {
    const attempt = await this.owned(this.dataSource.manager, actor, attemptId);
    const { quiz, banks } = await this.definition(this.dataSource.manager, attempt);
    if (attempt.status === 'submitted')
      return this.view(attempt, quiz, banks, true, await this.disclosed(attempt, quiz));
    if (attempt.status === 'expired' || Date.now() > attempt.deadlineAt.getTime() + SUBMIT_GRACE_SECONDS * 1000) {
      await this.closeExpired(this.dataSource.manager, attempt, banks);
      return this.storedOutcome(actor, attemptId);
    }
    const byId = this.questionsById(banks);
    const drawn = new Map(attempt.questions.map((d) => [d.questionId, d]));
    const problems: string[] = [];
    const refusals: AnswerRefusal[] = [];
    for (const [questionId, answer] of Object.entries(answers)) {
      const question = drawn.has(questionId) ? byId.get(questionId) : undefined;
      if (!question) {
        problems.push(`${questionId}: not a question of this attempt`);
        refusals.push({ questionId, code: 'not-in-attempt' });
        continue;
      }
      try {
        assertAnswerShape(question, answer);
      } catch (error) {
        if (!(error instanceof AnswerShapeError)) throw error;
        problems.push(`${questionId}: expected ${error.message}`);
        refusals.push({ questionId, code: error.code });
      }
    }
    if (problems.length) throw new AnswersRefusedException(problems, refusals);
    const results: QuestionResult[] = attempt.questions.map((d) => ({
      questionId: d.questionId,
      ...gradeQuestion(byId.get(d.questionId)!, answers[d.questionId], d.optionOrder),
    }));
    const score = results.reduce((s, r) => s + r.score, 0);
    const max = results.reduce((s, r) => s + r.max, 0);
    const percent = max ? Math.round((score / max) * 10000) / 100 : 0;
    const passed = percent >= quiz.passMarkPercent;
    const submittedAt = new Date();
    // An offline attempt's time on the device is not ours to judge; an online one is.
    const tooFast = !attempt.offline && answeredTooFast(attempt.startedAt, submittedAt, attempt.questions.length);
    const record = (manager: EntityManager): Promise<boolean> =>
      this.attempts.recordResult(manager, attempt.id, {
        submittedAt,
        answers,
        results,
        score,
        maxScore: max,
        percent,
        passed,
        tooFast,
      });
    // Passing the final quiz may complete the enrolment, and a quiz answered too fast flags it: both
    // commit together with the result (the flag first, so the completion's recount counts it).
    const final = passed && quiz.moduleId === null;
    const recorded =
      final || tooFast
        ? await this.dataSource.transaction(async (manager) => {
            if (!(await record(manager))) return false;
            if (tooFast) await this.enrollments.flagQuizTooFast(manager, attempt.enrollmentId);
            if (final) await this.enrollments.recordFinalQuizPassed(manager, attempt.enrollmentId, actor.agencyId);
            return true;
          })
        : await record(this.dataSource.manager);
    if (!recorded) return this.storedOutcome(actor, attemptId);
    Object.assign(attempt, {
      status: 'submitted',
      submittedAt,
      answers,
      results,
      score: String(score),
      maxScore: String(max),
      percent: String(percent),
      passed,
    });
    // This was the newest attempt (only the newest is ever open), none before it passed (a pass ends
    // the quiz) and its number is the count so far: where the learner stands needs no query.
    return this.view(
      attempt,
      quiz,
      banks,
      true,
      disclosure(quiz.showAnswers, {
        passed,
        attemptsLeft: quiz.maxAttempts - attempt.attemptNumber,
        answering: false,
      }),
    );
  }

  /** What is stored for an attempt someone else just closed: its result, or the refusal of an expired one. */
  private async storedOutcome(actor: AuthUser, attemptId: string): Promise<AttemptView> {
    const stored = await this.owned(this.dataSource.manager, actor, attemptId);
    const { quiz, banks } = await this.definition(this.dataSource.manager, stored);
    if (stored.status === 'expired')
      throw new AttemptClosedException(
        'The time for this attempt ran out; it was closed as it stood and your answers were not accepted.',
        this.result(stored, quiz, banks, NOTHING_DISCLOSED),
      );
    return this.view(stored, quiz, banks, true, await this.disclosed(stored, quiz));
  }

  private async closeExpired(
    manager: EntityManager,
    attempt: QuizAttempt,
    banks: QuestionBankDefinition[],
  ): Promise<QuizAttempt> {
    const byId = this.questionsById(banks);
    const results: QuestionResult[] = attempt.questions.map((d) => ({
      questionId: d.questionId,
      score: 0,
      max: byId.get(d.questionId)?.points ?? 0,
      outcome: 'unanswered',
    }));
    const max = results.reduce((s, r) => s + r.max, 0);
    // Only an attempt still open is closed: one graded a moment ago keeps its result.
    await this.attempts.closeExpired(manager, attempt.id, results, max);
    return Object.assign(attempt, {
      status: 'expired' as const,
      submittedAt: null,
      results,
      score: '0',
      maxScore: String(max),
      percent: '0',
      passed: false,
    });
  }

  private async owned(manager: EntityManager, actor: AuthUser, attemptId: string): Promise<QuizAttempt> {
    const attempt = await this.attempts.byId(manager, attemptId);
    if (!attempt) throw new NotFoundException('No attempt has this id.');
    if (attempt.userId !== actor.id) throw new ForbiddenException('This attempt belongs to someone else.');
    return attempt;
  }

  private async definition(manager: EntityManager, attempt: QuizAttempt) {
    const { questionBanks, quizzes } = await this.courses.assessmentOf(manager, attempt.courseVersionId);
    return { quiz: quizzes.find((q) => q.id === attempt.quizId)!, banks: questionBanks };
  }

  /** What the learner may see of this finished attempt now (see answer-key.ts). */
  private async disclosed(attempt: QuizAttempt, quiz: QuizDefinition): Promise<Disclosure> {
    if (quiz.showAnswers === 'after-each-attempt')
      return disclosure(quiz.showAnswers, { passed: false, attemptsLeft: 0, answering: false });
    const row = await this.attempts.standing(attempt.quizId, attempt.enrollmentId, SUBMIT_GRACE_SECONDS);
    return disclosure(quiz.showAnswers, {
      passed: row.passed,
      attemptsLeft: quiz.maxAttempts - row.used,
      answering: row.answering,
    });
  }

  private questionsById(banks: QuestionBankDefinition[]): Map<string, QuestionDefinition> {
    let byId = questionIndex.get(banks);
    if (!byId) {
      byId = new Map(banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
      questionIndex.set(banks, byId);
    }
    return byId;
  }

  /** The score; per question whether it was right, and the answer key, as far as `shown` allows. */
  private result(
    attempt: QuizAttempt,
    quiz: QuizDefinition,
    banks: QuestionBankDefinition[],
    shown: Disclosure,
  ): AttemptResult {
    const byId = this.questionsById(banks);
    const drawn = new Map(attempt.questions.map((d) => [d.questionId, d]));
    const result: AttemptResult = {
      score: Number(attempt.score),
      maxScore: Number(attempt.maxScore),
      percent: Number(attempt.percent),
      passed: !!attempt.passed,
      passMarkPercent: quiz.passMarkPercent,
    };
    if (!shown.outcomes) return result;
    result.review = (attempt.results ?? []).map((r) => {
      const given = (attempt.answers as Record<string, unknown> | null)?.[r.questionId];
      const item = {
        questionId: r.questionId,
        outcome: r.outcome,
        score: r.score,
        max: r.max,
        answer: given === undefined ? null : given,
      };
      if (!shown.key) return item;
      const q = byId.get(r.questionId)!;
      return {
        ...item,
        correctAnswer: shownCorrectAnswer(q, drawn.get(r.questionId)!.optionOrder),
        explanation: q.explanation ?? null,
      };
    });
    return result;
  }

  private view(
    attempt: QuizAttempt,
    quiz: QuizDefinition,
    banks: QuestionBankDefinition[],
    withResult: boolean,
    shown = NOTHING_DISCLOSED,
  ): AttemptView {
    const byId = this.questionsById(banks);
    const questions: ShownQuestion[] = attempt.questions.map((d) => {
      const q = byId.get(d.questionId)!;
      const shown: ShownQuestion = { id: q.id, type: q.type, prompt: q.prompt, points: q.points };
      if (q.options) shown.options = d.optionOrder.map((authored, key) => ({ key, text: q.options![authored] }));
      return shown;
    });
    return {
      id: attempt.id,
      quizId: attempt.quizId,
      enrollmentId: attempt.enrollmentId,
      quizTitle: quiz.title,
      attemptNumber: attempt.attemptNumber,
      maxAttempts: quiz.maxAttempts,
      status: attempt.status,
      deadlineAt: attempt.deadlineAt.toISOString(),
      offline: attempt.offline === true,
      serverTime: new Date().toISOString(),
      questions,
      showAnswers: quiz.showAnswers,
      result: withResult && attempt.status !== 'open' ? this.result(attempt, quiz, banks, shown) : undefined,
    };
  }
}

/** The right answer expressed in the positions the learner was shown. */
export function shownCorrectAnswer(q: QuestionDefinition, optionOrder: number[]): unknown {
  const shownOf = (authored: number) => optionOrder.indexOf(authored);
  switch (q.type) {
    case 'single':
      return shownOf(q.correct as number);
    case 'multiple':
      return (q.correct as number[]).map(shownOf).sort((a, b) => a - b);
    case 'ordering':
      return (q.options ?? []).map((_, authored) => shownOf(authored));
    default:
      return q.correct;
  }
}

/** Under this many seconds a question, on average, a quiz was not read: flagged (completion integrity). */
export const QUIZ_MIN_SECONDS_PER_QUESTION = 4;

export function answeredTooFast(startedAt: Date, submittedAt: Date, questions: number): boolean {
  return (
    questions > 0 &&
    submittedAt.getTime() - new Date(startedAt).getTime() < QUIZ_MIN_SECONDS_PER_QUESTION * questions * 1000
  );
}
