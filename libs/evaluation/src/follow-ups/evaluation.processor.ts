// The evaluation queue: the daily follow-up round (09:30 Ulaanbaatar, before most people read their
// mail) and survey sheets answered offline. A retry or a second round is safe: FollowUpsService.round
// opens each follow-up once and counts reminders on the follow-up's row (see there); a synced sheet
// is kept once per enrolment (unique), so a repeat finds it kept. A round's job may carry `asOf`, the
// moment it acts as of — how a test moves time forward through the real queue.
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DeploymentWorkerHost, OutboxJob } from '@chadavkhi/platform';
import { ReactionSurveyService } from '../surveys/reaction-survey.service';
import { Job, Queue } from 'bullmq';
import { FollowUpsService } from './follow-ups.service';

export const FOLLOW_UP_ROUND = 'evaluation.follow-up-round';

@Processor('evaluation')
export class EvaluationProcessor extends DeploymentWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvaluationProcessor.name);

  constructor(
    private readonly followUps: FollowUpsService,
    private readonly reaction: ReactionSurveyService,
    @InjectQueue('evaluation') private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers start: upserting a scheduler is idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        'daily-follow-up-round',
        { pattern: '30 9 * * *', tz: 'Asia/Ulaanbaatar' },
        { name: FOLLOW_UP_ROUND, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } },
      )
      .catch(() => undefined); // Redis away at start: the next worker start schedules it
  }

  async handle(job: Job): Promise<unknown> {
    if (job.name === 'survey.answered_offline') {
      const outcome = await this.reaction.recordSynced((job as OutboxJob<'survey.answered_offline'>).data);
      if (outcome.refused) this.logger.warn(`Offline survey ${job.data.offlineEventId} not kept: ${outcome.refused}`);
      return outcome;
    }
    if (job.name === FOLLOW_UP_ROUND) {
      const asOf = job.data?.asOf ? new Date(job.data.asOf) : new Date();
      if (Number.isNaN(asOf.getTime())) throw new Error(`Not a moment: ${String(job.data.asOf).slice(0, 40)}`);
      return this.followUps.round(asOf);
    }
    this.logger.warn(`Job ${job.name} (${job.id}) is not for the evaluation processor; ignored`);
    return {};
  }
}
