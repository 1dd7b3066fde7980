// SQL of courses, their published versions and those versions' lessons. Every method takes the
// caller's entity manager, so what the service does in one transaction stays in it.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { escapeLike, PreparedStatement, preparedStatement, ReadQueryable } from '@chadavkhi/platform';
import type { QuestionBankDefinition, QuizDefinition } from '../quizzes/quiz-definition';
import { Course } from './course.entity';
import type { CourseDraft } from './course-draft';
import { CourseLesson } from './course-lesson.entity';
import { CourseVersion, VersionModule } from './course-version.entity';
import type { VersionRow } from './dto/course.view';

const VERSION_COLUMNS = `c.id AS course_id, c.code, v.version, v.title, v.title_en, v.summary, v.summary_en, v.language,
  v.estimated_minutes, v.validity_months, v.competency_codes, v.module_count, v.lesson_count, v.published_at`;

/** The catalogue's statements by filter: l(anguage) and q(uery) given or not; $1 language, $2 pattern, $3 limit, $4 offset. */
const CATALOGUE = Object.fromEntries(
  (['--', 'l-', '-q', 'lq'] as const).map((variant) => {
    const where = [
      variant[0] === 'l' ? 'v.language = $1' : '$1::text IS NULL',
      variant[1] === 'q'
        ? '(v.title ILIKE $2 OR v.title_en ILIKE $2 OR v.summary ILIKE $2 OR v.summary_en ILIKE $2)'
        : '$2::text IS NULL',
    ].join(' AND ');
    const from = `FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE ${where}`;
    return [
      variant,
      {
        page: preparedStatement(
          `learning_catalogue_${variant}`,
          `SELECT ${VERSION_COLUMNS} ${from} ORDER BY v.published_at DESC, c.id LIMIT $3 OFFSET $4`,
        ),
        count: preparedStatement(`learning_catalogue_count_${variant}`, `SELECT count(*)::int AS total ${from}`),
      },
    ];
  }),
) as Record<string, { page: PreparedStatement; count: PreparedStatement }>;

/** A new version's columns, as publishing snapshots them from the draft. */
export type NewVersion = Omit<CourseVersion, 'id'>;

/** A published course with the reader's latest enrolment on it (the one in progress first). */
export type PublishedRow = VersionRow & {
  modules: VersionModule[];
  enrollment_id: string | null;
  enrollment_status: string | null;
  progress_percent: number | null;
  enrolled_version: number | null;
};

/** A version that carries a given quiz, with its course's owner. */
export interface QuizVersionRow {
  course_id: string;
  owner_id: string | null;
  id: string;
  quizzes: QuizDefinition[];
}

@Injectable()
export class CoursesRepository {
  // ---- courses ----

  async insert(
    manager: EntityManager,
    values: { ownerId: string | null; draft: CourseDraft; draftHash: string },
  ): Promise<Course> {
    const repo = manager.getRepository(Course);
    return repo.save(repo.create(values));
  }

  /** A course from content/ (no owner), as stored. */
  async insertFromContent(
    manager: EntityManager,
    code: string,
    draft: CourseDraft,
    draftHash: string,
  ): Promise<Course> {
    const repo = manager.getRepository(Course);
    await repo.insert({ code, ownerId: null, draft, draftHash });
    return repo.findOneByOrFail({ code });
  }

