// The competency framework from content/: competencies.yaml (codes, names, levels 1–4), the levels
// positions require (positions.yaml `competencies:`) and the levels courses build (course.yaml
// `competencyLevels:`). Checked as a whole before anything is written; re-importing changes only
// what differs, so it is safe on every start.
import { EntityManager } from 'typeorm';

export const COMPETENCY_LEVELS = [1, 2, 3, 4] as const;
const CODE = /^[a-z0-9][a-z0-9-]{1,59}$/;

export interface CompetencyItem {
  code: string;
  name: { mn: string; en: string };
  description: { mn: string; en: string };
  levels: Record<1 | 2 | 3 | 4, { mn: string; en: string }>;
}

export interface CompetencyFramework {
  competencies: CompetencyItem[];
  /** position code → competency code → required level */
  positions: Map<string, Map<string, number>>;
  /** course code → competency code → level built */
  courses: Map<string, Map<string, number>>;
}

export interface CompetencyImportCounts {
  competencies: { created: number; updated: number; unchanged: number };
  positionRequirements: number;
  courseLevels: number;
}

export class CompetencyContentError extends Error {}

function need(ok: unknown, where: string, what: string): asserts ok {
  if (!ok) throw new CompetencyContentError(`${where}: ${what}`);
}

const isText = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const isLevel = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 4;

function levelMap(raw: unknown, known: Set<string>, where: string): Map<string, number> {
  const out = new Map<string, number>();
  if (raw === undefined) return out;
  need(
    raw && typeof raw === 'object' && !Array.isArray(raw),
    where,
    'must be a mapping of competency code to level (1–4)',
  );
  for (const [code, level] of Object.entries(raw as Record<string, unknown>)) {
    need(known.has(code), where, `"${code}" is not a competency in content/competencies.yaml`);
    need(isLevel(level), where, `level of ${code} must be 1, 2, 3 or 4`);
    out.set(code, level);
  }
  return out;
}

/** Checks the three sources together; `courses` are the parsed course.yaml files. */
export function competencyFramework(
  competenciesYaml: unknown,
  positionsYaml: unknown,
  courses: { folder: string; yaml: unknown }[],
): CompetencyFramework {
  const file = 'content/competencies.yaml';
  const list = (competenciesYaml as { competencies?: unknown })?.competencies;
  need(Array.isArray(list) && list.length, file, 'expected a non-empty top-level "competencies:" list');
  const seen = new Set<string>();
  const competencies = (list as CompetencyItem[]).map((c, i) => {
    const where = `${file} competencies[${i}]`;
    need(
      typeof c?.code === 'string' && CODE.test(c.code),
      where,
      `code "${c?.code}" must be 2-60 lowercase letters, digits or dashes`,
    );
    need(!seen.has(c.code), where, `code ${c.code} appears twice`);
    seen.add(c.code);
    need(isText(c.name?.mn) && isText(c.name?.en), `${where} (${c.code})`, 'name needs mn and en');
    need(isText(c.description?.mn) && isText(c.description?.en), `${where} (${c.code})`, 'description needs mn and en');
    need(c.levels && typeof c.levels === 'object', `${where} (${c.code})`, 'levels 1–4 are missing');
    const keys = Object.keys(c.levels).map(Number).sort();
    need(keys.join(',') === '1,2,3,4', `${where} (${c.code})`, 'levels must be exactly 1, 2, 3 and 4');
    for (const level of COMPETENCY_LEVELS)
      need(
        isText(c.levels[level]?.mn) && isText(c.levels[level]?.en),
        `${where} (${c.code}) level ${level}`,
        'needs mn and en',
      );
    return c;
  });

  const positions = new Map<string, Map<string, number>>();
  const positionList = (positionsYaml as { positions?: unknown })?.positions;
  need(Array.isArray(positionList), 'content/positions.yaml', 'expected a top-level "positions:" list');
  for (const [i, p] of (positionList as { code: string; competencies?: unknown }[]).entries()) {
    positions.set(
      p.code,
      levelMap(p.competencies, seen, `content/positions.yaml positions[${i}] (${p.code}) competencies`),
    );
  }

  const courseLevels = new Map<string, Map<string, number>>();
  for (const course of courses) {
    const y = course.yaml as { code?: string; competencyCodes?: unknown; competencyLevels?: unknown };
    const where = `content/courses/${course.folder}/course.yaml`;
    const codes = Array.isArray(y?.competencyCodes) ? y.competencyCodes.map(String) : [];
    for (const code of codes)
      need(seen.has(code), `${where} competencyCodes`, `"${code}" is not a competency in content/competencies.yaml`);
    const levels = levelMap(y?.competencyLevels, seen, `${where} competencyLevels`);
    for (const code of levels.keys())
      need(codes.includes(code), `${where} competencyLevels`, `${code} has a level but is not in competencyCodes`);
    courseLevels.set(y?.code ?? course.folder, levels);
  }
  return { competencies, positions, courses: courseLevels };
}

