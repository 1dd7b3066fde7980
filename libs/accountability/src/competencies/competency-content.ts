// The competency framework from content/: competencies.yaml (codes, names, levels 1–4), the levels
// positions require (positions.yaml `competencies:`) and the levels courses build (course.yaml
// `competencyLevels:`). Checked as a whole before anything is written; re-importing changes only
// what differs, so it is safe on every start.
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
