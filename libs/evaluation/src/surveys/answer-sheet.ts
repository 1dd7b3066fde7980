// A sheet checked against the questions asked, refused field by field as any input is.
import { ValidationProblemException } from '@chadavkhi/platform';
import {
  Answers,
  checkAnswers,
  EvaluationQuestion,
  MAX_TEXT_ANSWER,
  RATING_MAX,
  RATING_MIN,
} from '../questions/question-bank';

const MESSAGES = {
  'unknown-question': 'is not a question of this survey',
  'rating-out-of-range': `must be a whole number from ${RATING_MIN} to ${RATING_MAX}`,
  'unknown-option': 'must be one of the options offered',
  'text-too-long': `must be at most ${MAX_TEXT_ANSWER} characters`,
  required: 'must be answered',
} as const;

export function answerSheet(questions: EvaluationQuestion[], answers: Record<string, unknown>): Answers {
  const checked = checkAnswers(questions, answers ?? {});
  if (checked.problems.length)
    throw new ValidationProblemException(
      checked.problems.map((p) => ({ field: `answers.${p.key}`, messages: [`${p.key} ${MESSAGES[p.code]}`] })),
      {
        detail: 'Some answers are missing or not among those offered.',
        rules: checked.problems.map((p) => ({ field: `answers.${p.key}`, rule: p.code, figures: [] })),
      },
    );
  return checked.answers;
}
