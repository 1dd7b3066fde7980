// The quiz authoring forms read into what DraftEditsService takes: a question with its answer key
// written the way a trainer would, and a quiz's settings.
import { QUESTION_TYPES, SHOW_ANSWERS } from '@chadavkhi/learning';
import type { QuestionInput, QuizSettings, ShowAnswers } from '@chadavkhi/learning';
import { FormReader } from './form-fields';
import { Language } from './i18n';

const MAX_OPTIONS = 20;

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
