import { parseUserFilter } from './scim-filter';
import { ScimError } from './scim-error';

function refusal(text: string): ScimError {
  try {
    parseUserFilter(text);
  } catch (error) {
    return error as ScimError;
  }
  throw new Error(`${text} was accepted`);
}

describe('SCIM user filters', () => {
  it('takes no filter as everyone', () => {
    expect(parseUserFilter(undefined)).toBeUndefined();
    expect(parseUserFilter('  ')).toBeUndefined();
  });

  it('reads eq on userName as a registration number (case and spaces do not matter) and externalId exactly', () => {
    expect(parseUserFilter('userName eq "уб 99061512"')).toEqual([{ registrationNumber: 'УБ99061512' }]);
    expect(parseUserFilter('USERNAME eq "УБ99061512"')).toEqual([{ registrationNumber: 'УБ99061512' }]);
    expect(parseUserFilter('externalId eq "HR-1"')).toEqual([{ externalId: 'HR-1' }]);
    expect(parseUserFilter('urn:ietf:params:scim:schemas:core:2.0:User:externalId eq "HR-1"')).toEqual([
      { externalId: 'HR-1' },
    ]);
  });

  it('joins and into one lookup and or into several', () => {
    expect(parseUserFilter('userName eq "УБ99061512" and externalId eq "HR-1"')).toEqual([
      { registrationNumber: 'УБ99061512', externalId: 'HR-1' },
    ]);
    expect(parseUserFilter('externalId eq "a" or externalId eq "b"')).toEqual([
      { externalId: 'a' },
      { externalId: 'b' },
    ]);
    expect(parseUserFilter('(externalId eq "a" or externalId eq "b") and userName eq "УБ99061512"')).toEqual([
      { externalId: 'a', registrationNumber: 'УБ99061512' },
      { externalId: 'b', registrationNumber: 'УБ99061512' },
    ]);
  });

  it('drops an alternative nobody can match', () => {
    expect(parseUserFilter('externalId eq "a" and externalId eq "b"')).toEqual([]);
  });

  it('refuses other operators, other attributes, non-strings and garbage as invalidFilter', () => {
    for (const text of [
      'userName co "УБ"',
      'userName pr',
      'not (userName eq "УБ99061512")',
      'emails[type eq "work"]',
      'displayName eq "Бат"',
      'active eq true',
      'userName eq',
      'userName eq "a" and',
      `${'externalId eq "x" or '.repeat(30)}externalId eq "y"`,
    ]) {
      const error = refusal(text);
      expect(error).toBeInstanceOf(ScimError);
      expect(error.getStatus()).toBe(400);
      expect(error.scimType).toBe('invalidFilter');
    }
  });
});
