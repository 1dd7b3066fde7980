// The quiz authoring forms read into what DraftEditsService takes: a question with its answer key
// written the way a trainer would, and a quiz's settings. Its input classes hold the bounds and
// refuse what breaks them (shown by FormReader.refusedBy); these only parse what was typed.
import { QUESTION_TYPES, SHOW_ANSWERS } from '@chadavkhi/learning';
import type { QuestionInput, QuizSettings } from '@chadavkhi/learning';
import { FormReader } from './form-fields';
import { Language } from './i18n';

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
export function readQuestion(
  body: Record<string, unknown>,
  lang: Language,
): { form: FormReader; question: QuestionInput } {
  const form = new FormReader(body, lang);
  const type = form.choice('type', QUESTION_TYPES);
  const prompt = form.text('prompt');
  const optionsText = form.text('options', { trim: false });
  const answer = form.text('answer');
  const explanation = form.text('explanation');
  const pointsText = form.text('points');
  const toleranceText = form.text('tolerance');
  form.values.options = optionsText;
  // Points the service refuses (NaN when not a number) are its to word.
  const question: QuestionInput = {
    type,
    prompt,
    points: pointsText === '' ? 1 : decimal(pointsText),
    ...(explanation ? { explanation } : {}),
  };

  const options = lines(optionsText);
  if (type === 'single' || type === 'multiple' || type === 'ordering') {
    if (new Set(options).size !== options.length) form.fail('options', 'quizAuthor.error.optionTwice');
    else question.options = options;
  }
  const numbers = answer.split(/[\s,;]+/).filter(Boolean);
  const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= options.length;
  switch (type) {
    case 'single': {
      const n = Number(answer);
      if (numbers.length !== 1 || !inRange(n))
        form.fail('answer', 'quizAuthor.error.single', { max: Math.max(options.length, 2) });
      else question.correct = n - 1;
      break;
    }
    case 'multiple': {
      const picked = numbers.map(Number);
      if (!picked.length || !picked.every(inRange) || new Set(picked).size !== picked.length)
        form.fail('answer', 'quizAuthor.error.multiple', { max: Math.max(options.length, 2) });
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
      if (Number.isNaN(value)) form.fail('answer', 'quizAuthor.error.numeric');
      else question.correct = value;
      question.tolerance = toleranceText === '' ? 0 : decimal(toleranceText);
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

/** "2,5" or "2.5" (a comma is how many write decimals); NaN when it is not a number. */
function decimal(value: string): number {
  const normal = value.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

export function readQuizSettings(
  body: Record<string, unknown>,
  lang: Language,
): { form: FormReader; settings: QuizSettings } {
  const form = new FormReader(body, lang);
  const settings: QuizSettings = {
    title: form.text('title'),
    passMarkPercent: form.wholeNumber('passMarkPercent'),
    timeLimitMinutes: form.wholeNumber('timeLimitMinutes'),
    maxAttempts: form.wholeNumber('maxAttempts'),
    // The service refuses drawing more than the bank holds.
    questionCount: form.wholeNumber('questionCount'),
    // The radios always send one; a form without them (an older page) leaves the quiz's rule as it is.
    showAnswers: body.showAnswers === undefined ? undefined : form.choice('showAnswers', SHOW_ANSWERS),
    offlineDays: form.optionalWholeNumber('offlineDays'),
  };
  return { form, settings };
}
