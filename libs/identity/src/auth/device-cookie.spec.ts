import { deviceOf, deviceToken } from './device-cookie';

const KEY = 'k'.repeat(40);

describe('device cookies', () => {
  it('vouch for the account they were issued for, under the key that signed them', () => {
    const token = deviceToken(KEY, 'a@mof.gov.mn');
    expect(deviceOf(KEY, 'a@mof.gov.mn', token)).toEqual(expect.any(String));
    expect(deviceOf(KEY, 'b@mof.gov.mn', token)).toBeUndefined();
    expect(deviceOf('x'.repeat(40), 'a@mof.gov.mn', token)).toBeUndefined();
  });

  it('refuse anything that is not a whole genuine token', () => {
    const token = deviceToken(KEY, 'a@mof.gov.mn');
    for (const forged of [
      undefined,
      42,
      '',
      token.split('.')[0],
      `${token}.x`,
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      'x'.repeat(300),
    ])
      expect(deviceOf(KEY, 'a@mof.gov.mn', forged)).toBeUndefined();
  });
});
