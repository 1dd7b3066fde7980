import { ProviderConfigError, SignInProvider } from '../sign-in-providers';
import { checkDanSettings, danScope } from '../dan/dan-settings';
import { checkOidcSettings } from './oidc-settings';

const provider = (kind: 'oidc' | 'dan', settings: Record<string, unknown>): SignInProvider => ({
  id: 'ministry',
  kind,
  label: { mn: 'Яам', en: 'Ministry' },
  linkBy: ['registration-number'],
  settings: { id: 'ministry', kind, ...settings },
});
const oidc = { issuer: 'https://id.mof.gov.mn/realms/staff', clientId: 'chadavkhi', clientSecret: 's3cret' };

describe('OpenID Connect provider settings', () => {
  it('fills the defaults', () => {
    expect(checkOidcSettings(provider('oidc', oidc))).toMatchObject({
      scopes: 'openid profile email',
      algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
      clockToleranceSeconds: 60,
      tokenEndpointAuthMethod: 'client_secret_basic',
      registrationNumberClaim: undefined,
    });
  });

  it.each([
    [{ issuer: 'http://id.mof.gov.mn' }, /issuer must be an https URL/],
    [{ issuer: 'not a url' }, /issuer must be an https URL/],
    [{ algorithms: ['RS256', 'none'] }, /algorithms .*never none or HS\*/],
    [{ algorithms: ['HS256'] }, /algorithms/],
    [{ algorithms: [] }, /algorithms/],
    [{ scopes: 'profile email' }, /scopes .*"openid"/],
    [{ clockToleranceSeconds: 301 }, /clockToleranceSeconds .*0 to 300/],
    [{ clockToleranceSeconds: -1 }, /clockToleranceSeconds/],
    [{ registrationNumberClaim: 'has space' }, /registrationNumberClaim/],
    [
      { clientSecret: { env: 'CHADAVKHI_TEST_UNSET_SECRET' } },
      /clientSecret the environment variable CHADAVKHI_TEST_UNSET_SECRET is not set/,
    ],
    [{ clientId: undefined }, /clientId is missing/],
  ])('refuses %j with a message naming the provider and the setting', (change, message) => {
    const check = () => checkOidcSettings(provider('oidc', { ...oidc, ...change }));
    expect(check).toThrow(ProviderConfigError);
    expect(check).toThrow(/^provider ministry: /);
    expect(check).toThrow(message);
  });

  it('accepts plain http only for a provider on this machine', () => {
    expect(checkOidcSettings(provider('oidc', { ...oidc, issuer: 'http://127.0.0.1:8080/realms/x' })).issuer.href).toBe(
      'http://127.0.0.1:8080/realms/x',
    );
  });
});

describe('DAN provider settings', () => {
  const dan = { clientId: 'chadavkhi', clientSecret: 's3cret' };

  it("builds DAN's endpoints from sso.gov.mn and asks for the ID card record by default", () => {
    const settings = checkDanSettings(provider('dan', dan));
    expect([settings.authorizationEndpoint.href, settings.tokenEndpoint.href, settings.serviceEndpoint.href]).toEqual([
      'https://sso.gov.mn/oauth2/authorize',
      'https://sso.gov.mn/oauth2/token',
      'https://sso.gov.mn/oauth2/api/v1/service',
    ]);
    expect(settings).toMatchObject({
      registrationNumberService: 'WS100101_getCitizenIDCardInfo',
      registrationNumberField: 'regnum',
      pkce: false,
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    expect(JSON.parse(Buffer.from(danScope(settings.services), 'base64').toString())).toEqual([
      { services: ['WS100101_getCitizenIDCardInfo'], wsdl: 'https://xyp.gov.mn/citizen-1.5.0/ws?WSDL' },
    ]);
  });

  it.each([
    [{ baseUrl: 'http://sso.gov.mn' }, /baseUrl must be an https URL/],
    [{ services: [{ services: [], wsdl: 'x' }] }, /services must list/],
    [
      { registrationNumberService: 'WS100102_getCitizenBirthInfo' },
      /registrationNumberService must be one of the requested/,
    ],
    [{ pkce: 'yes' }, /pkce must be true or false/],
  ])('refuses %j', (change, message) => {
    expect(() => checkDanSettings(provider('dan', { ...dan, ...change }))).toThrow(message);
  });
});
