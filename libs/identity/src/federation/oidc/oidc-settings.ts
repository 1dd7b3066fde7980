// An OpenID Connect provider's own settings, checked once at start-up so a typo stops the start
// with a message naming the provider and the setting, not a failed sign-in weeks later.
import { ProviderConfigError, providerSetting, SignInProvider } from '../sign-in-providers';
import { isLoopback } from '../provider-unavailable';

/** Asymmetric algorithms openid-client can verify; `none` and HS* (shared secrets) are never accepted. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
export const DEFAULT_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const MAX_TOLERANCE_SECONDS = 300;

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** How the client proves itself at the token endpoint (client_secret_basic unless the provider wants post). */
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
  scopes: string;
  algorithms: string[];
  registrationNumberClaim?: string;
  clockToleranceSeconds: number;
}

export function checkOidcSettings(provider: SignInProvider): OidcSettings {
  const s = provider.settings;
  const fail = (setting: string, rule: string): never => {
    throw new ProviderConfigError(`provider ${provider.id}: ${setting} ${rule}`);
  };
  let issuer: URL | undefined;
  try {
    issuer = new URL(providerSetting(provider, 'issuer'));
  } catch (error) {
    if (error instanceof ProviderConfigError) throw error;
  }
  if (!issuer || !(issuer.protocol === 'https:' || (issuer.protocol === 'http:' && isLoopback(issuer))))
    fail('issuer', 'must be an https URL (the address its /.well-known/openid-configuration is under)');
  const scopes = s.scopes ?? 'openid profile email';
  if (typeof scopes !== 'string' || !scopes.split(/\s+/).includes('openid'))
    fail('scopes', 'must be a space-separated list that includes "openid"');
  const algorithms = s.algorithms ?? DEFAULT_ALGORITHMS;
  if (
    !Array.isArray(algorithms) ||
    !algorithms.length ||
    algorithms.some((a) => typeof a !== 'string' || !OIDC_ALGORITHMS.includes(a))
  )
    fail('algorithms', `must list signing algorithms from ${OIDC_ALGORITHMS.join(', ')} (never none or HS*)`);
  const claim = s.registrationNumberClaim;
  if (claim !== undefined && (typeof claim !== 'string' || !/^[A-Za-z0-9_:.-]{1,100}$/.test(claim)))
    fail('registrationNumberClaim', 'must be the name of a claim, such as "regnum"');
  const tolerance = s.clockToleranceSeconds ?? 60;
  if (!Number.isInteger(tolerance) || (tolerance as number) < 0 || (tolerance as number) > MAX_TOLERANCE_SECONDS)
    fail('clockToleranceSeconds', `must be a whole number of seconds from 0 to ${MAX_TOLERANCE_SECONDS}`);
  const method = s.tokenEndpointAuthMethod ?? 'client_secret_basic';
  if (method !== 'client_secret_basic' && method !== 'client_secret_post')
    fail('tokenEndpointAuthMethod', 'must be "client_secret_basic" or "client_secret_post"');
  return {
    issuer: issuer!,
    clientId: providerSetting(provider, 'clientId'),
    clientSecret: providerSetting(provider, 'clientSecret'),
    tokenEndpointAuthMethod: method as OidcSettings['tokenEndpointAuthMethod'],
    scopes: (scopes as string).trim(),
    algorithms: algorithms as string[],
    registrationNumberClaim: claim as string | undefined,
    clockToleranceSeconds: tolerance as number,
  };
}
