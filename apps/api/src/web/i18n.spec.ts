import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dictionary, translate } from './i18n';

it('has every key in both languages, file by file', () => {
  const files = (lang: string) => readdirSync(join(__dirname, 'i18n', lang)).sort();
  expect(files('en')).toEqual(files('mn'));
  expect(Object.keys(dictionary('en')).sort()).toEqual(Object.keys(dictionary('mn')).sort());
});

it('has no empty text', () => {
  for (const lang of ['mn', 'en'] as const)
    expect(Object.entries(dictionary(lang)).filter(([, text]) => !text.trim())).toEqual([]);
});

it('fills placeholders', () => {
  expect(translate('en', 'home.greeting', { name: 'Bat' })).toBe('Hello, Bat');
  expect(translate('mn', 'home.greeting', { name: 'Бат' })).toBe('Сайн байна уу, Бат');
});
