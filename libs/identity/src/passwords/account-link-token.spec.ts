import { accountLinkToken, verifyAccountLinkToken } from './account-link-token';

const KEY = 'a-server-key-that-is-long-enough-0123456789';
const ID = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

it('accepts its own token and nothing altered', () => {
  const token = accountLinkToken(KEY, ID);
  expect(verifyAccountLinkToken(KEY, token)).toBe(ID);
  expect(verifyAccountLinkToken('another-key-that-is-long-enough-0123456789', token)).toBeUndefined();
  expect(verifyAccountLinkToken(KEY, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
  expect(verifyAccountLinkToken(KEY, `${ID.replace('6f', '7f')}.${token.split('.')[1]}`)).toBeUndefined();
  expect(verifyAccountLinkToken(KEY, ID)).toBeUndefined();
  expect(verifyAccountLinkToken(KEY, `${token}.x`)).toBeUndefined();
  expect(verifyAccountLinkToken(KEY, 42)).toBeUndefined();
});
