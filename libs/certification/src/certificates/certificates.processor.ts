// Consumes the certificates queue. Safe to retry or to receive an event twice: issueForEnrollment
// finishes the one certificate of the enrolment rather than creating another.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import type { OutboxJob } from '@chadavkhi/platform';
import { CertificateIssuerService } from './certificate-issuer.service';

@Processor('certificates', { concurrency: 4 })
export class CertificatesProcessor extends WorkerHost {
  constructor(private readonly issuer: CertificateIssuerService) {
    super();
  }

  async process(job: Job<OutboxJob<'enrollment.completed'>['data']>): Promise<{ certificateId?: string }> {
    if (job.name !== 'enrollment.completed') return {};
    return { certificateId: await this.issuer.issueForEnrollment(job.data.enrollmentId) };
  }
}
