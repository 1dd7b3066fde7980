// The authoring forms read into what CoursesService and DraftEditsService take; their input
// classes hold the bounds and refuse what breaks them (shown by FormReader.refusedBy).
import type { CoursesService } from '@chadavkhi/learning';
import { FormReader } from './form-fields';
import { Language, translate } from './i18n';

export type NewCourse = Parameters<CoursesService['create']>[1];
export type CourseDetails = Parameters<CoursesService['updateDraft']>[2];
export const COURSE_LANGUAGES = ['mn', 'en'] as const;

export interface LessonFields {
  title: string;
  body: string;
  required: boolean;
  videoUrl: string | null;
}

export function readNewCourse(body: Record<string, unknown>, lang: Language): { form: FormReader; course: NewCourse } {
  const form = new FormReader(body, lang);
  const course = {
    title: form.text('title'),
    summary: form.text('summary'),
    language: form.text('language'),
    estimatedMinutes: form.wholeNumber('estimatedMinutes'),
    modules: [],
  };
  // The service checks the language is one it offers.
  return { form, course: course as NewCourse };
}

/** The metadata form; empty optional fields clear the value (null), as the draft stores it. */
export function readCourseDetails(
  body: Record<string, unknown>,
  lang: Language,
): { form: FormReader; details: CourseDetails } {
  const form = new FormReader(body, lang);
  const titleEn = form.text('titleEn');
  const summaryEn = form.text('summaryEn');
  const details = {
    title: form.text('title'),
    titleEn: titleEn || null,
    summary: form.text('summary'),
    summaryEn: summaryEn || null,
    language: form.text('language'),
    estimatedMinutes: form.wholeNumber('estimatedMinutes'),
    validityMonths: form.optionalWholeNumber('validityMonths'),
    competencyCodes: form.codeList('competencyCodes'),
  };
  // The draft keeps null for "none" (the service's own update accepts what the draft stores).
  return { form, details: details as unknown as CourseDetails };
}

export function readLessonForm(
  body: Record<string, unknown>,
  lang: Language,
): { form: FormReader; lesson: LessonFields } {
  const form = new FormReader(body, lang);
  const lesson: LessonFields = {
    title: form.text('title'),
    required: form.checkbox('required'),
    videoUrl: form.optionalLink('videoUrl'),
    body: form.text('body', { trim: false }),
  };
  return { form, lesson };
}

/** A module or lesson title typed into one of the outline's small forms. */
export function readTitle(body: Record<string, unknown>, lang: Language): { form: FormReader; title: string } {
  const form = new FormReader(body, lang);
  return { form, title: form.text('title') };
}

/** The course-language choices of a course form, `selected` marked. */
export function courseLanguageOptions(lang: Language, selected: string | undefined) {
  return COURSE_LANGUAGES.map((l) => ({
    value: l,
    label: translate(lang, `language.${l}`),
    selected: selected === l,
  }));
}
