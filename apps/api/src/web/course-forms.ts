// The authoring forms read into what CoursesService takes, within the bounds its input rules set
// (lengths, whole numbers, https links, competency codes).
import type { CoursesService } from '@chadavkhi/learning';
import { FormReader } from './form-fields';
import type { Language } from './i18n';

export type NewCourse = Parameters<CoursesService['create']>[1];
export type CourseDetails = Parameters<CoursesService['updateDraft']>[2];
export interface LessonFields {
  title: string;
  body: string;
  required: boolean;
  videoUrl: string | null;
}

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
export const BODY_MAX = 100_000;
export const COURSE_LANGUAGES = ['mn', 'en'] as const;

export function readNewCourse(body: Record<string, unknown>, lang: Language): { form: FormReader; course: NewCourse } {
  const form = new FormReader(body, lang);
  const course: NewCourse = {
    title: form.text('title', { min: 3, max: TITLE_MAX }),
    summary: form.text('summary', { min: 1, max: SUMMARY_MAX }),
    language: form.choice('language', COURSE_LANGUAGES),
    estimatedMinutes: form.int('estimatedMinutes', 1, 10000),
    modules: [],
  };
  return { form, course };
}

/** The metadata form; empty optional fields clear the value (null), as the draft stores it. */
export function readCourseDetails(body: Record<string, unknown>, lang: Language): { form: FormReader; details: CourseDetails } {
  const form = new FormReader(body, lang);
  const titleEn = form.text('titleEn', { max: TITLE_MAX });
  const summaryEn = form.text('summaryEn', { max: SUMMARY_MAX });
  const details = {
    title: form.text('title', { min: 3, max: TITLE_MAX }),
    titleEn: titleEn || null,
    summary: form.text('summary', { min: 1, max: SUMMARY_MAX }),
    summaryEn: summaryEn || null,
    language: form.choice('language', COURSE_LANGUAGES),
    estimatedMinutes: form.int('estimatedMinutes', 1, 10000),
    validityMonths: form.optionalInt('validityMonths', 1, 240),
    competencyCodes: form.competencyCodes('competencyCodes'),
  };
  // The draft keeps null for "none" (the service's own update accepts what the draft stores).
  return { form, details: details as unknown as CourseDetails };
}

export function readLessonForm(body: Record<string, unknown>, lang: Language): { form: FormReader; lesson: LessonFields } {
  const form = new FormReader(body, lang);
  const lesson: LessonFields = {
    title: form.text('title', { min: 1, max: TITLE_MAX }),
    required: form.checkbox('required'),
    videoUrl: form.optionalHttpsUrl('videoUrl'),
    body: form.text('body', { max: BODY_MAX, trim: false }),
  };
  return { form, lesson };
}

/** A module or lesson title typed into one of the outline's small forms. */
export function readTitle(body: Record<string, unknown>, lang: Language): { form: FormReader; title: string } {
  const form = new FormReader(body, lang);
  return { form, title: form.text('title', { min: 1, max: TITLE_MAX }) };
}
