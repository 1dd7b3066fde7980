import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerSetting, readProviders } from './sign-in-providers';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'providers-')), 'providers.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const keycloak = {
  id: 'keycloak-mof',
  kind: 'oidc',
  label: { mn: 'Сангийн яам', en: 'Ministry of Finance' },
  issuer: 'https://id.mof.gov.mn',
};

describe('readProviders', () => {
  it('reads providers with their defaults and keeps the protocol settings', () => {
    const [p] = readProviders(file({ providers: [keycloak] }));
    expect(p).toEqual({
      id: 'keycloak-mof',
      kind: 'oidc',
      label: { mn: 'Сангийн яам', en: 'Ministry of Finance' },
      linkBy: ['registration-number'],
      createPeople: undefined,
      settings: keycloak,
    });
  });

  it.each([
    ['not JSON', '{', /SIGN_IN_PROVIDERS_FILE .*JSON/],
    ['no list', { providers: {} }, /expected \{"providers": \[\.\.\.\]\}/],
    ['a bad id', { providers: [{ ...keycloak, id: 'Has Spaces' }] }, /id must be 1-40 lowercase letters/],
    ['an unknown kind', { providers: [{ ...keycloak, kind: 'ldap' }] }, /kind must be one of oidc, saml, dan/],
    ['a missing label', { providers: [{ ...keycloak, label: { mn: 'Яам' } }] }, /label must give the button text/],
    [
      'e-mail linking without trust',
      { providers: [{ ...keycloak, linkBy: ['email'] }] },
      /only with "trustEmail": true/,
    ],
    ['a repeated id', { providers: [keycloak, keycloak] }, /the id "keycloak-mof" is used twice/],
    [
      'half a createPeople',
      { providers: [{ ...keycloak, createPeople: { agency: 'x' } }] },
      /createPeople must name an agency and a position/,
    ],
  ])('refuses %s with a message naming the setting', (_, content, message) => {
    expect(() => readProviders(file(content))).toThrow(message);
  });

  it('reads secrets from the environment variable a setting names', () => {
    const [p] = readProviders(file({ providers: [{ ...keycloak, clientSecret: { env: 'TEST_MOF_SECRET' } }] }));
    expect(() => providerSetting(p, 'clientSecret')).toThrow(/TEST_MOF_SECRET is not set/);
    process.env.TEST_MOF_SECRET = 's3cret';
    expect(providerSetting(p, 'clientSecret')).toBe('s3cret');
    delete process.env.TEST_MOF_SECRET;
    expect(providerSetting(p, 'issuer')).toBe('https://id.mof.gov.mn');
    expect(providerSetting(p, 'scopes', { optional: true })).toBeUndefined();
    expect(() => providerSetting(p, 'clientId')).toThrow(/provider keycloak-mof: clientId is missing/);
  });
});
