// Turns a completed enrolment into its one certificate. Each step is idempotent — the row is
// guarded by a unique constraint on the enrolment, the credential and PDF are filled only when
// missing, and certificate.issued is written with the flag that marks it announced — so a retried
// or duplicated job finishes the same certificate instead of making another. Seven statements per
// certificate, two of them at once, and one transaction (it was nine, one after another).
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttemptsService } from '@chadavkhi/assessment';
import { addOutboxEvent, AppConfig } from '@chadavkhi/platform';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf-renderer';
import { openBadgeCredential, signCredential } from '../rendering/open-badge-credential';
import { SigningKeyProvider } from '../signing/signing-key.provider';
import { newCertificateCode } from './certificate-code';

interface IssueFacts {
  id: string;
  code: string;
  user_id: string;
  agency_id: string;
  course_id: string;
  enrollment_id: string;
  holder_name: string;
  course_title: string;
  course_title_en: string | null;
  summary: string;
  version: number;
  agency_name_mn: string;
  agency_name_en: string;
  score: string | null;
  issued_at: Date;
  expires_at: Date | null;
  status_list_index: number;
  has_credential: boolean;
  has_pdf: boolean;
  announced_at: Date | null;
}

@Injectable()
export class CertificateIssuerService {
  private readonly logger = new Logger(CertificateIssuerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: SigningKeyProvider,
    private readonly attempts: AttemptsService,
    private readonly config: AppConfig,
    private readonly pdfs: CertificatePdfRenderer,
  ) {}

  /** Returns the certificate id, or undefined when the enrolment is not completed. */
  async issueForEnrollment(enrollmentId: string): Promise<string | undefined> {
    const facts = await this.createRow(enrollmentId);
    if (!facts) return undefined;
    if (facts.has_credential && facts.has_pdf && facts.announced_at) return facts.id;
    const artefacts = !facts.has_credential || !facts.has_pdf ? await this.makeArtefacts(facts) : undefined;
    await this.finish(facts, artefacts);
    return facts.id;
  }

  /** The enrolment's certificate row, inserted unless it exists, with what is still missing from it. */
  private async createRow(enrollmentId: string): Promise<IssueFacts | undefined> {
    const [[enrollment], score] = await Promise.all([
      this.dataSource.query(
        `SELECT e.id, e.user_id, e.course_id, e.course_version_id, e.completed_at, e.final_score, u.agency_id, u.name, v.title, v.title_en, v.validity_months
           FROM enrollments e JOIN users u ON u.id = e.user_id JOIN course_versions v ON v.id = e.course_version_id
          WHERE e.id = $1 AND e.status = 'completed'`,
        [enrollmentId],
      ),
      this.attempts.bestFinalScore(enrollmentId),
    ]);
    if (!enrollment) {
      this.logger.warn(`Enrolment ${enrollmentId} is not completed; no certificate`);
      return undefined;
    }
    const issuedAt = new Date(enrollment.completed_at);
    // Online: the best passing final quiz; in a classroom: the paper score the trainer recorded.
    const finalScore = score ?? (enrollment.final_score === null ? null : Number(enrollment.final_score));
    const expiresAt = enrollment.validity_months ? addMonths(issuedAt, enrollment.validity_months) : null;
    for (let tries = 0; ; tries++) {
      try {
        // Inserts and reads back in one statement; the row a retry or a duplicate job finds comes
        // from the second branch.
        const [row] = await this.dataSource.query(
          `WITH inserted AS (
             INSERT INTO certificates (code, enrollment_id, user_id, agency_id, course_id, course_version_id, holder_name, course_title, course_title_en, score, issued_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (enrollment_id) DO NOTHING
             RETURNING ${CERTIFICATE_COLUMNS}
           ), certificate AS (
             SELECT * FROM inserted
             UNION ALL
             SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE enrollment_id = $2 AND NOT EXISTS (SELECT 1 FROM inserted)
           )
           ${FACTS_SELECT} FROM certificate c ${FACTS_JOINS}`,
          [
            newCertificateCode(),
            enrollmentId,
            enrollment.user_id,
            enrollment.agency_id,
            enrollment.course_id,
            enrollment.course_version_id,
            nfc(enrollment.name),
            nfc(enrollment.title),
            nfc(enrollment.title_en),
            finalScore,
            issuedAt,
            expiresAt,
          ],
        );
        // Empty only when another job inserted the row after this statement's snapshot was taken
        // (it waited on that insert, then skipped): read it again with a fresh one.
        return row ?? (await this.facts(enrollmentId));
      } catch (error) {
        // A code collision (1 in 2^60 per pair) is retried with a new code; anything else is real.
        if (tries < 3 && /certificates_code_key/.test((error as Error).message)) continue;
        throw error;
      }
    }
  }

