// The learning queue's daily round (03:40 Ulaanbaatar, when nobody is uploading): the SCORM package
// clean-up, then the commit ids past their window. A retry or a second run is safe
// (ScormPackageSweepService: what is gone stays gone, what is referred to is never claimed;
// ScormCommitSweepService: only rows past the window, which no retry is answered from any more). A job may carry `asOf`, the moment it acts as of — how a test
// moves time past the grace period through the real queue.
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { ScormCommitSweepService } from './scorm-commit-sweep.service';
import { ScormPackageSweepService, SweepOutcome } from './scorm-package-sweep.service';

export const SCORM_PACKAGE_SWEEP = 'learning.scorm-package-sweep';

@Processor('learning')
export class ScormPackageSweepProcessor extends DeploymentWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScormPackageSweepProcessor.name);

  constructor(
    private readonly sweeper: ScormPackageSweepService,
    private readonly commits: ScormCommitSweepService,
    @InjectQueue('learning') private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers start: upserting a scheduler is idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        'daily-scorm-package-sweep',
        { pattern: '40 3 * * *', tz: 'Asia/Ulaanbaatar' },
        { name: SCORM_PACKAGE_SWEEP, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } },
      )
      .catch(() => undefined); // Redis away at start: the next worker start schedules it
  }

  async handle(job: Job): Promise<(SweepOutcome & { commits: number }) | Record<string, never>> {
    if (job.name !== SCORM_PACKAGE_SWEEP) {
      this.logger.warn(`Job ${job.name} (${job.id}) is not for the learning processor; ignored`);
      return {};
    }
    const asOf = job.data?.asOf ? new Date(job.data.asOf) : new Date();
    if (Number.isNaN(asOf.getTime())) throw new Error(`Not a moment: ${String(job.data.asOf).slice(0, 40)}`);
    const packages = await this.sweeper.sweep(asOf);
    return { ...packages, commits: await this.commits.sweep(asOf) };
  }
}
