// A course's quizzes as the authoring pages edit them, one at a time: the final quiz (moduleId
// null) or a module's, each with the question bank it draws from. Each function returns the banks
// and quizzes for CoursesService.updateDraft with every id kept, so a published version's
// questions, attempts and item analysis keep following them; banks and quizzes the page is not
// editing (other quizzes, and extra banks or draws made through the API or quiz.yaml) pass through.
import { createHash } from 'node:crypto';
import { DEFAULT_SHOW_ANSWERS, QUESTION_TYPES, SHOW_ANSWERS } from '@chadavkhi/learning';
import type { CourseDraft, CoursesService, ShowAnswers } from '@chadavkhi/learning';
import { FormReader } from './form-fields';
import { Language } from './i18n';

type Draft = CourseDraft;
type Bank = Draft['questionBanks'][number];
type Question = Bank['questions'][number];
type Quiz = Draft['quizzes'][number];
type UpdateInput = Parameters<CoursesService['updateDraft']>[2];
export type QuestionInput = NonNullable<UpdateInput['questionBanks']>[number]['questions'][number];
export type AssessmentInput = Required<Pick<UpdateInput, 'questionBanks' | 'quizzes'>>;

/** The limits the course input rules set (quiz-draft.dto.ts). */
export const MAX_QUESTIONS_PER_BANK = 500;
const MAX_OPTIONS = 20;

/** The quiz a page edits: the final quiz (moduleId null) or the module's. */
export function quizOf(draft: Draft, moduleId: string | null): Quiz | undefined {
  return (draft.quizzes ?? []).find((q) => q.moduleId === moduleId);
}

/**
 * The id a quiz's bank gets when its first question is written, before the quiz exists to point at
 * it: the same for the same course and module every time (a name-based UUID), so the next question
 * finds it.
 */
