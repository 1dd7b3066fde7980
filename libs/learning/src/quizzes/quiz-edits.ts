// A course's quizzes as DraftEditsService edits them, one at a time: the final quiz (moduleId
// null) or a module's, each with the question bank it draws from. Each function returns the banks
// and quizzes for the draft with every id kept, so a published version's
// questions, attempts and item analysis keep following them; banks and quizzes the page is not
// editing (other quizzes, and extra banks or draws made through the API or quiz.yaml) pass through.
import { createHash } from 'node:crypto';
import type { CourseDraft } from '../courses/course-draft';
import { DEFAULT_SHOW_ANSWERS, type ShowAnswers } from './quiz-definition';
import type { QuestionBankInput, QuestionInput, QuizInput } from './quiz-draft.dto';

type Draft = CourseDraft;
type Bank = Draft['questionBanks'][number];
type Question = Bank['questions'][number];
type Quiz = Draft['quizzes'][number];
export type AssessmentInput = { questionBanks: QuestionBankInput[]; quizzes: QuizInput[] };

/** The quiz a page edits: the final quiz (moduleId null) or the module's. */
export function quizOf(draft: Draft, moduleId: string | null): Quiz | undefined {
  return (draft.quizzes ?? []).find((q) => q.moduleId === moduleId);
}

/**
 * The id a quiz's bank gets when its first question is written, before the quiz exists to point at
 * it: the same for the same course and module every time (a name-based UUID), so the next question
 * finds it.
 */
export function bankIdFor(courseId: string, moduleId: string | null): string {
  const h = createHash('sha256')
    .update(`chadavkhi-quiz-bank:${courseId}:${moduleId ?? 'final'}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The bank the quiz draws from (its first draw); before there is a quiz, the bank made for it by
 * its first question, or for the final quiz of content imported from files, a bank no quiz uses.
 */
export function bankOf(draft: Draft, courseId: string, moduleId: string | null): Bank | undefined {
  const banks = draft.questionBanks ?? [];
  const quiz = quizOf(draft, moduleId);
  if (quiz) return banks.find((b) => b.id === quiz.draws[0]?.bankId);
  const made = banks.find((b) => b.id === bankIdFor(courseId, moduleId));
  if (made || moduleId !== null) return made;
  const drawn = new Set((draft.quizzes ?? []).flatMap((q) => q.draws.map((d) => d.bankId)));
  return banks.find((b) => !drawn.has(b.id));
}

function questionInput(q: Question): QuestionInput {
  return {
    id: q.id,
    type: q.type,
    points: q.points,
    prompt: q.prompt,
    ...(q.options ? { options: q.options } : {}),
    ...(q.correct !== undefined ? { correct: q.correct } : {}),
    ...(q.scoring ? { scoring: q.scoring } : {}),
    ...(q.tolerance !== undefined ? { tolerance: q.tolerance } : {}),
    ...(q.explanation ? { explanation: q.explanation } : {}),
    ...(q.competency ? { competency: q.competency } : {}),
  };
}

function assessmentInput(draft: Draft): AssessmentInput {
  return {
    questionBanks: (draft.questionBanks ?? []).map((b) => ({
      id: b.id,
      title: b.title,
      questions: b.questions.map(questionInput),
    })),
    quizzes: (draft.quizzes ?? []).map((q) => ({
      id: q.id,
      title: q.title,
      ...(q.moduleId ? { module: q.moduleId } : {}),
      passMarkPercent: q.passMarkPercent,
      timeLimitMinutes: q.timeLimitMinutes,
      maxAttempts: q.maxAttempts,
      shuffleQuestions: q.shuffleQuestions,
      shuffleOptions: q.shuffleOptions,
      showAnswers: q.showAnswers,
      ...(q.offlineDays ? { offlineDays: q.offlineDays } : {}),
      draws: q.draws.map((d) => ({
        bank: d.bankId,
        count: d.count,
        ...(d.competency ? { competency: d.competency } : {}),
      })),
    })),
  };
}

/** Adds a question to the quiz's bank, making the bank (named `bankTitle`) if there is none. */
export function addQuestion(
  draft: Draft,
  courseId: string,
  moduleId: string | null,
  question: QuestionInput,
  bankTitle: string,
): AssessmentInput {
  const input = assessmentInput(draft);
  const bank = bankOf(draft, courseId, moduleId);
  if (bank)
    input.questionBanks = input.questionBanks.map((b) =>
      b.id === bank.id ? { ...b, questions: [...b.questions, question] } : b,
    );
  else
    input.questionBanks = [
      ...input.questionBanks,
      { id: bankIdFor(courseId, moduleId), title: bankTitle, questions: [question] },
    ];
  return input;
}

/** Null when the quiz's bank has no such question. */
export function removeQuestion(
  draft: Draft,
  courseId: string,
  moduleId: string | null,
  questionId: string,
): AssessmentInput | null {
  const bank = bankOf(draft, courseId, moduleId);
  if (!bank?.questions.some((q) => q.id === questionId)) return null;
  const input = assessmentInput(draft);
  input.questionBanks = input.questionBanks.map((b) =>
    b.id === bank.id ? { ...b, questions: b.questions.filter((q) => q.id !== questionId) } : b,
  );
  return input;
}

export interface QuizSettings {
  title: string;
  passMarkPercent: number;
  timeLimitMinutes: number;
  maxAttempts: number;
  questionCount: number;
  /** Absent: as the quiz has it (the default for a new quiz). */
  showAnswers?: ShowAnswers;
  offlineDays: number | null;
}

/** Creates or updates the quiz, drawing `questionCount` questions from its bank. Null without a bank. */
export function saveQuiz(
  draft: Draft,
  courseId: string,
  moduleId: string | null,
  settings: QuizSettings,
): AssessmentInput | null {
  const bank = bankOf(draft, courseId, moduleId);
  if (!bank) return null;
  const input = assessmentInput(draft);
  const existing = quizOf(draft, moduleId);
  const quiz = {
    ...(existing ? { id: existing.id } : {}),
    ...(moduleId ? { module: moduleId } : {}),
    title: settings.title,
    passMarkPercent: settings.passMarkPercent,
    timeLimitMinutes: settings.timeLimitMinutes,
    maxAttempts: settings.maxAttempts,
    shuffleQuestions: existing?.shuffleQuestions ?? true,
    shuffleOptions: existing?.shuffleOptions ?? true,
    showAnswers: settings.showAnswers ?? existing?.showAnswers ?? DEFAULT_SHOW_ANSWERS,
    ...(settings.offlineDays ? { offlineDays: settings.offlineDays } : {}),
    // A quiz made from a file may draw from several banks: only the first draw (this page's bank) changes.
    draws: existing
      ? input.quizzes
          .find((q) => q.id === existing.id)!
          .draws.map((d, i) => (i === 0 ? { ...d, count: settings.questionCount } : d))
      : [{ bank: bank.id, count: settings.questionCount }],
  };
  input.quizzes = existing ? input.quizzes.map((q) => (q.id === existing.id ? quiz : q)) : [...input.quizzes, quiz];
  return input;
}

export function removeQuiz(draft: Draft, moduleId: string | null): AssessmentInput | null {
  const existing = quizOf(draft, moduleId);
  if (!existing) return null;
  const input = assessmentInput(draft);
  input.quizzes = input.quizzes.filter((q) => q.id !== existing.id);
  return input;
}
