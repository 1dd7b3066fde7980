// Completion → outbox → BullMQ → processor → one certificate: PDF with the name, code and QR,
// a signed OpenBadgeCredential that verifies with only the published JWKS, public verification,
// revocation in the bitstring status list, and duplicates that change nothing.
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { CertificateIssuerService, VERIFY_MISSES_PER_MINUTE } from '@chadavkhi/certification';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { isRevokedIn } from '../../libs/certification/src/status-list/bitstring-status-list';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor, withBinaryBody, withTextBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { decodeQrInPdf, pdfParse } from '../support/pdf';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

/** GET a certificate's PDF as a Buffer. */
function pdfRequest(t: TestApp, id: string, token: string) {
  return withBinaryBody(t.http().get(`/api/v1/certificates/${id}/pdf`).set(bearer(token)));
}

describe('certificates', () => {
  let t: TestApp;
  let admin: string;
  let learner: string;
  let learnerName: string;
  let certificate: { id: string; code: string; verifyUrl: string };
  let enrollmentId: string;

  beforeAll(async () => {
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      PUBLIC_URL: 'https://training.example.gov.mn',
      TRUST_PROXY: true,
    });
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    const user = await createUser(t.db, {
      roles: ['learner'],
      name: 'Батбаярын Оюунчимэг',
      agency: 'tax-general-department',
    });
    learnerName = user.name;
    learner = await tokenFor(t, user.email);
    const course = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ validityMonths: 24 }))
    ).body;
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const enrollment = (await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner))).body;
    enrollmentId = enrollment.id;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(learner));
    }
  });
  afterAll(() => t.close());

  it('issues one certificate through the queue and worker after completion', async () => {
    certificate = await until(async () => {
      const mine = (await t.http().get('/api/v1/me/certificates').set(bearer(learner))).body;
      return mine[0]?.status === 'valid' ? mine[0] : undefined;
    });
    expect(certificate).toEqual(
      expect.objectContaining({
        holderName: learnerName,
        code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
        verifyUrl: `https://training.example.gov.mn/verify/${certificate.code}`,
      }),
    );
    const expires = new Date((certificate as unknown as { expiresAt: string }).expiresAt);
    const issued = new Date((certificate as unknown as { issuedAt: string }).issuedAt);
    expect(expires.getUTCFullYear() - issued.getUTCFullYear()).toBe(2);
    const events = await until(async () => {
      const rows = await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'certificateId' = $1`,
        [certificate.id],
      );
      return rows[0].n > 0 ? rows : undefined;
    });
    expect(events[0].n).toBe(1);
  });

  it('renders a PDF that holds the Cyrillic name and the code, and a QR code that reads back as the verification URL', async () => {
    const response = await pdfRequest(t, certificate.id, learner);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const parsed = await pdfParse(response.body as Buffer);
    expect(parsed.numpages).toBe(1);
    expect(parsed.text).toContain(learnerName);
    expect(parsed.text).toContain(certificate.code);
    expect(parsed.text).toContain('ГЭРЧИЛГЭЭ');
    expect(parsed.text).not.toContain('REVOKED');
    expect(decodeQrInPdf(response.body as Buffer)).toBe(certificate.verifyUrl);
  });

  // The download is a file now (the credential with its Data Integrity proof, or the JWT), no longer
  // `{ jwt, credential }`; the JWT is ES256 and its kid a URL. test/e2e/open-badges checks both forms
  // with outside verifiers.
  it('signs an OpenBadgeCredential whose JWT verifies with node:crypto and only the published JWKS; tampering breaks it', async () => {
    const credential = (await t.http().get(`/api/v1/certificates/${certificate.id}/credential`).set(bearer(learner)))
      .body;
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.credentialSubject.name).toBe(learnerName);
    const jwt = (
      await withTextBody(
        t.http().get(`/api/v1/certificates/${certificate.id}/credential?format=jwt`).set(bearer(learner)),
      )
    ).body as string;
    const jwks = (await t.http().get('/.well-known/jwks.json')).body;
    const [header, payload, signature] = jwt.split('.');
    const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString());
    expect(alg).toBe('ES256');
    const thumbprint = decodeURIComponent(new URL(kid).pathname.split('/').pop()!);
    const key = createPublicKey({ key: jwks.keys.find((k: { kid: string }) => k.kid === thumbprint), format: 'jwk' });
    const verifies = (body: string) =>
      verifySignature(
        'sha256',
        Buffer.from(`${header}.${body}`),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      );
    expect(verifies(payload)).toBe(true);
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...decoded, credentialSubject: { ...decoded.credentialSubject, name: 'Someone Else' } }),
    ).toString('base64url');
    expect(verifies(forged)).toBe(false);
  });

  it('lets anyone verify a code as typed, and says so when a code is unknown', async () => {
    const typed = certificate.code.toLowerCase().replace(/-/g, ' ');
    const verified = await t.http().get(`/api/v1/certificates/verify/${encodeURIComponent(typed)}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual(
      expect.objectContaining({ status: 'valid', holderName: learnerName, code: certificate.code }),
    );
    expect(verified.body).not.toHaveProperty('email');
    expectProblem(await t.http().get('/api/v1/certificates/verify/ZZZZ-ZZZZ-ZZZZ'), 404);
  });

  it('shows a public page in plain words, in Mongolian and English, for the QR code to open', async () => {
    const page = await t.http().get(`/verify/${certificate.code}`).set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Хүчинтэй гэрчилгээ');
    expect(page.text).toContain(learnerName);
    const english = await t.http().get(`/verify/${certificate.code}?lang=en`).set('accept', 'text/html');
    expect(english.text).toContain('Valid certificate');
    expect(english.text).toContain('<html lang="en">');
    const typed = await t.http().get(`/verify?code=${encodeURIComponent(certificate.code.toLowerCase())}`);
    expect(typed.status).toBe(303);
    const unknown = await t.http().get('/verify/ZZZZ-ZZZZ-ZZZY').set('accept', 'text/html');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Ийм кодтой гэрчилгээ олдсонгүй');
  });

  it('finishes the same certificate when the event arrives twice or the job is retried', async () => {
    await t.app
      .get(JobQueueRepository)
      .add('certificates', 'enrollment.completed', { enrollmentId }, `duplicate-${enrollmentId}`);
    await t.app.get(CertificateIssuerService).issueForEnrollment(enrollmentId);
    await untilQueuesDrained(t, ['certificates']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    expect(n).toBe(1);
    const [{ e }] = await t.db.query(
      `SELECT count(*)::int AS e FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'enrollmentId' = $1`,
      [enrollmentId],
    );
    expect(e).toBe(1);
  });

  it('lets only an admin revoke, records why, and publishes it in the status list', async () => {
    expectProblem(
      await t
        .http()
        .post(`/api/v1/certificates/${certificate.id}/revoke`)
        .set(bearer(learner))
        .send({ reason: 'I changed my mind' }),
      403,
    );
    const revoked = await t
      .http()
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(bearer(admin))
      .send({ reason: 'Enrolled by mistake' });
    expect(revoked.status).toBe(201);
    expect(revoked.body).toEqual(
      expect.objectContaining({ status: 'revoked', revocationReason: 'Enrolled by mistake' }),
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/certificates/${certificate.id}/revoke`)
        .set(bearer(admin))
        .send({ reason: 'Again, twice' }),
      409,
    );
    const verified = (await t.http().get(`/api/v1/certificates/verify/${certificate.code}`)).body;
    expect(verified).toEqual(expect.objectContaining({ status: 'revoked', revocationReason: 'Enrolled by mistake' }));
    expect((await t.http().get(`/verify/${certificate.code}`).set('accept', 'text/html')).text).toContain(
      'Хүчингүй болгосон',
    );
    const credential = (await t.http().get(`/api/v1/certificates/${certificate.id}/credential`).set(bearer(learner)))
      .body;
    const list = (await t.http().get('/api/v1/credentials/status/revocation')).body;
    expect(isRevokedIn(list.credentialSubject.encodedList, Number(credential.credentialStatus.statusListIndex))).toBe(
      true,
    );
    const [audit] = await t.db.query(`SELECT action FROM audit_log_entries WHERE target_id = $1`, [certificate.id]);
    expect(audit.action).toBe('certificate.revoke');
    // Its PDF, downloaded from now on, is drawn stamped as revoked with the date: a printout cannot pass for valid.
    const pdf = await pdfRequest(t, certificate.id, learner);
    expect(pdf.status).toBe(200);
    const text = (await pdfParse(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('ХҮЧИНГҮЙ · REVOKED');
    expect(text).toMatch(/Revoked: .*\d{4}/);
    expect(text).toContain(certificate.code);
    expect(decodeQrInPdf(pdf.body as Buffer)).toBe(certificate.verifyUrl);
  });

  it('says expired once the validity has passed', async () => {
    await t.db.query(
      `UPDATE certificates SET revoked_at = NULL, revocation_reason = NULL, expires_at = now() - interval '1 day' WHERE id = $1`,
      [certificate.id],
    );
    expect((await t.http().get(`/api/v1/certificates/verify/${certificate.code}`)).body.status).toBe('expired');
  });

  it('shows the learner and their HR officer what expires within 60 days, and no one else', async () => {
    await t.db.query(`UPDATE certificates SET expires_at = now() + interval '30 days' WHERE id = $1`, [certificate.id]);
    expect(
      (await t.http().get('/api/v1/me/certificates?expiringWithinDays=60').set(bearer(learner))).body.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([certificate.id]);
    expect((await t.http().get('/api/v1/me/certificates?expiringWithinDays=7').set(bearer(learner))).body).toEqual([]);
    const hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email);
    const expiring = await t.http().get('/api/v1/certificates?expiringWithinDays=60').set(bearer(hr));
    expect(expiring.body).toEqual(
      expect.objectContaining({
        total: 1,
        items: [expect.objectContaining({ id: certificate.id, holderName: learnerName })],
      }),
    );
    const otherHr = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email,
    );
    expect((await t.http().get('/api/v1/certificates?expiringWithinDays=60').set(bearer(otherHr))).body.total).toBe(0);
    const [{ id: taxId }] = await t.db.query(`SELECT id FROM agencies WHERE code = 'tax-general-department'`);
    expectProblem(await t.http().get(`/api/v1/certificates?agencyId=${taxId}`).set(bearer(otherHr)), 403);
    expectProblem(await t.http().get('/api/v1/certificates').set(bearer(learner)), 403);
  });

  it('rate-limits guessing of codes: exactly the limit of unknown codes a minute, even sent at once; codes that exist do not count', async () => {
    const verify = (code: string) =>
      t.http().get(`/api/v1/certificates/verify/${code}`).set('x-forwarded-for', '198.51.100.77');
    for (let i = 0; i < VERIFY_MISSES_PER_MINUTE + 5; i++) expect((await verify(certificate.code)).status).toBe(200);
    const guesses = await Promise.all(
      Array.from({ length: 2 * VERIFY_MISSES_PER_MINUTE }, (_, i) => verify(`AAAA-BBBB-${String(i).padStart(4, '0')}`)),
    );
    expect(guesses.filter((g) => g.status === 404)).toHaveLength(VERIFY_MISSES_PER_MINUTE);
    const refused = guesses.filter((g) => g.status === 429);
    expect(refused).toHaveLength(VERIFY_MISSES_PER_MINUTE);
    for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await verify('AAAA-BBBB-CCCC'), 429);
    expect(
      (await t.http().get('/api/v1/certificates/verify/AAAA-BBBB-CCCC').set('x-forwarded-for', '198.51.100.78')).status,
    ).toBe(404); // another address is unaffected
  });

  it('keeps certificates to their holder, HR over the holder, and admins', async () => {
    const stranger = await tokenFor(t, (await createUser(t.db, { roles: ['learner'] })).email);
    expectProblem(await t.http().get(`/api/v1/certificates/${certificate.id}/pdf`).set(bearer(stranger)), 403);
    const otherHr = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email,
    );
    expectProblem(await t.http().get(`/api/v1/certificates/${certificate.id}`).set(bearer(otherHr)), 403);
    const hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email);
    expect((await t.http().get(`/api/v1/certificates/${certificate.id}`).set(bearer(hr))).status).toBe(200);
  });

  it('states a name stored with combining marks in composed form, on the record and the PDF', async () => {
    // A name kept as typed before names were normalised: "ё" and "й" as a letter and a combining mark.
    const typed = 'Алёна Цолмонгийн'.normalize('NFD');
    const holder = await createUser(t.db, { name: typed, agency: 'tax-general-department' });
    const token = await tokenFor(t, holder.email);
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const course = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Төрийн албаны ёс зүй'.normalize('NFD') }))
    ).body;
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const enrollment = (await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(token));
    }
    const issued = await until(async () => {
      const mine = (await t.http().get('/api/v1/me/certificates').set(bearer(token))).body;
      return mine[0]?.status === 'valid' ? mine[0] : undefined;
    });
    expect(issued.holderName).toBe('Алёна Цолмонгийн');
    const pdf = await pdfRequest(t, issued.id, token);
    const text = (await pdfParse(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Алёна Цолмонгийн');
    expect(text).toContain('Төрийн албаны ёс зүй');
  });

  it('prints the Latin name from the HR record in the English text, and the English verification page shows it', async () => {
    const holder = await createUser(t.db, { name: 'Сүхбаатарын Болд', agency: 'tax-general-department' });
    await t.db.query(`UPDATE users SET name_latin = 'Sukhbaatar Bold' WHERE id = $1`, [holder.id]);
    const token = await tokenFor(t, holder.email);
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body;
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const enrollment = (await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(token));
    }
    const issued = await until(async () => {
      const mine = (await t.http().get('/api/v1/me/certificates').set(bearer(token))).body;
      return mine[0]?.status === 'valid' ? mine[0] : undefined;
    });
    expect(issued).toEqual(
      expect.objectContaining({ holderName: 'Сүхбаатарын Болд', holderNameLatin: 'Sukhbaatar Bold' }),
    );
    const pdf = await pdfRequest(t, issued.id, token);
    const text = (await pdfParse(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Сүхбаатарын Болд');
    expect(text).toContain('Sukhbaatar Bold');
    const en = await t.http().get(`/verify/${issued.code}?lang=en`).set('accept', 'text/html');
    expect(en.text).toContain('Sukhbaatar Bold');
    expect(en.text).not.toContain('Сүхбаатарын Болд');
    const mn = await t.http().get(`/verify/${issued.code}?lang=mn`).set('accept', 'text/html');
    expect(mn.text).toContain('Сүхбаатарын Болд');
    // Without a Latin name, the English text keeps the Cyrillic one (the first learner's certificate).
    expect((await t.http().get(`/verify/${certificate.code}?lang=en`).set('accept', 'text/html')).text).toContain(
      learnerName,
    );
  });

  it("stores a new person's name in composed form, so their certificates need no repair", async () => {
    const hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email);
    const [position, tax] = await Promise.all([positionByCode(t.db), agencyByCode(t.db, 'tax-general-department')]);
    const created = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(hr))
      .send({
        email: 'alyona.ts@mof.gov.mn',
        name: 'Алёна Цолмонгийн'.normalize('NFD'),
        agencyId: tax.id,
        positionId: position.id,
      });
    expect(created.status).toBe(202); // invited: she chooses her own password
    const [{ name }] = await t.db.query(`SELECT name FROM users WHERE email = $1`, ['alyona.ts@mof.gov.mn']);
    expect(name).toBe('Алёна Цолмонгийн');
  });
});
