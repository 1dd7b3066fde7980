// What a learner sees of an attempt they finished, by the quiz's showAnswers: the answer key (right
// answers, explanations) and which of their answers were right. Which answers were right is the key
// for a true/false question and half of it for the others, so both wait, by default, until no attempt
// of theirs can still be answered or started: neither ever helps an attempt pass. The score is
// always shown.
import type { ShowAnswers } from '@chadavkhi/learning';

/** Where the learner stands on the quiz, across their attempts on one enrolment. */
export interface QuizProgress {
  passed: boolean;
  attemptsLeft: number;
  /** An attempt is open and its time has not run out. */
  answering: boolean;
}

export interface Disclosure {
  /** Per question: right, partly right, wrong or unanswered, and the points. */
  outcomes: boolean;
  /** The right answers and the explanations. */
  key: boolean;
}

export const NOTHING_DISCLOSED: Disclosure = { outcomes: false, key: false };

export function disclosure(rule: ShowAnswers, progress: QuizProgress): Disclosure {
  if (rule === 'after-each-attempt') return { outcomes: true, key: true };
  const settled = !progress.answering && (progress.passed || progress.attemptsLeft <= 0);
  return { outcomes: settled, key: settled && rule === 'after-passing-or-last-attempt' };
}
