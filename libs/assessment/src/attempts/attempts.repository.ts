// SQL for quiz attempts. A method that takes an EntityManager runs in the caller's transaction.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedStatement, runPrepared } from '@chadavkhi/platform';
import { DrawnQuestion, QuestionResult, QuizAttempt } from './quiz-attempt.entity';

// The two statements of every submit, planned once per connection. Columns are named, not *: a
// prepared SELECT * would fail ("cached plan must not change result type") once a migration adds one.
const ATTEMPT_BY_ID = preparedStatement(
  'assessment_attempt_by_id',
  `SELECT id, quiz_id, course_version_id, enrollment_id, user_id, attempt_number, questions, started_at, deadline_at, offline, status, submitted_at,
          answers, results, score, max_score, percent, passed
     FROM quiz_attempts WHERE id = $1`,
);
const RECORD_RESULT = preparedStatement(
  'assessment_record_result',
  `UPDATE quiz_attempts SET status = 'submitted', submitted_at = $2, answers = $3, results = $4, score = $5, max_score = $6, percent = $7, passed = $8,
         too_fast = $9
    WHERE id = $1 AND status = 'open' RETURNING id`,
);

export interface NewAttempt {
  quizId: string;
  courseVersionId: string;
  enrollmentId: string;
  userId: string;
  attemptNumber: number;
  questions: DrawnQuestion[];
  startedAt: Date;
  deadlineAt: Date;
  offline: boolean;
}

export interface GradedResult {
  submittedAt: Date;
  answers: Record<string, unknown>;
  results: QuestionResult[];
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  /** Answered implausibly fast (completion integrity: flagged, never refused). */
  tooFast: boolean;
}

/** One row of a learner's attempts on an enrolment, as the course page lists them. */
export interface AttemptListing {
  id: string;
  quizId: string;
  attemptNumber: number;
  status: QuizAttempt['status'];
  deadlineAt: Date;
  percent: number | null;
  passed: boolean;
}

/** Where a learner stands on one quiz of an enrolment: what decides how much of the answer key shows. */
export interface QuizStanding {
  passed: boolean;
  used: number;
  answering: boolean;
}

export interface SubmittedAttemptResult {
  percent: number;
  passed: boolean;
  results: QuestionResult[];
  courseVersionId: string;
}

@Injectable()
export class AttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(manager: EntityManager, attemptId: string): Promise<QuizAttempt | undefined> {
    const [row] = await runPrepared<Record<string, never>>(manager, ATTEMPT_BY_ID, [attemptId]);
    return row ? toAttempt(row) : undefined;
  }

  /** Every attempt at a quiz on one enrolment, newest first. */
  onEnrollment(manager: EntityManager, quizId: string, enrollmentId: string): Promise<QuizAttempt[]> {
    return manager
      .getRepository(QuizAttempt)
      .find({ where: { quizId, enrollmentId }, order: { attemptNumber: 'DESC' } });
  }

  create(manager: EntityManager, attempt: NewAttempt): Promise<QuizAttempt> {
    const attempts = manager.getRepository(QuizAttempt);
    return attempts.save(attempts.create({ ...attempt, status: 'open' }));
  }

  /** Stores a graded result if the attempt is still open; false when another submit or the expiry came first. */
  async recordResult(manager: EntityManager, attemptId: string, graded: GradedResult): Promise<boolean> {
    const rows = await runPrepared(manager, RECORD_RESULT, [
      attemptId,
      graded.submittedAt,
      JSON.stringify(graded.answers),
      JSON.stringify(graded.results),
      graded.score,
      graded.maxScore,
      graded.percent,
      graded.passed,
      graded.tooFast,
    ]);
    return rows.length === 1;
  }

  /** Closes an attempt still open as expired, scored zero; one graded a moment ago keeps its result. */
  async closeExpired(manager: EntityManager, attemptId: string, results: QuestionResult[], maxScore: number) {
    await manager.query(
      `UPDATE quiz_attempts SET status = 'expired', results = $2, score = 0, max_score = $3, percent = 0, passed = false WHERE id = $1 AND status = 'open'`,
      [attemptId, JSON.stringify(results), maxScore],
    );
  }

  /** The best passing percentage per quiz (and version) of an enrolment. */
  async bestPassingPercents(
    enrollmentId: string,
  ): Promise<{ quizId: string; courseVersionId: string; best: number }[]> {
    const rows: { quiz_id: string; course_version_id: string; best: string }[] = await this.dataSource.query(
      `SELECT quiz_id, course_version_id, max(percent) AS best FROM quiz_attempts WHERE enrollment_id = $1 AND passed GROUP BY quiz_id, course_version_id`,
      [enrollmentId],
    );
    return rows.map((r) => ({ quizId: r.quiz_id, courseVersionId: r.course_version_id, best: Number(r.best) }));
  }

  /** A learner's attempts on one of their enrolments, newest first. */
  async listedOn(enrollmentId: string, userId: string): Promise<AttemptListing[]> {
    const rows: Record<string, never>[] = await this.dataSource.query(
      `SELECT id, quiz_id, attempt_number, status, deadline_at, submitted_at, percent, passed FROM quiz_attempts
        WHERE enrollment_id = $1 AND user_id = $2 ORDER BY attempt_number DESC`,
      [enrollmentId, userId],
    );
    return rows.map((r) => ({
      id: r.id,
      quizId: r.quiz_id,
      attemptNumber: r.attempt_number,
      status: r.status,
      deadlineAt: new Date(r.deadline_at),
      percent: r.percent === null ? null : Number(r.percent),
      passed: !!r.passed,
    }));
  }

  /** Whether a quiz is passed on an enrolment, how many attempts it used, and whether one is being answered (open, within `graceSeconds` of its deadline). */
  async standing(quizId: string, enrollmentId: string, graceSeconds: number): Promise<QuizStanding> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(bool_or(passed), false) AS passed, count(*)::int AS used,
              coalesce(bool_or(status = 'open' AND deadline_at > now() - make_interval(secs => $3)), false) AS answering
         FROM quiz_attempts WHERE quiz_id = $1 AND enrollment_id = $2`,
      [quizId, enrollmentId, graceSeconds],
    );
    return { passed: row.passed, used: row.used, answering: row.answering };
  }

  /** The submitted attempts at a quiz on the given course versions (another course may carry the same quiz id). */
  async submittedOn(quizId: string, versionIds: string[]): Promise<SubmittedAttemptResult[]> {
    const rows: { percent: string; passed: boolean; results: QuestionResult[]; course_version_id: string }[] =
      await this.dataSource.query(
        `SELECT percent, passed, results, course_version_id FROM quiz_attempts WHERE quiz_id = $1 AND course_version_id = ANY($2::uuid[]) AND status = 'submitted'`,
        [quizId, versionIds],
      );
    return rows.map((r) => ({
      percent: Number(r.percent),
      passed: r.passed,
      results: r.results,
      courseVersionId: r.course_version_id,
    }));
  }
}

function toAttempt(r: Record<string, never>): QuizAttempt {
  return Object.assign(new QuizAttempt(), {
    id: r.id,
    quizId: r.quiz_id,
    courseVersionId: r.course_version_id,
    enrollmentId: r.enrollment_id,
    userId: r.user_id,
    attemptNumber: r.attempt_number,
    questions: r.questions,
    startedAt: r.started_at,
    deadlineAt: r.deadline_at,
    offline: r.offline,
    status: r.status,
    submittedAt: r.submitted_at,
    answers: r.answers,
    results: r.results,
    score: r.score,
    maxScore: r.max_score,
    percent: r.percent,
    passed: r.passed,
  });
}
