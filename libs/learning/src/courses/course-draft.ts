// The editable draft of a course, as stored (jsonb) and as published; lesson and module ids are
// kept across edits so versions can be compared and progress follows a lesson.
import { createHash, randomUUID } from 'node:crypto';
import type { QuestionBankInput, QuizInput } from '../quizzes/quiz-draft.dto';
import { type QuestionBankDefinition, type QuizDefinition, showAnswersOf } from '../quizzes/quiz-definition';

export interface DraftLesson {
  id: string;
  title: string;
  body: string;
  required: boolean;
  videoUrl?: string | null;
  /** A SCORM package lesson: the SHA-256 of its zip (scorm_packages); its body describes the package. */
  scormPackage?: string | null;
}
export interface DraftModule {
  id: string;
  title: string;
  lessons: DraftLesson[];
}
export interface CourseDraft {
  title: string;
  titleEn?: string | null;
  summary: string;
  summaryEn?: string | null;
  language: 'mn' | 'en';
  estimatedMinutes: number;
  validityMonths?: number | null;
  competencyCodes: string[];
  modules: DraftModule[];
  questionBanks: QuestionBankDefinition[];
  quizzes: QuizDefinition[];
}

type Incoming<T> = Omit<T, 'id'> & { id?: string };
export type IncomingModule = Omit<DraftModule, 'id' | 'lessons'> & {
  id?: string;
  lessons: Incoming<Omit<DraftLesson, 'required'> & { required?: boolean }>[];
};

/** Gives every new module and lesson an id; keeps the ids a client sent back. */
export function withIds(modules: IncomingModule[]): DraftModule[] {
  return modules.map((m) => ({
    id: m.id ?? randomUUID(),
    title: m.title,
    lessons: m.lessons.map((l) => ({
      id: l.id ?? randomUUID(),
      title: l.title,
      body: l.body,
      required: l.required ?? true,
      videoUrl: l.videoUrl ?? null,
      // Only when set, so Markdown lessons keep their shape (and their drafts' hashes).
      ...(l.scormPackage ? { scormPackage: l.scormPackage } : {}),
    })),
  }));
}

/** Gives new banks and questions ids; keeps those a client sent back. */
export function banksWithIds(banks: QuestionBankInput[]): QuestionBankDefinition[] {
  return banks.map((b) => ({
    id: b.id ?? randomUUID(),
    title: b.title,
    questions: b.questions.map((q) => ({
      id: q.id ?? randomUUID(),
      type: q.type,
      points: q.points ?? 1,
      prompt: q.prompt,
      options: q.options,
      correct: q.correct,
      scoring: q.type === 'multiple' ? (q.scoring ?? 'all_or_nothing') : undefined,
      tolerance: q.type === 'numeric' ? (q.tolerance ?? 0) : undefined,
      explanation: q.explanation ?? null,
      competency: q.competency ?? null,
    })),
  }));
}

/** Quizzes with ids, their bank and module references resolved (an id, or a position such as "0"). */
export function quizzesWithIds(
  quizzes: QuizInput[],
  banks: QuestionBankDefinition[],
  modules: DraftModule[],
): QuizDefinition[] {
  const resolve = <T extends { id: string }>(list: T[], ref: string): string =>
    /^\d+$/.test(ref) ? (list[Number(ref)]?.id ?? ref) : ref;
  return quizzes.map((q) => ({
    id: q.id ?? randomUUID(),
    title: q.title,
    moduleId: q.module === undefined || q.module === null ? null : resolve(modules, q.module),
    passMarkPercent: q.passMarkPercent,
    timeLimitMinutes: q.timeLimitMinutes,
    maxAttempts: q.maxAttempts,
    shuffleQuestions: q.shuffleQuestions ?? true,
    shuffleOptions: q.shuffleOptions ?? true,
    showAnswers: showAnswersOf(q),
    // Only when set, so drafts that never allowed it keep their hash (and publish nothing new).
    ...(q.offlineDays ? { offlineDays: q.offlineDays } : {}),
    draws: q.draws.map((d) => ({ bankId: resolve(banks, d.bank), count: d.count, competency: d.competency ?? null })),
  }));
}

/** The SCORM packages the draft's lessons refer to. */
export function draftPackages(draft: Pick<CourseDraft, 'modules'>): string[] {
  return [...new Set(draft.modules.flatMap((m) => m.lessons.flatMap((l) => (l.scormPackage ? [l.scormPackage] : []))))];
}

export function lessonCount(draft: Pick<CourseDraft, 'modules'>): number {
  return draft.modules.reduce((n, m) => n + m.lessons.length, 0);
}

/** A stable fingerprint of what a learner would see, so unchanged drafts are not published again. */
export function draftHash(draft: CourseDraft): string {
  const canonical = {
    title: draft.title,
    titleEn: draft.titleEn ?? null,
    summary: draft.summary,
    summaryEn: draft.summaryEn ?? null,
    language: draft.language,
    estimatedMinutes: draft.estimatedMinutes,
    validityMonths: draft.validityMonths ?? null,
    competencyCodes: [...draft.competencyCodes].sort(),
    modules: draft.modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: m.lessons.map((l) => [
        l.id,
        l.title,
        l.body,
        l.required,
        l.videoUrl ?? null,
        ...(l.scormPackage ? [l.scormPackage] : []),
      ]),
    })),
    questionBanks: draft.questionBanks ?? [],
    quizzes: (draft.quizzes ?? []).map(hashedQuiz),
  };
  return createHash('sha256').update(stableJson(canonical)).digest('hex');
}

/**
 * A quiz as the hash sees it: the answer-key rule spelt as versions were hashed before it had three
 * values (reviewAfterSubmit true or false), so the upgrade that rewrote it publishes nothing new.
 */
function hashedQuiz({ showAnswers, ...quiz }: QuizDefinition): object {
  return showAnswers === 'after-each-attempt'
    ? { ...quiz, showAnswers }
    : { ...quiz, reviewAfterSubmit: showAnswers !== 'never' };
}

/** JSON with object keys sorted: jsonb does not keep key order, and the hash must not depend on it. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
