// The editable draft of a course, as stored (jsonb) and as published; lesson and module ids are
// kept across edits so versions can be compared and progress follows a lesson.
import { createHash, randomUUID } from 'node:crypto';

export interface DraftLesson {
  id: string;
  title: string;
  body: string;
  required: boolean;
  videoUrl?: string | null;
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
}

type Incoming<T> = Omit<T, 'id'> & { id?: string };
export type IncomingModule = Omit<DraftModule, 'id' | 'lessons'> & { id?: string; lessons: Incoming<Omit<DraftLesson, 'required'> & { required?: boolean }>[] };

/** Gives every new module and lesson an id; keeps the ids a client sent back. */
export function withIds(modules: IncomingModule[]): DraftModule[] {
  return modules.map((m) => ({
    id: m.id ?? randomUUID(),
    title: m.title,
    lessons: m.lessons.map((l) => ({ id: l.id ?? randomUUID(), title: l.title, body: l.body, required: l.required ?? true, videoUrl: l.videoUrl ?? null })),
  }));
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
    modules: draft.modules.map((m) => ({ id: m.id, title: m.title, lessons: m.lessons.map((l) => [l.id, l.title, l.body, l.required, l.videoUrl ?? null]) })),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
