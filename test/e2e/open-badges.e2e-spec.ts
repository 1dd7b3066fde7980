// Our certificates' credentials as outside verifiers check them (issue 19): Digital Bazaar's vc and
// eddsa-rdfc-2022 verify the Data Integrity proof through the issuer's did:web DID document, their
// Bitstring Status List library reads the signed status list, jsonwebtoken verifies the ES256
// VC-JWT with the key its kid URL serves, and ajv validates against 1EdTech's JSON Schema — all
// run in a child process (test/support/verify-credential.mjs) that reaches only this test server.
import { execFile } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { importJWK, SignJWT } from 'jose';
import { identityHash } from '../../libs/certification/src/open-badges/identity-objects';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor, withTextBody } from '../support/http';
import { freePort } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'open-badges-'));

interface Issued {
  id: string;
  code: string;
  token: string;
  userId: string;
}

describe('Open Badges 3.0 credentials, as outside verifiers check them', () => {
  let t: TestApp;
  let origin: string;
  let admin: string;
  let trainer: string;
  let courseId: string;
  let first: Issued;

  async function outsideVerifier<T>(command: string, request: object): Promise<T> {
    const file = join(scratch, `${command}-${Date.now()}-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify({ command, serverUrl: origin, ...request }));
    const { stdout } = await run(process.execPath, [join(__dirname, '../support/verify-credential.mjs'), file]);
    return JSON.parse(stdout) as T;
  }

  async function completeAsNewLearner(setUp?: (userId: string) => Promise<unknown>): Promise<Issued> {
    const user = await createUser(t.db, { agency: 'tax-general-department', name: 'Батбаярын Оюунчимэг' });
    const token = await tokenFor(t, user.email);
    await setUp?.(user.id);
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(token));
    const certificate = await until(async () => {
      const mine = (await t.http().get('/api/v1/me/certificates').set(bearer(token))).body;
      return mine[0]?.status === 'valid' ? mine[0] : undefined;
    }, 60000);
    return { id: certificate.id, code: certificate.code, token, userId: user.id };
  }

  const download = (c: Issued, query = '', accept?: string) => {
    const req = t.http().get(`/api/v1/certificates/${c.id}/credential${query}`).set(bearer(c.token));
    if (accept) req.set('accept', accept);
    return withTextBody(req);
  };

  const credentialOf = async (c: Issued) => JSON.parse((await download(c)).body as string);
  const jwtOf = async (c: Issued) => (await download(c, '?format=jwt')).body as string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await startTestApp(
      {
        RUN_WORKERS: true,
        OUTBOX_POLL_MS: 100,
        PORT: port,
        PUBLIC_URL: origin,
        CERT_SWEEP_SECONDS: 1,
        CERT_SWEEP_GRACE_SECONDS: 1,
      },
      { listen: true },
    );
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Төрийн албаны ёс зүй', validityMonths: 24 }))
    ).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)).expect(201);
    first = await completeAsNewLearner((userId) =>
      t.db.query(`UPDATE users SET registration_number = 'УБ12345678', email = $2 WHERE id = $1`, [
        userId,
        `Oyuunchimeg.B.${userId.slice(0, 8)}@MOF.gov.mn`.toLowerCase(),
      ]),
    );
  });
  afterAll(() => t.close());

  it('downloads the credential as a file, and Digital Bazaar verifies its eddsa-rdfc-2022 proof through the did:web document', async () => {
    const response = await download(first);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vc\+ld\+json\b/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="certificate-${first.code}.json"`);
    const credential = JSON.parse(response.body as string);
    const did = `did:web:127.0.0.1%3A${new URL(origin).port}`;
    expect(credential.issuer).toEqual(expect.objectContaining({ id: did, type: ['Profile'], url: origin }));
    expect(credential.proof).toEqual([
      expect.objectContaining({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: expect.stringMatching(new RegExp(`^${did}#`)),
        proofValue: expect.stringMatching(/^z/),
      }),
    ]);
    expect(await outsideVerifier('verifyCredential', { credential })).toEqual({ verified: true });
  });

  it('fails the Data Integrity check when one field of the credential is changed', async () => {
    const credential = await credentialOf(first);
    const forged = { ...credential, credentialSubject: { ...credential.credentialSubject, name: 'Someone Else' } };
    const result = await outsideVerifier<{ verified: boolean; error: string }>('verifyCredential', {
      credential: forged,
    });
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/signature|verif/i);
  });

  it("passes 1EdTech's AchievementCredential JSON Schema, and identifies the holder by salted hashes as OB 3.0 requires", async () => {
    const credential = await credentialOf(first);
    const result = await outsideVerifier<{ valid: boolean; errors: unknown[] }>('validateSchema', { credential });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // Not in the schema: the subject has an id or an identifier (OB 3.0 §Verification, step 1).
    const subject = credential.credentialSubject;
    expect(subject.id !== undefined || subject.identifier?.length > 0).toBe(true);
    const [{ email }] = await t.db.query(`SELECT email FROM users WHERE id = $1`, [first.userId]);
    const salt = subject.identifier[0].salt;
    expect(subject.identifier).toEqual([
      {
        type: 'IdentityObject',
        identityType: 'nationalIdentityNumber',
        hashed: true,
        identityHash: identityHash('УБ12345678', salt),
        salt,
      },
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: identityHash(email, salt),
        salt,
      },
    ]);
    expect(JSON.stringify(credential)).not.toContain('УБ12345678');
    expect(JSON.stringify(credential)).not.toContain(email);
    expect(credential.credentialSchema).toEqual([
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ]);
    // Drawn again (by the sweeper, after recertification), the same salt gives the same hashes.
    const [{ identity_salt: stored }] = await t.db.query(`SELECT identity_salt FROM certificates WHERE id = $1`, [
      first.id,
    ]);
    expect(stored).toBe(salt);
  });

  it('gives the VC-JWT in the OB 3.0 format (ES256, kid URL serving the JWK); jsonwebtoken verifies it and its claims restate the credential', async () => {
    const credential = await credentialOf(first);
    const asJwt = await download(first, '', 'application/vc+jwt');
    expect(asJwt.status).toBe(200);
    expect(asJwt.headers['content-type']).toMatch(/^application\/vc\+jwt\b/);
    expect(asJwt.headers['content-disposition']).toBe(`attachment; filename="certificate-${first.code}.jwt"`);
    const token = await jwtOf(first);
    expect(asJwt.body).toBe(token);
    const result = await outsideVerifier<{
      verified: boolean;
      header: { alg: string; kid: string; typ: string };
      contentType: string;
      payload: Record<string, unknown> & typeof credential;
    }>('verifyJwt', { token });
    expect(result.verified).toBe(true);
    expect(result.header).toEqual({ alg: 'ES256', typ: 'JWT', kid: expect.stringMatching(new RegExp(`^${origin}/`)) });
    expect(result.contentType).toMatch(/^application\/jwk\+json/);
    const { payload } = result;
    expect(payload.iss).toBe(credential.issuer.id);
    expect(payload.jti).toBe(credential.id);
    expect(new Date((payload.nbf as number) * 1000).toISOString().replace('.000Z', 'Z')).toBe(credential.validFrom);
    expect(new Date((payload.exp as number) * 1000).toISOString().replace('.000Z', 'Z')).toBe(credential.validUntil);
    expect(payload.sub).toBe(credential.credentialSubject.identifier[0].identityHash);
    expect(payload.credentialSubject).toEqual(credential.credentialSubject);
    const [header, body, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...payload, credentialSubject: { ...payload.credentialSubject, name: 'Someone Else' } }),
    ).toString('base64url');
    expect(body).not.toBe(forged);
    const tampered = await outsideVerifier<{ verified: boolean; error: string }>('verifyJwt', {
      token: `${header}.${forged}.${signature}`,
    });
    expect(tampered).toEqual(expect.objectContaining({ verified: false, error: 'invalid signature' }));
    expectProblem(
      await t.http().get(`/api/v1/certificates/${first.id}/credential?format=xml`).set(bearer(first.token)),
      400,
    );
  });

  it('serves the DID document, the issuer profile and the achievement to anyone, as JSON(-LD)', async () => {
    const didDocument = await t.http().get('/.well-known/did.json');
    expect(didDocument.status).toBe(200);
    expect(didDocument.headers['content-type']).toMatch(/^application\/did\+json/);
    const did = didDocument.body.id;
    const methods = didDocument.body.verificationMethod as { id: string; type: string; controller: string }[];
    expect(methods.map((m) => m.type).sort()).toEqual(['JsonWebKey', 'Multikey']);
    expect(methods.every((m) => m.controller === did && m.id.startsWith(`${did}#`))).toBe(true);
    expect(didDocument.body.assertionMethod).toEqual(methods.map((m) => m.id));
    const credential = await credentialOf(first);
    expect(methods.map((m) => m.id)).toContain(credential.proof[0].verificationMethod);

    const profileUrl = didDocument.body.service[0].serviceEndpoint;
    const profile = await t.http().get(new URL(profileUrl).pathname);
    expect(profile.status).toBe(200);
    expect(profile.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(JSON.parse(profile.text)).toEqual(expect.objectContaining({ id: did, type: ['Profile'], url: origin }));

    const achievementId = credential.credentialSubject.achievement.id;
    const achievement = await t.http().get(new URL(achievementId).pathname);
    expect(achievement.status).toBe(200);
    expect(achievement.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(JSON.parse(achievement.text)).toEqual(
      expect.objectContaining({
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Course',
        name: 'Төрийн албаны ёс зүй',
        description: expect.any(String),
        criteria: { narrative: expect.any(String) },
      }),
    );
    expectProblem(await t.http().get(`/api/v1/credentials/achievements/${courseId}/v/99`), 404);
    expectProblem(await t.http().get(`/api/v1/credentials/achievements/${courseId}/v/99999999999`), 404);
    expectProblem(await t.http().get('/api/v1/credentials/achievements/not-a-uuid/v/1'), 400);
    expectProblem(await t.http().get('/api/v1/credentials/keys/no-such-key'), 404);
  });

  it('hands out status list indexes at random, not in sequence', async () => {
    const more = [await completeAsNewLearner(), await completeAsNewLearner(), await completeAsNewLearner()];
    const rows: { status_list_index: number }[] = await t.db.query(
      `SELECT status_list_index FROM certificates WHERE id = ANY($1) ORDER BY created_at`,
      [[first.id, ...more.map((c) => c.id)]],
    );
    const indexes = rows.map((r) => r.status_list_index);
    expect(new Set(indexes).size).toBe(4);
    expect(indexes.every((i) => i >= 0 && i < 131072)).toBe(true);
    const steps = indexes.slice(1).map((index, i) => index - indexes[i]);
    expect(steps.every((step) => step === 1)).toBe(false);
  });

  it('signs the status list; the status library reads it as valid, then revoked after a revocation; validFrom moves only then', async () => {
    const credential = await credentialOf(first);
    const before = await t.http().get('/api/v1/credentials/status/revocation');
    expect(before.headers['content-type']).toMatch(/^application\/vc\+ld\+json/);
    const list = JSON.parse(before.text);
    expect(list.issuer).toBe(credential.issuer.id);
    expect(list.credentialSubject.ttl).toBe(
      Number(/max-age=(\d+)/.exec(before.headers['cache-control'] as string)![1]) * 1000,
    );
    const again = JSON.parse((await t.http().get('/api/v1/credentials/status/revocation')).text);
    expect(again.validFrom).toBe(list.validFrom);
    expect(await outsideVerifier('credentialStatus', { credential })).toEqual({ verified: true, revoked: false });

    await t
      .http()
      .post(`/api/v1/certificates/${first.id}/revoke`)
      .set(bearer(admin))
      .send({ reason: 'Enrolled by mistake' })
      .expect(201);
    const after = JSON.parse((await t.http().get('/api/v1/credentials/status/revocation')).text);
    expect(after.validFrom).not.toBe(list.validFrom);
    const [{ revoked_at }] = await t.db.query(`SELECT revoked_at FROM certificates WHERE id = $1`, [first.id]);
    expect(Date.parse(after.validFrom)).toBe(Math.floor(new Date(revoked_at).getTime() / 1000) * 1000);
    expect(await outsideVerifier('credentialStatus', { credential })).toEqual({ verified: true, revoked: true });
  });

  it('re-issues a certificate made before: new credential forms, the same status index, the PDF untouched, and its old EdDSA JWT still verifies', async () => {
    const old = await completeAsNewLearner();
    // What a certificate made before looked like: an EdDSA VC-JWT (kid = the key's thumbprint), no
    // Data Integrity form. Signed here with the Ed25519 key the product signed such JWTs with.
    const keyFile = join(resolve(t.config.DATA_DIR), 'keys', 'certificate-signing-key.json');
    const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8'));
    const oldJwt = await new SignJWT({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      id: `urn:uuid:${old.id}`,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid, typ: 'vc+jwt', cty: 'vc' })
      .sign(await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA'));
    const [[before]] = await t.db.query(
      `UPDATE certificates SET credential_document = NULL, credential_jwt = $2, signing_kid = $3 WHERE id = $1
       RETURNING status_list_index, md5(pdf) AS pdf_md5`,
      [old.id, oldJwt, privateJwk.kid],
    );
    expect(before).toBeDefined();

    const after = await until(async () => {
      const [row] = await t.db.query(
        `SELECT status_list_index, md5(pdf) AS pdf_md5, credential_jwt, credential_document IS NOT NULL AS has_document FROM certificates WHERE id = $1`,
        [old.id],
      );
      return row.has_document ? row : undefined;
    }, 30000);
    expect(after.status_list_index).toBe(before.status_list_index);
    expect(after.pdf_md5).toBe(before.pdf_md5);
    expect(after.credential_jwt).not.toBe(oldJwt);
    const credential = await credentialOf(old);
    expect(credential.credentialStatus.statusListIndex).toBe(String(before.status_list_index));
    expect(await outsideVerifier('verifyCredential', { credential })).toEqual({ verified: true });
    expect(await outsideVerifier('verifyJwt', { token: await jwtOf(old) })).toEqual(
      expect.objectContaining({ verified: true }),
    );
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'certificateId' = $1`,
      [old.id],
    );
    expect(n).toBe(1);

    // The copy its holder kept verifies with the published JWKS alone.
    const jwks = (await t.http().get('/.well-known/jwks.json')).body as { keys: { kid: string }[] };
    const [header, payload, signature] = oldJwt.split('.');
    const key = createPublicKey({ key: jwks.keys.find((k) => k.kid === privateJwk.kid)!, format: 'jwk' });
    expect(verifySignature(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))).toBe(
      true,
    );
  });
});
