// Consumes the plans queue: the same events that move the agency figures (completions,
// certificates, assignments reaching people) and every change of a plan ask for a recount of the
// plans concerned. Recounts are coalesced as the metrics queue's are — one delayed job per plan,
// deduplicated while it waits, kept once more if asked while it runs — and recount from source rows,
// so a duplicate or a retry writes the same figures. A daily job recounts every approved plan, which
// also writes each day's history row.
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { Job, Queue } from 'bullmq';
import { PlanActualsService } from './plan-actuals.service';

export const PLAN_RECOUNT = 'plans.recount';
export const DAILY_PLAN_RECOUNT = 'plans.daily-recount';
const RECOUNT_DELAY_MS = 1000;
/** An assignment reaches its people in the metrics queue; its plans are recounted after that has had time to run. */
const ASSIGNMENT_DELAY_MS = 15_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERSON_EVENTS = new Set(['enrollment.completed', 'certificate.issued', 'certificate.revoked']);

@Processor('plans', { concurrency: 1 })
export class PlanActualsProcessor extends DeploymentWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanActualsProcessor.name);

  constructor(
    private readonly actuals: PlanActualsService,
    @InjectQueue('plans') private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        'daily-plan-recount',
        { pattern: '15 0 * * *', tz: 'Asia/Ulaanbaatar' },
        { name: DAILY_PLAN_RECOUNT, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } },
      )
      .catch(() => undefined); // Redis away at start: the next worker start schedules it
  }

  async handle(job: Job<Record<string, string | undefined>>): Promise<unknown> {
    const d = job.data;
    if (job.name === PLAN_RECOUNT && d.planId) return { lines: await this.actuals.recount(d.planId) };
    if (job.name === DAILY_PLAN_RECOUNT) {
      const ids = await this.actuals.approvedPlanIds();
      for (const id of ids) await this.actuals.recount(id);
      return { plans: ids.length };
    }
    if (job.name === 'plan.changed' && d.planId) return { recounts: await this.schedule([d.planId]) };
    if (job.name === 'assignment.changed' && d.assignmentId)
      return {
        recounts: await this.schedule(
          await this.actuals.plansDeliveredBy('assignment', d.assignmentId),
          ASSIGNMENT_DELAY_MS,
          'late',
        ),
      };
    if (PERSON_EVENTS.has(job.name) && d.userId && d.courseId)
      return { recounts: await this.schedule(await this.actuals.plansReaching(d.userId, d.courseId)) };
    this.logger.warn(`Job ${job.name} (${job.id}) is not for the plans processor; ignored`);
    return {};
  }

  /** `lane` keeps a later recount (after an assignment's reach) from being absorbed by an earlier one waiting. */
  private async schedule(planIds: string[], delay = RECOUNT_DELAY_MS, lane = 'now'): Promise<number> {
    const ids = [...new Set(planIds)];
    const bad = ids.find((id) => !UUID.test(id));
    if (bad) throw new Error(`Not a plan id: ${bad.slice(0, 80)}`);
    await Promise.all(
      ids.map((planId) =>
        this.queue.add(
          PLAN_RECOUNT,
          { planId },
          {
            delay,
            deduplication: { id: `plan-recount-${lane}-${planId}`, keepLastIfActive: true },
            attempts: 5,
            backoff: { type: 'exponential', delay: 5_000 },
            removeOnComplete: 1000,
            removeOnFail: 1000,
          },
        ),
      ),
    );
    return ids.length;
  }
}
