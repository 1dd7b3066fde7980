// Enrolling, reading lessons and recording progress; completion writes its outbox event in the
// same transaction, exactly once (the enrolment row is locked while progress is recomputed).
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { addOutboxEvent, Page, page, PageQuery } from '@chadavkhi/platform';
import { CoursesRepository } from '../courses/courses.repository';
import type { VersionModule } from '../courses/course-version.entity';
import { EnrollmentDetailView, EnrollmentView, LessonView } from './dto/enrollment.view';
import { EnrollmentRow, EnrollmentsRepository } from './enrollments.repository';
import { lessonEstimates, paceSteps } from './completion-pace';

export const LESSON_DONE_BY_PACKAGE =
  'This lesson is an e-learning package: it is marked done when the package reports it completed, not by hand.';

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsRepository,
    private readonly courses: CoursesRepository,
  ) {}

  /**
   * Enrols the caller on the current version; a second call returns the same enrolment. An
   * enrolment still in progress (on whichever version) is returned as it is; one completed on an
   * older version does not stop a new enrolment on the current one — that is how a certificate is
   * renewed. Unique (user, version) and one-in-progress-per-course constraints settle races.
   */
  async enroll(actor: AuthUser, courseId: string): Promise<{ created: boolean; enrollment: EnrollmentView }> {
    const { created, enrollmentId } = await this.enrollPerson(this.dataSource.manager, actor.id, courseId);
    const row = await this.enrollments.find(this.dataSource.manager, enrollmentId);
    return { created, enrollment: this.view(row!) };
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
    const versionId = await this.courses.currentVersionId(manager, courseId);
    if (!versionId) throw new NotFoundException('No published course has this id.');
    const created = await this.enrollments.insertUnlessEnrolled(manager, userId, courseId, versionId);
    return { created, enrollmentId: await this.enrollments.pick(manager, userId, courseId, versionId) };
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
    const versionId = await this.courses.currentVersionId(manager, courseId);
    if (!versionId) throw new NotFoundException('No published course has this id.');
    await this.enrollments.insertAssigned(manager, courseId, versionId, people);
    return this.enrollments.pickMany(
      manager,
      courseId,
      people.map((p) => p.userId),
    );
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
    await this.enrollments.insertRenewals(manager, rounds);
    return this.enrollments.inProgress(manager, rounds);
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
    await this.enrollments.setDueDates(manager, dues);
  }

  async mine(actor: AuthUser, query: PageQuery): Promise<Page<EnrollmentView>> {
    const { rows, total } = await this.enrollments.ofUser(this.dataSource.manager, actor.id, query.limit, query.offset);
    return page(
      rows.map((r) => this.view(r)),
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
    const lesson = (await this.courses.lesson(this.dataSource.manager, row.course_version_id, lessonId))!;
    return {
      id: lessonId,
      enrollmentId,
      title: order[index].title,
      moduleTitle: order[index].moduleTitle,
      kind: lesson.scorm_package ? 'scorm' : 'markdown',
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
      const fresh = await this.enrollments.find(manager, enrollmentId);
      return this.view(fresh!);
    });
  }

  /**
   * The same for several lessons of one enrolment, inside the caller's transaction (the offline sync,
   * a package's last SCO). `by` says who reports them done: a learner cannot mark done by hand a
   * package lesson with SCOs (409 `lesson-done-by-package`); its package does (ScormTrackingService).
   */
  async completeLessonsWith(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
    lessons: { lessonId: string; completedAt: Date }[],
    by: 'learner' | 'package' = 'learner',
  ): Promise<void> {
    const row = await this.owned(manager, actor, enrollmentId, true);
    const inVersion = new Set(row.modules.flatMap((m) => m.lessons.map((l) => l.id)));
    if (lessons.some((l) => !inVersion.has(l.lessonId)))
      throw new NotFoundException('This lesson is not part of the course version you are enrolled on.');
    if (!lessons.length) return;
    const fresh = lessons.filter((l) => !row.done.includes(l.lessonId));
    if (by === 'learner' && fresh.length) {
      const byPackage = await this.packageLessonsLeft(manager, row);
      if (fresh.some((l) => byPackage.has(l.lessonId)))
        throw new ConflictException({ message: LESSON_DONE_BY_PACKAGE, slug: 'lesson-done-by-package' });
    }
    if (fresh.length) {
      const facts = await this.enrollments.paceFacts(manager, enrollmentId, row.course_version_id);
      const paced = paceSteps(fresh, facts.earlier, lessonEstimates(facts.estimatedMinutes, facts.lengths));
      await this.enrollments.insertCompletions(manager, enrollmentId, paced);
      if (paced.some((p) => p.tooFast))
        await this.enrollments.addIntegrityFlag(manager, enrollmentId, 'lesson-too-fast');
    }
    await this.settle(manager, { ...row, done: [...row.done, ...lessons.map((l) => l.lessonId)] }, actor.agencyId);
  }

  /** The lessons of the enrolment's pinned version and when it began, the enrolment locked for the caller's transaction. */
  async lockedForSync(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
  ): Promise<{ lessonIds: Set<string>; doneOnlyByPackage: Set<string>; enrolledAt: Date }> {
    const row = await this.owned(manager, actor, enrollmentId, true);
    return {
      lessonIds: new Set(row.modules.flatMap((m) => m.lessons.map((l) => l.id))),
      doneOnlyByPackage: await this.packageLessonsLeft(manager, row),
      enrolledAt: new Date(row.enrolled_at),
    };
  }

  /**
   * The caller's enrolment's pinned version and whether the lesson is done (a package lesson's
   * player and commits); `lock` holds the enrolment row for the caller's transaction. A lesson
   * outside that version is a 404.
   */
  async enrolledLesson(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
    lessonId: string,
    lock = false,
  ): Promise<{ courseVersionId: string; lessonDone: boolean }> {
    const row = await this.owned(manager, actor, enrollmentId, lock);
    if (!row.modules.some((m) => m.lessons.some((l) => l.id === lessonId)))
      throw new NotFoundException('This lesson is not part of the course version you are enrolled on.');
    return { courseVersionId: row.course_version_id, lessonDone: row.done.includes(lessonId) };
  }

  /**
   * Called by the assessment lib inside its transaction when a quiz was answered implausibly fast:
   * the enrolment's evidence is flagged (never blocked), beside the attempt's own flag.
   */
  async flagQuizTooFast(manager: EntityManager, enrollmentId: string): Promise<void> {
    await this.enrollments.addIntegrityFlag(manager, enrollmentId, 'quiz-too-fast');
  }

  /**
   * Called by the assessment lib inside its transaction (the enrolment row locked by
   * lockedForQuiz) when the learner passes the course's final quiz.
   */
  async recordFinalQuizPassed(manager: EntityManager, enrollmentId: string, agencyId: string): Promise<void> {
    await this.enrollments.markFinalQuizPassed(manager, enrollmentId);
    const row = await this.enrollments.find(manager, enrollmentId);
    await this.settle(manager, row!, agencyId);
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
    return this.enrollments.forQuiz(this.dataSource.manager, actor.id, quizId, enrollmentId);
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
    await this.enrollments.saveProgress(manager, row.id, percent, completes, completedAt);
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
    await this.enrollments.lock(manager, enrollmentId);
    const row = await this.enrollments.find(manager, enrollmentId);
    if (!row) throw new NotFoundException('No enrolment has this id.');
    if (row.status === 'completed') return 'already_completed';
    const finalQuiz = row.has_final_quiz ? (row.quizzes ?? []).find((q) => q.moduleId === null) : undefined;
    if (finalQuiz && paperScore === null) return 'score_needed';
    if (finalQuiz && paperScore! < finalQuiz.passMarkPercent) return 'below_pass_mark';
    const completedAt = new Date();
    if (!(await this.enrollments.completeFaceToFace(manager, enrollmentId, completedAt, paperScore, !!finalQuiz)))
      return 'already_completed';
    const agencyId = await this.enrollments.agencyOfUser(manager, row.user_id);
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

  /** The enrolment's package lessons with SCOs not done yet: only their package may mark them done. */
  private async packageLessonsLeft(manager: EntityManager, row: EnrollmentRow): Promise<Set<string>> {
    const byPackage = await this.enrollments.lessonsDoneByPackage(manager, row.course_version_id);
    for (const done of row.done) byPackage.delete(done);
    return byPackage;
  }

  private async owned(manager: EntityManager, actor: AuthUser, id: string, lock = false): Promise<EnrollmentRow> {
    if (lock) await this.enrollments.lock(manager, id);
    const row = await this.enrollments.find(manager, id);
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
