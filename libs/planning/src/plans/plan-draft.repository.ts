// What a draft plan is made from: the competency gaps of an agency's subtree (the levels positions
// require that people's valid certificates do not give, as accountability counts them), how many of
// the people with each gap are offline (no sign-in for 90 days and no lesson for 180) and how many
// the year's needs survey confirms, and the
// published courses that build each competency. Reads identity's, accountability's, learning's and
// certification's rows as declared read contracts, in two statements.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface GapGroupRow {
  competency_code: string;
  name_mn: string;
  name_en: string;
  level: number;
  people: number;
  offline: number;
  /** Of them, rated below the level in the year's needs survey (by themselves or their supervisor). */
  confirmed: number;
  positions: { id: string; people: number }[];
}

export interface BuildingCourseRow {
  competency_code: string;
  course_id: string;
  level: number;
}

const VALID = `ct.revoked_at IS NULL AND (ct.expires_at IS NULL OR ct.expires_at > now())`;

@Injectable()
export class PlanDraftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per competency: people of the subtree below their position's level, how many offline, how many
   * the year's needs survey confirms (a survey of the agency or an agency above it), and by position.
   */
  async gaps(agencyId: string, year: number): Promise<GapGroupRow[]> {
    return this.dataSource.query(
      `WITH staff AS (
         SELECT u.id, u.position_id FROM users u JOIN agencies a ON a.id = u.agency_id
          WHERE a.path @> ARRAY[$1::uuid] AND u.is_active
       ), held AS (
         SELECT ct.user_id, cvc.competency_code, max(cvc.level) AS level
           FROM certificates ct JOIN staff s ON s.id = ct.user_id
           JOIN course_version_competencies cvc ON cvc.course_version_id = ct.course_version_id
          WHERE ${VALID} GROUP BY ct.user_id, cvc.competency_code
       ), gap AS (
         SELECT s.id AS user_id, s.position_id, pc.competency_code, pc.level
           FROM staff s JOIN position_competencies pc ON pc.position_id = s.position_id
           LEFT JOIN held h ON h.user_id = s.id AND h.competency_code = pc.competency_code
          WHERE COALESCE(h.level, 0) < pc.level
       ), gapped AS (
         SELECT DISTINCT user_id FROM gap
       ), offline AS (
         SELECT g.user_id FROM gapped g
          WHERE NOT EXISTS (SELECT 1 FROM sessions ss WHERE ss.user_id = g.user_id AND ss.last_seen_at > now() - interval '90 days')
            AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = g.user_id AND e.last_activity_at > now() - interval '180 days')
       ), by_position AS (
         SELECT competency_code, position_id, count(*)::int AS people FROM gap GROUP BY competency_code, position_id
       ), survey AS (
         SELECT s.id FROM needs_surveys s WHERE s.year = $2 AND s.agency_id = ANY((SELECT path FROM agencies WHERE id = $1)::uuid[])
       ), confirmed AS (
         SELECT DISTINCT g.user_id, g.competency_code FROM gap g
           JOIN needs_survey_answers na ON na.user_id = g.user_id AND na.competency_code = g.competency_code AND na.level < g.level
          WHERE na.survey_id IN (SELECT id FROM survey)
       )
       SELECT c.code AS competency_code, c.name_mn, c.name_en, max(g.level)::int AS level, count(*)::int AS people,
              count(o.user_id)::int AS offline, count(cf.user_id)::int AS confirmed,
              (SELECT jsonb_agg(jsonb_build_object('id', bp.position_id, 'people', bp.people) ORDER BY bp.people DESC, bp.position_id)
                 FROM by_position bp WHERE bp.competency_code = c.code) AS positions
         FROM gap g JOIN competencies c ON c.code = g.competency_code
         LEFT JOIN offline o ON o.user_id = g.user_id
         LEFT JOIN confirmed cf ON cf.user_id = g.user_id AND cf.competency_code = g.competency_code
        GROUP BY c.code, c.name_mn, c.name_en, c.position
        ORDER BY count(*) DESC, count(cf.user_id) DESC, c.position`,
      [agencyId, year],
    );
  }

  /** For each competency, the published courses whose current version builds it, highest level first. */
  async buildingCourses(codes: string[]): Promise<BuildingCourseRow[]> {
    if (!codes.length) return [];
    return this.dataSource.query(
      `SELECT cvc.competency_code, c.id AS course_id, cvc.level::int AS level
         FROM courses c JOIN course_version_competencies cvc ON cvc.course_version_id = c.current_version_id
        WHERE cvc.competency_code = ANY($1::text[])
        ORDER BY cvc.competency_code, cvc.level DESC, c.created_at, c.id`,
      [codes],
    );
  }
}
