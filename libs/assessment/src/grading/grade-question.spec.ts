import type { QuestionDefinition } from '@chadavkhi/learning';
import { AnswerShapeError, assertAnswerShape, gradeQuestion, normaliseText } from './grade-question';

const q = (over: Partial<QuestionDefinition>): QuestionDefinition => ({
  id: 'q',
  type: 'single',
  points: 2,
  prompt: '?',
  ...over,
});
const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('grading', () => {
  it('single choice: maps the shown position back to the authored option', () => {
    const single = q({ options: ['a', 'b', 'c'], correct: 1 });
    expect(gradeQuestion(single, 1, identity(3))).toEqual({ score: 2, max: 2, outcome: 'correct' });
    expect(gradeQuestion(single, 0, [1, 0, 2])).toEqual({ score: 2, max: 2, outcome: 'correct' }); // "b" was shown first
    expect(gradeQuestion(single, 1, [1, 0, 2]).outcome).toBe('incorrect');
  });

  it('multiple choice, all or nothing', () => {
    const m = q({ type: 'multiple', options: ['a', 'b', 'c', 'd'], correct: [0, 2], scoring: 'all_or_nothing' });
    expect(gradeQuestion(m, [2, 0], identity(4)).score).toBe(2);
    expect(gradeQuestion(m, [0], identity(4))).toEqual({ score: 0, max: 2, outcome: 'incorrect' });
    expect(gradeQuestion(m, [0, 1, 2], identity(4)).score).toBe(0);
  });

  it('multiple choice with partial credit: right choices add, wrong ones subtract, never below zero', () => {
    const m = q({ type: 'multiple', points: 3, options: ['a', 'b', 'c', 'd'], correct: [0, 1, 2], scoring: 'partial' });
    expect(gradeQuestion(m, [0, 1, 2], identity(4))).toEqual({ score: 3, max: 3, outcome: 'correct' });
    expect(gradeQuestion(m, [0, 1], identity(4))).toEqual({ score: 2, max: 3, outcome: 'partial' });
    expect(gradeQuestion(m, [0, 1, 3], identity(4))).toEqual({ score: 1, max: 3, outcome: 'partial' });
    expect(gradeQuestion(m, [3], identity(4))).toEqual({ score: 0, max: 3, outcome: 'incorrect' });
  });

  it('true/false', () => {
    const tf = q({ type: 'true_false', correct: false });
    expect(gradeQuestion(tf, false, []).outcome).toBe('correct');
    expect(gradeQuestion(tf, true, []).outcome).toBe('incorrect');
  });

  it('numeric with tolerance', () => {
    const n = q({ type: 'numeric', correct: 30, tolerance: 0.5 });
    expect(gradeQuestion(n, 30.5, []).outcome).toBe('correct');
    expect(gradeQuestion(n, 29.6, []).outcome).toBe('correct');
    expect(gradeQuestion(n, 31, []).outcome).toBe('incorrect');
    expect(gradeQuestion(q({ type: 'numeric', correct: 10 }), 10.01, []).outcome).toBe('incorrect');
  });

  it('short text: case, whitespace and Unicode form do not matter, Cyrillic included', () => {
    const t = q({ type: 'text', correct: ['Авлигатай тэмцэх газар', 'АТГ', 'IAAC'] });
    expect(gradeQuestion(t, '  атг ', []).outcome).toBe('correct');
    expect(gradeQuestion(t, 'АВЛИГАТАЙ   ТЭМЦЭХ газар', []).outcome).toBe('correct');
    expect(gradeQuestion(t, 'iaac', []).outcome).toBe('correct');
    expect(gradeQuestion(t, 'Ашиг сонирхол', []).outcome).toBe('incorrect');
    expect(gradeQuestion(t, '   ', []).outcome).toBe('unanswered');
    expect(normaliseText('Ө  Ү')).toBe('ө ү');
  });

  it('ordering: right only when every step is in place', () => {
    const o = q({ type: 'ordering', options: ['first', 'second', 'third'] });
    const shown = [2, 0, 1]; // the learner saw: third, first, second
    expect(gradeQuestion(o, [1, 2, 0], shown).outcome).toBe('correct');
    expect(gradeQuestion(o, [0, 1, 2], shown).outcome).toBe('incorrect');
  });

  it('rejects answers of the wrong shape', () => {
    expect(() => assertAnswerShape(q({ options: ['a', 'b'] }), 5)).toThrow(AnswerShapeError);
    expect(() => assertAnswerShape(q({ options: ['a', 'b'] }), '0')).toThrow(/one option position 0-1/);
    expect(() => assertAnswerShape(q({ type: 'multiple', options: ['a', 'b'] }), [0, 0])).toThrow(AnswerShapeError);
    expect(() => assertAnswerShape(q({ type: 'ordering', options: ['a', 'b', 'c'] }), [0, 1])).toThrow(
      /all 3 option positions/,
    );
    expect(() => assertAnswerShape(q({ type: 'numeric' }), 'ten')).toThrow(AnswerShapeError);
    expect(() => assertAnswerShape(q({ type: 'true_false' }), 'true')).toThrow(AnswerShapeError);
    expect(() => assertAnswerShape(q({ type: 'text' }), 42)).toThrow(AnswerShapeError);
    expect(() => assertAnswerShape(q({ type: 'single', options: ['a', 'b'] }), null)).not.toThrow();
  });
});
