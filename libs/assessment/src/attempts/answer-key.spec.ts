import { disclosure } from './answer-key';

const progress = (over: Partial<{ passed: boolean; attemptsLeft: number; answering: boolean }> = {}) => ({
  passed: false,
  attemptsLeft: 1,
  answering: false,
  ...over,
});

it('shows the key and which answers were right, by default, only once passed or out of attempts, and never while an attempt is being answered', () => {
  const rule = 'after-passing-or-last-attempt';
  expect(disclosure(rule, progress())).toEqual({ outcomes: false, key: false });
  expect(disclosure(rule, progress({ passed: true }))).toEqual({ outcomes: true, key: true });
  expect(disclosure(rule, progress({ attemptsLeft: 0 }))).toEqual({ outcomes: true, key: true });
  expect(disclosure(rule, progress({ attemptsLeft: 0, answering: true }))).toEqual({ outcomes: false, key: false });
});

it("follows the trainer's choice of after each attempt, or never (which still says what was right once the quiz is settled)", () => {
  expect(disclosure('after-each-attempt', progress())).toEqual({ outcomes: true, key: true });
  expect(disclosure('never', progress())).toEqual({ outcomes: false, key: false });
  expect(disclosure('never', progress({ passed: true, attemptsLeft: 0 }))).toEqual({ outcomes: true, key: false });
});
