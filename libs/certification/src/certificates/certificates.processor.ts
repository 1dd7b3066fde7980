// Consumes the certificates queue. Safe to retry or to receive an event twice: issueForEnrollment
// finishes the one certificate of the enrolment rather than creating another, and recertification
// only ever shortens an expiry to the same date.
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import type { OutboxJob } from '@chadavkhi/platform';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { CertificateIssuerService } from './certificate-issuer.service';
import { CertificateRecertificationService } from './certificate-recertification.service';

@Processor('certificates', { concurrency: 4 })
export class CertificatesProcessor extends DeploymentWorkerHost {
  constructor(
    private readonly issuer: CertificateIssuerService,
    private readonly recertification: CertificateRecertificationService,
  ) {
    super();
  }

  async handle(job: Job<OutboxJob['data']>): Promise<{ certificateId?: string; shortened?: number }> {
    if (job.name === 'enrollment.completed')
      return {
        certificateId: await this.issuer.issueForEnrollment(
          (job.data as OutboxJob<'enrollment.completed'>['data']).enrollmentId,
        ),
      };
    if (job.name === 'course.recertification_required')
      return {
        shortened: await this.recertification.shortenEarlier(
          job.data as OutboxJob<'course.recertification_required'>['data'],
        ),
      };
    return {};
  }
}
