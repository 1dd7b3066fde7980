// SQL of enrolments and their lesson completions. Every method takes the caller's entity manager;
// the unique (user, version) and one-in-progress-per-course constraints settle races between inserts.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { VersionModule } from '../courses/course-version.entity';
import type { QuizDefinition } from '../quizzes/quiz-definition';

/** An enrolment with its pinned version's outline and quizzes and the lessons done. */
import type { PacedStep } from './completion-pace';

/** Why an enrolment's evidence is doubtful: a lesson done far too fast, a quiz answered implausibly fast. */
export const INTEGRITY_FLAGS = ['lesson-too-fast', 'quiz-too-fast'] as const;
export type IntegrityFlag = (typeof INTEGRITY_FLAGS)[number];

export interface EnrollmentRow {
  id: string;
  user_id: string;
  course_id: string;
  course_version_id: string;
  status: 'in_progress' | 'completed';
  source: 'self' | 'assigned';
  progress_percent: number;
  due_at: Date | null;
  enrolled_at: Date;
  completed_at: Date | null;
  version: number;
  title: string;
  title_en: string | null;
  language: 'mn' | 'en';
  modules: VersionModule[];
  quizzes: QuizDefinition[];
  has_final_quiz: boolean;
  final_quiz_passed_at: Date | null;
  done: string[];
}

const ENROLLMENT_SELECT = `
  SELECT e.id, e.user_id, e.course_id, e.course_version_id, e.status, e.source, e.progress_percent, e.due_at,
         e.enrolled_at, e.completed_at, e.final_quiz_passed_at, v.version, v.title, v.title_en, v.language, v.modules,
         v.quizzes, v.has_final_quiz,
         COALESCE((SELECT array_agg(lc.lesson_id) FROM lesson_completions lc WHERE lc.enrollment_id = e.id), '{}') AS done
    FROM enrollments e JOIN course_versions v ON v.id = e.course_version_id`;

@Injectable()
export class EnrollmentsRepository {
  async find(manager: EntityManager, id: string): Promise<EnrollmentRow | undefined> {
    const [row] = await manager.query(`${ENROLLMENT_SELECT} WHERE e.id = $1`, [id]);
    return row;
  }

