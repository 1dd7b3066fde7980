// DAN's settings (sso.gov.mn, the national sign-in), checked once at start-up. DAN speaks plain
// OAuth 2.0, not OpenID Connect: the person is known from a state data service's record
// (the citizen ID card by default), fetched with the access token.
import { ProviderConfigError, providerSetting, SignInProvider } from '../sign-in-providers';
import { isLoopback } from '../provider-unavailable';

/** One entry of the `scope` list DAN expects: the state data services to call, and their WSDL. */
export interface DanServiceRequest {
  services: string[];
  wsdl: string;
}

export const DAN_ID_CARD_SERVICE = 'WS100101_getCitizenIDCardInfo';
const DEFAULT_SERVICES: DanServiceRequest[] = [
  { services: [DAN_ID_CARD_SERVICE], wsdl: 'https://xyp.gov.mn/citizen-1.5.0/ws?WSDL' },
];

export interface DanSettings {
  authorizationEndpoint: URL;
  tokenEndpoint: URL;
  serviceEndpoint: URL;
  clientId: string;
  clientSecret: string;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
  services: DanServiceRequest[];
  /** The service whose record carries the registration number, and the record's field. */
  registrationNumberService: string;
  registrationNumberField: string;
  /** DAN's documentation shows no PKCE; send it only where DAN is known to accept it. */
  pkce: boolean;
}

export function checkDanSettings(provider: SignInProvider): DanSettings {
  const s = provider.settings;
  const fail = (setting: string, rule: string): never => {
    throw new ProviderConfigError(`provider ${provider.id}: ${setting} ${rule}`);
  };
  const address = (setting: string, fallback: string): URL => {
    const raw = s[setting] ?? fallback;
    let url: URL | undefined;
    try {
      url = new URL(raw as string);
    } catch {
      url = undefined;
    }
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))))
      fail(setting, 'must be an https URL');
    return url!;
  };
  const base = address('baseUrl', 'https://sso.gov.mn').href.replace(/\/$/, '');
  const services = s.services ?? DEFAULT_SERVICES;
  if (
    !Array.isArray(services) ||
    !services.length ||
    services.some(
      (entry: unknown) =>
        !entry ||
        typeof entry !== 'object' ||
        !Array.isArray((entry as DanServiceRequest).services) ||
        !(entry as DanServiceRequest).services.length ||
        (entry as DanServiceRequest).services.some((name) => typeof name !== 'string' || !/^WS\w{1,100}$/.test(name)) ||
        typeof (entry as DanServiceRequest).wsdl !== 'string',
    )
  )
    fail('services', 'must list {"services": ["WS100101_getCitizenIDCardInfo"], "wsdl": "https://xyp.gov.mn/..."}');
  const numberService = s.registrationNumberService ?? DAN_ID_CARD_SERVICE;
  if (!(services as DanServiceRequest[]).some((entry) => entry.services.includes(numberService as string)))
    fail('registrationNumberService', `must be one of the requested services (${String(numberService)} is not)`);
  const field = s.registrationNumberField ?? 'regnum';
  if (typeof field !== 'string' || !/^\w{1,100}$/.test(field))
    fail('registrationNumberField', 'must name a field of the service record, such as "regnum"');
  if (s.pkce !== undefined && typeof s.pkce !== 'boolean') fail('pkce', 'must be true or false');
  const method = s.tokenEndpointAuthMethod ?? 'client_secret_post';
  if (method !== 'client_secret_basic' && method !== 'client_secret_post')
    fail('tokenEndpointAuthMethod', 'must be "client_secret_post" (as DAN documents) or "client_secret_basic"');
  return {
    authorizationEndpoint: address('authorizationEndpoint', `${base}/oauth2/authorize`),
    tokenEndpoint: address('tokenEndpoint', `${base}/oauth2/token`),
    serviceEndpoint: address('serviceEndpoint', `${base}/oauth2/api/v1/service`),
    clientId: providerSetting(provider, 'clientId'),
    clientSecret: providerSetting(provider, 'clientSecret'),
    tokenEndpointAuthMethod: method as DanSettings['tokenEndpointAuthMethod'],
    services: services as DanServiceRequest[],
    registrationNumberService: numberService as string,
    registrationNumberField: field as string,
    pkce: s.pkce === true,
  };
}

/** DAN's `scope`: the requested services as base64 of their JSON list (as DAN's documentation shows). */
export function danScope(services: DanServiceRequest[]): string {
  return Buffer.from(JSON.stringify(services), 'utf8').toString('base64');
}
