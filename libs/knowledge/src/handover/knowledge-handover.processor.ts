// Consumes knowledge-handovers: hands a person's documents, reviews and comments to their successor.
// Safe to retry and to repeat: KnowledgeHandoverService records items once per handover and moves
// them once per handover version.
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import type { OutboxJob } from '@chadavkhi/platform';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { KnowledgeHandoverService } from './knowledge-handover.service';

@Processor('knowledge-handovers', { concurrency: 2 })
export class KnowledgeHandoverProcessor extends DeploymentWorkerHost {
  constructor(private readonly handover: KnowledgeHandoverService) {
    super();
  }

  async handle(job: Job<OutboxJob<'handover.opened' | 'handover.reassigned'>['data']>): Promise<{ handed: number }> {
    return this.handover.hand(job.data);
  }
}
