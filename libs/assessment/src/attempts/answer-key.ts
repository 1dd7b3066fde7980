// Whether a learner sees the answer key (right answers, explanations) of an attempt they finished,
// by the quiz's showAnswers. The default waits until no attempt of theirs can still be answered
// or started, so the key never helps an attempt pass.
import type { ShowAnswers } from '@chadavkhi/learning';

/** Where the learner stands on the quiz, across their attempts on one enrolment. */
export interface QuizProgress {
  passed: boolean;
  attemptsLeft: number;
  /** An attempt is open and its time has not run out. */
  answering: boolean;
}

export function answerKeyShown(rule: ShowAnswers, progress: QuizProgress): boolean {
  switch (rule) {
    case 'after-each-attempt':
      return true;
    case 'never':
      return false;
    default:
      return !progress.answering && (progress.passed || progress.attemptsLeft <= 0);
  }
}
