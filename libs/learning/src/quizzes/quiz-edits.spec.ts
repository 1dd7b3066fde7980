import type { CourseDraft } from '../courses/course-draft';
import { addQuestion, bankIdFor, bankOf, removeQuestion, saveQuiz } from './quiz-edits';

const question = (id: string) => ({ id, type: 'true_false' as const, points: 1, prompt: `Q ${id}`, correct: true });
// A draft as quiz.yaml can make it: a module quiz, and a final quiz drawing from two banks.
const draft = {
  modules: [{ id: 'm1', title: 'M', lessons: [] }],
  questionBanks: [
    { id: 'b1', title: 'First', questions: [question('q1'), question('q2')] },
    { id: 'b2', title: 'Second', questions: [question('q3')] },
  ],
  quizzes: [
    {
      id: 'module-quiz',
      title: 'Module',
      moduleId: 'm1',
      passMarkPercent: 50,
      timeLimitMinutes: 5,
      maxAttempts: 1,
      shuffleQuestions: true,
      shuffleOptions: true,
      showAnswers: 'after-passing-or-last-attempt',
      draws: [{ bankId: 'b2', count: 1 }],
    },
    {
      id: 'final',
      title: 'Final',
      moduleId: null,
      passMarkPercent: 70,
      timeLimitMinutes: 20,
      maxAttempts: 2,
      shuffleQuestions: false,
      shuffleOptions: true,
      showAnswers: 'never',
      draws: [
        { bankId: 'b1', count: 1 },
        { bankId: 'b2', count: 1, competency: 'ethics' },
      ],
    },
  ],
} as unknown as CourseDraft;

describe('final quiz edits', () => {
  it('changes the first draw of the final quiz only, keeping its other draws, its shuffling and the module quiz', () => {
    const saved = saveQuiz(draft, 'course-1', null, {
      title: 'Эцсийн',
      passMarkPercent: 80,
      timeLimitMinutes: 30,
      maxAttempts: 3,
      questionCount: 2,
      showAnswers: 'after-passing-or-last-attempt',
      offlineDays: null,
    })!;
    const final = saved.quizzes.find((q) => q.id === 'final')!;
    expect(final).toEqual(
      expect.objectContaining({
        title: 'Эцсийн',
        passMarkPercent: 80,
        shuffleQuestions: false,
        draws: [
          { bank: 'b1', count: 2 },
          { bank: 'b2', count: 1, competency: 'ethics' },
        ],
      }),
    );
    expect(saved.quizzes.find((q) => q.id === 'module-quiz')).toEqual(
      expect.objectContaining({ module: 'm1', draws: [{ bank: 'b2', count: 1 }] }),
    );
  });

  it('adds to and removes from the bank the final quiz draws from, keeping every id', () => {
    const added = addQuestion(draft, 'course-1', null, { type: 'true_false', prompt: 'New', correct: false }, 'unused');
    expect(added.questionBanks.map((b) => b.questions.map((q) => q.id ?? 'new'))).toEqual([
      ['q1', 'q2', 'new'],
      ['q3'],
    ]);
    expect(
      removeQuestion(draft, 'course-1', null, 'q2')!.questionBanks.map((b) => b.questions.map((q) => q.id)),
    ).toEqual([['q1'], ['q3']]);
    expect(removeQuestion(draft, 'course-1', null, 'q3')).toBeNull(); // not in the final quiz's bank
  });

  it("gives a module's quiz a bank of its own, found again by its next question before the quiz exists", () => {
    const noModuleQuiz = { ...draft, quizzes: draft.quizzes.filter((q) => q.id !== 'module-quiz') } as CourseDraft;
    expect(bankOf(noModuleQuiz, 'course-1', 'm1')).toBeUndefined(); // b2 is drawn by the final quiz, not this module's
    const first = addQuestion(
      noModuleQuiz,
      'course-1',
      'm1',
      { type: 'true_false', prompt: 'M1', correct: true },
      'Module 1',
    );
    const made = first.questionBanks.find((b) => b.title === 'Module 1')!;
    expect(made.id).toBe(bankIdFor('course-1', 'm1'));
    expect(made.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bankIdFor('course-2', 'm1')).not.toBe(made.id);
    const withBank = {
      ...noModuleQuiz,
      questionBanks: [
        ...noModuleQuiz.questionBanks,
        { id: made.id, title: made.title, questions: [{ ...question('m1q1') }] },
      ],
    } as CourseDraft;
    expect(bankOf(withBank, 'course-1', 'm1')?.id).toBe(made.id);
    const quiz = saveQuiz(withBank, 'course-1', 'm1', {
      title: 'M1 quiz',
      passMarkPercent: 50,
      timeLimitMinutes: 5,
      maxAttempts: 1,
      questionCount: 1,
      showAnswers: 'after-passing-or-last-attempt',
      offlineDays: null,
    })!;
    expect(quiz.quizzes.find((q) => q.title === 'M1 quiz')).toEqual(
      expect.objectContaining({ module: 'm1', draws: [{ bank: made.id, count: 1 }] }),
    );
  });
});
