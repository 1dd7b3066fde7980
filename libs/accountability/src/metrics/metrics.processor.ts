// Consumes the metrics queue: events that change who is counted or what they did ask for a recount
// of the agencies concerned (rolled up their tree); assignment events first reach (or release)
// their people. Recounts are coalesced: one delayed job per agency, deduplicated while it waits
// and kept once more if asked while it runs, so a burst of 1,000 completions in one agency costs
// a few recounts, not 2,000. A retry or a duplicate repeats the same idempotent steps — recounts
// from source rows, one assignment row per person — so nothing is counted or enrolled twice.
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { Job, Queue } from 'bullmq';
import { AssignmentReachService } from '../assignments/assignment-reach.service';
import { ulaanbaatarToday } from '../assignments/assignments.service';
import { MetricsService } from './metrics.service';

export const DAILY_SNAPSHOT = 'metrics.daily-snapshot';
export const DAILY_ASSIGNMENTS = 'assignments.daily';
export const WEEKLY_DIGEST = 'assignments.weekly-digest';
/** A coalesced recount of one agency and its ancestors. */
export const AGENCY_RECOUNT = 'metrics.agency-recount';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A coalesced restatement of the history's headcounts of one agency's chain from a day on. */
export const HEADCOUNT_RESTATE = 'metrics.headcount-restate';
/** How long a recount waits for more events of the same agency before it runs. */
export const RECOUNT_DELAY_MS = 1000;

const RECOUNT_EVENTS = new Set(['enrollment.completed', 'certificate.issued', 'certificate.revoked']);

@Processor('metrics', { concurrency: 2 })
export class MetricsProcessor extends DeploymentWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MetricsProcessor.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly assignments: AssignmentReachService,
    @InjectQueue('metrics') private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers start: upserting a scheduler is idempotent. Times are Ulaanbaatar's. */
  async onApplicationBootstrap(): Promise<void> {
    const retry = { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } };
    await Promise.all([
      this.queue.upsertJobScheduler(
        'daily-agency-snapshot',
        { pattern: '5 0 * * *', tz: 'Asia/Ulaanbaatar' },
        { name: DAILY_SNAPSHOT, data: {} },
      ),
      // Before the working day: late joiners and transfers caught up, yearly rounds opened, reminders sent.
      this.queue.upsertJobScheduler(
        'daily-assignments',
        { pattern: '0 7 * * *', tz: 'Asia/Ulaanbaatar' },
        { name: DAILY_ASSIGNMENTS, data: {}, opts: retry },
      ),
      this.queue.upsertJobScheduler(
        'weekly-hr-digest',
        { pattern: '0 8 * * 1', tz: 'Asia/Ulaanbaatar' },
        { name: WEEKLY_DIGEST, data: {}, opts: retry },
      ),
    ]).catch(() => undefined); // Redis away at start: the next worker start schedules them
  }

  async handle(job: Job<Record<string, string | undefined>>): Promise<unknown> {
    const d = job.data;
    if (job.name === DAILY_SNAPSHOT) return { agencies: await this.metrics.snapshot() };
    if (job.name === DAILY_ASSIGNMENTS) return this.daily();
    if (job.name === WEEKLY_DIGEST) return { digests: await this.assignments.queueWeeklyDigests() };
    if (job.name === AGENCY_RECOUNT && d.agencyId)
      return { agencies: await this.metrics.recomputeWithAncestors(d.agencyId) };
    if (job.name === HEADCOUNT_RESTATE && d.agencyId && d.from)
      return { restated: await this.metrics.restateHeadcounts([d.agencyId], d.from) };
    if (job.name === 'assignment.changed' && d.assignmentId) {
      const r = await this.assignments.reach(d.assignmentId);
      return { ...r, recounts: await this.scheduleRecounts(r.agencyIds) };
    }
    if ((job.name === 'user.created' || job.name === 'user.moved') && d.userId) {
      const touched = new Set([d.agencyId, d.previousAgencyId].filter((a): a is string => !!a));
      for (const id of await this.assignments.concerning(d.userId))
        (await this.assignments.reach(id, d.userId)).agencyIds.forEach((a) => touched.add(a));
      // Dated back by HR records: the history's headcounts from that day on are recounted too.
      const recounts = await this.scheduleRecounts([...touched]);
      const restates = d.on && d.on < ulaanbaatarToday() ? await this.scheduleRestates([...touched], d.on) : 0;
      return { recounts, restates };
    }
    if (RECOUNT_EVENTS.has(job.name) || d.agencyId) {
      if (!d.agencyId) return { recounts: 0 };
      return { recounts: await this.scheduleRecounts([d.agencyId]) };
    }
    this.logger.warn(`Job ${job.name} (${job.id}) is not for the metrics processor; ignored`);
    return {};
  }

  /**
   * One waiting recount per agency: while it is delayed, more requests are the same job (it will
   * read their rows when it runs); while it runs, one more is kept and runs after it, so a change
   * committed during a recount is never missed.
   */
  private async scheduleRecounts(agencyIds: string[]): Promise<number> {
    const ids = [...new Set(agencyIds)];
    // A malformed event fails here, visibly (admin queues page), rather than as a recount later.
    const bad = ids.find((id) => !UUID.test(id));
    if (bad) throw new Error(`Not an agency id: ${bad.slice(0, 80)}`);
    await Promise.all(
      ids.map((agencyId) =>
        this.queue.add(
          AGENCY_RECOUNT,
          { agencyId },
          {
            delay: RECOUNT_DELAY_MS,
            deduplication: { id: `recount-${agencyId}`, keepLastIfActive: true },
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

  /**
   * One waiting restatement per agency and day, coalesced as recounts are: a file of a thousand
   * movers dated the same day restates each agency's history once, not a thousand times.
   */
  private async scheduleRestates(agencyIds: string[], from: string): Promise<number> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new Error(`Not a day: ${from.slice(0, 40)}`);
    const ids = [...new Set(agencyIds)];
    await Promise.all(
      ids.map((agencyId) =>
        this.queue.add(
          HEADCOUNT_RESTATE,
          { agencyId, from },
          {
            delay: RECOUNT_DELAY_MS,
            deduplication: { id: `restate-${agencyId}-${from}`, keepLastIfActive: true },
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

  /** The daily catch-up; running it twice in a day changes nothing the second time. */
  async daily(): Promise<{
    assignments: number;
    reached: number;
    released: number;
    renewals: number;
    reminders: number;
  }> {
    const touched = new Set<string>();
    let reached = 0;
    let released = 0;
    const ids = await this.assignments.activeIds();
    for (const id of ids) {
      const r = await this.assignments.reach(id);
      reached += r.reached;
      released += r.released;
      r.agencyIds.forEach((a) => touched.add(a));
    }
    const renewals = await this.assignments.openRenewals();
    renewals.agencyIds.forEach((a) => touched.add(a));
    const reminders = await this.assignments.queueDueReminders();
    if (touched.size) await this.metrics.recomputeWithAncestors([...touched]);
    return { assignments: ids.length, reached, released, renewals: renewals.opened, reminders };
  }
}
