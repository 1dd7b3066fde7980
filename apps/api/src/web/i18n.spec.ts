import en from './i18n/en.json';
import mn from './i18n/mn.json';
import { translate } from './i18n';

it('has every key in both languages', () => {
  expect(Object.keys(en).sort()).toEqual(Object.keys(mn).sort());
});

it('fills placeholders', () => {
  expect(translate('en', 'home.greeting', { name: 'Bat' })).toBe('Hello, Bat');
  expect(translate('mn', 'home.greeting', { name: 'Бат' })).toBe('Сайн байна уу, Бат');
});
