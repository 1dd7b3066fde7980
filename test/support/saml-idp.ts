// A real SAML identity provider for the tests, built on samlify (an independent implementation, with
// the XML schema validator): it parses the AuthnRequests our service provider sends and answers
// with login responses — signed as an IdP would, or broken in one chosen way (unsigned, signed by a
// stranger, expired, for another audience or recipient) for the denial tests. It also serves the
// IdP's page the browser passes through: a form that posts the response to our ACS with a button,
// no JavaScript.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as validator from '@authenio/samlify-node-xmllint';

/**
 * The part of samlify these tests use. Its own type declarations pull in xmldom's, which add the DOM
 * library to the whole program (and change the types of fetch and Buffer for every file), so it is
 * loaded untyped and described here.
 */
export interface SamlifyServiceProvider {
  entityMeta: {
    getEntityID(): string;
    getAssertionConsumerService(binding: string): string | string[];
    isWantAssertionsSigned(): boolean;
  };
}
interface SamlifyIdentityProvider {
  parseLoginRequest(sp: SamlifyServiceProvider, binding: 'redirect', request: unknown): Promise<{ extract: unknown }>;
  createLoginResponse(
    sp: SamlifyServiceProvider,
    requestInfo: unknown,
    binding: 'post',
    user: unknown,
    fill: (template: string) => { id: string; context: string },
  ): Promise<{ context: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped on purpose (see above)
export const samlify = require('samlify') as {
  setSchemaValidator(validator: { validate: (xml: string) => Promise<unknown> }): void;
  ServiceProvider(settings: { metadata: string }): SamlifyServiceProvider;
  IdentityProvider(settings: Record<string, unknown>): SamlifyIdentityProvider;
  Constants: { wording: { binding: { post: string; redirect: string } }; StatusCode: { Success: string } };
  SamlLib: {
    replaceTagsByValue(template: string, values: Record<string, string | undefined>): string;
    defaultLoginResponseTemplate: { context: string };
  };
};

const FIXTURES = join(__dirname, '..', 'fixtures', 'saml');
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
export const SAML_TEST_IDP_ISSUER = 'https://idp.test.chadavkhi.mn/saml';

// The schema check runs xmllint compiled to JavaScript, which prints an empty line on every exit.
samlify.setSchemaValidator({
  validate: async (xml: string) => {
    const log = console.log;
    console.log = () => undefined;
    try {
      return await validator.validate(xml);
    } finally {
      console.log = log;
    }
  },
});

export const samlFixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** A SIGN_IN_PROVIDERS_FILE holding these providers, in a fresh temporary folder; its path. */
export function providersFile(...providers: Record<string, unknown>[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sign-in-providers-')), 'providers.json');
  writeFileSync(file, JSON.stringify({ providers }));
  return file;
}

export interface SamlTestUser {
  nameId: string;
  registrationNumber?: string;
  email?: string;
  familyName?: string;
  givenName?: string;
}

/** How to answer; anything left out is what a correct IdP sends. */
export interface SamlAnswerOptions {
  /** Whose key signs: ours (the IdP's), a stranger's, or nobody's. */
  signedBy?: 'idp' | 'other-idp' | 'nobody';
  /** Sign only the response around the assertion (the assertion itself unsigned). */
  responseSignedOnly?: boolean;
  /** Moves every timestamp of the answer by this many seconds (negative: issued in the past). */
  shiftSeconds?: number;
  audience?: string;
  /** The assertion's (signed) SubjectConfirmationData Recipient. */
  recipient?: string;
  /** The response's Destination (outside the signed assertion). */
  destination?: string;
  issuer?: string;
  /** Answers this request id instead of the parsed one (or none, for an IdP-initiated answer). */
  inResponseTo?: string;
  /** Answers another of our providers than the one trustServiceProvider learnt. */
  serviceProvider?: SamlifyServiceProvider;
}

export interface SamlPost {
  SAMLResponse: string;
  RelayState?: string;
}

const ATTRIBUTES = {
  registrationNumber: 'urn:oid:chadavkhi:registration-number',
  email: 'urn:oid:0.9.2342.19200300.100.1.3',
  familyName: 'urn:oid:2.5.4.4',
  givenName: 'urn:oid:2.5.4.42',
} as const;

export class SamlTestIdp {
  /** Who signs in at the IdP's page next (the browser test sets it). */
  nextUser: SamlTestUser | undefined;
  private sp: SamlifyServiceProvider | undefined;
  private spMetadata = '';
  private readonly idp: SamlifyIdentityProvider;
  private readonly stranger: SamlifyIdentityProvider;
  private readonly strict: SamlifyIdentityProvider;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    this.idp = identityProvider(`${url}/sso`, 'idp');
    this.stranger = identityProvider(`${url}/sso`, 'other-idp');
    this.strict = identityProvider(`${url}/sso`, 'idp', { wantAuthnRequestsSigned: true });
  }

  static async start(): Promise<SamlTestIdp> {
    const started: { idp?: SamlTestIdp } = {};
    const server = createServer((request, response) => {
      started.idp!.page(request.url ?? '/').then(
        (html) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
        (error: Error) => response.writeHead(400, { 'content-type': 'text/plain' }).end(error.message),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    started.idp = new SamlTestIdp(
      server,
      // Named "localhost" while the apps are at 127.0.0.1: another site, as a real IdP is, so the
      // browser treats its form post to our ACS as cross-site.
      `http://localhost:${typeof address === 'object' && address ? address.port : 0}`,
    );
    return started.idp;
  }

  /** A provider entry for SIGN_IN_PROVIDERS_FILE pointing at this IdP. */
  providerEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: 'ministry-adfs',
      kind: 'saml',
      label: { mn: 'Яамны нэвтрэлт', en: 'Ministry sign-in' },
      entryPoint: `${this.url}/sso`,
      idpIssuer: SAML_TEST_IDP_ISSUER,
      idpCert: samlFixture('idp-cert.pem'),
      registrationNumberAttribute: ATTRIBUTES.registrationNumber,
      familyNameAttribute: ATTRIBUTES.familyName,
      givenNameAttribute: ATTRIBUTES.givenName,
      ...overrides,
    };
  }

  /** Learns our service provider from its metadata, as an IdP administrator would import it. */
  trustServiceProvider(metadata: string): SamlifyServiceProvider {
    this.spMetadata = metadata;
    this.sp = samlify.ServiceProvider({ metadata });
    return this.sp;
  }

  /** Parses the AuthnRequest carried by our redirect (its Location) and answers it. */
  async answer(location: string, user: SamlTestUser, options: SamlAnswerOptions = {}): Promise<SamlPost> {
    const request = await this.parseRequest(location);
    return this.respond(request, user, options);
  }

  /** An IdP-initiated (unsolicited) answer: no AuthnRequest, no InResponseTo. */
  unsolicited(user: SamlTestUser, options: SamlAnswerOptions = {}): Promise<SamlPost> {
    return this.respond(undefined, user, options);
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  /**
   * The AuthnRequest as samlify reads it (it checks the XML against the SAML schema); with
   * `signed`, as an IdP that wants signed requests, verifying the signature against `sp`'s metadata.
   */
  async parseRequest(
    location: string,
    options: { sp?: SamlifyServiceProvider; signed?: boolean } = {},
  ): Promise<{ id: string; relayState?: string; acsUrl?: string }> {
    const url = new URL(location);
    const query = Object.fromEntries(url.searchParams);
    const reader = options.signed ? this.strict : this.idp;
    const parsed = await reader.parseLoginRequest(options.sp ?? this.serviceProvider(), 'redirect', {
      query,
      octetString: url.search
        .slice(1)
        .split('&')
        .filter((p) => /^(SAMLRequest|RelayState|SigAlg)=/.test(p))
        .join('&'),
    });
    const extract = parsed.extract as { request: { id: string; assertionConsumerServiceUrl?: string } };
    return {
      id: extract.request.id,
      relayState: query.RelayState,
      acsUrl: extract.request.assertionConsumerServiceUrl,
    };
  }

  private serviceProvider(): SamlifyServiceProvider {
    if (!this.sp) throw new Error('call trustServiceProvider(metadata) first');
    return this.sp;
  }

  private async respond(
    request: { id: string; relayState?: string } | undefined,
    user: SamlTestUser,
    options: SamlAnswerOptions,
  ): Promise<SamlPost> {
    const sp = options.responseSignedOnly
      ? samlify.ServiceProvider({
          metadata: this.spMetadata.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"'),
        })
      : (options.serviceProvider ?? this.serviceProvider());
    const acsUrl = sp.entityMeta.getAssertionConsumerService(samlify.Constants.wording.binding.post) as string;
    const shift = (options.shiftSeconds ?? 0) * 1000;
    const at = (offsetMinutes: number) => new Date(Date.now() + shift + offsetMinutes * 60_000).toISOString();
    const inResponseTo = 'inResponseTo' in options ? options.inResponseTo : request?.id;
    const values = {
      ID: `_r${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`,
      AssertionID: `_a${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`,
      Destination: options.destination ?? acsUrl,
      Audience: options.audience ?? sp.entityMeta.getEntityID(),
      SubjectRecipient: options.recipient ?? acsUrl,
      Issuer: options.issuer ?? SAML_TEST_IDP_ISSUER,
      IssueInstant: at(0),
      StatusCode: samlify.Constants.StatusCode.Success,
      ConditionsNotBefore: at(-1),
      ConditionsNotOnOrAfter: at(5),
      SubjectConfirmationDataNotOnOrAfter: at(5),
      NameIDFormat: PERSISTENT,
      NameID: user.nameId,
      // None, for an unsolicited answer: samlify then leaves the attribute out (an empty one is not the same).
      InResponseTo: inResponseTo,
    };
    // samlify escapes every value it fills in; the two statements are XML, so they go in afterwards.
    const statements = {
      AuthnStatement: `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
      AttributeStatement: attributeStatement(user),
    };
    const fill = (template: string) => {
      const xml = samlify.SamlLib.replaceTagsByValue(template, values)
        .replace('{AuthnStatement}', statements.AuthnStatement)
        .replace('{AttributeStatement}', statements.AttributeStatement);
      return { id: values.ID, context: xml };
    };
    if (options.signedBy === 'nobody') {
      const xml = fill(samlify.SamlLib.defaultLoginResponseTemplate.context).context;
      return { SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: request?.relayState };
    }
    const signer = options.signedBy === 'other-idp' ? this.stranger : this.idp;
    const answer = (await signer.createLoginResponse(sp, {}, 'post', {}, fill)) as { context: string };
    return { SAMLResponse: answer.context, RelayState: request?.relayState };
  }

  /** GET /sso?SAMLRequest=…: the IdP's page, signing in `nextUser` and posting back with a button. */
  private async page(path: string): Promise<string> {
    const url = new URL(path, this.url);
    if (url.pathname !== '/sso') throw new Error('not found');
    if (!this.nextUser) throw new Error('nobody is signed in at the test IdP');
    const request = await this.parseRequest(url.toString());
    const post = await this.respond(request, this.nextUser, {});
    const acs = request.acsUrl ?? '';
    const fields = Object.entries(post)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeXml(v!)}">`)
      .join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test identity provider</title></head><body><main><h1>Test identity provider</h1><p>Signed in as ${escapeXml(this.nextUser.nameId)}.</p><form method="post" action="${escapeXml(acs)}">${fields}<button type="submit">Continue to the service</button></form></main></body></html>`;
  }
}

function identityProvider(
  ssoUrl: string,
  keys: 'idp' | 'other-idp',
  settings: Record<string, unknown> = {},
): SamlifyIdentityProvider {
  return samlify.IdentityProvider({
    ...settings,
    entityID: SAML_TEST_IDP_ISSUER,
    privateKey: samlFixture(`${keys}-key.pem`),
    signingCert: samlFixture(`${keys}-cert.pem`),
    nameIDFormat: [PERSISTENT],
    singleSignOnService: [{ Binding: samlify.Constants.wording.binding.redirect, Location: ssoUrl }],
    // Not used here; without one samlify warns on every start.
    singleLogoutService: [{ Binding: samlify.Constants.wording.binding.redirect, Location: `${ssoUrl}/logout` }],
    requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
}

function attributeStatement(user: SamlTestUser): string {
  const attributes = (Object.keys(ATTRIBUTES) as (keyof typeof ATTRIBUTES)[])
    .filter((key) => user[key] !== undefined)
    .map(
      (key) =>
        `<saml:Attribute Name="${ATTRIBUTES[key]}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${escapeXml(user[key]!)}</saml:AttributeValue></saml:Attribute>`,
    );
  return attributes.length ? `<saml:AttributeStatement>${attributes.join('')}</saml:AttributeStatement>` : '';
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const SAML_ATTRIBUTES = ATTRIBUTES;
