// Authoring (draft, publish, versions) and the published catalogue.
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { addOutboxEvent, Page, page, ReadReplicas, recordAudit, validateInput } from '@chadavkhi/platform';
import { renderLessonMarkdown } from '../markdown/lesson-markdown';
import { Course } from './course.entity';
import { assessmentProblems, QuestionBankDefinition, QuizDefinition } from '../quizzes/quiz-definition';
import {
  banksWithIds,
  CourseDraft,
  draftHash,
  IncomingModule,
  draftPackages,
  lessonCount,
  quizzesWithIds,
  withIds,
} from './course-draft';
import { CoursesRepository } from './courses.repository';
import { ScormPackagesRepository } from '../scorm/scorm-packages.repository';
import { AuthoredCourseView } from './dto/authored-course.view';
import { CompareVersionsQuery } from './dto/compare-versions.query';
import { CourseDetailView, courseSummary, CourseSummaryView, outline } from './dto/course.view';
import { CreateCourseDto, UpdateCourseDto } from './dto/course-draft.dto';
import { CourseVersionView, PublishedVersionView, VersionDiffView } from './dto/course-version.view';
import { ListCoursesQuery } from './dto/list-courses.query';
import { diffVersions } from './version-diff';

export interface PublishOptions {
  /** Holders of certificates from earlier versions must renew them. */
  requiresRecertification?: boolean;
}

/**
 * How long a catalogue page is served from memory. The catalogue is the same for every reader (no role
 * or agency changes it), so nothing a permission change must invalidate is kept; this bound is below
 * the staleness replicas are allowed (DATABASE_REPLICA_MAX_LAG_MS, 2 s by default).
 */
const CATALOGUE_CACHE_MS = 1000;
const CATALOGUE_CACHE_ENTRIES = 200;

