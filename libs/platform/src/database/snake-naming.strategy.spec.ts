import { snakeCase } from './snake-naming.strategy';

it('turns property names into snake_case columns', () => {
  expect(snakeCase('agencyId')).toBe('agency_id');
  expect(snakeCase('tokenVersion')).toBe('token_version');
  expect(snakeCase('HTMLBody')).toBe('html_body');
  expect(snakeCase('name')).toBe('name');
});
