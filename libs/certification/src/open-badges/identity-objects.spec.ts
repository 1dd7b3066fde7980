import { identityHash, identityObjects, normaliseEmail, normaliseRegistrationNumber } from './identity-objects';

it('hashes as the OB 3.0 IdentityHash example does: sha256 of "a@example.com" salted with "Kosher"', () => {
  expect(identityHash('a@example.com', 'Kosher')).toBe(
    'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
  );
});

it('normalises a registration number (spaces, case) and an e-mail (case, edges) before hashing', () => {
  expect(normaliseRegistrationNumber(' уб 1234 5678 ')).toBe('УБ12345678');
  expect(normaliseEmail('  Bold.S@MOF.gov.mn ')).toBe('bold.s@mof.gov.mn');
  const typed = identityObjects({ registrationNumber: 'уб12345678', email: 'Bold.S@mof.gov.mn', userId: 'u' }, 'salt');
  const clean = identityObjects({ registrationNumber: 'УБ12345678', email: 'bold.s@mof.gov.mn', userId: 'u' }, 'salt');
  expect(typed).toEqual(clean);
  expect(typed.map((i) => i.identityType)).toEqual(['nationalIdentityNumber', 'emailAddress']);
  expect(typed[0]).toEqual({
    type: 'IdentityObject',
    identityType: 'nationalIdentityNumber',
    hashed: true,
    identityHash: identityHash('УБ12345678', 'salt'),
    salt: 'salt',
  });
});

it('states only what the person has, and the account id when they have neither', () => {
  expect(
    identityObjects({ registrationNumber: null, email: 'a@b.mn', userId: 'u' }, 's').map((i) => i.identityType),
  ).toEqual(['emailAddress']);
  expect(identityObjects({ registrationNumber: null, email: null, userId: 'u-1' }, 's')).toEqual([
    expect.objectContaining({ identityType: 'systemId', identityHash: identityHash('u-1', 's') }),
  ]);
});

it('gives another hash with another salt, so two certificates of one person are not linked by it', () => {
  const holder = { registrationNumber: 'УБ12345678', email: null, userId: 'u' };
  expect(identityObjects(holder, 'one')[0].identityHash).not.toBe(identityObjects(holder, 'two')[0].identityHash);
});
