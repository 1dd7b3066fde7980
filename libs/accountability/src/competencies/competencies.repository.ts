// Competency profiles and gaps, read from the source rows: a person holds a competency at the
// highest level any of their VALID certificates (not revoked, not expired) gives it; a gap is a
// level their position requires that they do not hold.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ProfileRow {
  code: string;
  name_mn: string;
  name_en: string;
  required: number | null;
  held: number | null;
  sources:
    | {
        certificateCode: string;
        courseTitle: string;
        courseTitleEn: string | null;
        level: number;
        expiresAt: string | null;
      }[]
    | null;
}

export interface GapRow {
  key: string;
  name_mn: string;
  name_en: string;
  people: number;
  required: number;
  covered: number;
}

const VALID = `ct.revoked_at IS NULL AND (ct.expires_at IS NULL OR ct.expires_at > now())`;

/** People of the subtree of $1 (and of position $2 when not null), with what they hold. */
const SUBTREE_REQUIREMENTS = `
  WITH staff AS (
    SELECT u.id, u.position_id FROM users u JOIN agencies a ON a.id = u.agency_id
     WHERE a.path @> ARRAY[$1::uuid] AND u.is_active AND ($2::uuid IS NULL OR u.position_id = $2)
  ), held AS (
    SELECT ct.user_id, cvc.competency_code, max(cvc.level) AS level
      FROM certificates ct JOIN staff s ON s.id = ct.user_id JOIN course_version_competencies cvc ON cvc.course_version_id = ct.course_version_id
     WHERE ${VALID} GROUP BY ct.user_id, cvc.competency_code
  ), req AS (
    SELECT s.id AS user_id, s.position_id, pc.competency_code, (h.level >= pc.level) IS TRUE AS covered
      FROM staff s JOIN position_competencies pc ON pc.position_id = s.position_id
      LEFT JOIN held h ON h.user_id = s.id AND h.competency_code = pc.competency_code
  )`;

@Injectable()
export class CompetenciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async framework(): Promise<
    {
      code: string;
      name_mn: string;
      name_en: string;
      description_mn: string;
      description_en: string;
      levels: { level: number; mn: string; en: string }[];
    }[]
  > {
    return this.dataSource.query(
      `SELECT c.code, c.name_mn, c.name_en, c.description_mn, c.description_en,
              (SELECT jsonb_agg(jsonb_build_object('level', l.level, 'mn', l.description_mn, 'en', l.description_en) ORDER BY l.level)
                 FROM competency_levels l WHERE l.competency_code = c.code) AS levels
         FROM competencies c ORDER BY c.position, c.code`,
    );
  }

  async position(
    positionId: string,
  ): Promise<{ id: string; code: string; name_mn: string; name_en: string } | undefined> {
    const [position] = await this.dataSource.query(`SELECT id, code, name_mn, name_en FROM positions WHERE id = $1`, [
      positionId,
    ]);
    return position;
  }

  /** Every competency the person's position requires or their certificates give. */
  async profile(userId: string): Promise<ProfileRow[]> {
    return (await this.profiles([userId])).map(({ user_id: _user, ...row }) => row);
  }

  /** The same, for many people in one statement (a supervisor's team), by person. */
  async profiles(userIds: string[]): Promise<(ProfileRow & { user_id: string })[]> {
    if (!userIds.length) return [];
    return this.dataSource.query(
      `WITH req AS (
         SELECT u.id AS user_id, pc.competency_code, pc.level
           FROM users u JOIN position_competencies pc ON pc.position_id = u.position_id WHERE u.id = ANY($1::uuid[])
       ), held AS (
         SELECT ct.user_id, cvc.competency_code, max(cvc.level) AS level,
                jsonb_agg(jsonb_build_object('certificateCode', ct.code, 'courseTitle', ct.course_title, 'courseTitleEn', ct.course_title_en,
                          'level', cvc.level, 'expiresAt', ct.expires_at) ORDER BY cvc.level DESC, ct.issued_at DESC) AS sources
           FROM certificates ct JOIN course_version_competencies cvc ON cvc.course_version_id = ct.course_version_id
          WHERE ct.user_id = ANY($1::uuid[]) AND ${VALID}
          GROUP BY ct.user_id, cvc.competency_code
       ), keys AS (
         SELECT user_id, competency_code FROM req UNION SELECT user_id, competency_code FROM held
       )
       SELECT k.user_id, c.code, c.name_mn, c.name_en, req.level::int AS required, held.level::int AS held, held.sources
         FROM keys k JOIN competencies c ON c.code = k.competency_code
         LEFT JOIN req ON req.user_id = k.user_id AND req.competency_code = k.competency_code
         LEFT JOIN held ON held.user_id = k.user_id AND held.competency_code = k.competency_code
        ORDER BY k.user_id, c.position, c.code`,
      [userIds],
    );
  }

  /** Required levels and how many are covered, per competency, over an agency's subtree. */
  async gapsByCompetency(agencyId: string, positionId: string | null): Promise<GapRow[]> {
    return this.dataSource.query(
      `${SUBTREE_REQUIREMENTS}
       SELECT c.code AS key, c.name_mn, c.name_en, count(DISTINCT r.user_id)::int AS people, count(*)::int AS required,
              count(*) FILTER (WHERE r.covered)::int AS covered
         FROM req r JOIN competencies c ON c.code = r.competency_code
        GROUP BY c.code, c.name_mn, c.name_en, c.position
        ORDER BY count(*) FILTER (WHERE NOT r.covered) DESC, c.position`,
      [agencyId, positionId],
    );
  }

  /** The same per position: how many of its people's required levels are covered. */
  async gapsByPosition(agencyId: string, positionId: string | null): Promise<(GapRow & { position_id: string })[]> {
    return this.dataSource.query(
      `${SUBTREE_REQUIREMENTS}
       SELECT p.code AS key, p.id AS position_id, p.name_mn, p.name_en, count(DISTINCT r.user_id)::int AS people, count(*)::int AS required,
              count(*) FILTER (WHERE r.covered)::int AS covered
         FROM req r JOIN positions p ON p.id = r.position_id
        GROUP BY p.id, p.code, p.name_mn, p.name_en
        ORDER BY count(*) FILTER (WHERE NOT r.covered) DESC, p.code`,
      [agencyId, positionId],
    );
  }
}
