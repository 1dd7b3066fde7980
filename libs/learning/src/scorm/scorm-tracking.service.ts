// A package lesson's runtime data on the server: what the player resumes from and what its commits
// change. A commit is checked against its package's version, applied unless stale, kept by its id
// (a retry answers the same), and the one that finishes the package's last SCO marks the lesson done
// through EnrollmentsService — the Markdown lessons' path, in the same transaction, so progress,
// the enrolment's completion and its outbox event follow unchanged.
import {
  ConflictException,
  HttpException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { ScormCommitDto } from './dto/scorm-commit.dto';
import {
  ScormCommitResultView,
  ScormLessonItemView,
  ScormLessonView,
  ScormScoStateView,
} from './dto/scorm-lesson.view';
import type { ScormTocItem } from './scorm-manifest';
import { ScormPackagesRepository, StoredScormPackage } from './scorm-packages.repository';
import { checkRuntimeData } from './scorm-runtime-data';
import { ScormTrackingRepository, ScormTrackingRow } from './scorm-tracking.repository';

/** A package lesson as the server knows it; the caller adds where the player is served from. */
export type ScormLessonState = Omit<ScormLessonView, 'contentOrigin' | 'playerUrl'> & { title: string };

/** The table of contents in reading order, each item with its depth. */
function flatten(items: ScormTocItem[], depth = 0): (ScormTocItem & { depth: number })[] {
  return items.flatMap((item) => [{ ...item, depth }, ...flatten(item.children, depth + 1)]);
}

function stateView(row: ScormTrackingRow): ScormScoStateView {
  return {
    revision: row.revision,
    done: row.done,
    lessonStatus: row.lesson_status,
    completionStatus: row.completion_status,
    successStatus: row.success_status,
    scoreRaw: row.score_raw,
    scoreMin: row.score_min,
    scoreMax: row.score_max,
    scoreScaled: row.score_scaled,
    location: row.location,
    suspendData: row.suspend_data,
    totalSeconds: row.total_seconds,
  };
}

@Injectable()
export class ScormTrackingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsService,
    private readonly courses: CoursesRepository,
    private readonly packages: ScormPackagesRepository,
    private readonly tracking: ScormTrackingRepository,
  ) {}

  /** The lesson's package with each SCO's saved state: what the player resumes from, on any device. */
  async lesson(actor: AuthUser, enrollmentId: string, lessonId: string): Promise<ScormLessonState> {
    const manager = this.dataSource.manager;
    const { lessonDone, pkg } = await this.packageLesson(manager, actor, enrollmentId, lessonId, false);
    const rows = new Map((await this.tracking.ofLesson(manager, enrollmentId, lessonId)).map((r) => [r.sco_id, r]));
    const items: ScormLessonItemView[] = flatten(pkg.manifest.organization.items).map((item) => ({
      identifier: item.identifier,
      title: item.title,
      depth: item.depth,
      launch: item.launch,
      scormType: item.scormType,
      state: rows.has(item.identifier) ? stateView(rows.get(item.identifier)!) : null,
    }));
    return {
      enrollmentId,
      lessonId,
      packageSha256: pkg.sha256,
      version: pkg.version,
      title: pkg.title,
      lessonCompleted: lessonDone,
      items,
    };
  }

  /**
   * Applies one commit of a SCO's runtime data. The same commit id again answers what it answered
   * the first time. Stale — an earlier sequence of the same session, or a session that began
   * before another session's write — is refused (409) and changes nothing.
   */
  async commit(
    actor: AuthUser,
    enrollmentId: string,
    lessonId: string,
    scoId: string,
    input: ScormCommitDto,
  ): Promise<ScormCommitResultView> {
    return this.dataSource.transaction((manager) =>
      this.commitWith(manager, actor, enrollmentId, lessonId, scoId, input),
    );
  }

  /**
   * The same inside the caller's transaction (a commit made offline, sent through /sync). Every
   * refusal is thrown before anything is written, so a caller may catch it and go on.
   */
  async commitWith(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
    lessonId: string,
    scoId: string,
    input: ScormCommitDto,
  ): Promise<ScormCommitResultView> {
    const { lessonDone, pkg } = await this.packageLesson(manager, actor, enrollmentId, lessonId, true);
    const scos = flatten(pkg.manifest.organization.items).filter((i) => i.scormType === 'sco');
    if (!scos.some((s) => s.identifier === scoId))
      throw new NotFoundException('This package has no SCO with this identifier.');
    const earlier = await this.tracking.findCommit(manager, input.commitId);
    if (earlier) {
      if (earlier.enrollment_id !== enrollmentId || earlier.lesson_id !== lessonId || earlier.sco_id !== scoId)
        throw new UnprocessableEntityException({
          message: 'This commit id was used for another SCO; every commit needs an id of its own.',
          slug: 'scorm-commit-id-reused',
        });
      return earlier.result as ScormCommitResultView;
    }
    const data = checkRuntimeData(pkg.version, input);
    const rows = await this.tracking.ofLesson(manager, enrollmentId, lessonId);
    const row = rows.find((r) => r.sco_id === scoId);
    const sameSession = row?.session_id === input.sessionId;
    if (row && (sameSession ? input.sequence <= row.sequence : input.baseRevision < row.revision))
      throw new ConflictException({
        message: sameSession
          ? 'A later commit of this session was applied already; this one changes nothing.'
          : 'This SCO was saved from another session (another device) after this one started; reload the lesson to continue from there.',
        slug: 'scorm-commit-stale',
        revision: row.revision,
      });
    const sessionSeconds = data.sessionSeconds ?? (sameSession ? row!.session_seconds : 0);
    const before = row ? row.total_seconds - (sameSession ? row.session_seconds : 0) : 0;
    const saved: ScormTrackingRow = {
      sco_id: scoId,
      lesson_status: data.lessonStatus,
      completion_status: data.completionStatus,
      success_status: data.successStatus,
      // Done stays done: a learner who opens a finished SCO again does not undo the lesson.
      done: data.done || !!row?.done,
      score_raw: data.scoreRaw,
      score_min: data.scoreMin,
      score_max: data.scoreMax,
      score_scaled: data.scoreScaled,
      location: data.location,
      suspend_data: data.suspendData,
      session_seconds: sessionSeconds,
      total_seconds: before + sessionSeconds,
      interactions: data.interactions,
      session_id: input.sessionId,
      sequence: input.sequence,
      revision: (row?.revision ?? 0) + 1,
    };
    await this.tracking.save(manager, { ...saved, enrollmentId, lessonId, scoId });
    const done = new Set(rows.filter((r) => r.done).map((r) => r.sco_id));
    if (saved.done) done.add(scoId);
    const finished = scos.every((s) => done.has(s.identifier));
    if (finished && !lessonDone)
      await this.enrollments.completeLessonsWith(
        manager,
        actor,
        enrollmentId,
        [{ lessonId, completedAt: new Date() }],
        'package',
      );
    const result: ScormCommitResultView = {
      scoId,
      state: stateView(saved),
      lessonCompleted: lessonDone || finished,
    };
    await this.tracking.recordCommit(manager, { commitId: input.commitId, enrollmentId, lessonId, scoId, result });
    return result;
  }

  /**
   * A commit made offline and sent through /sync, in the caller's transaction: applied, a duplicate
   * of one applied before (online or in an earlier batch, the same commit id), or refused with the
   * reason — stale, outside the data model — with nothing written, so the batch goes on.
   */
  async commitOffline(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
    lessonId: string,
    scoId: string,
    input: ScormCommitDto,
  ): Promise<{ status: 'applied' | 'duplicate' } | { status: 'refused'; reason: string }> {
    const seen = !!(await this.tracking.findCommit(manager, input.commitId));
    try {
      await this.commitWith(manager, actor, enrollmentId, lessonId, scoId, input);
      return { status: seen ? 'duplicate' : 'applied' };
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500)
        return { status: 'refused', reason: error.message };
      throw error;
    }
  }

  /** The caller's enrolled lesson and its package; a lesson without one is a 404 here. */
  private async packageLesson(
    manager: EntityManager,
    actor: AuthUser,
    enrollmentId: string,
    lessonId: string,
    lock: boolean,
  ): Promise<{ lessonDone: boolean; pkg: StoredScormPackage }> {
    const { courseVersionId, lessonDone } = await this.enrollments.enrolledLesson(
      manager,
      actor,
      enrollmentId,
      lessonId,
      lock,
    );
    const lesson = await this.courses.lesson(manager, courseVersionId, lessonId);
    const pkg = lesson?.scorm_package ? await this.packages.find(manager, lesson.scorm_package) : undefined;
    if (!pkg) throw new NotFoundException('This lesson is not a SCORM package.');
    return { lessonDone, pkg };
  }
}