  /** The course, locked FOR UPDATE when the manager is in a transaction (until it ends). */
  async find(manager: EntityManager, id: string): Promise<Course | null> {
    const qb = manager.getRepository(Course).createQueryBuilder('c').where('c.id = :id', { id });
    if (manager.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The course that came from content/ under this code, locked FOR UPDATE. */
  async lockByCode(manager: EntityManager, code: string): Promise<Course | null> {
    return manager
      .getRepository(Course)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.code = :code', { code })
      .getOne();
  }

  async saveDraft(
    manager: EntityManager,
    id: string,
    values: { draft: CourseDraft; draftHash: string; draftRevision: number },
  ): Promise<void> {
    await manager.update(Course, { id }, values);
  }

  /** A new draft from content/, one revision on from whatever the course is at. */
  async replaceDraft(manager: EntityManager, id: string, draft: CourseDraft, draftHash: string): Promise<void> {
    await manager.update(Course, { id }, { draft, draftHash, draftRevision: () => 'draft_revision + 1' });
  }

  async setCurrentVersion(
    manager: EntityManager,
    courseId: string,
    currentVersionId: string,
    currentVersion: number,
  ): Promise<void> {
    await manager.update(Course, { id: courseId }, { currentVersionId, currentVersion });
  }

  /** Drafts newest-changed first with their current version's hash; only `ownerId`'s when given. */
  async drafts(
    manager: EntityManager,
    filter: { ownerId?: string; q?: string; offset: number; limit: number },
  ): Promise<{ rows: { course: Course; currentHash: string | null }[]; total: number }> {
    const qb = manager
      .getRepository(Course)
      .createQueryBuilder('c')
      .leftJoin(CourseVersion, 'v', 'v.id = c.current_version_id')
      .addSelect('v.content_hash', 'current_hash')
      .orderBy('c.updated_at', 'DESC')
      .offset(filter.offset)
      .limit(filter.limit);
    if (filter.ownerId) qb.where('c.owner_id = :owner', { owner: filter.ownerId });
    if (filter.q) qb.andWhere(`(c.draft->>'title') ILIKE :q`, { q: `%${escapeLike(filter.q)}%` });
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    return { rows: entities.map((course, i) => ({ course, currentHash: raw[i]?.current_hash ?? null })), total };
  }

  // ---- versions ----

  async currentVersionId(manager: EntityManager, courseId: string): Promise<string | null> {
    const [course] = await manager.query(`SELECT current_version_id FROM courses WHERE id = $1`, [courseId]);
    return course?.current_version_id ?? null;
  }

  async contentHash(manager: EntityManager, versionId: string): Promise<string | null> {
    const v = await manager
      .getRepository(CourseVersion)
      .findOne({ where: { id: versionId }, select: { contentHash: true } });
    return v?.contentHash ?? null;
  }

  /** Inserts the version; returns its id. */
  async insertVersion(manager: EntityManager, values: NewVersion): Promise<string> {
    const inserted = await manager.insert(CourseVersion, values);
    return inserted.identifiers[0].id as string;
  }

  /** In statements of 200 rows, so a long course stays under the bind-parameter limit. */
  async insertLessons(manager: EntityManager, lessons: CourseLesson[]): Promise<void> {
    for (let i = 0; i < lessons.length; i += 200) await manager.insert(CourseLesson, lessons.slice(i, i + 200));
  }

  /** Newest first. */
  async versions(manager: EntityManager, courseId: string): Promise<CourseVersion[]> {
    return manager.getRepository(CourseVersion).find({ where: { courseId }, order: { version: 'DESC' } });
  }

  async version(manager: EntityManager, courseId: string, version: number): Promise<CourseVersion | null> {
    return manager.getRepository(CourseVersion).findOneBy({ courseId, version });
  }

  /** In reading order. */
  async lessons(manager: EntityManager, courseVersionId: string): Promise<CourseLesson[]> {
    return manager
      .getRepository(CourseLesson)
      .find({ where: { courseVersionId }, order: { modulePosition: 'ASC', position: 'ASC' } });
  }

  /** Each lesson's id and HTML, in reading order. */
  async lessonBodies(
    manager: EntityManager,
    courseVersionId: string,
  ): Promise<{ lesson_id: string; body_html: string; scorm_package: string | null }[]> {
    return manager.query(
      `SELECT lesson_id, body_html, scorm_package FROM course_lessons WHERE course_version_id = $1 ORDER BY module_position, position`,
      [courseVersionId],
    );
  }

  async lesson(
    manager: EntityManager,
    courseVersionId: string,
    lessonId: string,
  ): Promise<{ body_html: string; video_url: string | null; scorm_package: string | null } | undefined> {
    const [lesson] = await manager.query(
      `SELECT body_html, video_url, scorm_package FROM course_lessons WHERE course_version_id = $1 AND lesson_id = $2`,
      [courseVersionId, lessonId],
    );
    return lesson;
  }

  /** The banks (with answer keys) and quizzes frozen into a version. */
  async assessment(
    manager: EntityManager,
    courseVersionId: string,
  ): Promise<{ questionBanks: QuestionBankDefinition[]; quizzes: QuizDefinition[] } | undefined> {
    const [row] = await manager.query(`SELECT question_banks, quizzes FROM course_versions WHERE id = $1`, [
      courseVersionId,
    ]);
    return row && { questionBanks: row.question_banks, quizzes: row.quizzes };
  }

  /** Versions that carry this quiz id (of one course when given), newest first. */
  async versionsWithQuiz(manager: EntityManager, quizId: string, courseId?: string): Promise<QuizVersionRow[]> {
    return manager.query(
      `SELECT v.course_id, c.owner_id, v.id, v.quizzes FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE v.quizzes @> jsonb_build_array(jsonb_build_object('id', $1::text)) AND ($2::uuid IS NULL OR v.course_id = $2)
        ORDER BY v.version DESC`,
      [quizId, courseId ?? null],
    );
  }

  // ---- the published catalogue ----

  /** Current versions, newest published first; `q` matches titles and summaries in either language. */
  /**
   * A page of the catalogue and the number of matches, as two of eight prepared statements (with or
   * without a language, a search) run side by side. One query with a window count was tried: it
   * must build and sort every match before the first row, three to eight times the two together.
   */
  async catalogue(
    reader: ReadQueryable,
    filter: { language?: string; q?: string; offset: number; limit: number },
  ): Promise<{ rows: VersionRow[]; total: number }> {
    const statement = CATALOGUE[`${filter.language ? 'l' : '-'}${filter.q ? 'q' : '-'}`];
    const values = [filter.language ?? null, filter.q ? `%${escapeLike(filter.q)}%` : null];
    const [rows, [{ total }]] = await Promise.all([
      reader.prepared<VersionRow>(statement.page, [...values, filter.limit, filter.offset]),
      reader.prepared<{ total: number }>(statement.count, values),
    ]);
    return { rows, total };
  }

  /** The current versions of the published courses among `ids`, in no particular order. */
  async currentVersions(manager: EntityManager, ids: string[]): Promise<VersionRow[]> {
    return manager.query(
      `SELECT ${VERSION_COLUMNS} FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async published(manager: EntityManager, id: string, userId: string): Promise<PublishedRow | undefined> {
    const [row] = await manager.query(
      `SELECT ${VERSION_COLUMNS}, v.modules, e.id AS enrollment_id, e.status AS enrollment_status, e.progress_percent, ev.version AS enrolled_version
         FROM courses c JOIN course_versions v ON v.id = c.current_version_id
         LEFT JOIN LATERAL (
           SELECT id, status, progress_percent, course_version_id FROM enrollments
            WHERE course_id = c.id AND user_id = $2 ORDER BY (status = 'in_progress') DESC, enrolled_at DESC LIMIT 1) e ON true
         LEFT JOIN course_versions ev ON ev.id = e.course_version_id
        WHERE c.id = $1`,
      [id, userId],
    );
    return row;
  }
}
