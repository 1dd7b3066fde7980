// Turns a completed enrolment into its one certificate. Each step is idempotent — the row is
// guarded by a unique constraint on the enrolment, the credential (both forms) and PDF are made and
// filled only when missing, and certificate.issued is written with the flag that marks it announced
// — so a retried or duplicated job finishes the same certificate instead of making another, and a
// certificate issued before the Data Integrity form gets its new credential without a new PDF.
// Seven statements per certificate, two of them at once, and one transaction.
import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttemptsService } from '@chadavkhi/assessment';
import { addOutboxEvent, AppConfig } from '@chadavkhi/platform';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf-renderer';
import { certificateArtwork } from './certificate-artwork';
import { CredentialSecuringService } from '../open-badges/credential-securing.service';
import { identityObjects } from '../open-badges/identity-objects';
import { openBadgeCredential } from '../open-badges/open-badge-credential';
import { newCertificateCode } from './certificate-code';
import { Artefacts, CertificatesRepository, IssueFacts } from './certificates.repository';

@Injectable()
export class CertificateIssuerService {
  private readonly logger = new Logger(CertificateIssuerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    private readonly securing: CredentialSecuringService,
    private readonly attempts: AttemptsService,
    private readonly config: AppConfig,
    private readonly pdfs: CertificatePdfRenderer,
  ) {}

  /** Returns the certificate id, or undefined when the enrolment is not completed. */
  async issueForEnrollment(enrollmentId: string): Promise<string | undefined> {
    const facts = await this.createRow(enrollmentId);
    if (!facts) return undefined;
    if (facts.has_credential && facts.has_pdf && facts.announced_at) return facts.id;
    await this.finish(facts, await this.makeMissingArtefacts(facts));
    return facts.id;
  }

  /** The enrolment's certificate row, inserted unless it exists, with what is still missing from it. */
  private async createRow(enrollmentId: string): Promise<IssueFacts | undefined> {
    const [enrollment, score] = await Promise.all([
      this.certificates.completedEnrollment(enrollmentId),
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
        const row = await this.certificates.insertOrFind({
          code: newCertificateCode(),
          enrollmentId,
          userId: enrollment.user_id,
          agencyId: enrollment.agency_id,
          courseId: enrollment.course_id,
          courseVersionId: enrollment.course_version_id,
          holderName: nfc(enrollment.name)!,
          holderNameLatin: nfc(enrollment.name_latin?.trim() || null),
          courseTitle: nfc(enrollment.title)!,
          courseTitleEn: nfc(enrollment.title_en),
          score: finalScore,
          issuedAt,
          expiresAt,
          randomIndex: randomInt(2 ** 31),
        });
        // Empty only when another job inserted the row after this statement's snapshot was taken
        // (it waited on that insert, then skipped): read it again with a fresh one.
        return row ?? (await this.certificates.issueFacts(enrollmentId));
      } catch (error) {
        // A code collision (1 in 2^60 per pair) or a status list index taken (at most one in two,
        // see STATUS_LIST_SIZE) is retried with new ones; anything else is real.
        if (tries < 20 && /certificates_(code|status_list_index)_key/.test((error as Error).message)) continue;
        throw error;
      }
    }
  }

  private async makeMissingArtefacts(f: IssueFacts): Promise<Artefacts> {
    const [credential, pdf] = await Promise.all([
      f.has_credential ? undefined : this.securing.secure(this.credential(f)),
      f.has_pdf ? undefined : this.pdfs.render(certificateArtwork(f, this.config)),
    ]);
    return { credential, pdf };
  }

  private credential(f: IssueFacts) {
    return openBadgeCredential({
      certificateId: f.id,
      code: f.code,
      holderName: f.holder_name,
      identifiers: identityObjects(
        { registrationNumber: f.registration_number, email: f.email, userId: f.user_id },
        f.identity_salt,
      ),
      courseId: f.course_id,
      version: f.version,
      courseTitle: f.course_title,
      courseSummary: f.summary,
      issuedAt: new Date(f.issued_at),
      expiresAt: f.expires_at ? new Date(f.expires_at) : null,
      statusListIndex: f.status_list_index,
      issuer: this.securing.issuer(),
      publicUrl: this.config.publicUrl,
    });
  }

  /**
   * Stores the missing artefacts (never replacing ones a concurrent job stored first) and announces
   * the certificate once, in one transaction. The row is locked and read in the same statement, so
   * of two jobs racing only the one that saw announced_at empty under the lock writes the event.
   */
  private async finish(f: IssueFacts, artefacts: Artefacts): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.certificates.storeArtefacts(manager, f.id, artefacts))) return;
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

/** A certificate states names and titles in composed form (NFC), whatever form they were typed in: "й", not "и" + a combining breve. */
const nfc = (text: string | null) => (text === null ? null : text.normalize('NFC'));

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  if (d.getUTCDate() < day) d.setUTCDate(0); // 31 January + 1 month = 28/29 February
  return d;
}
