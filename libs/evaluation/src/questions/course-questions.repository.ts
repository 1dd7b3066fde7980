// A trainer's own questions per course and survey (evaluation_course_questions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Survey } from './question-bank';

export interface CourseQuestionRow {
  id: string;
  course_id: string;
  survey: Survey;
  kind: 'rating' | 'text';
  text_mn: string;
  text_en: string | null;
  created_at: Date;
}

const COLUMNS = `id, course_id, survey, kind, text_mn, text_en, created_at`;

@Injectable()
export class CourseQuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(courseId: string, survey?: Survey): Promise<CourseQuestionRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM evaluation_course_questions
        WHERE course_id = $1 AND removed_at IS NULL AND ($2::text IS NULL OR survey = $2)
        ORDER BY survey, created_at, id`,
      [courseId, survey ?? null],
    );
  }

  /** The course's live questions of a survey, counted under a lock on the course's rows. */
  async countLocked(manager: EntityManager, courseId: string, survey: Survey): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('evaluation-questions:' || $1::text))`, [courseId]);
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM evaluation_course_questions WHERE course_id = $1 AND survey = $2 AND removed_at IS NULL`,
      [courseId, survey],
    );
    return row.n;
  }

  async insert(
    manager: EntityManager,
    q: {
      courseId: string;
      survey: Survey;
      kind: 'rating' | 'text';
      textMn: string;
      textEn: string | null;
      createdBy: string;
    },
  ): Promise<CourseQuestionRow> {
    const [row] = await manager.query(
      `INSERT INTO evaluation_course_questions (course_id, survey, kind, text_mn, text_en, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [q.courseId, q.survey, q.kind, q.textMn, q.textEn, q.createdBy],
    );
    return row;
  }

  async find(id: string): Promise<CourseQuestionRow | undefined> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM evaluation_course_questions WHERE id = $1 AND removed_at IS NULL`,
      [id],
    );
    return rows[0];
  }

  /** Removed questions stay for the answers already given to them. */
  async remove(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query(
      `UPDATE evaluation_course_questions SET removed_at = now() WHERE id = $1 AND removed_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }
}
