// Courses from content/courses/<code>/ (course.yaml + one Markdown file per lesson). Re-importing
// updates the draft and publishes a new version only when what learners see has changed.
import { createHash } from 'node:crypto';
import { CourseDraft } from '../courses/course-draft';
import { SHOW_ANSWERS, showAnswersOf } from '../quizzes/quiz-definition';

export interface CourseSource {
  /** The folder name; must equal course.yaml's code. */
  folder: string;
  yaml: unknown;
  /** Lesson files of the folder, by file name. */
  files: Record<string, string>;
  /** quiz.yaml, the course's final quiz, when the folder has one. */
  quizYaml?: unknown;
}
export interface CourseImportResult {
  code: string;
  outcome: 'created' | 'published' | 'unchanged';
  version: number;
}

/** A UUID derived from a name, so a lesson keeps its id (and learners their progress) across imports. */
function stableId(name: string): string {
  const h = createHash('sha256').update(`chadavkhi:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// YAML arrives untyped; every field is checked below before it is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field below
type Untyped = Record<string, any>;

function fail(where: string, what: string): never {
  throw new Error(`${where}: ${what}`);
}

export function courseDraftFromSource(source: CourseSource): { code: string; draft: CourseDraft } {
  const where = `content/courses/${source.folder}/course.yaml`;
  const y = source.yaml as Untyped;
  if (!y || typeof y !== 'object') fail(where, 'expected a mapping');
  if (y.code !== source.folder) fail(where, `code "${y.code}" must equal the folder name "${source.folder}"`);
  if (!['mn', 'en'].includes(y.language)) fail(where, 'language must be mn or en');
  const main = y.language as 'mn' | 'en';
  const other = main === 'mn' ? 'en' : 'mn';
  if (typeof y.title?.[main] !== 'string' || typeof y.summary?.[main] !== 'string')
    fail(where, `title and summary need a "${main}" text`);
  if (!Number.isInteger(y.estimatedMinutes) || y.estimatedMinutes < 1)
    fail(where, 'estimatedMinutes must be a positive whole number');
  if (y.validityMonths !== undefined && (!Number.isInteger(y.validityMonths) || y.validityMonths < 1))
    fail(where, 'validityMonths must be a positive whole number or absent');
  if (!Array.isArray(y.modules) || !y.modules.length) fail(where, 'modules must be a non-empty list');
  const draft: CourseDraft = {
    questionBanks: [],
    quizzes: [],
    title: y.title[main].trim(),
    titleEn: y.title[other]?.trim() ?? null,
    summary: y.summary[main].trim(),
    summaryEn: y.summary[other]?.trim() ?? null,
    language: main,
    estimatedMinutes: y.estimatedMinutes,
    validityMonths: y.validityMonths ?? null,
    competencyCodes: Array.isArray(y.competencyCodes) ? y.competencyCodes.map(String) : [],
    modules: y.modules.map((m: Untyped, mi: number) => {
      if (typeof m?.title !== 'string' || !Array.isArray(m.lessons) || !m.lessons.length)
        fail(where, `modules[${mi}] needs a title and lessons`);
      return {
        id: stableId(`${y.code}/module/${mi}`),
        title: m.title.trim(),
        lessons: m.lessons.map((l: Untyped, li: number) => {
          const at = `${where} modules[${mi}].lessons[${li}]`;
          if (typeof l?.file !== 'string' || typeof l.title !== 'string') fail(at, 'needs file and title');
          const body = source.files[l.file];
          if (body === undefined) fail(at, `file ${l.file} is missing`);
          if (l.videoUrl !== undefined && !/^https:\/\//.test(l.videoUrl)) fail(at, 'videoUrl must be https://');
          return {
            id: stableId(`${y.code}/lesson/${l.file}`),
            title: l.title.trim(),
            body,
            required: l.required !== false,
            videoUrl: l.videoUrl ?? null,
          };
        }),
      };
    }),
  };
  if (source.quizYaml !== undefined)
    Object.assign(
      draft,
      finalQuizFromSource(y.code, source.quizYaml, `content/courses/${source.folder}/quiz.yaml`, main),
    );
  return { code: y.code, draft };
}

/** quiz.yaml → one question bank and the final quiz drawing from it. */
function finalQuizFromSource(
  code: string,
  raw: unknown,
  where: string,
  language: 'mn' | 'en',
): Pick<CourseDraft, 'questionBanks' | 'quizzes'> {
  const q = raw as Untyped;
  if (!q || typeof q !== 'object' || !Array.isArray(q.questions) || !q.questions.length)
    fail(where, 'expected questions: a non-empty list');
  for (const key of ['passMarkPercent', 'timeLimitMinutes', 'maxAttempts', 'draw'])
    if (!Number.isInteger(q[key]) || q[key] < 1) fail(where, `${key} must be a positive whole number`);
  if (q.showAnswers !== undefined && !SHOW_ANSWERS.includes(q.showAnswers))
    fail(where, `showAnswers must be one of ${SHOW_ANSWERS.join(', ')}`);
  const bankId = stableId(`${code}/final-bank`);
  const ids = new Set<string>();
  const questions = q.questions.map((item: Untyped, i: number) => {
    const at = `${where} questions[${i}]`;
    if (typeof item?.id !== 'string' || ids.has(item.id)) fail(at, 'needs a unique id');
    ids.add(item.id);
    if (typeof item.prompt !== 'string') fail(at, 'needs a prompt');
    return {
      id: stableId(`${code}/question/${item.id}`),
      type: item.type,
      points: item.points ?? 1,
      prompt: item.prompt.trim(),
      options: item.options,
      correct: item.correct,
      scoring: item.type === 'multiple' ? (item.scoring ?? 'all_or_nothing') : undefined,
      tolerance: item.type === 'numeric' ? (item.tolerance ?? 0) : undefined,
      explanation: item.explanation ?? null,
      competency: item.competency ?? null,
    };
  });
  const title = typeof q.title === 'object' ? q.title?.[language] : q.title;
  return {
    questionBanks: [{ id: bankId, title: typeof title === 'string' ? title : 'Final quiz', questions }],
    quizzes: [
      {
        id: stableId(`${code}/final-quiz`),
        title: typeof title === 'string' ? title : 'Final quiz',
        moduleId: null,
        passMarkPercent: q.passMarkPercent,
        timeLimitMinutes: q.timeLimitMinutes,
        maxAttempts: q.maxAttempts,
        shuffleQuestions: q.shuffleQuestions !== false,
        shuffleOptions: q.shuffleOptions !== false,
        showAnswers: showAnswersOf({ showAnswers: q.showAnswers, reviewAfterSubmit: q.reviewAfterSubmit !== false }),
        ...(Number.isInteger(q.offlineDays) && q.offlineDays >= 1 && q.offlineDays <= 30
          ? { offlineDays: q.offlineDays }
          : {}),
        draws: [{ bankId, count: q.draw, competency: null }],
      },
    ],
  };
}
