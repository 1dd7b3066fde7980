// Certification's rules, called on CertificateIssuerService and CertificatesService: one
// certificate per completed enrolment however often issuing runs, the final quiz's score (or the
// paper score of a classroom), revocation, verification of a printed code, and who may see one.
import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { AttemptsService } from '@chadavkhi/assessment';
import { CertificateIssuerService, CertificatesService } from '@chadavkhi/certification';
import type { AuthUser } from '@chadavkhi/identity';
import { EnrollmentsService } from '@chadavkhi/learning';
import { createPerson, enrolled, publishedCourse } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';

const withFinalQuiz = {
  validityMonths: 24,
  modules: [{ title: 'Нэг', lessons: [{ title: 'Ганц', body: 'Агуулга' }] }],
  questionBanks: [
    {
      title: 'Сан',
      questions: [
        { type: 'true_false', prompt: 'Нэг', correct: true },
        { type: 'true_false', prompt: 'Хоёр', correct: true },
        { type: 'true_false', prompt: 'Гурав', correct: true },
        { type: 'true_false', prompt: 'Дөрөв', correct: true },
      ],
    },
  ],
  quizzes: [
    { title: 'Эцсийн', passMarkPercent: 70, timeLimitMinutes: 5, maxAttempts: 3, draws: [{ bank: '0', count: 4 }] },
  ],
};

