import { lessonEstimates, paceSteps } from './completion-pace';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 8, minutes));

describe('completion pace', () => {
  it("shares the course's estimated minutes out by the length of each lesson's text", () => {
    const estimates = lessonEstimates(
      30,
      new Map([
        ['a', 3000],
        ['b', 1000],
        ['c', 0],
      ]),
    );
    expect(Object.fromEntries(estimates)).toEqual({ a: 1350, b: 450, c: 0 });
  });

  it('flags a lesson done in under a fifth of its estimate since the previous step, not one read through', () => {
    const estimates = new Map([
      ['a', 600],
      ['b', 600],
      ['c', 30],
    ]);
    const paced = paceSteps(
      [
        { lessonId: 'b', completedAt: at(11) },
        { lessonId: 'a', completedAt: at(10) },
        { lessonId: 'c', completedAt: at(11) },
      ],
      [at(0)],
      estimates,
    );
    expect(paced.map((p) => [p.lessonId, p.secondsSpent, p.tooFast])).toEqual([
      ['a', 600, false], // ten minutes since enrolling: read
      ['b', 60, true], // one minute for ten minutes of reading
      ['c', 0, false], // under a minute's estimate: never flagged
    ]);
  });
});
