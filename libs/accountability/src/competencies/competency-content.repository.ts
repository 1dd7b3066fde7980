// Writes the competency framework from content/ (AccountabilityContentService decides what to write
// and counts it): competencies and their level descriptions, the levels positions require and the
// levels courses build. Each statement changes only what differs, so re-importing is safe.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CompetencyItem } from './competency-content';

export interface CompetencyLevelRow {
  competency: string;
  level: number;
}

@Injectable()
export class CompetencyContentRepository {
  /** Creates or changes a competency; undefined when it was already as written. */
  async upsertCompetency(
    manager: EntityManager,
    c: CompetencyItem,
    position: number,
  ): Promise<{ created: boolean } | undefined> {
    const [row] = await manager.query(
      `INSERT INTO competencies AS c (code, name_mn, name_en, description_mn, description_en, position) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET name_mn = EXCLUDED.name_mn, name_en = EXCLUDED.name_en, description_mn = EXCLUDED.description_mn,
         description_en = EXCLUDED.description_en, position = EXCLUDED.position, updated_at = now()
       WHERE (c.name_mn, c.name_en, c.description_mn, c.description_en, c.position) IS DISTINCT FROM
             (EXCLUDED.name_mn, EXCLUDED.name_en, EXCLUDED.description_mn, EXCLUDED.description_en, EXCLUDED.position)
       RETURNING (xmax = 0) AS created`,
      [c.code, c.name.mn.trim(), c.name.en.trim(), c.description.mn.trim(), c.description.en.trim(), position],
    );
    return row;
  }

  /** Creates or changes one level's description; whether anything changed. */
  async upsertLevel(
    manager: EntityManager,
    code: string,
    level: number,
    text: { mn: string; en: string },
  ): Promise<boolean> {
    const changed = await manager.query(
      `INSERT INTO competency_levels AS l (competency_code, level, description_mn, description_en) VALUES ($1, $2, $3, $4)
         ON CONFLICT (competency_code, level) DO UPDATE SET description_mn = EXCLUDED.description_mn, description_en = EXCLUDED.description_en
         WHERE (l.description_mn, l.description_en) IS DISTINCT FROM (EXCLUDED.description_mn, EXCLUDED.description_en) RETURNING 1`,
      [code, level, text.mn.trim(), text.en.trim()],
    );
    return changed.length > 0;
  }

  /** The levels a position requires become exactly these (a position not in the database is skipped). */
  async replacePositionRequirements(
    manager: EntityManager,
    positionCode: string,
    rows: CompetencyLevelRow[],
  ): Promise<void> {
    await manager.query(
      `WITH p AS (SELECT id FROM positions WHERE code = $1),
            wanted AS (SELECT p.id AS position_id, w.competency, w.level FROM p, jsonb_to_recordset($2::jsonb) AS w(competency text, level smallint)),
            gone AS (DELETE FROM position_competencies pc USING p WHERE pc.position_id = p.id
                       AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.competency = pc.competency_code) RETURNING 1)
       INSERT INTO position_competencies (position_id, competency_code, level) SELECT position_id, competency, level FROM wanted
       ON CONFLICT (position_id, competency_code) DO UPDATE SET level = EXCLUDED.level WHERE position_competencies.level <> EXCLUDED.level`,
      [positionCode, JSON.stringify(rows)],
    );
  }

  /** The levels a course builds become exactly these (a course not in the database is skipped). */
  async replaceCourseLevels(manager: EntityManager, courseCode: string, rows: CompetencyLevelRow[]): Promise<void> {
    await manager.query(
      `WITH c AS (SELECT id FROM courses WHERE code = $1),
            wanted AS (SELECT c.id AS course_id, w.competency, w.level FROM c, jsonb_to_recordset($2::jsonb) AS w(competency text, level smallint)),
            gone AS (DELETE FROM course_competencies cc USING c WHERE cc.course_id = c.id
                       AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.competency = cc.competency_code) RETURNING 1)
       INSERT INTO course_competencies (course_id, competency_code, level) SELECT course_id, competency, level FROM wanted
       ON CONFLICT (course_id, competency_code) DO UPDATE SET level = EXCLUDED.level WHERE course_competencies.level <> EXCLUDED.level`,
      [courseCode, JSON.stringify(rows)],
    );
  }
}
