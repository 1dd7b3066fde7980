// The safety net under the queue: completed enrolments whose certificate is missing or unfinished
// some time after completion (a job lost with a Redis that kept no data, a worker killed mid-job)
// are finished here. Safe beside the queue and in several workers: issuing is idempotent.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@chadavkhi/platform';
import { CertificateIssuerService } from './certificate-issuer.service';

const BATCH = 50;

@Injectable()
export class CertificateSweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateSweeperService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM enrollments e LEFT JOIN certificates c ON c.enrollment_id = e.id
        WHERE e.status = 'completed' AND e.completed_at < now() - make_interval(secs => $1)
          AND (c.id IS NULL OR c.announced_at IS NULL OR c.pdf IS NULL OR c.credential_jwt IS NULL)
        ORDER BY e.completed_at LIMIT $2`,
      [this.config.CERT_SWEEP_GRACE_SECONDS, BATCH],
    );
    for (const row of rows) await this.issuer.issueForEnrollment(row.id);
    if (rows.length) this.logger.log(`Finished ${rows.length} certificate(s) the queue had not`);
    return rows.length;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