  private async facts(enrollmentId: string): Promise<IssueFacts> {
    const [row] = await this.dataSource.query(
      `WITH certificate AS (SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE enrollment_id = $1) ${FACTS_SELECT} FROM certificate c ${FACTS_JOINS}`,
      [enrollmentId],
    );
    return row;
  }

  private async makeArtefacts(f: IssueFacts): Promise<{ jwt: string; kid: string; pdf: Buffer }> {
    const key = await this.keys.signingKey();
    const publicUrl = this.config.publicUrl;
    const credential = openBadgeCredential({
      certificateId: f.id,
      code: f.code,
      holderName: f.holder_name,
      courseId: f.course_id,
      version: f.version,
      courseTitle: f.course_title,
      courseSummary: f.summary,
      issuedAt: new Date(f.issued_at),
      expiresAt: f.expires_at ? new Date(f.expires_at) : null,
      statusListIndex: f.status_list_index,
      issuerName: this.config.CERT_ISSUER_NAME,
      publicUrl,
    });
    const [jwt, pdf] = await Promise.all([
      signCredential(credential, key),
      this.pdfs.render({
        holderName: f.holder_name,
        courseTitle: f.course_title,
        courseTitleEn: f.course_title_en,
        agencyName: f.agency_name_mn,
        agencyNameEn: f.agency_name_en,
        issuedAt: new Date(f.issued_at),
        expiresAt: f.expires_at ? new Date(f.expires_at) : null,
        code: f.code,
        verifyUrl: `${publicUrl}/verify/${f.code}`,
        issuerName: this.config.CERT_ISSUER_NAME,
        score: f.score === null ? null : Number(f.score),
      }),
    ]);
    return { jwt, kid: key.kid, pdf };
  }

  /**
   * Stores the missing artefacts (never replacing ones a concurrent job stored first) and announces
   * the certificate once, in one transaction. The row is locked and read in the same statement, so
   * of two jobs racing only the one that saw announced_at empty under the lock writes the event.
   */
  private async finish(f: IssueFacts, artefacts: { jwt: string; kid: string; pdf: Buffer } | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE certificates c SET credential_jwt = COALESCE(c.credential_jwt, $2), signing_kid = COALESCE(c.signing_kid, $3), pdf = COALESCE(c.pdf, $4), announced_at = COALESCE(c.announced_at, now())
           FROM (SELECT id, announced_at FROM certificates WHERE id = $1 FOR UPDATE) before
          WHERE c.id = before.id
          RETURNING before.announced_at IS NULL AS announcing`,
        [f.id, artefacts?.jwt ?? null, artefacts?.kid ?? null, artefacts?.pdf ?? null],
      );
      if (!rows[0]?.announcing) return;
      await addOutboxEvent(manager, 'certificate.issued', {
        certificateId: f.id,
        enrollmentId: f.enrollment_id,
        userId: f.user_id,
        agencyId: f.agency_id,
        courseId: f.course_id,
        issuedAt: new Date(f.issued_at).toISOString(),
        expiresAt: f.expires_at ? new Date(f.expires_at).toISOString() : null,
      });
    });
  }
}

// What issuing needs of a certificate row, and of its course version and agency.
/** A certificate states names and titles in composed form (NFC), whatever form they were typed in: "й", not "и" + a combining breve. */
const nfc = (text: string | null) => (text === null ? null : text.normalize('NFC'));

const CERTIFICATE_COLUMNS = `id, code, user_id, agency_id, course_id, course_version_id, enrollment_id, holder_name, course_title, course_title_en, score, issued_at, expires_at,
       status_list_index, credential_jwt IS NOT NULL AS has_credential, pdf IS NOT NULL AS has_pdf, announced_at`;
const FACTS_SELECT = `SELECT c.id, c.code, c.user_id, c.agency_id, c.course_id, c.enrollment_id, c.holder_name, c.course_title, c.course_title_en, v.summary, v.version,
       a.name_mn AS agency_name_mn, a.name_en AS agency_name_en, c.score, c.issued_at, c.expires_at, c.status_list_index, c.has_credential, c.has_pdf, c.announced_at`;
const FACTS_JOINS = `JOIN course_versions v ON v.id = c.course_version_id JOIN agencies a ON a.id = c.agency_id`;

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  if (d.getUTCDate() < day) d.setUTCDate(0); // 31 January + 1 month = 28/29 February
  return d;
}
