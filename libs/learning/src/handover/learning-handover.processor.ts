// Consumes learning-handovers: hands a person's courses and upcoming sessions to their successor.
// Safe to retry and to repeat: LearningHandoverService records items once per handover and moves
// them once per handover version.
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import type { OutboxJob } from '@chadavkhi/platform';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { LearningHandoverService } from './learning-handover.service';

@Processor('learning-handovers', { concurrency: 2 })
export class LearningHandoverProcessor extends DeploymentWorkerHost {
  constructor(private readonly handover: LearningHandoverService) {
    super();
  }

  async handle(job: Job<OutboxJob<'handover.opened' | 'handover.reassigned'>['data']>): Promise<{ handed: number }> {
    return this.handover.hand(job.data);
  }
}
