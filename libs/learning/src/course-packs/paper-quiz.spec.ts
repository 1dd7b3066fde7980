import type { QuestionBankDefinition, QuizDefinition } from '../quizzes/quiz-definition';
import { answerKey, optionLetter, paperQuiz } from './paper-quiz';

const bank: QuestionBankDefinition = {
  id: 'b1',
  title: 'Bank',
  questions: Array.from({ length: 12 }, (_, i) => ({
    id: `q${i}`,
    type: 'single' as const,
    points: 1 + (i % 2),
    prompt: `Q${i}`,
    options: ['a', 'b', 'c'],
    correct: i % 3,
    competency: i < 6 ? 'ethics' : 'law',
  })),
};
const ordering: QuestionBankDefinition = {
  id: 'b2',
  title: 'Ordering',
  questions: [
    { id: 'o1', type: 'ordering', points: 2, prompt: 'Order', options: ['first', 'second', 'third', 'fourth'] },
  ],
};
const quiz = (draws: QuizDefinition['draws']): QuizDefinition => ({
  id: 'z',
  title: 'Final',
  moduleId: null,
  passMarkPercent: 70,
  timeLimitMinutes: 20,
  maxAttempts: 3,
  shuffleQuestions: true,
  shuffleOptions: true,
  showAnswers: 'after-passing-or-last-attempt',
  draws,
});

describe('the printed final quiz', () => {
  it('draws the count of each draw, the same for the same version, in bank order', () => {
    const a = paperQuiz('version-1', quiz([{ bankId: 'b1', count: 5 }]), [bank]);
    const b = paperQuiz('version-1', quiz([{ bankId: 'b1', count: 5 }]), [bank]);
    expect(a.questions.map((q) => q.question.id)).toEqual(b.questions.map((q) => q.question.id));
    expect(a.questions).toHaveLength(5);
    const positions = a.questions.map((q) => Number(q.question.id.slice(1)));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(a.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
    expect(a.totalPoints).toBe(a.questions.reduce((s, q) => s + q.question.points, 0));
    const others = Array.from({ length: 20 }, (_, i) =>
      paperQuiz(`version-${i + 2}`, quiz([{ bankId: 'b1', count: 5 }]), [bank])
        .questions.map((q) => q.question.id)
        .join(),
    );
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('keeps to the competency of a draw and never prints a question twice', () => {
    const p = paperQuiz(
      'v',
      quiz([
        { bankId: 'b1', count: 6, competency: 'ethics' },
        { bankId: 'b1', count: 6 },
      ]),
      [bank],
    );
    expect(p.questions.slice(0, 6).every((q) => q.question.competency === 'ethics')).toBe(true);
    expect(new Set(p.questions.map((q) => q.question.id)).size).toBe(12);
  });

  it('never prints an ordering question in its right order, and the key names the printed letters', () => {
    for (let i = 0; i < 50; i++) {
      const [q] = paperQuiz(`seed-${i}`, quiz([{ bankId: 'b2', count: 1 }]), [ordering]).questions;
      expect(q.order).not.toEqual([0, 1, 2, 3]);
      expect([...q.order].sort()).toEqual([0, 1, 2, 3]);
      const key = answerKey('en', q, { true: 'True', false: 'False' });
      // Reading the printed options in the key's letter order gives the right order.
      const printed = q.order.map((index) => q.question.options![index]);
      expect(key.letters!.map((l) => printed['ABCD'.indexOf(l)])).toEqual(['first', 'second', 'third', 'fourth']);
    }
  });

  it('letters options in the language of the pack', () => {
    expect([0, 1, 2].map((i) => optionLetter('mn', i))).toEqual(['А', 'Б', 'В']);
    expect([0, 1, 2].map((i) => optionLetter('en', i))).toEqual(['A', 'B', 'C']);
  });
});
