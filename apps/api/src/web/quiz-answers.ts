// A quiz form (urlencoded, every value a string) read into the answers AttemptsService grades, and
// back: what the learner typed is kept to show the form again, and each answer is said in words
// on the result page. Field names: `a-<questionId>` (a checkbox group repeats it) and, for ordering,
// `a-<questionId>-<optionKey>` = the position the learner gave that option (1 = first). How long
// a text answer may be is the grader's rule: its refusal is put into words here, beside the question.
import { AnswersRefusedException, ShownQuestion } from '@chadavkhi/assessment';

export type AnswerError = 'quiz.error.number' | 'quiz.error.ordering' | 'quiz.error.option' | 'quiz.error.tooLong';

export interface ReadAnswers {
  answers: Record<string, unknown>;
  errors: Record<string, AnswerError>;
  /** What was typed or chosen, per field name, to fill the form in again. */
  typed: Record<string, string[]>;
}

function values(body: Record<string, unknown>, name: string): string[] {
  const raw = body[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 100);
}

/** "3,5", " 1 200 " and "-2" are numbers as people type them; anything else is not. */
export function parseTypedNumber(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(compact)) return undefined;
  const n = Number(compact);
  return Number.isFinite(n) ? n : undefined;
}

export function readAnswers(body: Record<string, unknown>, questions: ShownQuestion[]): ReadAnswers {
  const answers: Record<string, unknown> = {};
  const errors: Record<string, AnswerError> = {};
  const typed: Record<string, string[]> = {};
  for (const q of questions) {
    const name = `a-${q.id}`;
    const keys = new Set((q.options ?? []).map((o) => String(o.key)));
    if (q.type === 'ordering') {
      const positions = (q.options ?? []).map((o) => {
        const [value = ''] = values(body, `${name}-${o.key}`);
        typed[`${name}-${o.key}`] = [value];
        return { key: o.key, position: value.trim() === '' ? undefined : Number(value) };
      });
      if (positions.every((p) => p.position === undefined)) continue;
      const given = positions.map((p) => p.position);
      const n = positions.length;
      const valid =
        given.every((p) => p !== undefined && Number.isInteger(p) && p >= 1 && p <= n) && new Set(given).size === n;
      if (!valid) errors[q.id] = 'quiz.error.ordering';
      else answers[q.id] = [...positions].sort((a, b) => a.position! - b.position!).map((p) => p.key);
      continue;
    }
    const given = values(body, name);
    typed[name] = given;
    const first = (given[0] ?? '').trim();
    switch (q.type) {
      case 'single':
        if (!first) break;
        if (!keys.has(first)) errors[q.id] = 'quiz.error.option';
        else answers[q.id] = Number(first);
        break;
      case 'multiple': {
        const chosen = [...new Set(given.map((v) => v.trim()))];
        if (!chosen.length) break;
        if (chosen.some((k) => !keys.has(k))) errors[q.id] = 'quiz.error.option';
        else answers[q.id] = chosen.map(Number).sort((a, b) => a - b);
        break;
      }
      case 'true_false':
        if (first === 'true' || first === 'false') answers[q.id] = first === 'true';
        else if (first) errors[q.id] = 'quiz.error.option';
        break;
      case 'numeric': {
        if (!first) break;
        const n = parseTypedNumber(first);
        if (n === undefined) errors[q.id] = 'quiz.error.number';
        else answers[q.id] = n;
        break;
      }
      case 'text':
        if (first) answers[q.id] = first;
        break;
    }
  }
  return { answers, errors, typed };
}

/** AttemptsService's refusal of answers it cannot grade, as each question's error; undefined for anything else. */
export function answersRefused(error: unknown): Record<string, AnswerError> | undefined {
  if (!(error instanceof AnswersRefusedException)) return undefined;
  return Object.fromEntries(
    error.refusals.map((r) => [r.questionId, r.code === 'too-long' ? 'quiz.error.tooLong' : 'quiz.error.option']),
  );
}

/** An answer (the learner's or the key) in words, using the option texts as the learner saw them. */
export function answerText(
  q: ShownQuestion,
  answer: unknown,
  words: { yes: string; no: string; none: string },
): string[] {
  if (answer === null || answer === undefined || answer === '') return [words.none];
  const option = (key: unknown) => q.options?.find((o) => o.key === key)?.text ?? String(key);
  switch (q.type) {
    case 'single':
      return [option(answer)];
    case 'multiple':
      return Array.isArray(answer) && answer.length ? answer.map(option) : [words.none];
    case 'true_false':
      return [answer === true ? words.yes : words.no];
    case 'ordering':
      return Array.isArray(answer) ? answer.map((key, i) => `${i + 1}. ${option(key)}`) : [words.none];
    case 'text':
      return Array.isArray(answer) ? answer.map(String) : [String(answer)];
    default:
      return [String(answer)];
  }
}