describe('certificate issuing, revocation and verification', () => {
  let s: ServiceContext;
  let issuer: CertificateIssuerService;
  let certificates: CertificatesService;
  let enrollments: EnrollmentsService;
  let trainer: AuthUser;
  let ip = 0;
  const nextIp = () => `198.51.100.${++ip}`;

  beforeAll(async () => {
    s = await startServiceContext(['certification'], { PUBLIC_URL: 'https://training.example.gov.mn' });
    issuer = s.get(CertificateIssuerService);
    certificates = s.get(CertificatesService);
    enrollments = s.get(EnrollmentsService);
    trainer = await createPerson(s, { roles: ['trainer'] });
  });
  afterAll(() => s.close());

  const issuedEvents = (enrollmentId: string) =>
    s.db.query(
      `SELECT payload FROM outbox_events WHERE type = 'certificate.issued' AND payload->>'enrollmentId' = $1`,
      [enrollmentId],
    );

  /** A learner who completed a course with a final quiz: the lesson, then a passing attempt answering `right` of 4 right. */
  async function completed(learner: AuthUser, right: number) {
    const { courseId } = await publishedCourse(s, trainer, withFinalQuiz);
    const enrollment = await enrolled(s, learner, courseId);
    await enrollments.completeLesson(learner, enrollment.id, enrollment.modules[0].lessons[0].id);
    const attempts = s.get(AttemptsService);
    const { attempt } = await attempts.start(learner, enrollment.quizzes[0].id);
    await attempts.submit(learner, attempt.id, Object.fromEntries(attempt.questions.map((q, i) => [q.id, i < right])));
    expect((await enrollments.get(learner, enrollment.id)).status).toBe('completed');
    return { courseId, enrollmentId: enrollment.id };
  }

  it('issues one certificate per completed enrolment, with the final quiz score, however often and at once it runs', async () => {
    const learner = await createPerson(s, { name: 'Батбаярын Оюунчимэг', agency: 'tax-general-department' });
    const { courseId, enrollmentId } = await completed(learner, 3);
    const ids = await Promise.all([issuer.issueForEnrollment(enrollmentId), issuer.issueForEnrollment(enrollmentId)]);
    expect(await issuer.issueForEnrollment(enrollmentId)).toBe(ids[0]);
    expect(ids[1]).toBe(ids[0]);

    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM certificates WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    expect(n).toBe(1);
    const events = await issuedEvents(enrollmentId);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual(
      expect.objectContaining({ certificateId: ids[0], userId: learner.id, agencyId: learner.agencyId, courseId }),
    );
    const [mine] = await certificates.mine(learner);
    expect(mine).toEqual(
      expect.objectContaining({
        id: ids[0],
        status: 'valid',
        holderName: 'Батбаярын Оюунчимэг',
        score: 75,
        code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
        verifyUrl: `https://training.example.gov.mn/verify/${mine.code}`,
      }),
    );
    const issued = new Date(mine.issuedAt);
    const expires = new Date(mine.expiresAt!);
    expect([expires.getUTCFullYear() - issued.getUTCFullYear(), expires.getUTCMonth(), expires.getUTCDate()]).toEqual([
      2,
      issued.getUTCMonth(),
      issued.getUTCDate(),
    ]);
  });

  it('issues nothing for an enrolment in progress', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, withFinalQuiz);
    const enrollment = await enrolled(s, learner, courseId);
    expect(await issuer.issueForEnrollment(enrollment.id)).toBeUndefined();
    expect(await certificates.mine(learner)).toEqual([]);
    expect(await issuedEvents(enrollment.id)).toHaveLength(0);
  });

  it('takes the paper score of a classroom completion', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, withFinalQuiz);
    const enrollment = await enrolled(s, learner, courseId);
    expect(await s.db.transaction((m) => enrollments.completeFaceToFace(m, enrollment.id, 60))).toBe('below_pass_mark');
    expect(await s.db.transaction((m) => enrollments.completeFaceToFace(m, enrollment.id, 88))).toBe('completed');
    const id = await issuer.issueForEnrollment(enrollment.id);
    expect(await certificates.get(learner, id!)).toEqual(expect.objectContaining({ score: 88, status: 'valid' }));
  });

  it('verifies a code as typed, says when one is unknown, and shows a revocation with its reason', async () => {
    const learner = await createPerson(s);
    const admin = await createPerson(s, { roles: ['admin'] });
    const { enrollmentId } = await completed(learner, 4);
    const id = (await issuer.issueForEnrollment(enrollmentId))!;
    const { code } = await certificates.get(learner, id);

    const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
    expect(await certificates.verify(typed, nextIp())).toEqual(
      expect.objectContaining({ status: 'valid', code, holderName: 'Тест Хэрэглэгч', revokedAt: null }),
    );
    await expect(certificates.verify('ZZZZ-ZZZZ-ZZZZ', nextIp())).rejects.toThrow(NotFoundException);
    await expect(certificates.verify('not a code', nextIp())).rejects.toThrow(NotFoundException);

    const revoked = await certificates.revoke(admin, id, 'Enrolled by mistake', null);
    expect(revoked).toEqual(expect.objectContaining({ status: 'revoked', revocationReason: 'Enrolled by mistake' }));
    await expect(certificates.revoke(admin, id, 'Again', null)).rejects.toThrow(ConflictException);
    await expect(certificates.revoke(admin, '00000000-0000-4000-8000-000000000000', 'None', null)).rejects.toThrow(
      NotFoundException,
    );
    expect(await certificates.verify(code, nextIp())).toEqual(
      expect.objectContaining({
        status: 'revoked',
        revocationReason: 'Enrolled by mistake',
        revokedAt: expect.any(String),
      }),
    );
    const [{ status_list_index: index }] = await s.db.query(
      `SELECT status_list_index FROM certificates WHERE id = $1`,
      [id],
    );
    expect(await certificates.revokedIndexes()).toContain(index);
    const events = await s.db.query(
      `SELECT payload FROM outbox_events WHERE type = 'certificate.revoked' AND payload->>'certificateId' = $1`,
      [id],
    );
    expect(events).toEqual([
      { payload: expect.objectContaining({ userId: learner.id, reason: 'Enrolled by mistake' }) },
    ]);
    const audit = await s.db.query(`SELECT action, actor_id FROM audit_log_entries WHERE target_id = $1`, [id]);
    expect(audit).toEqual([{ action: 'certificate.revoke', actor_id: admin.id }]);
  });

  it('shows a certificate to its holder, an HR officer over the holder and an admin, and no one else', async () => {
    const learner = await createPerson(s, { agency: 'tax-audit-department' });
    const { enrollmentId } = await completed(learner, 4);
    const id = (await issuer.issueForEnrollment(enrollmentId))!;
    const [hrOver, admin] = [
      await createPerson(s, { roles: ['hr_officer'], agency: 'tax-general-department' }),
      await createPerson(s, { roles: ['admin'] }),
    ];
    for (const reader of [learner, hrOver, admin]) expect((await certificates.get(reader, id)).id).toBe(id);
    const [hrElsewhere, stranger] = [
      await createPerson(s, { roles: ['hr_officer'], agency: 'customs-general-administration' }),
      await createPerson(s, { agency: 'tax-audit-department' }),
    ];
    for (const reader of [hrElsewhere, stranger])
      await expect(certificates.get(reader, id)).rejects.toThrow(ForbiddenException);
  });
});
