// Consumes the metrics queue: recomputes the event's agency and its ancestors from source rows.
// A retry or a duplicate recomputes the same figures again, so nothing is counted twice.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { AgencyMetricsRepository } from './agency-metrics.repository';

@Processor('metrics', { concurrency: 2 })
export class MetricsProcessor extends WorkerHost {
  constructor(private readonly metrics: AgencyMetricsRepository) {
    super();
  }

  async process(job: Job<{ agencyId?: string }>): Promise<{ agencies: number }> {
    if (!job.data.agencyId) return { agencies: 0 };
    return { agencies: await this.metrics.recomputeWithAncestors(job.data.agencyId) };
  }
}
