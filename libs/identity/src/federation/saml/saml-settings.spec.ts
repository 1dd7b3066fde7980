import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderConfigError, SignInProvider } from '../sign-in-providers';
import { readSamlSettings, SAML_NAME_ID_PERSISTENT } from './saml-settings';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../../test/fixtures/saml', name), 'utf8');
const PUBLIC_URL = 'https://training.example.gov.mn';

function provider(settings: Record<string, unknown>): SignInProvider {
  return {
    id: 'ministry-adfs',
    kind: 'saml',
    label: { mn: 'Яам', en: 'Ministry' },
    linkBy: ['registration-number'],
    settings: {
      entryPoint: 'https://adfs.example.gov.mn/adfs/ls/',
      idpIssuer: 'http://adfs.example.gov.mn/adfs/services/trust',
      idpCert: fixture('idp-cert.pem'),
      registrationNumberAttribute: 'urn:oid:registration-number',
      ...settings,
    },
  };
}

const refusal = (settings: Record<string, unknown>, publicUrl: string | null = PUBLIC_URL) => {
  try {
    readSamlSettings(provider(settings), publicUrl ?? undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
};

describe('SAML provider settings', () => {
  it('fills in the defaults: entity id and ACS under PUBLIC_URL, persistent NameID, 60 s skew, IdP-initiated allowed', () => {
    const settings = readSamlSettings(provider({}), `${PUBLIC_URL}/`);
    expect(settings.spEntityId).toBe(`${PUBLIC_URL}/signin/saml/ministry-adfs/metadata`);
    expect(settings.acsUrl).toBe(`${PUBLIC_URL}/signin/saml/ministry-adfs/acs`);
    expect(settings.nameIdFormat).toBe(SAML_NAME_ID_PERSISTENT);
    expect(settings.clockSkewSeconds).toBe(60);
    expect(settings.allowIdpInitiated).toBe(true);
    expect(settings.spSigning).toBeUndefined();
  });

  it('takes a certificate as bare base64 (as IdP metadata shows it) and a list of them for a rollover', () => {
    const bare = fixture('idp-cert.pem')
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s+/g, '');
    const settings = readSamlSettings(provider({ idpCert: [bare, fixture('other-idp-cert.pem')] }), PUBLIC_URL);
    expect(settings.idpCerts).toHaveLength(2);
    expect(settings.idpCerts[0]).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('names the provider and the setting that is wrong', () => {
    expect(refusal({}, null)).toMatch(/ministry-adfs.*PUBLIC_URL must be set/);
    expect(refusal({ entryPoint: 'ftp://adfs' })).toMatch(/entryPoint must be the http\(s\) address/);
    expect(refusal({ idpIssuer: undefined })).toMatch(/idpIssuer is missing/);
    expect(refusal({ idpCert: 'not a certificate' })).toMatch(/idpCert is not a readable X.509 certificate/);
    expect(refusal({ idpCert: [fixture('idp-cert.pem'), 'junk'] })).toMatch(
      /idpCert\[1\] is not a readable X.509 certificate/,
    );
    expect(refusal({ registrationNumberAttribute: undefined })).toMatch(/registrationNumberAttribute is needed/);
    expect(refusal({ clockSkewSeconds: 301 })).toMatch(
      /clockSkewSeconds must be a whole number of seconds from 0 to 300/,
    );
    expect(refusal({ clockSkewSeconds: 1.5 })).toMatch(/clockSkewSeconds/);
    expect(refusal({ allowIdpInitiated: 'yes' })).toMatch(/allowIdpInitiated must be true or false/);
    expect(refusal({ spPrivateKey: fixture('sp-key.pem') })).toMatch(/spCert is needed with the other/);
    expect(refusal({ spPrivateKey: 'junk', spCert: fixture('sp-cert.pem') })).toMatch(/spPrivateKey is not a readable/);
    expect(refusal({ spPrivateKey: { env: 'SAML_SPEC_UNSET_KEY' }, spCert: fixture('sp-cert.pem') })).toMatch(
      /SAML_SPEC_UNSET_KEY is not set/,
    );
  });
});