@Injectable()
export class CoursesService {
  /**
   * Catalogue pages by their query, as promises: concurrent asks for one page share one read, and a
   * page is read again a second later. Publishing in this process empties it at once.
   */
  private readonly catalogueCache = new Map<string, { at: number; page: Promise<Page<CourseSummaryView>> }>();
  private readonly assessmentCache = new Map<
    string,
    { questionBanks: QuestionBankDefinition[]; quizzes: QuizDefinition[] }
  >();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly replicas: ReadReplicas,
    private readonly packages: ScormPackagesRepository,
  ) {}

  // ---- authoring ----

  /** Checks the input's rules itself, whoever calls (the API, a page, an importer). */
  async create(actor: AuthUser, input: CreateCourseDto): Promise<AuthoredCourseView> {
    return this.dataSource.transaction((manager) => this.createIn(manager, actor, input));
  }

  /**
   * Creates a draft in the caller's transaction (a package import stores its package in the same one).
   * The packages its lessons name stay locked until it commits, so the clean-up cannot take them meanwhile.
   */
  async createIn(manager: EntityManager, actor: AuthUser, input: CreateCourseDto): Promise<AuthoredCourseView> {
    const dto = await validateInput(CreateCourseDto, input);
    const { questionBanks: bankInput, quizzes: quizInput, ...fields } = dto;
    const modules = withIds(dto.modules as IncomingModule[]);
    const questionBanks = banksWithIds(bankInput ?? []);
    const draft = this.normalise({
      ...fields,
      competencyCodes: dto.competencyCodes ?? [],
      modules,
      questionBanks,
      quizzes: quizzesWithIds(quizInput ?? [], questionBanks, modules),
    });
    await this.assertPackages(manager, draft);
    const saved = await this.courses.insert(manager, {
      ownerId: actor.id,
      draft,
      draftHash: draftHash(draft),
    });
    return this.authoredView(saved, null);
  }

  /** Changes any of the draft's fields; with `revision`, only if the draft is still at that revision. */
  async updateDraft(actor: AuthUser, id: string, input: UpdateCourseDto): Promise<AuthoredCourseView> {
    const { revision, ...fields } = await validateInput(UpdateCourseDto, input);
    return this.dataSource.transaction(async (manager) => {
      const course = await this.lockForEdit(manager, actor, id, revision);
      return this.saveDraft(manager, course, fields);
    });
  }

  /**
   * The course locked (FOR UPDATE, until the caller's transaction ends) for the actor to edit: the
   * trainer who owns it or an administrator. With `revision`, refuses (409 draft-changed) a draft
   * that has been saved since the editor read it.
   */
  async lockForEdit(manager: EntityManager, actor: AuthUser, id: string, revision?: number): Promise<Course> {
    const course = await this.editable(manager, actor, id);
    if (revision !== undefined && revision !== course.draftRevision) {
      throw new ConflictException({
        message: `Someone else changed this course (now revision ${course.draftRevision}, yours was ${revision}); your change was not saved. Load the draft again and redo it.`,
        slug: 'draft-changed',
        revision: course.draftRevision,
      });
    }
    return course;
  }

  /** Saves new draft fields on a course the caller has locked (lockForEdit), one revision on. */
  async saveDraft(
    manager: EntityManager,
    course: Course,
    dto: Omit<UpdateCourseDto, 'revision'>,
  ): Promise<AuthoredCourseView> {
    const { modules, questionBanks, quizzes, ...fields } = dto;
    const draft: CourseDraft = {
      ...course.draft,
      questionBanks: course.draft.questionBanks ?? [],
      quizzes: course.draft.quizzes ?? [],
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (draft as unknown as Record<string, unknown>)[key] = value;
    }
    if (modules) draft.modules = withIds(modules as IncomingModule[]);
    if (questionBanks) draft.questionBanks = banksWithIds(questionBanks);
    if (quizzes) draft.quizzes = quizzesWithIds(quizzes, draft.questionBanks, draft.modules);
    const normalised = this.normalise(draft);
    await this.assertPackages(manager, normalised);
    const draftRevision = course.draftRevision + 1;
    await this.courses.saveDraft(manager, course.id, {
      draft: normalised,
      draftHash: draftHash(normalised),
      draftRevision,
    });
    return this.authoredView(
      { ...course, draft: normalised, draftHash: draftHash(normalised), draftRevision, updatedAt: new Date() },
      await this.currentHash(manager, course),
    );
  }

  async getDraft(actor: AuthUser, id: string): Promise<AuthoredCourseView> {
    const course = await this.editable(this.dataSource.manager, actor, id);
    return this.authoredView(course, await this.currentHash(this.dataSource.manager, course));
  }

  async mine(actor: AuthUser, query: ListCoursesQuery): Promise<Page<AuthoredCourseView>> {
    const { rows, total } = await this.courses.drafts(this.dataSource.manager, {
      ownerId: hasRole(actor, 'admin') ? undefined : actor.id,
      q: query.q?.trim() || undefined,
      offset: query.offset,
      limit: query.limit,
    });
    return page(
      rows.map((r) => this.authoredView(r.course, r.currentHash)),
      total,
      query,
    );
  }

  /** Snapshots the draft into the next immutable version. */
  async publish(
    actor: AuthUser,
    id: string,
    ip: string | null,
    options: PublishOptions = {},
  ): Promise<PublishedVersionView> {
    return this.dataSource
      .transaction(async (manager) => {
        const course = await this.editable(manager, actor, id);
        const result = await this.publishDraft(manager, course, actor.id, options);
        await recordAudit(
          manager,
          { id: actor.id, email: actor.email, ip },
          'course.publish',
          { type: 'course', id },
          { version: result.version, requiresRecertification: !!options.requiresRecertification },
        );
        return result;
      })
      .finally(() => this.catalogueCache.clear());
  }

  /** Used by publish and by the content importer (which has no acting user). Caller holds the row lock. */
  async publishDraft(
    manager: EntityManager,
    course: Course,
    publishedBy: string | null,
    options: PublishOptions = {},
  ): Promise<PublishedVersionView> {
    this.catalogueCache.clear(); // and again by publish() once committed
    const draft = course.draft;
    if (lessonCount(draft) === 0)
      throw new UnprocessableEntityException('A course needs at least one lesson before it can be published.');
    // Checked again here: a draft saved before a rule existed must still meet it to be published.
    assertAssessment(draft);
    const hash = draftHash(draft);
    const current = await this.currentHash(manager, course);
    if (current === hash) throw new ConflictException(`Nothing has changed since version ${course.currentVersion}.`);
    const version = course.currentVersion + 1;
    const courseVersionId = await this.courses.insertVersion(manager, {
      courseId: course.id,
      version,
      title: draft.title,
      titleEn: draft.titleEn ?? null,
      summary: draft.summary,
      summaryEn: draft.summaryEn ?? null,
      language: draft.language,
      estimatedMinutes: draft.estimatedMinutes,
      validityMonths: draft.validityMonths ?? null,
      competencyCodes: draft.competencyCodes,
      modules: draft.modules.map((m) => ({
        id: m.id,
        title: m.title,
        lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, required: l.required })),
      })),
      moduleCount: draft.modules.length,
      lessonCount: lessonCount(draft),
      questionBanks: draft.questionBanks ?? [],
      quizzes: draft.quizzes ?? [],
      hasFinalQuiz: (draft.quizzes ?? []).some((q) => q.moduleId === null),
      requiresRecertification: !!options.requiresRecertification,
      contentHash: hash,
      publishedAt: new Date(),
      publishedBy,
    });
    const lessons = draft.modules.flatMap((m, mi) =>
      m.lessons.map((l, li) => ({
        courseVersionId,
        lessonId: l.id,
        moduleId: m.id,
        modulePosition: mi,
        position: li,
        title: l.title,
        bodyMarkdown: l.body,
        bodyHtml: renderLessonMarkdown(l.body),
        videoUrl: l.videoUrl ?? null,
        required: l.required,
        scormPackage: l.scormPackage ?? null,
      })),
    );
    await this.courses.insertLessons(manager, lessons);
    await this.courses.setCurrentVersion(manager, course.id, courseVersionId, version);
    await addOutboxEvent(manager, 'course.published', { courseId: course.id, courseVersionId, version });
    // The certification lib shortens earlier certificates' expiry and their holders are told.
    if (options.requiresRecertification && version > 1)
      await addOutboxEvent(manager, 'course.recertification_required', {
        courseId: course.id,
        courseVersionId,
        version,
      });
    return { version, courseVersionId };
  }

  async versions(actor: AuthUser, id: string): Promise<CourseVersionView[]> {
    await this.editable(this.dataSource.manager, actor, id);
    const rows = await this.courses.versions(this.dataSource.manager, id);
    return rows.map((v) => ({
      version: v.version,
      id: v.id,
      title: v.title,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy,
      lessonCount: v.lessonCount,
      requiresRecertification: v.requiresRecertification,
      hasFinalQuiz: v.hasFinalQuiz,
    }));
  }

  async compare(actor: AuthUser, id: string, query: CompareVersionsQuery): Promise<VersionDiffView> {
    await this.editable(this.dataSource.manager, actor, id);
    const load = async (n: number) => {
      const v = await this.courses.version(this.dataSource.manager, id, n);
      if (!v) throw new NotFoundException(`This course has no version ${n}.`);
      const lessons = await this.courses.lessons(this.dataSource.manager, v.id);
      const moduleTitles = new Map(v.modules.map((m) => [m.id, m.title]));
      const packageTitles = await this.packages.titles(
        this.dataSource.manager,
        lessons.flatMap((l) => (l.scormPackage ? [l.scormPackage] : [])),
      );
      return {
        version: n,
        fields: {
          title: v.title,
          titleEn: v.titleEn,
          summary: v.summary,
          summaryEn: v.summaryEn,
          language: v.language,
          estimatedMinutes: v.estimatedMinutes,
          validityMonths: v.validityMonths,
          competencyCodes: v.competencyCodes,
          modules: v.modules.map((m) => m.title),
        },
        lessons: lessons.map((l) => ({
          id: l.lessonId,
          moduleTitle: moduleTitles.get(l.moduleId) ?? '',
          title: l.title,
          body: l.bodyMarkdown,
          required: l.required,
          scormPackage: l.scormPackage
            ? { sha256: l.scormPackage, title: packageTitles.get(l.scormPackage) ?? l.scormPackage }
            : null,
        })),
      };
    };
    const [a, b] = await Promise.all([load(query.from), load(query.to)]);
    return diffVersions(a, b);
  }

  // ---- catalogue ----

  /**
   * Newly published courses may show a moment late (a replica's bounded lag, and a second in memory):
   * nobody reads their own write here, and a publish in this process is seen at once.
   */
  async catalogue(query: ListCoursesQuery): Promise<Page<CourseSummaryView>> {
    const filter = {
      language: query.language,
      q: query.q?.trim() || undefined,
      offset: query.offset,
      limit: query.limit,
    };
    const key = JSON.stringify(filter);
    const now = Date.now();
    const cached = this.catalogueCache.get(key);
    if (cached && now - cached.at < CATALOGUE_CACHE_MS) return cached.page;
    const read = this.courses
      .catalogue(this.replicas, filter)
      .then(({ rows, total }) => page(rows.map(courseSummary), total, query));
    this.catalogueCache.delete(key);
    if (this.catalogueCache.size >= CATALOGUE_CACHE_ENTRIES)
      this.catalogueCache.delete(this.catalogueCache.keys().next().value!);
    this.catalogueCache.set(key, { at: now, page: read });
    read.catch(() => {
      if (this.catalogueCache.get(key)?.page === read) this.catalogueCache.delete(key);
    });
    return read;
  }

  /** The published courses among `ids`, in that order (ids with no published course are left out). */
  async summaries(ids: string[]): Promise<CourseSummaryView[]> {
    if (!ids.length) return [];
    const rows = await this.courses.currentVersions(this.dataSource.manager, ids);
    const byId = new Map(rows.map((r) => [r.course_id, courseSummary(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async published(actor: AuthUser, id: string): Promise<CourseDetailView> {
    const r = await this.courses.published(this.dataSource.manager, id, actor.id);
    if (!r) throw new NotFoundException('No published course has this id.');
    return {
      ...courseSummary(r),
      modules: outline(r.modules),
      enrollment: r.enrollment_id
        ? {
            id: r.enrollment_id,
            status: r.enrollment_status!,
            progressPercent: r.progress_percent!,
            version: r.enrolled_version!,
          }
        : null,
    };
  }

  // ---- for the assessment lib ----

  /**
   * The banks (with answer keys) and quizzes frozen into a version. Server-side use only.
   * Versions never change, so they are cached in memory (bounded) and shared by every grading.
   */
  async assessmentOf(
    manager: EntityManager,
    courseVersionId: string,
  ): Promise<{ questionBanks: QuestionBankDefinition[]; quizzes: QuizDefinition[] }> {
    const cached = this.assessmentCache.get(courseVersionId);
    if (cached) return cached;
    const value = await this.courses.assessment(manager, courseVersionId);
    if (!value) throw new NotFoundException('No such course version.');
    if (this.assessmentCache.size >= 500) this.assessmentCache.delete(this.assessmentCache.keys().next().value!);
    this.assessmentCache.set(courseVersionId, value);
    return value;
  }

  /**
   * The course whose quiz this is, among those the actor may author (trainer owner or admin), with
   * the quiz as last published and the ids of that course's versions. A quiz id is only unique
   * within its course (a draft may carry any id), so everything read about the quiz is read through
   * these versions; when the actor authors two courses with the id, they must name the course.
   */
  async authoredCourseOfQuiz(
    actor: AuthUser,
    quizId: string,
    courseId?: string,
  ): Promise<{ courseId: string; quiz: QuizDefinition; versionIds: string[] }> {
    const rows = await this.courses.versionsWithQuiz(this.dataSource.manager, quizId, courseId);
    if (!rows.length)
      throw new NotFoundException(
        courseId ? 'This course has no published quiz with this id.' : 'No published quiz has this id.',
      );
    const mayAuthor = (ownerId: string | null) =>
      hasRole(actor, 'admin') || (hasRole(actor, 'trainer') && ownerId === actor.id);
    const courseIds = [...new Set(rows.filter((r) => mayAuthor(r.owner_id)).map((r) => r.course_id))];
    if (!courseIds.length)
      throw new ForbiddenException(
        'Only the trainer who owns this course, or an administrator, can see its quiz results.',
      );
    if (courseIds.length > 1)
      throw new ConflictException({
        message: 'Several of your courses have a quiz with this id; name the course with ?courseId=.',
        slug: 'quiz-id-ambiguous',
      });
    const versions = rows.filter((r) => r.course_id === courseIds[0]);
    return {
      courseId: courseIds[0],
      quiz: versions[0].quizzes.find((q) => q.id === quizId)!,
      versionIds: versions.map((r) => r.id),
    };
  }

  // ---- helpers ----

  /** The course locked for editing, if the actor owns it or is an admin. */
  private async editable(manager: EntityManager, actor: AuthUser, id: string): Promise<Course> {
    const course = await this.courses.find(manager, id);
    if (!course) throw new NotFoundException('No course has this id.');
    if (!hasRole(actor, 'admin') && !(hasRole(actor, 'trainer') && course.ownerId === actor.id)) {
      throw new ForbiddenException('Only the trainer who owns this course, or an administrator, can change it.');
    }
    return course;
  }

  private async currentHash(manager: EntityManager, course: Course): Promise<string | null> {
    if (!course.currentVersionId) return null;
    return this.courses.contentHash(manager, course.currentVersionId);
  }

  /** A lesson may name only a package that was imported (and so checked): 422 unknown-package otherwise. */
  private async assertPackages(manager: EntityManager, draft: CourseDraft): Promise<void> {
    const unknown = await this.packages.unknown(manager, draftPackages(draft));
    if (unknown.length)
      throw new UnprocessableEntityException({
        message: `No SCORM package ${unknown[0]} has been imported; add a package through its upload.`,
        slug: 'unknown-package',
      });
  }

  private normalise(draft: CourseDraft): CourseDraft {
    const ids = new Set<string>();
    for (const m of draft.modules) {
      if (ids.has(m.id)) throw new UnprocessableEntityException(`Module id ${m.id} is used twice.`);
      ids.add(m.id);
      for (const l of m.lessons) {
        if (ids.has(l.id)) throw new UnprocessableEntityException(`Lesson id ${l.id} is used twice.`);
        ids.add(l.id);
      }
    }
    const questionBanks = draft.questionBanks ?? [];
    const quizzes = draft.quizzes ?? [];
    assertAssessment({ ...draft, questionBanks, quizzes });
    return {
      ...draft,
      questionBanks,
      quizzes,
      validityMonths: draft.validityMonths ?? null,
      competencyCodes: [...new Set(draft.competencyCodes ?? [])],
    };
  }

  private authoredView(course: Course, currentHash: string | null): AuthoredCourseView {
    return {
      id: course.id,
      code: course.code,
      draft: course.draft,
      revision: course.draftRevision,
      currentVersion: course.currentVersion,
      hasUnpublishedChanges: currentHash !== course.draftHash,
      updatedAt: new Date(course.updatedAt).toISOString(),
    };
  }
}

/** Refuses (422, each problem listed) banks and quizzes that do not fit: ids repeated within the course, keys, draws. */
function assertAssessment(draft: CourseDraft): void {
  const problems = assessmentProblems(
    draft.questionBanks ?? [],
    draft.quizzes ?? [],
    new Set(draft.modules.map((m) => m.id)),
  );
  if (problems.length)
    throw new UnprocessableEntityException({ message: `The quizzes need fixing: ${problems.join('; ')}.`, problems });
}
