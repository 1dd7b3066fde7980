// What a printout of one published version reads: the version (with its answer keys, which stay
// on the server unless the trainer asks for the marking key), its owner, and its lessons in order.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { VersionModule } from '../courses/course-version.entity';
import type { QuestionBankDefinition, QuizDefinition } from '../quizzes/quiz-definition';

export interface PackVersionRow {
  courseId: string;
  code: string | null;
  ownerId: string | null;
  /** Null when the course exists but has no such version. */
  versionId: string | null;
  version: number;
  title: string;
  titleEn: string | null;
  summary: string;
  language: 'mn' | 'en';
  estimatedMinutes: number;
  publishedAt: Date;
  modules: VersionModule[];
  quizzes: QuizDefinition[];
  questionBanks: QuestionBankDefinition[];
  /** Characters of lesson Markdown: what building the pack will cost. */
  markdownChars: number;
}

export interface PackLessonRow {
  lessonId: string;
  moduleId: string;
  title: string;
  bodyMarkdown: string;
  videoUrl: string | null;
  required: boolean;
  /** A SCORM package lesson: its package's description (null: none, or not a package lesson). */
  packageDescription: string | null;
  isPackage: boolean;
}

@Injectable()
export class CoursePackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The course (null if there is none) and, if it has it, the version. */
  async version(courseId: string, version: number): Promise<PackVersionRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT c.id AS "courseId", c.code, c.owner_id AS "ownerId", v.id AS "versionId", v.version, v.title, v.title_en AS "titleEn",
              v.summary, v.language, v.estimated_minutes AS "estimatedMinutes", v.published_at AS "publishedAt", v.modules, v.quizzes, v.question_banks AS "questionBanks",
              (SELECT coalesce(sum(length(l.body_markdown)), 0)::int FROM course_lessons l WHERE l.course_version_id = v.id) AS "markdownChars"
         FROM courses c LEFT JOIN course_versions v ON v.course_id = c.id AND v.version = $2
        WHERE c.id = $1`,
      [courseId, version],
    );
    return row ?? null;
  }

  async lessons(courseVersionId: string): Promise<PackLessonRow[]> {
    return this.dataSource.query(
      `SELECT l.lesson_id AS "lessonId", l.module_id AS "moduleId", l.title, l.body_markdown AS "bodyMarkdown",
              l.video_url AS "videoUrl", l.required, l.scorm_package IS NOT NULL AS "isPackage",
              p.manifest->>'description' AS "packageDescription"
         FROM course_lessons l LEFT JOIN scorm_packages p ON p.sha256 = l.scorm_package
        WHERE l.course_version_id = $1 ORDER BY l.module_position, l.position`,
      [courseVersionId],
    );
  }
}
