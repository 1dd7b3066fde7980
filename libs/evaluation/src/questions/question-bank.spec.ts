import { join } from 'node:path';
import { checkAnswers, loadQuestionBank, questionBank } from './question-bank';

const bank = loadQuestionBank(join(__dirname, '..', '..', '..', '..', 'content'));

describe('the evaluation question bank', () => {
  it('ships every survey in Mongolian and English', () => {
    for (const survey of ['reaction', 'learner_follow_up', 'supervisor_follow_up'] as const) {
      expect(bank[survey].length).toBeGreaterThan(1);
      for (const q of bank[survey]) expect(q.mn && q.en).toBeTruthy();
    }
    expect(bank.learner_follow_up.find((q) => q.key === 'applied')?.options?.map((o) => o.key)).toEqual([
      'yes',
      'partly',
      'no',
    ]);
  });

  it('refuses a bank with a repeated key or a missing language', () => {
    const one = { key: 'a', kind: 'rating', mn: 'А', en: 'A' };
    expect(() => questionBank({ reaction: [one, one], learner_follow_up: [one], supervisor_follow_up: [one] })).toThrow(
      /unique/,
    );
    expect(() =>
      questionBank({ reaction: [{ ...one, en: '' }], learner_follow_up: [one], supervisor_follow_up: [one] }),
    ).toThrow(/en text/);
  });

  it('checks a sheet: ratings 1-5 and choices required, text optional, unknown questions refused', () => {
    const ok = checkAnswers(bank.reaction, {
      relevant: 5,
      clear: '4',
      trainer: 3,
      will_apply: 4,
      recommend: 5,
      comment: '  ',
    });
    expect(ok.problems).toEqual([]);
    expect(ok.answers).toEqual({ relevant: 5, clear: 4, trainer: 3, will_apply: 4, recommend: 5 });
    const bad = checkAnswers(bank.learner_follow_up, { applied: 'maybe', usefulness: 6, extra: 1 });
    expect(bad.problems).toEqual([
      { key: 'extra', code: 'unknown-question' },
      { key: 'applied', code: 'unknown-option' },
      { key: 'usefulness', code: 'rating-out-of-range' },
    ]);
  });
});
