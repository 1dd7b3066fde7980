// Enrolling, reading lessons and recording progress; completion writes its outbox event in the
// same transaction, exactly once (the enrolment row is locked while progress is recomputed).
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { addOutboxEvent, Page, page, PageQuery } from '@chadavkhi/platform';
import type { VersionModule } from '../courses/course-version.entity';
import type { QuizDefinition } from '../quizzes/quiz-definition';
import { EnrollmentDetailView, EnrollmentView, LessonView } from './dto/enrollment.view';

interface EnrollmentRow {
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

/** A person enrolled by someone else (an assignment), and when that enrolment falls due (null: never). */
export interface AssignedEnrolment {
  userId: string;
  dueAt: Date | string | null;
}

/** What recording a face-to-face attendance did to the person's enrolment. */
export type FaceToFaceOutcome = 'completed' | 'already_completed' | 'score_needed' | 'below_pass_mark';

/** Progress counts required lessons; a course whose lessons are all optional counts all of them. */
export function progressOf(modules: VersionModule[], done: Set<string>): { percent: number; requiredDone: boolean } {
  const all = modules.flatMap((m) => m.lessons);
  const counted = all.some((l) => l.required) ? all.filter((l) => l.required) : all;
  const finished = counted.filter((l) => done.has(l.id)).length;
  return {
    percent: counted.length ? Math.floor((finished * 100) / counted.length) : 100,
    requiredDone: finished === counted.length,
  };
}

@Injectable()
export class EnrollmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Enrols the caller on the current version; a second call returns the same enrolment. An
   * enrolment still in progress (on whichever version) is returned as it is; one completed on an
   * older version does not stop a new enrolment on the current one — that is how a certificate is
   * renewed. Unique (user, version) and one-in-progress-per-course constraints settle races.
   */
  async enroll(actor: AuthUser, courseId: string): Promise<{ created: boolean; enrollment: EnrollmentView }> {
    const { created, enrollmentId } = await this.enrollPerson(this.dataSource.manager, actor.id, courseId);
    const [row] = await this.dataSource.query(`${ENROLLMENT_SELECT} WHERE e.id = $1`, [enrollmentId]);
    return { created, enrollment: this.view(row) };
  }

  /**
   * The same enrolment rule as enroll, for someone else (a face-to-face registration) and inside
   * the caller's transaction: the enrolment in progress, else the one on the current version,
   * else a new one on the current version.
   */
  async enrollPerson(
    manager: EntityManager,
    userId: string,
    courseId: string,
  ): Promise<{ created: boolean; enrollmentId: string }> {
    const [course] = await manager.query(`SELECT current_version_id FROM courses WHERE id = $1`, [courseId]);
    if (!course?.current_version_id) throw new NotFoundException('No published course has this id.');
    const inserted = await manager.query(
      `INSERT INTO enrollments (user_id, course_id, course_version_id)
       SELECT $1, $2, $3 WHERE NOT EXISTS (
         SELECT 1 FROM enrollments WHERE user_id = $1 AND course_id = $2 AND (status = 'in_progress' OR course_version_id = $3))
       ON CONFLICT DO NOTHING RETURNING id`,
      [userId, courseId, course.current_version_id],
    );
    const [row] = await manager.query(
      `SELECT e.id FROM enrollments e WHERE e.user_id = $1 AND e.course_id = $2 ORDER BY (e.status = 'in_progress') DESC, (e.course_version_id = $3) DESC, e.enrolled_at DESC LIMIT 1`,
      [userId, courseId, course.current_version_id],
    );
    return { created: inserted.length > 0, enrollmentId: row.id };
  }

  /**
   * Enrolments that someone else asks for (an assignment), for many people in the caller's
   * transaction, one statement however many: each person's enrolment in progress, else their latest
   * completion of the course (it counts), else a new one on the current version, marked assigned and
   * due at `dueAt`. The unique constraints settle a race with self-enrolment. Returns, per person, the
   * enrolment id.
   */
  async enrollMany(
    manager: EntityManager,
    courseId: string,
    people: readonly AssignedEnrolment[],
  ): Promise<Map<string, string>> {
    if (!people.length) return new Map();
    const [course] = await manager.query(`SELECT current_version_id FROM courses WHERE id = $1`, [courseId]);
    if (!course?.current_version_id) throw new NotFoundException('No published course has this id.');
    const userIds = people.map((p) => p.userId);
    await manager.query(
      `INSERT INTO enrollments (user_id, course_id, course_version_id, source, due_at)
       SELECT p.user_id, $1, $2, 'assigned', p.due_at FROM unnest($3::uuid[], $4::timestamptz[]) AS p(user_id, due_at)
        WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = p.user_id AND e.course_id = $1)
       ON CONFLICT DO NOTHING`,
      [courseId, course.current_version_id, userIds, people.map((p) => p.dueAt)],
    );
    const picked: { user_id: string; id: string }[] = await manager.query(
      `SELECT p.user_id, pick.id FROM unnest($2::uuid[]) AS p(user_id)
         CROSS JOIN LATERAL (SELECT e.id FROM enrollments e WHERE e.user_id = p.user_id AND e.course_id = $1
                              ORDER BY (e.status = 'in_progress') DESC, e.completed_at DESC NULLS LAST, e.enrolled_at DESC LIMIT 1) pick`,
      [courseId, userIds],
    );
    return new Map(picked.map((r) => [r.user_id, r.id]));
  }

