import { itemAnalysis, ScoredAttempt } from './item-analysis';

it('finds the easy, the hard, and the question that strong and weak learners answer alike', () => {
  const attempts: ScoredAttempt[] = Array.from({ length: 20 }, (_, i) => {
    const strong = i < 10;
    return {
      percent: strong ? 90 - i : 30 - i,
      items: [
        { questionId: 'easy', score: 1, max: 1 },
        { questionId: 'separates', score: strong ? 1 : 0, max: 1 },
        { questionId: 'coin-flip', score: i % 2, max: 1 },
        { questionId: 'hard', score: i === 0 ? 1 : 0, max: 1 },
      ],
    };
  });
  const stats = Object.fromEntries(itemAnalysis(attempts).map((s) => [s.questionId, s]));
  expect(stats.easy).toEqual(expect.objectContaining({ difficulty: 1, flag: 'too-easy' }));
  expect(stats.separates).toEqual(expect.objectContaining({ difficulty: 0.5, discrimination: 1, flag: 'ok' }));
  expect(stats['coin-flip'].flag).toBe('poor-discrimination');
  expect(stats.hard.flag).toBe('too-hard');
  expect(itemAnalysis(attempts.slice(0, 3))[0].flag).toBe('too-few-answers');
});
