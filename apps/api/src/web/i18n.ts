// Page text in Mongolian (default) and English; a missing key shows itself rather than blank text.
import en from './i18n/en.json';
import mn from './i18n/mn.json';

export const LANGUAGES = ['mn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Dictionary = Record<string, string>;

const DICTIONARIES: Record<Language, Dictionary> = { mn, en };
export const LANG_COOKIE = 'chadavkhi_lang';

export function dictionary(lang: Language): Dictionary {
  return DICTIONARIES[lang];
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Fills {{name}} placeholders in a dictionary entry. */
export function translate(lang: Language, key: string, values: Record<string, string | number> = {}): string {
  const text = DICTIONARIES[lang][key] ?? DICTIONARIES.mn[key] ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
