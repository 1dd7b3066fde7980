// SAML 2.0 Web SSO as a service provider (a ministry's AD FS or Keycloak, DAN in its SAML mode).
// node-saml checks the XML signatures (signed assertions required), the audience and the validity
// window; what it leaves to its caller is checked here against the signed assertion: the issuer, a
// bearer confirmation for our ACS address, InResponseTo naming a request we sent (taken once) or
// none (IdP-initiated, where allowed), and the assertion id used once — in the database, so a
// replay is refused after a restart too.
import { randomBytes } from 'node:crypto';
import { Injectable, PayloadTooLargeException } from '@nestjs/common';
import { Profile, SAML, SamlConfig, ValidateInResponseTo } from '@node-saml/node-saml';
import { AppConfig } from '@chadavkhi/platform';
import { ExternalIdentity } from '../federated-sign-in.service';
import { ProviderRequestsRepository } from '../provider-requests.repository';
import { SignInProvider, SignInProviders } from '../sign-in-providers';
import { samlShapeProblem } from './saml-response-shape';
import { readSamlSettings, SamlSettings } from './saml-settings';

/** Far above any real login response (a few KiB, or tens with certificates and many attributes). */
export const SAML_RESPONSE_MAX_CHARS = 256 * 1024;
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** The IdP's answer failed a check; `message` says which, for the audit log (not for the person). */
export class SamlResponseRefusal extends Error {}

/** What a checked response proved, and where the person was going when they left for the IdP. */
export interface SamlAnswer {
  identity: ExternalIdentity;
  nextPath: string | null;
}

type XmlNode = { $?: Record<string, string>; _?: string } & Record<string, unknown>;

@Injectable()
export class SamlSignInService {
  private readonly settings = new Map<string, SamlSettings>();
  private readonly validators = new Map<string, SAML>();

  constructor(
    providers: SignInProviders,
    private readonly requests: ProviderRequestsRepository,
    config: AppConfig,
  ) {
    for (const provider of providers.list('saml')) {
      const settings = readSamlSettings(provider, config.PUBLIC_URL);
      this.settings.set(provider.id, settings);
      this.validators.set(provider.id, new SAML(samlOptions(settings)));
    }
  }

  /** Our SP metadata, for the IdP's administrator to import. */
  metadata(provider: Pick<SignInProvider, 'id'>): string {
    const settings = this.settingsOf(provider);
    return this.validators.get(provider.id)!.generateServiceProviderMetadata(null, settings.spSigning?.cert ?? null);
  }

  /** The IdP address carrying a fresh AuthnRequest (HTTP-Redirect); its ID is remembered for InResponseTo. */
  async authorizeUrl(provider: Pick<SignInProvider, 'id'>, nextPath: string | null): Promise<string> {
    const settings = this.settingsOf(provider);
    const id = `_${randomBytes(20).toString('hex')}`;
    await this.requests.save({ id, providerId: provider.id, nextPath });
    const saml = new SAML({ ...samlOptions(settings), generateUniqueId: () => id });
    // RelayState only has to come back; it is not trusted for anything, so it carries nothing.
    return saml.getAuthorizeUrlAsync(randomBytes(12).toString('base64url'), undefined, {});
  }

