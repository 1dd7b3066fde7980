// The needs survey's rows, and what its rules and report read from identity (people, their agency,
// position and supervisor), accountability (the levels positions require) and certification (the
// levels valid certificates give) as declared read contracts.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface SurveyRow {
  id: string;
  agency_id: string;
  agency_code: string;
  agency_name_mn: string;
  agency_name_en: string;
  agency_path: string[];
  year: number;
  opens_on: string;
  closes_on: string;
}

export interface SurveyPerson {
  id: string;
  name: string;
  supervisor_id: string | null;
  agency_path: string[];
  required: { code: string; mn: string; en: string; level: number }[];
}

export interface NeedsReportRow {
  competency_code: string;
  name_mn: string;
  name_en: string;
  people: number;
  certificate_gaps: number;
  self_answered: number;
  self_below: number;
  supervisor_answered: number;
  supervisor_below: number;
}

const SURVEY = `SELECT s.id, s.agency_id, a.code AS agency_code, a.name_mn AS agency_name_mn, a.name_en AS agency_name_en,
       a.path AS agency_path, s.year, to_char(s.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(s.closes_on, 'YYYY-MM-DD') AS closes_on
  FROM needs_surveys s JOIN agencies a ON a.id = s.agency_id`;
const VALID = `ct.revoked_at IS NULL AND (ct.expires_at IS NULL OR ct.expires_at > now())`;