  /**
   * A new round for people who completed a course (a yearly assignment), in the caller's
   * transaction: a new enrolment on the current version (the next renewal), marked assigned and due
   * at `dueAt`, unless one is in progress already. Returns each person's enrolment in progress.
   */
  async renewMany(
    manager: EntityManager,
    rounds: readonly (AssignedEnrolment & { courseId: string })[],
  ): Promise<{ userId: string; courseId: string; enrollmentId: string }[]> {
    if (!rounds.length) return [];
    const columns = [rounds.map((r) => r.userId), rounds.map((r) => r.courseId), rounds.map((r) => r.dueAt)];
    await manager.query(
      `INSERT INTO enrollments (user_id, course_id, course_version_id, source, due_at, renewal)
       SELECT DISTINCT ON (r.user_id, r.course_id) r.user_id, r.course_id, c.current_version_id, 'assigned', r.due_at,
              COALESCE((SELECT max(renewal) + 1 FROM enrollments WHERE user_id = r.user_id AND course_version_id = c.current_version_id), 0)
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(user_id, course_id, due_at) JOIN courses c ON c.id = r.course_id
        WHERE c.current_version_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM enrollments WHERE user_id = r.user_id AND course_id = r.course_id AND status = 'in_progress')
        ORDER BY r.user_id, r.course_id, r.due_at
       ON CONFLICT DO NOTHING`,
      columns,
    );
    return manager.query(
      `SELECT DISTINCT r.user_id AS "userId", r.course_id AS "courseId", e.id AS "enrollmentId"
         FROM unnest($1::uuid[], $2::uuid[]) AS r(user_id, course_id)
         JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id AND e.status = 'in_progress'`,
      columns.slice(0, 2),
    );
  }

  /**
   * Due dates kept by others (an enrolment's earliest active assignment), in the caller's
   * transaction: an enrolment given a due date counts as assigned; one left without keeps its
   * source; a completed enrolment keeps what it had.
   */
  async setDueDates(
    manager: EntityManager,
    dues: readonly { enrollmentId: string; dueAt: Date | string | null }[],
  ): Promise<void> {
    if (!dues.length) return;
    await manager.query(
      `UPDATE enrollments e SET due_at = d.due_at, source = CASE WHEN d.due_at IS NULL THEN e.source ELSE 'assigned' END
         FROM unnest($1::uuid[], $2::timestamptz[]) AS d(id, due_at)
        WHERE e.id = d.id AND e.status <> 'completed' AND e.due_at IS DISTINCT FROM d.due_at`,
      [dues.map((d) => d.enrollmentId), dues.map((d) => d.dueAt)],
    );
  }

