// Consumes the metrics queue: recomputes the event's agency and its ancestors from source rows.
// A retry or a duplicate recomputes the same figures again, so nothing is counted twice.
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AgencyMetricsRepository } from './agency-metrics.repository';

export const DAILY_SNAPSHOT = 'metrics.daily-snapshot';

@Processor('metrics', { concurrency: 2 })
export class MetricsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: AgencyMetricsRepository,
    @InjectQueue('metrics') private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers start: upserting the scheduler is idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler('daily-agency-snapshot', { pattern: '5 0 * * *', tz: 'Asia/Ulaanbaatar' }, { name: DAILY_SNAPSHOT, data: {} })
      .catch(() => undefined); // Redis away at start: the next worker start schedules it
  }

  async process(job: Job<{ agencyId?: string }>): Promise<{ agencies: number }> {
    if (job.name === DAILY_SNAPSHOT) return { agencies: await this.metrics.snapshot() };
    if (!job.data.agencyId) return { agencies: 0 };
    return { agencies: await this.metrics.recomputeWithAncestors(job.data.agencyId) };
  }
}
