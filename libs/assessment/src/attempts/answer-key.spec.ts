import { answerKeyShown } from './answer-key';

const progress = (over: Partial<{ passed: boolean; attemptsLeft: number; answering: boolean }> = {}) => ({ passed: false, attemptsLeft: 1, answering: false, ...over });

it('shows the key by default only once passed or out of attempts, and never while an attempt is being answered', () => {
  const rule = 'after-passing-or-last-attempt';
  expect(answerKeyShown(rule, progress())).toBe(false);
  expect(answerKeyShown(rule, progress({ passed: true }))).toBe(true);
  expect(answerKeyShown(rule, progress({ attemptsLeft: 0 }))).toBe(true);
  expect(answerKeyShown(rule, progress({ attemptsLeft: 0, answering: true }))).toBe(false);
});

it('follows the trainer\'s choice of after each attempt, or never', () => {
  expect(answerKeyShown('after-each-attempt', progress())).toBe(true);
  expect(answerKeyShown('never', progress({ passed: true, attemptsLeft: 0 }))).toBe(false);
});