  async mine(actor: AuthUser, query: PageQuery): Promise<Page<EnrollmentView>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `${ENROLLMENT_SELECT} WHERE e.user_id = $1 ORDER BY (e.status = 'completed'), COALESCE(e.last_activity_at, e.enrolled_at) DESC LIMIT $2 OFFSET $3`,
        [actor.id, query.limit, query.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM enrollments WHERE user_id = $1`, [actor.id]),
    ]);
    return page(
      (rows as EnrollmentRow[]).map((r) => this.view(r)),
      total,
      query,
    );
  }

  async get(actor: AuthUser, id: string): Promise<EnrollmentDetailView> {
    const row = await this.owned(this.dataSource.manager, actor, id);
    const done = new Set(row.done);
    return {
      ...this.view(row),
      modules: row.modules.map((m) => ({
        id: m.id,
        title: m.title,
        lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, required: l.required, completed: done.has(l.id) })),
      })),
    };
  }

  async lesson(actor: AuthUser, enrollmentId: string, lessonId: string): Promise<LessonView> {
    const row = await this.owned(this.dataSource.manager, actor, enrollmentId);
    const order = row.modules.flatMap((m) => m.lessons.map((l) => ({ ...l, moduleTitle: m.title })));
    const index = order.findIndex((l) => l.id === lessonId);
    if (index < 0) throw new NotFoundException('This lesson is not part of the course version you are enrolled on.');
    const [lesson] = await this.dataSource.query(
      `SELECT body_html, video_url FROM course_lessons WHERE course_version_id = $1 AND lesson_id = $2`,
      [row.course_version_id, lessonId],
    );
    return {
      id: lessonId,
      enrollmentId,
      title: order[index].title,
      moduleTitle: order[index].moduleTitle,
      html: lesson.body_html,
      videoUrl: lesson.video_url,
      required: order[index].required,
      completed: row.done.includes(lessonId),
      position: index + 1,
      totalLessons: order.length,
      previousLessonId: order[index - 1]?.id ?? null,
      nextLessonId: order[index + 1]?.id ?? null,
    };
  }

  /** Idempotent: completing a lesson twice changes nothing the second time. */
  async completeLesson(
    actor: AuthUser,
    enrollmentId: string,
    lessonId: string,
    completedAt = new Date(),
  ): Promise<EnrollmentView> {
    return this.dataSource.transaction(async (manager) => {
      await this.completeLessonsWith(manager, actor, enrollmentId, [{ lessonId, completedAt }]);
      const [fresh] = await manager.query(`${ENROLLMENT_SELECT} WHERE e.id = $1`, [enrollmentId]);
      return this.view(fresh);
    });
  }

  /** The same for several lessons of one enrolment, inside the caller's transaction (the offline sync). */
  async completeLessonsWith(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
    lessons: { lessonId: string; completedAt: Date }[],
  ): Promise<void> {
    const row = await this.owned(manager, actor, enrollmentId, true);
    const inVersion = new Set(row.modules.flatMap((m) => m.lessons.map((l) => l.id)));
    if (lessons.some((l) => !inVersion.has(l.lessonId)))
      throw new NotFoundException('This lesson is not part of the course version you are enrolled on.');
    if (!lessons.length) return;
    await manager.query(
      `INSERT INTO lesson_completions (enrollment_id, lesson_id, completed_at) SELECT $1, l, c FROM unnest($2::uuid[], $3::timestamptz[]) AS x(l, c) ON CONFLICT DO NOTHING`,
      [enrollmentId, lessons.map((l) => l.lessonId), lessons.map((l) => l.completedAt)],
    );
    await this.settle(manager, { ...row, done: [...row.done, ...lessons.map((l) => l.lessonId)] }, actor.agencyId);
  }

  /** The lessons of the enrolment's pinned version and when it began, the enrolment locked for the caller's transaction. */
  async lockedForSync(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
  ): Promise<{ lessonIds: Set<string>; enrolledAt: Date }> {
    const row = await this.owned(manager, actor, enrollmentId, true);
    return {
      lessonIds: new Set(row.modules.flatMap((m) => m.lessons.map((l) => l.id))),
      enrolledAt: new Date(row.enrolled_at),
    };
  }

  /**
   * Called by the assessment lib inside its transaction (the enrolment row locked by
   * lockedForQuiz) when the learner passes the course's final quiz.
   */
  async recordFinalQuizPassed(manager: EntityManager, enrollmentId: string, agencyId: string): Promise<void> {
    await manager.query(
      `UPDATE enrollments SET final_quiz_passed_at = COALESCE(final_quiz_passed_at, now()), last_activity_at = now() WHERE id = $1`,
      [enrollmentId],
    );
    const [row] = await manager.query(`${ENROLLMENT_SELECT} WHERE e.id = $1`, [enrollmentId]);
    await this.settle(manager, row, agencyId);
  }

  /** The enrolment locked for a quiz attempt, with the quizzes of its pinned version. */
  async lockedForQuiz(manager: EntityManager, actor: AuthUser, enrollmentId: string) {
    const row = await this.owned(manager, actor, enrollmentId, true);
    return { id: row.id, courseVersionId: row.course_version_id, status: row.status, quizzes: row.quizzes };
  }

  /**
   * The caller's enrolment whose pinned version has this quiz: the one named, or else the one in
   * progress (a quiz id is unique only within its course, so two of a learner's courses may share one).
   */
  async enrollmentForQuiz(actor: AuthUser, quizId: string, enrollmentId?: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT e.id FROM enrollments e JOIN course_versions v ON v.id = e.course_version_id
        WHERE e.user_id = $1 AND v.quizzes @> jsonb_build_array(jsonb_build_object('id', $2::text)) AND ($3::uuid IS NULL OR e.id = $3)
        ORDER BY (e.status = 'in_progress') DESC, e.enrolled_at DESC LIMIT 1`,
      [actor.id, quizId, enrollmentId ?? null],
    );
    return row?.id;
  }

  /**
   * Recomputes progress and, the first time every required lesson is done and any final quiz
   * passed, completes the enrolment with its enrollment.completed event (same transaction).
   */
  private async settle(manager: EntityManager, row: EnrollmentRow, agencyId: string): Promise<void> {
    const { percent, requiredDone } = progressOf(row.modules, new Set(row.done));
    const completes =
      row.status === 'in_progress' && requiredDone && (!row.has_final_quiz || !!row.final_quiz_passed_at);
    const completedAt = new Date();
    await manager.query(
      `UPDATE enrollments SET progress_percent = $2, last_activity_at = now(),
              status = CASE WHEN $3 THEN 'completed' ELSE status END,
              completed_at = CASE WHEN $3 THEN $4::timestamptz ELSE completed_at END
        WHERE id = $1`,
      [row.id, percent, completes, completedAt],
    );
    if (completes) await this.announceCompleted(manager, row, agencyId, completedAt);
  }

  /**
   * Completes an enrolment from a face-to-face session, inside the caller's transaction: the person
   * attended and, when the pinned version has a final quiz, their paper score reached its pass
   * mark. One conditional UPDATE (only while in progress) and the same enrollment.completed event
   * as online learning, so recording the attendance again completes nothing a second time.
   */
  async completeFaceToFace(
    manager: EntityManager,
    enrollmentId: string,
    paperScore: number | null,
  ): Promise<FaceToFaceOutcome> {
    await manager.query(`SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE`, [enrollmentId]);
    const [row]: EnrollmentRow[] = await manager.query(`${ENROLLMENT_SELECT} WHERE e.id = $1`, [enrollmentId]);
    if (!row) throw new NotFoundException('No enrolment has this id.');
    if (row.status === 'completed') return 'already_completed';
    const finalQuiz = row.has_final_quiz ? (row.quizzes ?? []).find((q) => q.moduleId === null) : undefined;
    if (finalQuiz && paperScore === null) return 'score_needed';
    if (finalQuiz && paperScore! < finalQuiz.passMarkPercent) return 'below_pass_mark';
    const completedAt = new Date();
    const [updated] = await manager.query(
      `UPDATE enrollments SET status = 'completed', completed_at = $2, completion_mode = 'face_to_face', final_score = $3, progress_percent = 100,
              final_quiz_passed_at = CASE WHEN $4 THEN COALESCE(final_quiz_passed_at, $2) ELSE final_quiz_passed_at END, last_activity_at = now()
        WHERE id = $1 AND status = 'in_progress' RETURNING id`,
      [enrollmentId, completedAt, paperScore, !!finalQuiz],
    );
    if (!updated.length) return 'already_completed';
    const [{ agency_id: agencyId }] = await manager.query(`SELECT agency_id FROM users WHERE id = $1`, [row.user_id]);
    await this.announceCompleted(manager, row, agencyId, completedAt);
    return 'completed';
  }

  /** The one enrollment.completed event, written with the completing UPDATE's transaction. */
  private async announceCompleted(
    manager: EntityManager,
    row: EnrollmentRow,
    agencyId: string,
    completedAt: Date,
  ): Promise<void> {
    await addOutboxEvent(manager, 'enrollment.completed', {
      enrollmentId: row.id,
      userId: row.user_id,
      agencyId,
      courseId: row.course_id,
      courseVersionId: row.course_version_id,
      completedAt: completedAt.toISOString(),
    });
  }

  private async owned(manager: EntityManager, actor: AuthUser, id: string, lock = false): Promise<EnrollmentRow> {
    if (lock) await manager.query(`SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await manager.query(`${ENROLLMENT_SELECT} WHERE e.id = $1`, [id]);
    if (!row) throw new NotFoundException('No enrolment has this id.');
    if (row.user_id !== actor.id) throw new ForbiddenException('This enrolment belongs to someone else.');
    return row;
  }

  private view(r: EnrollmentRow): EnrollmentView {
    const done = new Set(r.done);
    const lessons = r.modules.flatMap((m) => m.lessons);
    return {
      id: r.id,
      courseId: r.course_id,
      version: r.version,
      courseTitle: r.title,
      courseTitleEn: r.title_en,
      language: r.language,
      status: r.status,
      source: r.source,
      progressPercent: r.progress_percent,
      completedLessons: lessons.filter((l) => done.has(l.id)).length,
      totalLessons: lessons.length,
      resumeLessonId: lessons.find((l) => !done.has(l.id))?.id ?? null,
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      quizzes: (r.quizzes ?? []).map((q) => ({
        id: q.id,
        title: q.title,
        moduleId: q.moduleId,
        final: q.moduleId === null,
        passMarkPercent: q.passMarkPercent,
        timeLimitMinutes: q.timeLimitMinutes,
        maxAttempts: q.maxAttempts,
        offlineDays: q.offlineDays ?? null,
      })),
      finalQuizPassed: !!r.final_quiz_passed_at,
      enrolledAt: new Date(r.enrolled_at).toISOString(),
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    };
  }
}
