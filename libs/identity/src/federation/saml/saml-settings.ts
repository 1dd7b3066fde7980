// A SAML provider's own settings (entry point, IdP issuer and certificates, attribute names, clock
// skew), checked once at start-up so a wrong file stops the start with a message naming the
// provider and the setting, rather than refusing every person at sign-in time.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ProviderConfigError, providerSetting, SignInProvider } from '../sign-in-providers';

export const SAML_CLOCK_SKEW_DEFAULT_SECONDS = 60;
export const SAML_CLOCK_SKEW_MAX_SECONDS = 300;
/** A stable, opaque id per person: what linking needs (an e-mail address as NameID can change). */
export const SAML_NAME_ID_PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

export interface SamlSettings {
  providerId: string;
  entryPoint: string;
  idpIssuer: string;
  /** PEM certificates the IdP may sign with (more than one during a rollover). */
  idpCerts: string[];
  spEntityId: string;
  acsUrl: string;
  nameIdFormat: string;
  registrationNumberAttribute?: string;
  emailAttribute?: string;
  familyNameAttribute?: string;
  givenNameAttribute?: string;
  clockSkewSeconds: number;
  allowIdpInitiated: boolean;
  /** Signs our AuthnRequests when given (some IdPs require it); the certificate goes into the metadata. */
  spSigning?: { privateKey: string; cert: string };
}

export function readSamlSettings(provider: SignInProvider, publicUrl: string | undefined): SamlSettings {
  const s = provider.settings;
  const fail = (setting: string, rule: string): never => {
    throw new ProviderConfigError(`provider ${provider.id} (saml): ${setting} ${rule}`);
  };
  if (!publicUrl) fail('PUBLIC_URL', 'must be set: the identity provider posts its answers to an address under it');
  const base = publicUrl!.replace(/\/+$/, '');
  const entryPoint = providerSetting(provider, 'entryPoint');
  if (!isHttpUrl(entryPoint)) fail('entryPoint', "must be the http(s) address of the IdP's SSO service");
  const idpIssuer = providerSetting(provider, 'idpIssuer');
  const rawCerts = Array.isArray(s.idpCert) ? s.idpCert : [s.idpCert];
  if (!rawCerts.length || rawCerts.some((c) => typeof c !== 'string' || !c.trim()))
    fail('idpCert', 'must be the IdP signing certificate (PEM or base64), or a list of them');
  const idpCerts = (rawCerts as string[]).map((raw, i) => {
    const pem = certificatePem(raw);
    if (!pem) fail(rawCerts.length > 1 ? `idpCert[${i}]` : 'idpCert', 'is not a readable X.509 certificate');
    return pem!;
  });
  const spEntityId =
    providerSetting(provider, 'spEntityId', { optional: true }) ?? `${base}/signin/saml/${provider.id}/metadata`;
  const attribute = (name: string, neededFor?: 'registration-number' | 'email'): string | undefined => {
    const value = s[name];
    if (value === undefined) {
      if (neededFor && provider.linkBy.includes(neededFor))
        fail(name, `is needed because linkBy includes "${neededFor}"`);
      return undefined;
    }
    if (typeof value !== 'string' || !value.trim() || value.length > 200)
      fail(name, 'must be the name of a SAML attribute (1-200 characters)');
    return (value as string).trim();
  };
  const skew = s.clockSkewSeconds ?? SAML_CLOCK_SKEW_DEFAULT_SECONDS;
  if (!Number.isInteger(skew) || (skew as number) < 0 || (skew as number) > SAML_CLOCK_SKEW_MAX_SECONDS)
    fail('clockSkewSeconds', `must be a whole number of seconds from 0 to ${SAML_CLOCK_SKEW_MAX_SECONDS}`);
  if (s.allowIdpInitiated !== undefined && typeof s.allowIdpInitiated !== 'boolean')
    fail('allowIdpInitiated', 'must be true or false');
  const nameIdFormat = s.nameIdFormat ?? SAML_NAME_ID_PERSISTENT;
  if (typeof nameIdFormat !== 'string' || !nameIdFormat.startsWith('urn:'))
    fail('nameIdFormat', 'must be a NameID format URN');
  return {
    providerId: provider.id,
    entryPoint,
    idpIssuer,
    idpCerts,
    spEntityId,
    acsUrl: `${base}/signin/saml/${provider.id}/acs`,
    nameIdFormat: nameIdFormat as string,
    registrationNumberAttribute: attribute('registrationNumberAttribute', 'registration-number'),
    emailAttribute: attribute('emailAttribute', 'email'),
    familyNameAttribute: attribute('familyNameAttribute'),
    givenNameAttribute: attribute('givenNameAttribute'),
    clockSkewSeconds: skew as number,
    allowIdpInitiated: s.allowIdpInitiated !== false,
    spSigning: readSpSigning(provider, fail),
  };
}

function readSpSigning(
  provider: SignInProvider,
  fail: (setting: string, rule: string) => never,
): SamlSettings['spSigning'] {
  const privateKey = providerSetting(provider, 'spPrivateKey', { optional: true });
  const cert = providerSetting(provider, 'spCert', { optional: true });
  if (!privateKey && !cert) return undefined;
  if (!privateKey || !cert) fail(privateKey ? 'spCert' : 'spPrivateKey', 'is needed with the other (both or neither)');
  try {
    createPrivateKey(privateKey!);
  } catch {
    fail('spPrivateKey', 'is not a readable PEM private key');
  }
  const pem = certificatePem(cert!);
  if (!pem) fail('spCert', 'is not a readable X.509 certificate');
  return { privateKey: privateKey!, cert: pem! };
}

/** A certificate given as PEM or as bare base64 (as IdP metadata shows it), as PEM; undefined if unreadable. */
function certificatePem(raw: string): string | undefined {
  const text = raw.trim();
  const pem = text.includes('-----BEGIN')
    ? text
    : `-----BEGIN CERTIFICATE-----\n${(text.replace(/\s+/g, '').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----`;
  try {
    return new X509Certificate(pem).toString();
  } catch {
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
