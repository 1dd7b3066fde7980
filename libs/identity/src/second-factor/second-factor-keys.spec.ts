import { AppConfig } from '@chadavkhi/platform';
import { newRecoveryCodes, normalizeRecoveryCode, SecondFactorKeys } from './second-factor-keys';

const keysFor = (secret: string, dedicated?: string) =>
  new SecondFactorKeys(Object.assign(new AppConfig(), { JWT_SECRET: secret, SECOND_FACTOR_KEY: dedicated }));

describe('second-factor keys', () => {
  const keys = keysFor('a'.repeat(40));
  const alice = '00000000-0000-4000-8000-00000000000a';
  const bob = '00000000-0000-4000-8000-00000000000b';

  it("opens a sealed secret for its person only, and not under another server's key", () => {
    const sealed = keys.seal('JBSWY3DPEHPK3PXP', alice);
    expect(sealed.toString('latin1')).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keys.open(sealed, alice)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => keys.open(sealed, bob)).toThrow();
    expect(() => keysFor('b'.repeat(40)).open(sealed, alice)).toThrow();
    // A dedicated key, once set, is the one used: JWT_SECRET may then change.
    const dedicated = keysFor('c'.repeat(40), 'd'.repeat(40)).seal('JBSWY3DPEHPK3PXP', alice);
    expect(keysFor('e'.repeat(40), 'd'.repeat(40)).open(dedicated, alice)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('hashes a recovery code per person, however it is typed', () => {
    const [code] = newRecoveryCodes();
    expect(code).toMatch(/^[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}$/);
    expect(keys.hashRecoveryCode(` ${code.toUpperCase().replace('-', ' ')} `, alice)).toBe(
      keys.hashRecoveryCode(code, alice),
    );
    expect(keys.hashRecoveryCode(code, bob)).not.toBe(keys.hashRecoveryCode(code, alice));
    expect(normalizeRecoveryCode('ABCDE-FGHIJ')).toBe('abcdefghij');
  });

  it('makes ten different codes of 50 random bits each', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
  });
});