@Injectable()
export class NeedsSurveysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    s: { agencyId: string; year: number; opensOn: string; closesOn: string; createdBy: string },
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `INSERT INTO needs_surveys (agency_id, year, opens_on, closes_on, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (agency_id, year) DO NOTHING RETURNING id`,
      [s.agencyId, s.year, s.opensOn, s.closesOn, s.createdBy],
    );
    return row?.id;
  }

  async find(id: string): Promise<SurveyRow | undefined> {
    const [row] = await this.dataSource.query(`${SURVEY} WHERE s.id = $1`, [id]);
    return row;
  }

  /** Surveys of an agency subtree (null: all), newest year first (at most 100). */
  async list(within: string | null): Promise<SurveyRow[]> {
    return this.dataSource.query(
      `${SURVEY} WHERE $1::uuid IS NULL OR a.path @> ARRAY[$1::uuid] ORDER BY s.year DESC, a.code LIMIT 100`,
      [within],
    );
  }

  /** Surveys open on `day` whose agency's subtree holds one of these agencies. */
  async openFor(agencyPath: string[], day: string): Promise<SurveyRow[]> {
    return this.dataSource.query(
      `${SURVEY} WHERE s.agency_id = ANY($1::uuid[]) AND s.opens_on <= $2::date AND s.closes_on >= $2::date
        ORDER BY s.year DESC LIMIT 20`,
      [agencyPath, day],
    );
  }

  /** A person, their agency's path, supervisor and the levels their position requires. */
  async person(userId: string): Promise<SurveyPerson | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.name, u.supervisor_id, a.path AS agency_path,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('code', c.code, 'mn', c.name_mn, 'en', c.name_en, 'level', pc.level) ORDER BY c.position, c.code)
                          FROM position_competencies pc JOIN competencies c ON c.code = pc.competency_code
                         WHERE pc.position_id = u.position_id), '[]') AS required
         FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 AND u.is_active`,
      [userId],
    );
    return row;
  }

  /** A page of the people a survey asks (its agency's subtree), by agency and name, with what each position requires. */
  async people(
    agencyId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: (SurveyPerson & { agency_mn: string; agency_en: string })[]; total: number }> {
    const where = `FROM users u JOIN agencies a ON a.id = u.agency_id WHERE a.path @> ARRAY[$1::uuid] AND u.is_active`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, u.name, u.supervisor_id, a.path AS agency_path, a.name_mn AS agency_mn, a.name_en AS agency_en,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('code', c.code, 'mn', c.name_mn, 'en', c.name_en, 'level', pc.level) ORDER BY c.position, c.code)
                            FROM position_competencies pc JOIN competencies c ON c.code = pc.competency_code
                           WHERE pc.position_id = u.position_id), '[]') AS required
           ${where} ORDER BY a.name_mn, u.name, u.id LIMIT $2 OFFSET $3`,
        [agencyId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total ${where}`, [agencyId]),
    ]);
    return { rows, total };
  }

  /** The active people whose supervisor this is (at most 200). */
  async directReports(supervisorId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE supervisor_id = $1 AND is_active ORDER BY name LIMIT 200`,
      [supervisorId],
    );
    return rows.map((r) => r.id);
  }

  async answers(
    surveyId: string,
    userIds: string[],
  ): Promise<{ user_id: string; rater: string; competency_code: string; level: number }[]> {
    if (!userIds.length) return [];
    return this.dataSource.query(
      `SELECT user_id, rater, competency_code, level FROM needs_survey_answers WHERE survey_id = $1 AND user_id = ANY($2::uuid[])`,
      [surveyId, userIds],
    );
  }

  /**
   * Writes the answers, replacing earlier ones of the same person, rater and competency; the
   * competencies whose level was new or changed (an identical repeat changes nothing).
   */
  async upsert(
    manager: EntityManager,
    a: {
      surveyId: string;
      userId: string;
      rater: 'self' | 'supervisor';
      source: 'online' | 'paper';
      enteredBy: string;
      ratings: { competencyCode: string; level: number }[];
    },
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO needs_survey_answers (survey_id, user_id, rater, competency_code, level, source, entered_by)
       SELECT $1, $2, $3, x.code, x.level, $4, $5 FROM jsonb_to_recordset($6::jsonb) AS x(code text, level smallint)
       ON CONFLICT (survey_id, user_id, rater, competency_code) DO UPDATE
          SET level = EXCLUDED.level, source = EXCLUDED.source, entered_by = EXCLUDED.entered_by, answered_at = now()
        WHERE needs_survey_answers.level <> EXCLUDED.level
       RETURNING competency_code`,
      [
        a.surveyId,
        a.userId,
        a.rater,
        a.source,
        a.enteredBy,
        JSON.stringify(a.ratings.map((r) => ({ code: r.competencyCode, level: r.level }))),
      ],
    );
    return rows.length;
  }

  /** Per competency over an agency's subtree: required, certificate gaps, and what the survey says. */
  async report(surveyId: string, agencyId: string): Promise<NeedsReportRow[]> {
    return this.dataSource.query(
      `WITH staff AS (
         SELECT u.id, u.position_id FROM users u JOIN agencies a ON a.id = u.agency_id
          WHERE a.path @> ARRAY[$2::uuid] AND u.is_active
       ), req AS (
         SELECT s.id AS user_id, pc.competency_code, pc.level FROM staff s JOIN position_competencies pc ON pc.position_id = s.position_id
       ), held AS (
         SELECT ct.user_id, cvc.competency_code, max(cvc.level) AS level
           FROM certificates ct JOIN staff s ON s.id = ct.user_id
           JOIN course_version_competencies cvc ON cvc.course_version_id = ct.course_version_id
          WHERE ${VALID} GROUP BY ct.user_id, cvc.competency_code
       )
       SELECT c.code AS competency_code, c.name_mn, c.name_en, count(*)::int AS people,
              count(*) FILTER (WHERE COALESCE(h.level, 0) < r.level)::int AS certificate_gaps,
              count(sa.level)::int AS self_answered, count(*) FILTER (WHERE sa.level < r.level)::int AS self_below,
              count(va.level)::int AS supervisor_answered, count(*) FILTER (WHERE va.level < r.level)::int AS supervisor_below
         FROM req r JOIN competencies c ON c.code = r.competency_code
         LEFT JOIN held h ON h.user_id = r.user_id AND h.competency_code = r.competency_code
         LEFT JOIN needs_survey_answers sa ON sa.survey_id = $1 AND sa.user_id = r.user_id AND sa.rater = 'self' AND sa.competency_code = r.competency_code
         LEFT JOIN needs_survey_answers va ON va.survey_id = $1 AND va.user_id = r.user_id AND va.rater = 'supervisor' AND va.competency_code = r.competency_code
        GROUP BY c.code, c.name_mn, c.name_en, c.position
        ORDER BY count(*) FILTER (WHERE COALESCE(h.level, 0) < r.level OR sa.level < r.level OR va.level < r.level) DESC, c.position`,
      [surveyId, agencyId],
    );
  }

  async agency(
    agencyId: string,
  ): Promise<{ id: string; code: string; name_mn: string; name_en: string; path: string[] } | undefined> {
    const [row] = await this.dataSource.query(`SELECT id, code, name_mn, name_en, path FROM agencies WHERE id = $1`, [
      agencyId,
    ]);
    return row;
  }

  async agencyPath(agencyId: string): Promise<string[] | undefined> {
    const [row] = await this.dataSource.query(`SELECT path FROM agencies WHERE id = $1`, [agencyId]);
    return row?.path;
  }
}