/** Writes the framework; positions and courses not in the database yet are skipped (import them first). */
export async function importCompetencies(
  manager: EntityManager,
  framework: CompetencyFramework,
): Promise<CompetencyImportCounts> {
  const counts: CompetencyImportCounts = {
    competencies: { created: 0, updated: 0, unchanged: 0 },
    positionRequirements: 0,
    courseLevels: 0,
  };
  for (const [position, c] of framework.competencies.entries()) {
    const [row] = await manager.query(
      `INSERT INTO competencies AS c (code, name_mn, name_en, description_mn, description_en, position) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET name_mn = EXCLUDED.name_mn, name_en = EXCLUDED.name_en, description_mn = EXCLUDED.description_mn,
         description_en = EXCLUDED.description_en, position = EXCLUDED.position, updated_at = now()
       WHERE (c.name_mn, c.name_en, c.description_mn, c.description_en, c.position) IS DISTINCT FROM
             (EXCLUDED.name_mn, EXCLUDED.name_en, EXCLUDED.description_mn, EXCLUDED.description_en, EXCLUDED.position)
       RETURNING (xmax = 0) AS created`,
      [c.code, c.name.mn.trim(), c.name.en.trim(), c.description.mn.trim(), c.description.en.trim(), position],
    );
    let levelsChanged = false;
    for (const level of COMPETENCY_LEVELS) {
      const changed = await manager.query(
        `INSERT INTO competency_levels AS l (competency_code, level, description_mn, description_en) VALUES ($1, $2, $3, $4)
         ON CONFLICT (competency_code, level) DO UPDATE SET description_mn = EXCLUDED.description_mn, description_en = EXCLUDED.description_en
         WHERE (l.description_mn, l.description_en) IS DISTINCT FROM (EXCLUDED.description_mn, EXCLUDED.description_en) RETURNING 1`,
        [c.code, level, c.levels[level].mn.trim(), c.levels[level].en.trim()],
      );
      levelsChanged ||= changed.length > 0;
    }
    if (row?.created) counts.competencies.created++;
    else if (row || levelsChanged) counts.competencies.updated++;
    else counts.competencies.unchanged++;
  }
  for (const [code, levels] of framework.positions) {
    const rows = [...levels].map(([competency, level]) => ({ competency, level }));
    await manager.query(
      `WITH p AS (SELECT id FROM positions WHERE code = $1),
            wanted AS (SELECT p.id AS position_id, w.competency, w.level FROM p, jsonb_to_recordset($2::jsonb) AS w(competency text, level smallint)),
            gone AS (DELETE FROM position_competencies pc USING p WHERE pc.position_id = p.id
                       AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.competency = pc.competency_code) RETURNING 1)
       INSERT INTO position_competencies (position_id, competency_code, level) SELECT position_id, competency, level FROM wanted
       ON CONFLICT (position_id, competency_code) DO UPDATE SET level = EXCLUDED.level WHERE position_competencies.level <> EXCLUDED.level`,
      [code, JSON.stringify(rows)],
    );
    counts.positionRequirements += levels.size;
  }
  for (const [code, levels] of framework.courses) {
    const rows = [...levels].map(([competency, level]) => ({ competency, level }));
    await manager.query(
      `WITH c AS (SELECT id FROM courses WHERE code = $1),
            wanted AS (SELECT c.id AS course_id, w.competency, w.level FROM c, jsonb_to_recordset($2::jsonb) AS w(competency text, level smallint)),
            gone AS (DELETE FROM course_competencies cc USING c WHERE cc.course_id = c.id
                       AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.competency = cc.competency_code) RETURNING 1)
       INSERT INTO course_competencies (course_id, competency_code, level) SELECT course_id, competency, level FROM wanted
       ON CONFLICT (course_id, competency_code) DO UPDATE SET level = EXCLUDED.level WHERE course_competencies.level <> EXCLUDED.level`,
      [code, JSON.stringify(rows)],
    );
    counts.courseLevels += levels.size;
  }
  return counts;
}
