import { draftLines, MAX_DRAFT_LINES } from './plan-draft';

const gap = (code: string, people: number, offline: number, level = 2) => ({
  competency_code: code,
  name_mn: code,
  name_en: code,
  level,
  people,
  offline,
  confirmed: 0,
  positions: [{ id: 'p1', people }],
});

describe('drafting plan lines from competency gaps', () => {
  it('splits a competency between online and face-to-face, preferring a course that reaches the level', () => {
    const lines = draftLines(
      'a',
      [gap('ethics', 10, 4, 3)],
      [
        { competency_code: 'ethics', course_id: 'low', level: 1 },
        { competency_code: 'ethics', course_id: 'high', level: 3 },
      ],
    );
    expect(lines.map((l) => [l.modality, l.seats, l.courseId])).toEqual([
      ['online', 6, 'high'],
      ['face_to_face', 4, 'high'],
    ]);
  });

  it('suggests external training where no course builds the competency, and spreads the gaps over the quarters', () => {
    const lines = draftLines('a', [gap('a1', 8, 0), gap('a2', 6, 0), gap('a3', 4, 0), gap('a4', 2, 0)], []);
    expect(lines.map((l) => [l.modality, l.quarter, l.courseId])).toEqual([
      ['external', 1, null],
      ['external', 2, null],
      ['external', 3, null],
      ['external', 4, null],
    ]);
    expect(lines.every((l) => l.provider && l.cost === 0)).toBe(true);
  });

  it('plans at most a line’s seats for a government-wide gap', () => {
    const [line] = draftLines('a', [gap('ethics', 150_000, 0)], []);
    expect(line.seats).toBe(100_000);
  });

  it('never drafts more lines than a plan holds', () => {
    const many = Array.from({ length: 300 }, (_, i) => gap(`c${i}`, 5, 2));
    expect(
      draftLines(
        'a',
        many,
        many.map((g) => ({ competency_code: g.competency_code, course_id: 'x', level: 2 })),
      ),
    ).toHaveLength(MAX_DRAFT_LINES);
  });
});
