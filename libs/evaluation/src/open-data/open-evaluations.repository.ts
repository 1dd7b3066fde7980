// Answers counted for the public per course, survey and top-level agency (the agency under the root
// that the respondent's agency belongs to; null for the root's own people), with course and agency
// names (read contracts on learning's courses and versions, identity's agencies).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Survey } from '../questions/question-bank';

export interface OpenCountRow {
  course_id: string;
  survey: Survey;
  top_id: string | null;
  key: string | null;
  value: string | null;
  n: number;
}

export interface OpenCourseRow {
  id: string;
  code: string | null;
  title: string;
  title_en: string | null;
}

export interface OpenAgencyRow {
  id: string;
  code: string;
  name_mn: string;
  name_en: string;
  parent_id: string | null;
}

@Injectable()
export class OpenEvaluationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sheets per course, survey and top-level agency (key and value null), then the counts of each value of `keys`. */
  counts(keys: string[]): Promise<OpenCountRow[]> {
    return this.dataSource.query(
      `SELECT r.course_id, r.survey, a.path[2] AS top_id, NULL AS key, NULL AS value, count(*)::int AS n
         FROM evaluation_responses r JOIN agencies a ON a.id = r.agency_id
        GROUP BY 1, 2, 3
       UNION ALL
       SELECT r.course_id, r.survey, a.path[2], kv.key, kv.value, count(*)::int
         FROM evaluation_responses r JOIN agencies a ON a.id = r.agency_id
        CROSS JOIN LATERAL jsonb_each_text(r.answers) kv
        WHERE kv.key = ANY($1::text[])
        GROUP BY 1, 2, 3, 4, 5`,
      [keys],
    );
  }

  courses(ids: string[]): Promise<OpenCourseRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.code, v.title, v.title_en FROM courses c JOIN course_versions v ON v.id = c.current_version_id
        WHERE c.id = ANY($1::uuid[]) ORDER BY v.title, c.id`,
      [ids],
    );
  }

  /** The root and the agencies named. */
  agencies(ids: string[]): Promise<OpenAgencyRow[]> {
    return this.dataSource.query(
      `SELECT id, code, name_mn, name_en, parent_id FROM agencies WHERE id = ANY($1::uuid[]) OR parent_id IS NULL`,
      [ids],
    );
  }
}