  /** Locks the enrolment row (FOR UPDATE) until the caller's transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The person's enrolments, those in progress first, most recently active first. */
  async ofUser(
    manager: EntityManager,
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: EnrollmentRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      manager.query(
        `${ENROLLMENT_SELECT} WHERE e.user_id = $1 ORDER BY (e.status = 'completed'), COALESCE(e.last_activity_at, e.enrolled_at) DESC LIMIT $2 OFFSET $3`,
        [userId, limit, offset],
      ),
      manager.query(`SELECT count(*)::int AS total FROM enrollments WHERE user_id = $1`, [userId]),
    ]);
    return { rows, total };
  }

  async courseVersionId(manager: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await manager.query(`SELECT course_version_id FROM enrollments WHERE id = $1`, [id]);
    return row?.course_version_id;
  }

  // ---- enrolling ----

  /**
   * A new self-enrolment on `courseVersionId`, unless the person has one in progress on the course
   * or one on that version. Returns whether it inserted one.
   */
  async insertUnlessEnrolled(
    manager: EntityManager,
    userId: string,
    courseId: string,
    courseVersionId: string,
  ): Promise<boolean> {
    const inserted = await manager.query(
      `INSERT INTO enrollments (user_id, course_id, course_version_id)
       SELECT $1, $2, $3 WHERE NOT EXISTS (
         SELECT 1 FROM enrollments WHERE user_id = $1 AND course_id = $2 AND (status = 'in_progress' OR course_version_id = $3))
       ON CONFLICT DO NOTHING RETURNING id`,
      [userId, courseId, courseVersionId],
    );
    return inserted.length > 0;
  }

  /** The person's enrolment on the course: the one in progress, else the one on `courseVersionId`, else the latest. */
  async pick(manager: EntityManager, userId: string, courseId: string, courseVersionId: string): Promise<string> {
    const [row] = await manager.query(
      `SELECT e.id FROM enrollments e WHERE e.user_id = $1 AND e.course_id = $2 ORDER BY (e.status = 'in_progress') DESC, (e.course_version_id = $3) DESC, e.enrolled_at DESC LIMIT 1`,
      [userId, courseId, courseVersionId],
    );
    return row.id;
  }

  /** Assigned enrolments on `courseVersionId` for the people with none on the course, one statement. */
  async insertAssigned(
    manager: EntityManager,
    courseId: string,
    courseVersionId: string,
    people: readonly { userId: string; dueAt: Date | string | null }[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO enrollments (user_id, course_id, course_version_id, source, due_at)
       SELECT p.user_id, $1, $2, 'assigned', p.due_at FROM unnest($3::uuid[], $4::timestamptz[]) AS p(user_id, due_at)
        WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = p.user_id AND e.course_id = $1)
       ON CONFLICT DO NOTHING`,
      [courseId, courseVersionId, people.map((p) => p.userId), people.map((p) => p.dueAt)],
    );
  }

  /** Per person, their enrolment on the course that counts: in progress, else the latest completed, else the latest. */
  async pickMany(manager: EntityManager, courseId: string, userIds: string[]): Promise<Map<string, string>> {
    const picked: { user_id: string; id: string }[] = await manager.query(
      `SELECT p.user_id, pick.id FROM unnest($2::uuid[]) AS p(user_id)
         CROSS JOIN LATERAL (SELECT e.id FROM enrollments e WHERE e.user_id = p.user_id AND e.course_id = $1
                              ORDER BY (e.status = 'in_progress') DESC, e.completed_at DESC NULLS LAST, e.enrolled_at DESC LIMIT 1) pick`,
      [courseId, userIds],
    );
    return new Map(picked.map((r) => [r.user_id, r.id]));
  }

  /**
   * Assigned enrolments on each course's current version (the next renewal of that version), one
   * per person and course at the earliest due date, for those with none in progress on the course.
   */
  async insertRenewals(
    manager: EntityManager,
    rounds: readonly { userId: string; courseId: string; dueAt: Date | string | null }[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO enrollments (user_id, course_id, course_version_id, source, due_at, renewal)
       SELECT DISTINCT ON (r.user_id, r.course_id) r.user_id, r.course_id, c.current_version_id, 'assigned', r.due_at,
              COALESCE((SELECT max(renewal) + 1 FROM enrollments WHERE user_id = r.user_id AND course_version_id = c.current_version_id), 0)
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(user_id, course_id, due_at) JOIN courses c ON c.id = r.course_id
        WHERE c.current_version_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM enrollments WHERE user_id = r.user_id AND course_id = r.course_id AND status = 'in_progress')
        ORDER BY r.user_id, r.course_id, r.due_at
       ON CONFLICT DO NOTHING`,
      [rounds.map((r) => r.userId), rounds.map((r) => r.courseId), rounds.map((r) => r.dueAt)],
    );
  }

  /** Each (person, course)'s enrolment in progress. */
  async inProgress(
    manager: EntityManager,
    pairs: readonly { userId: string; courseId: string }[],
  ): Promise<{ userId: string; courseId: string; enrollmentId: string }[]> {
    return manager.query(
      `SELECT DISTINCT r.user_id AS "userId", r.course_id AS "courseId", e.id AS "enrollmentId"
         FROM unnest($1::uuid[], $2::uuid[]) AS r(user_id, course_id)
         JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id AND e.status = 'in_progress'`,
      [pairs.map((r) => r.userId), pairs.map((r) => r.courseId)],
    );
  }

  /** New due dates on enrolments not completed; one given a date becomes assigned. */
  async setDueDates(
    manager: EntityManager,
    dues: readonly { enrollmentId: string; dueAt: Date | string | null }[],
  ): Promise<void> {
    await manager.query(
      `UPDATE enrollments e SET due_at = d.due_at, source = CASE WHEN d.due_at IS NULL THEN e.source ELSE 'assigned' END
         FROM unnest($1::uuid[], $2::timestamptz[]) AS d(id, due_at)
        WHERE e.id = d.id AND e.status <> 'completed' AND e.due_at IS DISTINCT FROM d.due_at`,
      [dues.map((d) => d.enrollmentId), dues.map((d) => d.dueAt)],
    );
  }

  // ---- progress ----

  /** Idempotent: a lesson completed before keeps its first date. */
  async insertCompletions(manager: EntityManager, enrollmentId: string, lessons: readonly PacedStep[]): Promise<void> {
    await manager.query(
      `INSERT INTO lesson_completions (enrollment_id, lesson_id, completed_at, seconds_spent, estimated_seconds, too_fast)
       SELECT $1, l, c, s, e, f FROM unnest($2::uuid[], $3::timestamptz[], $4::int[], $5::int[], $6::boolean[]) AS x(l, c, s, e, f)
       ON CONFLICT DO NOTHING`,
      [
        enrollmentId,
        lessons.map((l) => l.lessonId),
        lessons.map((l) => l.completedAt),
        lessons.map((l) => l.secondsSpent),
        lessons.map((l) => l.estimatedSeconds),
        lessons.map((l) => l.tooFast),
      ],
    );
  }

  /**
   * Of the version's lessons, those that are e-learning packages with at least one SCO: the package
   * reports them done, a learner cannot mark them done by hand.
   */
  async lessonsDoneByPackage(manager: EntityManager, courseVersionId: string): Promise<Set<string>> {
    const rows: { lesson_id: string }[] = await manager.query(
      `SELECT l.lesson_id FROM course_lessons l JOIN scorm_packages p ON p.sha256 = l.scorm_package
        WHERE l.course_version_id = $1 AND COALESCE((p.manifest->>'scoCount')::int, 0) > 0`,
      [courseVersionId],
    );
    return new Set(rows.map((r) => r.lesson_id));
  }

  /** What pacing new lesson steps needs: the version's estimate, its lessons' text lengths, the moments already recorded. */
  async paceFacts(
    manager: EntityManager,
    enrollmentId: string,
    courseVersionId: string,
  ): Promise<{ estimatedMinutes: number; lengths: Map<string, number>; earlier: Date[] }> {
    const [version] = await manager.query(`SELECT estimated_minutes FROM course_versions WHERE id = $1`, [
      courseVersionId,
    ]);
    const lessons: { lesson_id: string; n: number }[] = await manager.query(
      `SELECT lesson_id, length(body_markdown)::int AS n FROM course_lessons WHERE course_version_id = $1`,
      [courseVersionId],
    );
    const moments: { at: Date }[] = await manager.query(
      `SELECT enrolled_at AS at FROM enrollments WHERE id = $1
       UNION ALL SELECT completed_at FROM lesson_completions WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    return {
      estimatedMinutes: version?.estimated_minutes ?? 0,
      lengths: new Map(lessons.map((l) => [l.lesson_id, l.n])),
      earlier: moments.map((m) => new Date(m.at)),
    };
  }

  /** Adds a completion-integrity flag to the enrolment (once). */
  async addIntegrityFlag(manager: EntityManager, id: string, flag: IntegrityFlag): Promise<void> {
    await manager.query(
      `UPDATE enrollments SET integrity_flags = array_append(integrity_flags, $2) WHERE id = $1 AND NOT ($2 = ANY(integrity_flags))`,
      [id, flag],
    );
  }

  async markFinalQuizPassed(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE enrollments SET final_quiz_passed_at = COALESCE(final_quiz_passed_at, now()), last_activity_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** The progress figure and, when `completes`, the completion at `completedAt`. */
  async saveProgress(
    manager: EntityManager,
    id: string,
    percent: number,
    completes: boolean,
    completedAt: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE enrollments SET progress_percent = $2, last_activity_at = now(),
              status = CASE WHEN $3 THEN 'completed' ELSE status END,
              completed_at = CASE WHEN $3 THEN $4::timestamptz ELSE completed_at END
        WHERE id = $1`,
      [id, percent, completes, completedAt],
    );
  }

  /** Completes the enrolment at a face-to-face session, only while in progress; returns whether it did. */
  async completeFaceToFace(
    manager: EntityManager,
    id: string,
    completedAt: Date,
    paperScore: number | null,
    passesFinalQuiz: boolean,
  ): Promise<boolean> {
    // An UPDATE's result is [rows, count].
    const [updated] = await manager.query(
      `UPDATE enrollments SET status = 'completed', completed_at = $2, completion_mode = 'face_to_face', final_score = $3, progress_percent = 100,
              final_quiz_passed_at = CASE WHEN $4 THEN COALESCE(final_quiz_passed_at, $2) ELSE final_quiz_passed_at END, last_activity_at = now()
        WHERE id = $1 AND status = 'in_progress' RETURNING id`,
      [id, completedAt, paperScore, passesFinalQuiz],
    );
    return updated.length > 0;
  }

  // ---- quizzes ----

  /** The person's enrolment whose pinned version has this quiz (the one named, else the one in progress first). */
  async forQuiz(
    manager: EntityManager,
    userId: string,
    quizId: string,
    enrollmentId?: string,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `SELECT e.id FROM enrollments e JOIN course_versions v ON v.id = e.course_version_id
        WHERE e.user_id = $1 AND v.quizzes @> jsonb_build_array(jsonb_build_object('id', $2::text)) AND ($3::uuid IS NULL OR e.id = $3)
        ORDER BY (e.status = 'in_progress') DESC, e.enrolled_at DESC LIMIT 1`,
      [userId, quizId, enrollmentId ?? null],
    );
    return row?.id;
  }

  // ---- read from identity (declared in docs/architecture.md) ----

  async agencyOfUser(manager: EntityManager, userId: string): Promise<string> {
    const [{ agency_id: agencyId }] = await manager.query(`SELECT agency_id FROM users WHERE id = $1`, [userId]);
    return agencyId;
  }
}
