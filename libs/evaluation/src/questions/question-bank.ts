// The standard evaluation questions (content/evaluation-questions.yaml) and the rules every answer
// sheet is checked against, whoever typed it (the learner online, the device offline, HR from paper).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const SURVEYS = ['reaction', 'learner_follow_up', 'supervisor_follow_up'] as const;
export type Survey = (typeof SURVEYS)[number];
export const QUESTION_KINDS = ['rating', 'choice', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
/** A rating is answered on a five-point agreement scale. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A free-text answer is a few sentences. */
export const MAX_TEXT_ANSWER = 2000;

export interface ChoiceOption {
  key: string;
  mn: string;
  en: string;
}

export interface EvaluationQuestion {
  /** Stable: results are kept by key (a trainer's own question is `c-<uuid>`). */
  key: string;
  kind: QuestionKind;
  mn: string;
  en: string;
  options?: ChoiceOption[];
  /** A trainer's question, not the standard bank's. */
  custom?: boolean;
}

export type QuestionBank = Record<Survey, EvaluationQuestion[]>;
export type Answers = Record<string, number | string>;

export class QuestionBankError extends Error {}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Parses and checks the bank; a broken file fails at start-up, not in front of a learner. */
export function questionBank(source: unknown): QuestionBank {
  if (!source || typeof source !== 'object') throw new QuestionBankError('The question bank is not a map of surveys');
  const bank = {} as QuestionBank;
  for (const survey of SURVEYS) {
    const list = (source as Record<string, unknown>)[survey];
    if (!Array.isArray(list) || !list.length || list.length > 12)
      throw new QuestionBankError(`${survey}: 1 to 12 questions expected`);
    const keys = new Set<string>();
    bank[survey] = list.map((q: Record<string, unknown>, i) => {
      const where = `${survey}[${i}]`;
      if (typeof q?.key !== 'string' || !KEY.test(q.key) || keys.has(q.key))
        throw new QuestionBankError(`${where}: a unique lower-case key is required`);
      keys.add(q.key);
      if (!QUESTION_KINDS.includes(q.kind as QuestionKind)) throw new QuestionBankError(`${where}: unknown kind`);
      for (const lang of ['mn', 'en'])
        if (typeof q[lang] !== 'string' || !(q[lang] as string).trim())
          throw new QuestionBankError(`${where}: the ${lang} text is missing`);
      const question: EvaluationQuestion = {
        key: q.key,
        kind: q.kind as QuestionKind,
        mn: q.mn as string,
        en: q.en as string,
      };
      if (q.kind === 'choice') {
        const options = q.options as ChoiceOption[] | undefined;
        if (!Array.isArray(options) || options.length < 2 || options.some((o) => !o?.key || !o.mn || !o.en))
          throw new QuestionBankError(`${where}: a choice needs at least two options with mn and en labels`);
        question.options = options.map((o) => ({ key: String(o.key), mn: o.mn, en: o.en }));
      }
      return question;
    });
  }
  return bank;
}

export function loadQuestionBank(dir = join(process.cwd(), 'content')): QuestionBank {
  return questionBank(parse(readFileSync(join(dir, 'evaluation-questions.yaml'), 'utf8')));
}

/** Why an answer sheet was refused: the question key and a stable code. */
export interface AnswerProblem {
  key: string;
  code: 'unknown-question' | 'rating-out-of-range' | 'unknown-option' | 'text-too-long' | 'required';
}

/**
 * The sheet, kept to the questions asked: the standard ratings and choices are required; text and a
 * trainer's own questions are optional (a paper sheet or a device may carry the questions as they
 * were before the trainer added one; blank text is dropped). Returns the cleaned answers, or the
 * problems found.
 */
export function checkAnswers(
  questions: EvaluationQuestion[],
  answers: Record<string, unknown>,
  /** False for a paper sheet: a question left blank there is typed in blank, not invented. */
  requireStandard = true,
): { answers: Answers; problems: AnswerProblem[] } {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const problems: AnswerProblem[] = [];
  const clean: Answers = {};
  for (const key of Object.keys(answers)) if (!byKey.has(key)) problems.push({ key, code: 'unknown-question' });
  for (const q of questions) {
    const value = answers[q.key];
    if (q.kind === 'text') {
      if (value === undefined || value === null) continue;
      const text = String(value).trim();
      if (text.length > MAX_TEXT_ANSWER) problems.push({ key: q.key, code: 'text-too-long' });
      else if (text) clean[q.key] = text;
      continue;
    }
    if (value === undefined || value === null || value === '') {
      if (!q.custom && requireStandard) problems.push({ key: q.key, code: 'required' });
      continue;
    }
    if (q.kind === 'rating') {
      const n = typeof value === 'number' ? value : /^\d$/.test(String(value)) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < RATING_MIN || n > RATING_MAX)
        problems.push({ key: q.key, code: 'rating-out-of-range' });
      else clean[q.key] = n;
    } else if (!q.options?.some((o) => o.key === value)) problems.push({ key: q.key, code: 'unknown-option' });
    else clean[q.key] = String(value);
  }
  return { answers: clean, problems };
}
