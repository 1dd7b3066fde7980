// Server-side grading of one answer. Answers name options by the position the learner was shown;
// `optionOrder` maps each shown position back to the authored option index.
import type { QuestionDefinition } from '@chadavkhi/learning';

export interface Graded {
  score: number;
  max: number;
  /** right, partly right (partial credit) or wrong. */
  outcome: 'correct' | 'partial' | 'incorrect' | 'unanswered';
}

/** Lower-case, trimmed, inner whitespace collapsed, Unicode-normalised (NFKC), so "  ТАТВАР " equals "татвар". */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('mn').replace(/\s+/g, ' ').trim();
}

/** The longest text answer graded, in characters. */
export const TEXT_ANSWER_MAX = 500;

/** An answer of the wrong shape for its question; `code` says which way, for a caller's own words. */
export class AnswerShapeError extends Error {
  constructor(
    message: string,
    readonly code: 'too-long' | 'wrong-shape',
  ) {
    super(message);
  }
}

const isIndexList = (v: unknown, n: number): v is number[] =>
  Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x < n) && new Set(v).size === v.length;

/** Throws AnswerShapeError when the answer has the wrong type for the question. */
export function assertAnswerShape(q: QuestionDefinition, answer: unknown): void {
  if (answer === null || answer === undefined) return;
  const n = q.options?.length ?? 0;
  const ok = (() => {
    switch (q.type) {
      case 'single':
        return Number.isInteger(answer) && (answer as number) >= 0 && (answer as number) < n;
      case 'multiple':
        return isIndexList(answer, n);
      case 'true_false':
        return typeof answer === 'boolean';
      case 'numeric':
        return typeof answer === 'number' && Number.isFinite(answer);
      case 'text':
        return typeof answer === 'string' && answer.length <= TEXT_ANSWER_MAX;
      case 'ordering':
        return isIndexList(answer, n) && (answer as number[]).length === n;
    }
  })();
  if (!ok)
    throw new AnswerShapeError(
      expectedShape(q),
      q.type === 'text' && typeof answer === 'string' ? 'too-long' : 'wrong-shape',
    );
}

export function expectedShape(q: QuestionDefinition): string {
  const n = q.options?.length ?? 0;
  switch (q.type) {
    case 'single':
      return `one option position 0-${n - 1}`;
    case 'multiple':
      return `a list of distinct option positions 0-${n - 1}`;
    case 'true_false':
      return 'true or false';
    case 'numeric':
      return 'a number';
    case 'text':
      return `text of at most ${TEXT_ANSWER_MAX} characters`;
    case 'ordering':
      return `all ${n} option positions, in your order`;
  }
}

export function gradeQuestion(q: QuestionDefinition, answer: unknown, optionOrder: number[]): Graded {
  const max = q.points;
  if (answer === null || answer === undefined || (typeof answer === 'string' && !answer.trim()))
    return { score: 0, max, outcome: 'unanswered' };
  const toAuthored = (shown: number) => optionOrder[shown] ?? shown;
  const whole = (right: boolean): Graded => ({ score: right ? max : 0, max, outcome: right ? 'correct' : 'incorrect' });
  switch (q.type) {
    case 'single':
      return whole(toAuthored(answer as number) === q.correct);
    case 'true_false':
      return whole(answer === q.correct);
    case 'numeric':
      return whole(Math.abs((answer as number) - (q.correct as number)) <= (q.tolerance ?? 0) + 1e-9);
    case 'text': {
      const given = normaliseText(answer as string);
      return whole((q.correct as string[]).some((accepted) => normaliseText(accepted) === given));
    }
    case 'ordering': {
      const chosen = (answer as number[]).map(toAuthored);
      return whole(chosen.every((authored, position) => authored === position));
    }
    case 'multiple': {
      const right = new Set(q.correct as number[]);
      const chosen = new Set((answer as number[]).map(toAuthored));
      const hits = [...chosen].filter((c) => right.has(c)).length;
      const misses = chosen.size - hits;
      if (hits === right.size && misses === 0) return { score: max, max, outcome: 'correct' };
      if (q.scoring !== 'partial') return { score: 0, max, outcome: 'incorrect' };
      // Partial credit: each right choice earns a share, each wrong choice takes one back; never below 0.
      const share = Math.max(0, (hits - misses) / right.size);
      const score = Math.round(max * share * 100) / 100;
      return { score, max, outcome: score > 0 ? 'partial' : 'incorrect' };
    }
  }
}
