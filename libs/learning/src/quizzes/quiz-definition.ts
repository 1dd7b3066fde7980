// Quizzes and question banks as authored in a course draft and frozen into each published version.
// The answer key (`correct`, `explanation`) lives here and leaves the server only as `showAnswers` allows.

export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'numeric', 'text', 'ordering'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * When a learner who finished an attempt sees its answer key (the right answers and explanations):
 * once they have passed or have no attempts left, so no later attempt can be passed with it (the
 * default); after every attempt; or never. Their score and which answers were right are always shown.
 */
export const SHOW_ANSWERS = ['after-passing-or-last-attempt', 'after-each-attempt', 'never'] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];
export const DEFAULT_SHOW_ANSWERS: ShowAnswers = 'after-passing-or-last-attempt';

/** The rule a quiz's input asks for; `reviewAfterSubmit` is its older spelling (false: never; true: the default). */
export function showAnswersOf(input: { showAnswers?: ShowAnswers; reviewAfterSubmit?: boolean }): ShowAnswers {
  return input.showAnswers ?? (input.reviewAfterSubmit === false ? 'never' : DEFAULT_SHOW_ANSWERS);
}

export interface QuestionDefinition {
  id: string;
  type: QuestionType;
  points: number;
  prompt: string;
  /** single, multiple, ordering (ordering: listed in the correct order). */
  options?: string[];
  /** single: index; multiple: indexes; true_false: boolean; numeric: number; text: accepted answers. Unused for ordering. */
  correct?: number | number[] | boolean | string[];
  /** multiple only. */
  scoring?: 'partial' | 'all_or_nothing';
  /** numeric only: the absolute difference still counted right. */
  tolerance?: number;
  explanation?: string | null;
  competency?: string | null;
}

export interface QuestionBankDefinition {
  id: string;
  title: string;
  questions: QuestionDefinition[];
}

export interface QuizDraw {
  bankId: string;
  count: number;
  /** Draw only questions tagged with this competency. */
  competency?: string | null;
}

export interface QuizDefinition {
  id: string;
  title: string;
  /** The module it closes, or null for the course's final quiz. */
  moduleId: string | null;
  passMarkPercent: number;
  timeLimitMinutes: number;
  maxAttempts: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  showAnswers: ShowAnswers;
  /** May be taken offline (see offlineAttemptMinutes), within at most this many days. Absent or null: online only. */
  offlineDays?: number | null;
  draws: QuizDraw[];
}

/** Minutes after the time limit that an offline attempt's answers may still arrive. */
export const OFFLINE_GRACE_MINUTES = 15;

/**
 * From start to deadline of an attempt answered offline: the time limit, plus a short grace for the
 * answers to reach the server once the device is back online. The server sees only when the
 * questions left and when the answers came back, so a window of days would let anyone answer a
 * timed quiz for days; offline attempts survive a lost connection, not the clock.
 */
export function offlineAttemptMinutes(quiz: Pick<QuizDefinition, 'timeLimitMinutes' | 'offlineDays'>): number {
  return Math.min(quiz.timeLimitMinutes + OFFLINE_GRACE_MINUTES, (quiz.offlineDays ?? 0) * 24 * 60);
}

/** Checks that each answer key fits its question and each draw can be satisfied; returns problems. */
export function assessmentProblems(
  banks: QuestionBankDefinition[],
  quizzes: QuizDefinition[],
  moduleIds: Set<string>,
): string[] {
  const problems: string[] = [];
  const bankIds = new Set<string>();
  const questionIds = new Set<string>();
  for (const bank of banks) {
    if (bankIds.has(bank.id)) problems.push(`question bank id ${bank.id} is used twice`);
    bankIds.add(bank.id);
    for (const q of bank.questions) {
      const at = `question "${q.prompt.slice(0, 40)}" (${q.id})`;
      if (questionIds.has(q.id)) problems.push(`${at}: id is used twice`);
      questionIds.add(q.id);
      const n = q.options?.length ?? 0;
      const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;
      switch (q.type) {
        case 'single':
          if (n < 2 || !index(q.correct)) problems.push(`${at}: needs 2+ options and correct as the index of one`);
          break;
        case 'multiple':
          if (
            n < 2 ||
            !Array.isArray(q.correct) ||
            !q.correct.length ||
            !q.correct.every(index) ||
            new Set(q.correct as number[]).size !== q.correct.length
          )
            problems.push(`${at}: needs 2+ options and correct as a list of distinct indexes`);
          break;
        case 'true_false':
          if (typeof q.correct !== 'boolean') problems.push(`${at}: correct must be true or false`);
          break;
        case 'numeric':
          if (
            typeof q.correct !== 'number' ||
            !Number.isFinite(q.correct) ||
            (q.tolerance !== undefined && !(q.tolerance >= 0))
          )
            problems.push(`${at}: correct must be a number and tolerance 0 or more`);
          break;
        case 'text':
          if (
            !Array.isArray(q.correct) ||
            !q.correct.length ||
            !q.correct.every((a) => typeof a === 'string' && a.trim())
          )
            problems.push(`${at}: correct must list the accepted answers`);
          break;
        case 'ordering':
          if (n < 2) problems.push(`${at}: needs 2+ options, listed in the correct order`);
          break;
      }
    }
  }
  const quizIds = new Set<string>();
  let finals = 0;
  for (const quiz of quizzes) {
    const at = `quiz "${quiz.title}"`;
    if (quizIds.has(quiz.id)) problems.push(`${at}: id is used twice`);
    quizIds.add(quiz.id);
    if (quiz.moduleId === null) finals++;
    else if (!moduleIds.has(quiz.moduleId)) problems.push(`${at}: moduleId does not name a module of this course`);
    for (const draw of quiz.draws) {
      const bank = banks.find((b) => b.id === draw.bankId);
      if (!bank) problems.push(`${at}: draws from unknown bank ${draw.bankId}`);
      else {
        const available = bank.questions.filter((q) => !draw.competency || q.competency === draw.competency).length;
        if (available < draw.count)
          problems.push(
            `${at}: wants ${draw.count} questions from "${bank.title}"${draw.competency ? ` tagged ${draw.competency}` : ''} but it has ${available}`,
          );
      }
    }
    if (!quiz.draws.length) problems.push(`${at}: draws no questions`);
  }
  if (finals > 1) problems.push('a course has at most one final quiz');
  return problems;
}
