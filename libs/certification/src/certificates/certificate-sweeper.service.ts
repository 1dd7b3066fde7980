// The safety net under the queue: completed enrolments whose certificate is missing or unfinished
// some time after completion (a job lost with a Redis that kept no data, a worker killed mid-job)
// are finished here. Safe beside the queue and in several workers: issuing is idempotent.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@chadavkhi/platform';
import { CertificateIssuerService } from './certificate-issuer.service';
import { CertificatesRepository } from './certificates.repository';

const BATCH = 50;

@Injectable()
export class CertificateSweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateSweeperService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly issuer: CertificateIssuerService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.sweep()
          .catch((e: Error) => this.logger.warn(`Certificate sweep failed: ${e.message}`))
          .finally(() => (this.running = undefined));
    }, this.config.CERT_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  /** Finishes up to one batch; returns how many enrolments it looked at. */
  async sweep(): Promise<number> {
    const enrollmentIds = await this.certificates.enrollmentsWithUnfinishedCertificates(
      this.config.CERT_SWEEP_GRACE_SECONDS,
      BATCH,
    );
    for (const id of enrollmentIds) await this.issuer.issueForEnrollment(id);
    if (enrollmentIds.length) this.logger.log(`Finished ${enrollmentIds.length} certificate(s) the queue had not`);
    return enrollmentIds.length;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
