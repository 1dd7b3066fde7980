// Page text in Mongolian (default) and English; a missing key shows itself rather than blank text.
// Each language is a folder of JSON files, one per area of the site (core, learning, authoring, …),
// merged at start-up, so areas can be written side by side; a key defined twice is a start-up error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['mn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Dictionary = Record<string, string>;

export function loadDictionary(lang: Language, dir = join(__dirname, 'i18n')): Dictionary {
  const merged: Dictionary = {};
  for (const file of readdirSync(join(dir, lang))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const entries = JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Dictionary;
    for (const [key, text] of Object.entries(entries)) {
      if (key in merged) throw new Error(`i18n: "${key}" is defined twice for ${lang} (again in ${file})`);
      merged[key] = text;
    }
  }
  return merged;
}

const DICTIONARIES: Record<Language, Dictionary> = { mn: loadDictionary('mn'), en: loadDictionary('en') };
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