export function bankIdFor(courseId: string, moduleId: string | null): string {
  const h = createHash('sha256').update(`chadavkhi-quiz-bank:${courseId}:${moduleId ?? 'final'}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The bank the quiz draws from (its first draw); before there is a quiz, the bank made for it by
 * its first question, or for the final quiz of content imported from files, a bank no quiz uses.
 */
export function bankOf(draft: Draft, courseId: string, moduleId: string | null): Bank | undefined {
  const banks = draft.questionBanks ?? [];
  const quiz = quizOf(draft, moduleId);
  if (quiz) return banks.find((b) => b.id === quiz.draws[0]?.bankId);
  const made = banks.find((b) => b.id === bankIdFor(courseId, moduleId));
  if (made || moduleId !== null) return made;
  const drawn = new Set((draft.quizzes ?? []).flatMap((q) => q.draws.map((d) => d.bankId)));
  return banks.find((b) => !drawn.has(b.id));
}

function questionInput(q: Question): QuestionInput {
  return {
    id: q.id,
    type: q.type,
    points: q.points,
    prompt: q.prompt,
    ...(q.options ? { options: q.options } : {}),
    ...(q.correct !== undefined ? { correct: q.correct } : {}),
    ...(q.scoring ? { scoring: q.scoring } : {}),
    ...(q.tolerance !== undefined ? { tolerance: q.tolerance } : {}),
    ...(q.explanation ? { explanation: q.explanation } : {}),
    ...(q.competency ? { competency: q.competency } : {}),
  };
}

function assessmentInput(draft: Draft): AssessmentInput {
  return {
    questionBanks: (draft.questionBanks ?? []).map((b) => ({ id: b.id, title: b.title, questions: b.questions.map(questionInput) })),
    quizzes: (draft.quizzes ?? []).map((q) => ({
      id: q.id,
      title: q.title,
      ...(q.moduleId ? { module: q.moduleId } : {}),
      passMarkPercent: q.passMarkPercent,
      timeLimitMinutes: q.timeLimitMinutes,
      maxAttempts: q.maxAttempts,
      shuffleQuestions: q.shuffleQuestions,
      shuffleOptions: q.shuffleOptions,
      showAnswers: q.showAnswers,
      ...(q.offlineDays ? { offlineDays: q.offlineDays } : {}),
      draws: q.draws.map((d) => ({ bank: d.bankId, count: d.count, ...(d.competency ? { competency: d.competency } : {}) })),
    })),
  };
}

/** Adds a question to the quiz's bank, making the bank (named `bankTitle`) if there is none. */
export function addQuestion(draft: Draft, courseId: string, moduleId: string | null, question: QuestionInput, bankTitle: string): AssessmentInput {
  const input = assessmentInput(draft);
  const bank = bankOf(draft, courseId, moduleId);
  if (bank) input.questionBanks = input.questionBanks.map((b) => (b.id === bank.id ? { ...b, questions: [...b.questions, question] } : b));
  else input.questionBanks = [...input.questionBanks, { id: bankIdFor(courseId, moduleId), title: bankTitle, questions: [question] }];
  return input;
}

/** Null when the quiz's bank has no such question. */
export function removeQuestion(draft: Draft, courseId: string, moduleId: string | null, questionId: string): AssessmentInput | null {
  const bank = bankOf(draft, courseId, moduleId);
  if (!bank?.questions.some((q) => q.id === questionId)) return null;
  const input = assessmentInput(draft);
  input.questionBanks = input.questionBanks.map((b) => (b.id === bank.id ? { ...b, questions: b.questions.filter((q) => q.id !== questionId) } : b));
  return input;
}

export interface QuizSettings {
  title: string;
  passMarkPercent: number;
  timeLimitMinutes: number;
  maxAttempts: number;
  questionCount: number;
  /** Absent: as the quiz has it (the default for a new quiz). */
  showAnswers?: ShowAnswers;
  offlineDays: number | null;
}

/** Creates or updates the quiz, drawing `questionCount` questions from its bank. Null without a bank. */
export function saveQuiz(draft: Draft, courseId: string, moduleId: string | null, settings: QuizSettings): AssessmentInput | null {
  const bank = bankOf(draft, courseId, moduleId);
  if (!bank) return null;
  const input = assessmentInput(draft);
  const existing = quizOf(draft, moduleId);
  const quiz = {
    ...(existing ? { id: existing.id } : {}),
    ...(moduleId ? { module: moduleId } : {}),
    title: settings.title,
    passMarkPercent: settings.passMarkPercent,
    timeLimitMinutes: settings.timeLimitMinutes,
    maxAttempts: settings.maxAttempts,
    shuffleQuestions: existing?.shuffleQuestions ?? true,
    shuffleOptions: existing?.shuffleOptions ?? true,
    showAnswers: settings.showAnswers ?? existing?.showAnswers ?? DEFAULT_SHOW_ANSWERS,
    ...(settings.offlineDays ? { offlineDays: settings.offlineDays } : {}),
    // A quiz made from a file may draw from several banks: only the first draw (this page's bank) changes.
    draws: existing
      ? input.quizzes.find((q) => q.id === existing.id)!.draws.map((d, i) => (i === 0 ? { ...d, count: settings.questionCount } : d))
      : [{ bank: bank.id, count: settings.questionCount }],
  };
  input.quizzes = existing ? input.quizzes.map((q) => (q.id === existing.id ? quiz : q)) : [...input.quizzes, quiz];
  return input;
}

export function removeQuiz(draft: Draft, moduleId: string | null): AssessmentInput | null {
  const existing = quizOf(draft, moduleId);
  if (!existing) return null;
  const input = assessmentInput(draft);
  input.quizzes = input.quizzes.filter((q) => q.id !== existing.id);
  return input;
}

// True or false, in either language of the page.
const TRUE_WORDS = ['true', 'үнэн', 'yes', 'тийм'];
const FALSE_WORDS = ['false', 'худал', 'no', 'үгүй'];

/** Option lines of a textarea: trimmed, blank lines dropped. */
function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * A question from the add-question form, its answer key written the way a trainer would: the
 * number of the right option, the numbers of the right options, true or false, a number and how
 * far off still counts, accepted answers one per line, or (ordering) the options in their order.
 */
export function readQuestion(body: Record<string, unknown>, lang: Language): { form: FormReader; question: QuestionInput } {
  const form = new FormReader(body, lang);
  const type = form.choice('type', QUESTION_TYPES);
  const prompt = form.text('prompt', { min: 1, max: 2000 });
  const optionsText = form.text('options', { max: MAX_OPTIONS * 501, trim: false });
  const answer = form.text('answer', { max: 2000 });
  const explanation = form.text('explanation', { max: 2000 });
  const pointsText = form.text('points', { max: 6 });
  const toleranceText = form.text('tolerance', { max: 20 });
  form.values.options = optionsText;
  const question: QuestionInput = { type, prompt, points: 1, ...(explanation ? { explanation } : {}) };

  const points = pointsText === '' ? 1 : decimal(pointsText);
  if (points === null || points < 0.5 || points > 100) form.fail('points', 'quizAuthor.error.points');
  else question.points = points;

  const options = lines(optionsText);
  if (type === 'single' || type === 'multiple' || type === 'ordering') {
    if (options.length < 2 || options.length > MAX_OPTIONS) form.fail('options', 'quizAuthor.error.options', { max: MAX_OPTIONS });
    else if (options.some((o) => o.length > 500)) form.fail('options', 'quizAuthor.error.optionLength');
    else if (new Set(options).size !== options.length) form.fail('options', 'quizAuthor.error.optionTwice');
    else question.options = options;
  }
  const numbers = answer.split(/[\s,;]+/).filter(Boolean);
  const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= options.length;
  switch (type) {
    case 'single': {
      const n = Number(answer);
      if (numbers.length !== 1 || !inRange(n)) form.fail('answer', 'quizAuthor.error.single', { max: Math.max(options.length, 2) });
      else question.correct = n - 1;
      break;
    }
    case 'multiple': {
      const picked = numbers.map(Number);
      if (!picked.length || !picked.every(inRange) || new Set(picked).size !== picked.length) form.fail('answer', 'quizAuthor.error.multiple', { max: Math.max(options.length, 2) });
      else question.correct = [...picked].sort((a, b) => a - b).map((n) => n - 1);
      question.scoring = 'partial';
      break;
    }
    case 'true_false': {
      const word = answer.toLowerCase();
      if (TRUE_WORDS.includes(word)) question.correct = true;
      else if (FALSE_WORDS.includes(word)) question.correct = false;
      else form.fail('answer', 'quizAuthor.error.trueFalse');
      break;
    }
    case 'numeric': {
      const value = decimal(answer);
      if (value === null) form.fail('answer', 'quizAuthor.error.numeric');
      else question.correct = value;
      const tolerance = toleranceText === '' ? 0 : decimal(toleranceText);
      if (tolerance === null || tolerance < 0) form.fail('tolerance', 'quizAuthor.error.tolerance');
      else question.tolerance = tolerance;
      break;
    }
    case 'text': {
      const accepted = lines(answer.replace(/;/g, '\n'));
      if (!accepted.length) form.fail('answer', 'quizAuthor.error.text');
      else question.correct = accepted;
      break;
    }
    case 'ordering':
      break;
  }
  return { form, question };
}

/** "2,5" or "2.5" (a comma is how many write decimals); null when it is not a number. */
function decimal(value: string): number | null {
  const normal = value.trim().replace(',', '.');
  return /^-?\d{1,12}(\.\d{1,6})?$/.test(normal) ? Number(normal) : null;
}

export function readQuizSettings(body: Record<string, unknown>, lang: Language, bankSize: number): { form: FormReader; settings: QuizSettings } {
  const form = new FormReader(body, lang);
  const settings: QuizSettings = {
    title: form.text('title', { min: 1, max: 200 }),
    passMarkPercent: form.int('passMarkPercent', 1, 100),
    timeLimitMinutes: form.int('timeLimitMinutes', 1, 600),
    maxAttempts: form.int('maxAttempts', 1, 100),
    questionCount: form.int('questionCount', 1, Math.max(1, Math.min(200, bankSize))),
    // The radios always send one; a form without them (an older page) leaves the quiz's rule as it is.
    showAnswers: body.showAnswers === undefined ? undefined : form.choice('showAnswers', SHOW_ANSWERS),
    offlineDays: form.optionalInt('offlineDays', 1, 30),
  };
  return { form, settings };
}
