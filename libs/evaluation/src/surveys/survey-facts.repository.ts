// What a survey needs to know about a completion, read from learning's and identity's tables
// (read contracts in read-contracts.ts): the enrolment's owner, state, course version and trainer.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CompletionFacts {
  enrollment_id: string;
  user_id: string;
  agency_id: string;
  status: 'in_progress' | 'completed';
  completed_at: Date | null;
  course_id: string;
  course_version_id: string;
  course_version: number;
  course_title: string;
  course_title_en: string | null;
  course_language: 'mn' | 'en';
  /** The trainer of the session that completed it (face to face), else the course's owner. */
  trainer_id: string | null;
}

@Injectable()
export class SurveyFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async completion(enrollmentId: string): Promise<CompletionFacts | undefined> {
    const rows: CompletionFacts[] = await this.dataSource.query(
      `SELECT e.id AS enrollment_id, e.user_id, u.agency_id, e.status, e.completed_at, e.course_id,
              e.course_version_id, v.version AS course_version, v.title AS course_title, v.title_en AS course_title_en, v.language AS course_language,
              COALESCE(
                (SELECT s.trainer_id FROM session_registrations r JOIN training_sessions s ON s.id = r.session_id
                  WHERE r.enrollment_id = e.id AND r.attended AND e.completion_mode = 'face_to_face'
                  ORDER BY s.starts_at DESC LIMIT 1),
                c.owner_id) AS trainer_id
         FROM enrollments e
         JOIN users u ON u.id = e.user_id
         JOIN courses c ON c.id = e.course_id
         JOIN course_versions v ON v.id = e.course_version_id
        WHERE e.id = $1`,
      [enrollmentId],
    );
    return rows[0];
  }

  /** Whether the person owns the course (a trainer reads the results of their own courses). */
  async ownsCourse(userId: string, courseId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM courses WHERE id = $1 AND owner_id = $2`, [
      courseId,
      userId,
    ]);
    return rows.length > 0;
  }

  async courseExists(courseId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM courses WHERE id = $1`, [courseId]);
    return rows.length > 0;
  }
}
