// A course version that requires recertification: every earlier, still valid certificate of the
// course expires RECERT_GRACE_DAYS after the version was published, unless it expires sooner anyway.
// Safe to run again: it only ever shortens (a second run finds nothing later than the new date), and
// each shortened certificate's event is written in the same transaction as the change.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addOutboxEvent, AppConfig } from '@chadavkhi/platform';
import type { OutboxJob } from '@chadavkhi/platform';
import { CertificateIssuerService } from './certificate-issuer.service';
import { CertificatesRepository } from './certificates.repository';

@Injectable()
export class CertificateRecertificationService {
  private readonly logger = new Logger(CertificateRecertificationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    private readonly issuer: CertificateIssuerService,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many certificates now expire sooner. */
  async shortenEarlier(event: OutboxJob<'course.recertification_required'>['data']): Promise<number> {
    const expiresAt = new Date(new Date(event.occurredAt).getTime() + this.config.RECERT_GRACE_DAYS * 24 * 3600 * 1000);
    const shortened = await this.dataSource.transaction(async (manager) => {
      const rows = await this.certificates.lockEarlierValid(manager, event.courseId, event.version, expiresAt);
      if (!rows.length) return rows;
      // The PDF and the signed credential state the expiry: drop them so they are made again with
      // the new date (below, or by the sweeper if this process dies first).
      await this.certificates.shortenExpiry(
        manager,
        rows.map((r) => r.id),
        expiresAt,
      );
      for (const r of rows) {
        await addOutboxEvent(manager, 'certificate.expiry_shortened', {
          certificateId: r.id,
          userId: r.user_id,
          agencyId: r.agency_id,
          courseId: r.course_id,
          expiresAt: expiresAt.toISOString(),
          previousExpiresAt: r.previous ? new Date(r.previous).toISOString() : null,
          courseVersion: event.version,
        });
      }
      return rows;
    });
    for (const r of shortened) await this.issuer.issueForEnrollment(r.enrollment_id);
    if (shortened.length)
      this.logger.log(
        `Version ${event.version} of course ${event.courseId} requires recertification: ${shortened.length} certificate(s) now expire on ${expiresAt.toISOString()}`,
      );
    return shortened.length;
  }
}
