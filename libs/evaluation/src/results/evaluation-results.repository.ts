// Answers counted per survey, course version, trainer and agency, within an agency subtree (read
// contract on identity's agencies and users for subtrees and names). One row per group, question and
// value, so a course with a hundred thousand sheets still comes back as a few hundred rows.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Survey } from '../questions/question-bank';

export interface GroupSizeRow {
  survey: Survey;
  course_version: number;
  trainer_id: string | null;
  agency_id: string;
  n: number;
}

export interface ValueCountRow extends GroupSizeRow {
  key: string;
  value: string;
}

export interface NameRow {
  id: string;
  name_mn: string;
  name_en: string | null;
}

@Injectable()
export class EvaluationResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  groups(courseId: string, agencyId: string): Promise<GroupSizeRow[]> {
    return this.dataSource.query(
      `SELECT r.survey, r.course_version, r.trainer_id, r.agency_id, count(*)::int AS n
         FROM evaluation_responses r JOIN agencies a ON a.id = r.agency_id
        WHERE r.course_id = $1 AND $2::uuid = ANY(a.path)
        GROUP BY 1, 2, 3, 4`,
      [courseId, agencyId],
    );
  }

  /** Counts of each rating and choice (strings and numbers alike; text answers are read by `texts`). */
  values(courseId: string, agencyId: string, keys: string[]): Promise<ValueCountRow[]> {
    return this.dataSource.query(
      `SELECT r.survey, r.course_version, r.trainer_id, r.agency_id, kv.key, kv.value, count(*)::int AS n
         FROM evaluation_responses r JOIN agencies a ON a.id = r.agency_id
         CROSS JOIN LATERAL jsonb_each_text(r.answers) kv
        WHERE r.course_id = $1 AND $2::uuid = ANY(a.path) AND kv.key = ANY($3::text[])
        GROUP BY 1, 2, 3, 4, 5, 6`,
      [courseId, agencyId, keys],
    );
  }

  /** The latest free-text answers of a survey, without who or where. */
  async texts(courseId: string, agencyId: string, survey: Survey, keys: string[], limit: number): Promise<string[]> {
    const rows: { text: string }[] = await this.dataSource.query(
      `SELECT kv.value AS text
         FROM evaluation_responses r JOIN agencies a ON a.id = r.agency_id
         CROSS JOIN LATERAL jsonb_each_text(r.answers) kv
        WHERE r.course_id = $1 AND $2::uuid = ANY(a.path) AND r.survey = $3 AND kv.key = ANY($4::text[])
        ORDER BY r.submitted_at DESC, r.id LIMIT $5`,
      [courseId, agencyId, survey, keys, limit],
    );
    return rows.map((r) => r.text);
  }

  /** Courses with answers within the subtree (of `ownerId` only, when given), by title. */
  coursesAnswered(
    agencyId: string,
    ownerId: string | null,
    limit: number,
  ): Promise<{ id: string; title: string; title_en: string | null }[]> {
    return this.dataSource.query(
      `SELECT c.id, v.title, v.title_en
         FROM courses c JOIN course_versions v ON v.id = c.current_version_id
        WHERE ($2::uuid IS NULL OR c.owner_id = $2)
          AND EXISTS (SELECT 1 FROM evaluation_responses r JOIN agencies a ON a.id = r.agency_id
                       WHERE r.course_id = c.id AND $1::uuid = ANY(a.path))
        ORDER BY v.title, c.id LIMIT $3`,
      [agencyId, ownerId, limit],
    );
  }

  agencyNames(ids: string[]): Promise<NameRow[]> {
    return this.dataSource.query(`SELECT id, name_mn, name_en FROM agencies WHERE id = ANY($1::uuid[])`, [ids]);
  }

  trainerNames(ids: string[]): Promise<NameRow[]> {
    return this.dataSource.query(
      `SELECT id, name AS name_mn, name_latin AS name_en FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Follow-ups asked and answered per role, within the subtree. */
  followUpCounts(
    courseId: string,
    agencyId: string,
  ): Promise<{ role: 'learner' | 'supervisor'; asked: number; answered: number }[]> {
    return this.dataSource.query(
      `SELECT f.role, count(*)::int AS asked, count(f.answered_at)::int AS answered
         FROM evaluation_follow_ups f JOIN agencies a ON a.id = f.agency_id
        WHERE f.course_id = $1 AND $2::uuid = ANY(a.path)
        GROUP BY f.role`,
      [courseId, agencyId],
    );
  }
}
