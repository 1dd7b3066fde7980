import type { CourseDraft } from '@chadavkhi/learning';
import { addQuestion, removeQuestion, saveFinalQuiz } from './final-quiz-edits';

const question = (id: string) => ({ id, type: 'true_false' as const, points: 1, prompt: `Q ${id}`, correct: true });
// A draft as quiz.yaml can make it: a module quiz, and a final quiz drawing from two banks.
const draft = {
  modules: [{ id: 'm1', title: 'M', lessons: [] }],
  questionBanks: [
    { id: 'b1', title: 'First', questions: [question('q1'), question('q2')] },
    { id: 'b2', title: 'Second', questions: [question('q3')] },
  ],
  quizzes: [
    { id: 'module-quiz', title: 'Module', moduleId: 'm1', passMarkPercent: 50, timeLimitMinutes: 5, maxAttempts: 1, shuffleQuestions: true, shuffleOptions: true, reviewAfterSubmit: true, draws: [{ bankId: 'b2', count: 1 }] },
    { id: 'final', title: 'Final', moduleId: null, passMarkPercent: 70, timeLimitMinutes: 20, maxAttempts: 2, shuffleQuestions: false, shuffleOptions: true, reviewAfterSubmit: false, draws: [{ bankId: 'b1', count: 1 }, { bankId: 'b2', count: 1, competency: 'ethics' }] },
  ],
} as unknown as CourseDraft;

describe('final quiz edits', () => {
  it('changes the first draw of the final quiz only, keeping its other draws, its shuffling and the module quiz', () => {
    const saved = saveFinalQuiz(draft, { title: 'Эцсийн', passMarkPercent: 80, timeLimitMinutes: 30, maxAttempts: 3, questionCount: 2, reviewAfterSubmit: true, offlineDays: null })!;
    const final = saved.quizzes.find((q) => q.id === 'final')!;
    expect(final).toEqual(expect.objectContaining({ title: 'Эцсийн', passMarkPercent: 80, shuffleQuestions: false, draws: [{ bank: 'b1', count: 2 }, { bank: 'b2', count: 1, competency: 'ethics' }] }));
    expect(saved.quizzes.find((q) => q.id === 'module-quiz')).toEqual(expect.objectContaining({ module: 'm1', draws: [{ bank: 'b2', count: 1 }] }));
  });

  it('adds to and removes from the bank the final quiz draws from, keeping every id', () => {
    const added = addQuestion(draft, { type: 'true_false', prompt: 'New', correct: false }, 'unused');
    expect(added.questionBanks.map((b) => b.questions.map((q) => q.id ?? 'new'))).toEqual([['q1', 'q2', 'new'], ['q3']]);
    expect(removeQuestion(draft, 'q2')!.questionBanks.map((b) => b.questions.map((q) => q.id))).toEqual([['q1'], ['q3']]);
    expect(removeQuestion(draft, 'q3')).toBeNull(); // not in the final quiz's bank
  });
});