  /**
   * Checks a posted SAMLResponse. Throws SamlResponseRefusal when it cannot be trusted, and a 413
   * when it is too large to be a login response at all.
   */
  async readResponse(provider: Pick<SignInProvider, 'id'>, samlResponse: unknown): Promise<SamlAnswer> {
    const settings = this.settingsOf(provider);
    if (typeof samlResponse !== 'string' || !samlResponse.trim())
      throw new SamlResponseRefusal('the form carried no SAMLResponse');
    if (samlResponse.length > SAML_RESPONSE_MAX_CHARS)
      throw new PayloadTooLargeException(
        `A SAMLResponse of over ${SAML_RESPONSE_MAX_CHARS / 1024} KiB is not a login response.`,
      );
    if (!/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) throw new SamlResponseRefusal('SAMLResponse is not base64');
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    // Before any XML library: no DTD (entity expansion), no shape that makes the parsers slow.
    const shape = samlShapeProblem(xml);
    if (shape) throw new SamlResponseRefusal(`the response is not shaped like a SAML response: ${shape}`);

    let profile: Profile | null;
    try {
      ({ profile } = await this.validators.get(provider.id)!.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (error) {
      throw new SamlResponseRefusal(`not valid: ${(error as Error).message}`);
    }
    if (!profile?.getAssertion) throw new SamlResponseRefusal('the response holds no assertion');
    const assertion = (profile.getAssertion() as { Assertion: XmlNode }).Assertion;
    const checked = this.checkAssertion(settings, assertion, xml);

    const expiresAt = new Date(checked.notOnOrAfter.getTime() + settings.clockSkewSeconds * 1000);
    if (!(await this.requests.useOnce(provider.id, checked.assertionId, expiresAt)))
      throw new SamlResponseRefusal(`assertion ${checked.assertionId} was used already (a replay)`);
    let nextPath: string | null = null;
    if (checked.inResponseTo) {
      const request = await this.requests.take(provider.id, checked.inResponseTo);
      if (!request)
        throw new SamlResponseRefusal(
          'InResponseTo names no request we sent (or one already answered, or over 10 minutes old)',
        );
      nextPath = request.nextPath ?? null;
    } else if (!settings.allowIdpInitiated) {
      throw new SamlResponseRefusal('an IdP-initiated response (no InResponseTo), which this provider does not allow');
    }
    return { identity: identityOf(settings, profile), nextPath };
  }

  /** The checks node-saml leaves to its caller, on the signed assertion it returned. */
  private checkAssertion(
    settings: SamlSettings,
    assertion: XmlNode,
    responseXml: string,
  ): { assertionId: string; inResponseTo: string | null; notOnOrAfter: Date } {
    const assertionId = assertion.$?.ID;
    if (!assertionId || assertionId.length > 200) throw new SamlResponseRefusal('the assertion has no usable ID');
    const issuer = textOf(first(assertion.Issuer));
    if (issuer !== settings.idpIssuer)
      throw new SamlResponseRefusal(`assertion issuer "${issuer ?? ''}" is not ${settings.idpIssuer}`);
    // The response around the assertion may be unsigned; where it names these, they must agree.
    const root = rootAttributes(responseXml);
    if (root.Destination !== undefined && root.Destination !== settings.acsUrl)
      throw new SamlResponseRefusal(`response Destination "${root.Destination}" is not ${settings.acsUrl}`);
    const now = Date.now();
    const skewMs = settings.clockSkewSeconds * 1000;
    const confirmations = (first(assertion.Subject)?.SubjectConfirmation ?? []) as XmlNode[];
    const data = confirmations
      .filter((c) => c.$?.Method === BEARER)
      .map((c) => first(c.SubjectConfirmationData)?.$ ?? {})
      .filter((d) => d.Recipient === settings.acsUrl);
    if (!data.length) throw new SamlResponseRefusal(`no bearer subject confirmation with Recipient ${settings.acsUrl}`);
    const timely = data.filter((d) => {
      const until = Date.parse(d.NotOnOrAfter ?? '');
      const from = d.NotBefore ? Date.parse(d.NotBefore) : -Infinity;
      return Number.isFinite(until) && now - skewMs < until && !(now + skewMs < from);
    });
    if (!timely.length) throw new SamlResponseRefusal('the subject confirmation has expired (or has no NotOnOrAfter)');
    const confirmation = timely[0];
    // Only the signed InResponseTo decides whether this answers our request (the Web SSO profile puts
    // it in the bearer confirmation); one added to an unsigned envelope must not turn an unsolicited
    // assertion into an answer.
    const inResponseTo = confirmation.InResponseTo || null;
    if ((root.InResponseTo || null) !== inResponseTo && root.InResponseTo !== undefined)
      throw new SamlResponseRefusal('the response and its assertion answer different requests');
    const conditionsEnd = Date.parse(first(assertion.Conditions)?.$?.NotOnOrAfter ?? '');
    const notOnOrAfter = new Date(
      Math.max(Date.parse(confirmation.NotOnOrAfter!), Number.isFinite(conditionsEnd) ? conditionsEnd : 0),
    );
    return { assertionId, inResponseTo, notOnOrAfter };
  }

  private settingsOf(provider: Pick<SignInProvider, 'id'>): SamlSettings {
    const settings = this.settings.get(provider.id);
    if (!settings) throw new Error(`${provider.id} is not a SAML provider`);
    return settings;
  }
}

function samlOptions(settings: SamlSettings): SamlConfig {
  return {
    entryPoint: settings.entryPoint,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    callbackUrl: settings.acsUrl,
    idpIssuer: settings.idpIssuer,
    idpCert: settings.idpCerts,
    identifierFormat: settings.nameIdFormat,
    wantAssertionsSigned: true,
    // Many IdPs sign only the assertion; the assertion's signature is the one that matters.
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: settings.clockSkewSeconds * 1000,
    // InResponseTo is checked against the database (ProviderRequestsRepository), not node-saml's memory cache.
    validateInResponseTo: ValidateInResponseTo.never,
    // AD FS with Windows sign-in refuses a request that asks for a password specifically.
    disableRequestedAuthnContext: true,
    ...(settings.spSigning
      ? { privateKey: settings.spSigning.privateKey, publicCert: settings.spSigning.cert, signatureAlgorithm: 'sha256' }
      : {}),
  };
}

function identityOf(settings: SamlSettings, profile: Profile): ExternalIdentity {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const value = (name: string | undefined): string | null => {
    if (!name) return null;
    const raw = attributes[name];
    const one = Array.isArray(raw) ? raw[0] : raw;
    return typeof one === 'string' && one.trim() ? one.trim().slice(0, 500) : null;
  };
  return {
    subject: profile.nameID,
    registrationNumber: value(settings.registrationNumberAttribute),
    email: value(settings.emailAttribute),
    familyName: value(settings.familyNameAttribute),
    givenName: value(settings.givenNameAttribute),
  };
}

function first(value: unknown): XmlNode | undefined {
  return Array.isArray(value) ? (value[0] as XmlNode) : undefined;
}

function textOf(node: XmlNode | undefined): string | undefined {
  return typeof node?._ === 'string' ? node._.trim() : undefined;
}

/**
 * The attributes of the response's root element. The whole document has already been parsed and
 * its signatures checked by node-saml, and it carries no DTD or comment, so reading the first tag is safe.
 */
function rootAttributes(xml: string): Record<string, string> {
  const tag = /^\s*(?:<\?xml[^>]*\?>\s*)?<(?:[A-Za-z_][\w.-]*:)?Response\b([^>]*)>/.exec(xml);
  const attributes: Record<string, string> = {};
  for (const m of (tag?.[1] ?? '').matchAll(/\s([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    attributes[m[1]] = m[2] ?? m[3];
  return attributes;
}
