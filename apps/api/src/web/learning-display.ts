// How courses and progress read on a page: the title in the page's language, progress as words.
import { Language, translate } from './i18n';

interface Titled {
  title: string;
  titleEn?: string | null;
  summary?: string;
  summaryEn?: string | null;
  language: 'mn' | 'en';
}

/** English pages show a Mongolian course's English title when it has one; otherwise the course's own title. */
export function courseText(lang: Language, course: Titled): { title: string; summary: string; textLang: Language } {
  const english = lang === 'en' && course.language === 'mn' && !!course.titleEn;
  return {
    title: english ? course.titleEn! : course.title,
    summary: english && course.summaryEn ? course.summaryEn : (course.summary ?? ''),
    textLang: english ? 'en' : course.language,
  };
}

/** A progress bar's numbers and its accessible text, e.g. "2/3 хичээл · 66%". */
export function progressModel(lang: Language, done: number, total: number, percent: number) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return { value, text: translate(lang, 'progress.text', { done, total, percent: value }) };
}

// Building an Intl.DateTimeFormat costs far more than formatting with one, and a staff list or
// notification page formats dozens of dates: one per language and style.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(lang: Language, iso: string | Date, withTime = false): string {
  const key = `${lang}:${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = withTime
      ? { dateStyle: 'medium', timeStyle: 'short' }
      : { dateStyle: 'medium' };
    dateFormats.set(
      key,
      (format = new Intl.DateTimeFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', {
        ...options,
        timeZone: 'Asia/Ulaanbaatar',
      })),
    );
  }
  return format.format(new Date(iso));
}

export function minutesText(lang: Language, minutes: number): string {
  return translate(lang, 'course.minutes', { minutes });
}
