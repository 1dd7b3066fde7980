// Sign-in through a SAML 2.0 identity provider, answered by a real IdP (samlify): the SP-initiated
// and IdP-initiated paths, our metadata as an IdP reads it, and every answer we must refuse —
// each refused with the refusal page, an audit entry and no session.
import type { Response } from 'supertest';
import { createUser, TestUser } from '../support/factories';
import {
  providersFile,
  SAML_ATTRIBUTES,
  samlFixture,
  samlify,
  SamlPost,
  SamlTestIdp,
  SamlTestUser,
} from '../support/saml-idp';
import { startTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://training.test.chadavkhi.mn';
const ACS = `${PUBLIC_URL}/signin/saml/ministry-adfs/acs`;

let t: TestApp;
let idp: SamlTestIdp;
let numbers = 0;

/** A valid, unused registration number (two Cyrillic letters, birth date, two digits). */
function registrationNumber(): string {
  numbers++;
  return `УБ9${Math.floor(numbers / 28) % 10}0${(numbers % 9) + 1}${String((numbers % 28) + 1).padStart(2, '0')}${String(numbers % 100).padStart(2, '0')}`;
}

async function person(options: { leftYesterday?: boolean } = {}): Promise<{ user: TestUser; saml: SamlTestUser }> {
  const user = await createUser(t.db);
  const number = registrationNumber();
  await t.db.query(`UPDATE users SET registration_number = $2 WHERE id = $1`, [user.id, number]);
  if (options.leftYesterday)
    await t.db.query(`UPDATE users SET left_on = (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date - 1 WHERE id = $1`, [
      user.id,
    ]);
  return {
    user,
    saml: { nameId: `adfs-${user.id}`, registrationNumber: number, familyName: 'Бат', givenName: 'Болд' },
  };
}

/** Our AuthnRequest redirect, as a browser following the provider's button gets it. */
async function startSignIn(next?: string, provider = 'ministry-adfs'): Promise<string> {
  const response = await t.http().get(`/signin/saml/${provider}${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  expect(response.status).toBe(303);
  return response.headers.location as string;
}

function post(answer: SamlPost, provider = 'ministry-adfs'): Promise<Response> {
  return (
    t
      .http()
      .post(`/signin/saml/${provider}/acs`)
      .set('accept', 'text/html')
      // The IdP's page is another site: its form post arrives with that site's Origin.
      .set('origin', idp.url)
      .type('form')
      .send(answer as unknown as Record<string, string>)
  );
}

function sessionCookie(response: Response): string | undefined {
  const cookies = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('chadavkhi_session='))?.split(';')[0];
}

async function refusals(): Promise<{ reason: string; detail: string }[]> {
  return t.db.query(
    `SELECT details->>'reason' AS reason, details->>'detail' AS detail FROM audit_log_entries
       WHERE action = 'auth.provider.refused' AND details->>'provider' = 'ministry-adfs' ORDER BY created_at, id`,
  );
}

/** Refused: the refusal page (403), no session cookie, and one more audit entry saying why. */
async function expectRefused(response: Response, reason: string, detail: RegExp, before: number): Promise<void> {
  expect(response.status).toBe(403);
  expect(response.headers['content-type']).toMatch(/text\/html/);
  expect(response.text).toContain(`data-reason="${reason}"`);
  expect(sessionCookie(response)).toBeUndefined();
  const after = await refusals();
  expect(after).toHaveLength(before + 1);
  expect(after[after.length - 1]).toEqual({ reason, detail: expect.stringMatching(detail) });
}

beforeAll(async () => {
  idp = await SamlTestIdp.start();
  const file = providersFile(
    idp.providerEntry(),
    idp.providerEntry({
      id: 'dan-saml',
      label: { mn: 'ДАН', en: 'DAN' },
      allowIdpInitiated: false,
      spPrivateKey: { env: 'SAML_TEST_SP_KEY' },
      spCert: samlFixture('sp-cert.pem'),
    }),
    // During a certificate rollover both the old and the new certificate are trusted.
    idp.providerEntry({
      id: 'rollover-adfs',
      label: { mn: 'Шилжилт', en: 'Rollover' },
      idpCert: [samlFixture('other-idp-cert.pem'), samlFixture('idp-cert.pem')],
    }),
    idp.providerEntry({
      id: 'ministry-keycloak',
      label: { mn: 'Keycloak', en: 'Keycloak' },
      linkBy: ['registration-number', 'email'],
      trustEmail: true,
      emailAttribute: SAML_ATTRIBUTES.email,
    }),
  );
  process.env.SAML_TEST_SP_KEY = samlFixture('sp-key.pem');
  t = await startTestApp({ SIGN_IN_PROVIDERS_FILE: file, PUBLIC_URL, TRUST_PROXY: true });
  const metadata = await t.http().get('/signin/saml/ministry-adfs/metadata');
  idp.trustServiceProvider(metadata.text);
});

afterAll(async () => {
  await t?.close();
  await idp?.close();
});

describe('SAML metadata', () => {
  it('is served as SAML metadata that an independent library reads: our entity id, ACS (HTTP-POST), signed assertions wanted', async () => {
    const response = await t.http().get('/signin/saml/ministry-adfs/metadata');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/samlmetadata\+xml/);
    const sp = samlify.ServiceProvider({ metadata: response.text });
    expect(sp.entityMeta.getEntityID()).toBe(`${PUBLIC_URL}/signin/saml/ministry-adfs/metadata`);
    expect(sp.entityMeta.getAssertionConsumerService(samlify.Constants.wording.binding.post)).toBe(ACS);
    expect(sp.entityMeta.isWantAssertionsSigned()).toBe(true);
    expect(response.text).toContain('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
  });

  it('limits the sign-ins one address may begin a minute (each keeps a row for ten minutes): 429 with Retry-After past 300', async () => {
    const begin = () => t.http().get('/signin/saml/ministry-adfs').set('x-forwarded-for', '10.250.1.1');
    for (let i = 0; i < 300; i++) expect((await begin()).status).toBe(303);
    const refused = await begin();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await t.http().get('/signin/saml/ministry-adfs').set('x-forwarded-for', '10.250.1.2')).status).toBe(303);
  });

  it('names no provider that is not configured (404)', async () => {
    expect((await t.http().get('/signin/saml/nobody/metadata')).status).toBe(404);
    expect((await t.http().get('/signin/oidc/ministry-adfs')).status).toBe(404);
  });
});

describe('SAML sign-in', () => {
  it('SP-initiated: our AuthnRequest, read by the IdP, answered with a signed assertion, opens a session and goes to ?next=', async () => {
    const { user, saml } = await person();
    const location = await startSignIn('/courses');
    expect(location.startsWith(`${idp.url}/sso?SAMLRequest=`)).toBe(true);
    const request = await idp.parseRequest(location);
    expect(request.acsUrl).toBe(ACS);
    const response = await post(await idp.answer(location, saml));
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/courses');
    const cookie = sessionCookie(response)!;
    const me = await t.http().get('/api/v1/me').set('cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
    const [link] = await t.db.query(
      `SELECT subject, linked_by FROM external_identities WHERE provider_id = 'ministry-adfs' AND user_id = $1`,
      [user.id],
    );
    expect(link).toEqual({ subject: saml.nameId, linked_by: 'registration-number' });
    const [session] = await t.db.query(`SELECT provider_id FROM sessions WHERE user_id = $1`, [user.id]);
    expect(session.provider_id).toBe('ministry-adfs');
  });

  it('IdP-initiated (no AuthnRequest): signs in and goes home; a linked person signs in again by their NameID', async () => {
    const { user, saml } = await person();
    const first = await post(await idp.unsolicited(saml));
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const again = await post(await idp.unsolicited({ nameId: saml.nameId }));
    expect(again.status).toBe(303);
    expect((await t.http().get('/api/v1/me').set('cookie', sessionCookie(again)!)).body.id).toBe(user.id);
  });

  it('signs its AuthnRequests where the provider has an SP key, and the IdP verifies the signature', async () => {
    const location = await startSignIn(undefined, 'dan-saml');
    const url = new URL(location);
    expect(url.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(url.searchParams.get('Signature')).toBeTruthy();
    const metadata = (await t.http().get('/signin/saml/dan-saml/metadata')).text;
    expect(metadata).toContain('AuthnRequestsSigned="true"');
    const dan = samlify.ServiceProvider({ metadata });
    const request = await idp.parseRequest(location, { sp: dan, signed: true });
    expect(request.acsUrl).toBe(`${PUBLIC_URL}/signin/saml/dan-saml/acs`);
    // The same request with its signature altered is refused by the IdP: the check above was real.
    const signature = url.searchParams.get('Signature')!;
    url.searchParams.set('Signature', (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1));
    await expect(idp.parseRequest(url.toString(), { sp: dan, signed: true })).rejects.toThrow(/SIGNATURE/);
  });

  it('during a certificate rollover, accepts a signature by either configured certificate', async () => {
    const rollover = samlify.ServiceProvider({
      metadata: (await t.http().get('/signin/saml/rollover-adfs/metadata')).text,
    });
    for (const signedBy of ['idp', 'other-idp'] as const) {
      const { saml } = await person();
      const response = await post(
        await idp.unsolicited(saml, { serviceProvider: rollover, signedBy }),
        'rollover-adfs',
      );
      expect(response.status).toBe(303);
    }
  });

  it('accepts an answer whose clocks differ from ours within the allowance (60 s)', async () => {
    const { saml } = await person();
    // Expired 30 seconds ago by our clock.
    const late = await post(await idp.answer(await startSignIn(), saml, { shiftSeconds: -(5 * 60 + 30) }));
    expect(late.status).toBe(303);
    // Valid only from 30 seconds from now by our clock.
    const early = await post(await idp.answer(await startSignIn(), saml, { shiftSeconds: 90 }));
    expect(early.status).toBe(303);
  });
});

describe('SAML answers refused (refusal page, audit entry, no session)', () => {
  it('an unsigned assertion', async () => {
    const { saml } = await person();
    const before = (await refusals()).length;
    const response = await post(await idp.answer(await startSignIn(), saml, { signedBy: 'nobody' }));
    await expectRefused(response, 'invalid-response', /signature/i, before);
  });

  it('a signed response around an unsigned assertion', async () => {
    const { saml } = await person();
    const before = (await refusals()).length;
    const response = await post(await idp.answer(await startSignIn(), saml, { responseSignedOnly: true }));
    await expectRefused(response, 'invalid-response', /signature/i, before);
  });

  it('an assertion signed by another key', async () => {
    const { saml } = await person();
    const before = (await refusals()).length;
    const response = await post(await idp.answer(await startSignIn(), saml, { signedBy: 'other-idp' }));
    await expectRefused(response, 'invalid-response', /signature/i, before);
  });

  it('an expired assertion', async () => {
    const { saml } = await person();
    const before = (await refusals()).length;
    const response = await post(await idp.answer(await startSignIn(), saml, { shiftSeconds: -3600 }));
    await expectRefused(response, 'invalid-response', /expired/i, before);
  });

  it('clocks apart by more than the allowance: expired 90 s ago, or valid only in 90 s', async () => {
    const { saml } = await person();
    let before = (await refusals()).length;
    const late = await post(await idp.answer(await startSignIn(), saml, { shiftSeconds: -(5 * 60 + 90) }));
    await expectRefused(late, 'invalid-response', /expired/i, before);
    before++;
    const early = await post(await idp.answer(await startSignIn(), saml, { shiftSeconds: 150 }));
    await expectRefused(early, 'invalid-response', /not yet valid/i, before);
  });

  it('an assertion for another service (audience)', async () => {
    const { saml } = await person();
    const before = (await refusals()).length;
    const response = await post(
      await idp.answer(await startSignIn(), saml, { audience: 'https://another-service.example/saml' }),
    );
    await expectRefused(response, 'invalid-response', /audience/i, before);
  });

  it('an assertion for another address (the signed Recipient), or a response sent to another (Destination)', async () => {
    const { saml } = await person();
    let before = (await refusals()).length;
    const elsewhere = 'https://another-service.example/saml/acs';
    const recipient = await post(await idp.answer(await startSignIn(), saml, { recipient: elsewhere }));
    await expectRefused(recipient, 'invalid-response', /no bearer subject confirmation with Recipient/, before);
    before++;
    const destination = await post(await idp.answer(await startSignIn(), saml, { destination: elsewhere }));
    await expectRefused(destination, 'invalid-response', /Destination/, before);
  });

  it('an assertion from another issuer, though signed with the key we trust', async () => {
    const { saml } = await person();
    const before = (await refusals()).length;
    const response = await post(
      await idp.answer(await startSignIn(), saml, { issuer: 'https://another-idp.example/saml' }),
    );
    await expectRefused(response, 'invalid-response', /issuer/, before);
  });

  it('a replayed assertion: the same response posted twice (SP- and IdP-initiated)', async () => {
    const { saml } = await person();
    let before = (await refusals()).length;
    const answer = await idp.answer(await startSignIn(), saml);
    expect((await post(answer)).status).toBe(303);
    await expectRefused(await post(answer), 'invalid-response', /replay/, before);
    before++;
    const unsolicited = await idp.unsolicited(saml);
    expect((await post(unsolicited)).status).toBe(303);
    await expectRefused(await post(unsolicited), 'invalid-response', /replay/, before);
  });

  it('InResponseTo naming a request we never sent, or one already answered', async () => {
    const { saml } = await person();
    let before = (await refusals()).length;
    const unknown = await post(await idp.unsolicited(saml, { inResponseTo: '_0123456789abcdef0123456789' }));
    await expectRefused(unknown, 'invalid-response', /InResponseTo names no request/, before);
    before++;
    const location = await startSignIn();
    expect((await post(await idp.answer(location, saml))).status).toBe(303);
    // A second, fresh assertion answering the same request.
    await expectRefused(await post(await idp.answer(location, saml)), 'invalid-response', /InResponseTo/, before);
  });

  it('an IdP-initiated answer where the provider allows none, even with a request id added to its unsigned envelope', async () => {
    const { saml } = await person();
    const dan = samlify.ServiceProvider({ metadata: (await t.http().get('/signin/saml/dan-saml/metadata')).text });
    const danRefusals = async (): Promise<{ detail: string }[]> =>
      t.db.query(
        `SELECT details->>'detail' AS detail FROM audit_log_entries
           WHERE action = 'auth.provider.refused' AND details->>'provider' = 'dan-saml' ORDER BY created_at, id`,
      );
    const response = await post(await idp.unsolicited(saml, { serviceProvider: dan }), 'dan-saml');
    expect(response.status).toBe(403);
    expect(sessionCookie(response)).toBeUndefined();
    expect((await danRefusals()).pop()?.detail).toMatch(/IdP-initiated/);

    // Someone holding an unsolicited assertion starts a sign-in of their own and writes its request
    // id into the envelope around the assertion, which the signature does not cover.
    const { id } = await idp.parseRequest(await startSignIn(undefined, 'dan-saml'), { sp: dan, signed: true });
    const signed = Buffer.from((await idp.unsolicited(saml, { serviceProvider: dan })).SAMLResponse, 'base64');
    const tampered = signed.toString('utf8').replace('<samlp:Response ', `<samlp:Response InResponseTo="${id}" `);
    const forged = await post({ SAMLResponse: Buffer.from(tampered).toString('base64') }, 'dan-saml');
    expect(forged.status).toBe(403);
    expect(sessionCookie(forged)).toBeUndefined();
    expect((await danRefusals()).pop()?.detail).toMatch(/answer different requests/);
  });

  it('links by e-mail where the provider is trusted to verify addresses', async () => {
    const user = await createUser(t.db);
    const keycloak = samlify.ServiceProvider({
      metadata: (await t.http().get('/signin/saml/ministry-keycloak/metadata')).text,
    });
    const response = await post(
      await idp.unsolicited({ nameId: 'kc-1', email: user.email.toUpperCase() }, { serviceProvider: keycloak }),
      'ministry-keycloak',
    );
    expect(response.status).toBe(303);
    expect((await t.http().get('/api/v1/me').set('cookie', sessionCookie(response)!)).body.id).toBe(user.id);
    const [link] = await t.db.query(
      `SELECT linked_by FROM external_identities WHERE provider_id = 'ministry-keycloak' AND user_id = $1`,
      [user.id],
    );
    expect(link.linked_by).toBe('email');
  });

  it('a person already linked to another identity at this provider', async () => {
    const { saml } = await person();
    expect((await post(await idp.unsolicited(saml))).status).toBe(303);
    const before = (await refusals()).length;
    const other = await post(await idp.unsolicited({ ...saml, nameId: `${saml.nameId}-other` }));
    await expectRefused(other, 'linked-to-another', /linked to another identity/, before);
  });

  it('a registration number nobody in the staff list has: the page says to ask the HR unit', async () => {
    const before = (await refusals()).length;
    const response = await post(
      await idp.answer(await startSignIn(), { nameId: 'adfs-stranger', registrationNumber: 'ЮЯ88122099' }),
    );
    await expectRefused(response, 'not-in-staff-list', /staff list/, before);
    // The advice: ask the agency's HR unit (хүний нөөцийн нэгж) to add them.
    expect(response.text).toContain('хүний нөөцийн нэгж');
  });

  it('a person who has left the service', async () => {
    const { saml } = await person({ leftYesterday: true });
    const before = (await refusals()).length;
    const response = await post(await idp.answer(await startSignIn(), saml));
    await expectRefused(response, 'left-service', /has left/, before);
  });

  it('a response carrying a DTD (entity expansion) before any parser sees it', async () => {
    const before = (await refusals()).length;
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&b;</samlp:Response>`;
    const response = await post({ SAMLResponse: Buffer.from(xml).toString('base64') });
    await expectRefused(response, 'invalid-response', /DTD/, before);
  });

  it('hostile XML is refused before any XML library reads it: deep nesting, thousands of comments or siblings', async () => {
    let before = (await refusals()).length;
    const shaped = (xml: string) => post({ SAMLResponse: Buffer.from(xml).toString('base64') });
    const root = (inner: string) =>
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${inner}</samlp:Response>`;
    await expectRefused(
      await shaped(root(`${'<a>'.repeat(25_000)}${'</a>'.repeat(25_000)}`)),
      'invalid-response',
      /nested/,
      before++,
    );
    await expectRefused(
      await shaped(`${'<!-- - -->'.repeat(15_000)}${root('')}`),
      'invalid-response',
      /comment/,
      before++,
    );
    await expectRefused(await shaped(root('<a/>'.repeat(8_000))), 'invalid-response', /children/, before);
  });

  it('an oversized SAMLResponse: a clear 413 page, never a 500', async () => {
    const big = await post({ SAMLResponse: 'A'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/text\/html/);
    expect(big.text).toContain('хэт том');
    expect(sessionCookie(big)).toBeUndefined();
    // Beyond the whole body limit, Fastify refuses it before any route runs.
    const huge = await post({ SAMLResponse: 'A'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const garbage = await post({ SAMLResponse: 'PHhtbD4' });
    expect(garbage.status).toBe(403);
    const none = await post({} as SamlPost);
    expect(none.status).toBe(403);
  });
});
