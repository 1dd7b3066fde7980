// Consumes the metrics queue: events that change who is counted or what they did recount the
// agencies concerned and roll them up; assignment events first reach (or release) their people.
// A retry or a duplicate repeats the same idempotent steps — recounts from source rows, one
// assignment row per person — so nothing is counted or enrolled twice.
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { AgencyMetricsRepository } from './agency-metrics.repository';

export const DAILY_SNAPSHOT = 'metrics.daily-snapshot';
export const DAILY_ASSIGNMENTS = 'assignments.daily';
export const WEEKLY_DIGEST = 'assignments.weekly-digest';

const RECOUNT_EVENTS = new Set(['enrollment.completed', 'certificate.issued', 'certificate.revoked']);

@Processor('metrics', { concurrency: 2 })
export class MetricsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MetricsProcessor.name);

  constructor(
    private readonly metrics: AgencyMetricsRepository,
    private readonly assignments: AssignmentsRepository,
    @InjectQueue('metrics') private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers start: upserting a scheduler is idempotent. Times are Ulaanbaatar's. */
  async onApplicationBootstrap(): Promise<void> {
    const retry = { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } };
    await Promise.all([
      this.queue.upsertJobScheduler('daily-agency-snapshot', { pattern: '5 0 * * *', tz: 'Asia/Ulaanbaatar' }, { name: DAILY_SNAPSHOT, data: {} }),
      // Before the working day: late joiners and transfers caught up, yearly rounds opened, reminders sent.
      this.queue.upsertJobScheduler('daily-assignments', { pattern: '0 7 * * *', tz: 'Asia/Ulaanbaatar' }, { name: DAILY_ASSIGNMENTS, data: {}, opts: retry }),
      this.queue.upsertJobScheduler('weekly-hr-digest', { pattern: '0 8 * * 1', tz: 'Asia/Ulaanbaatar' }, { name: WEEKLY_DIGEST, data: {}, opts: retry }),
    ]).catch(() => undefined); // Redis away at start: the next worker start schedules them
  }

  async process(job: Job<Record<string, string | undefined>>): Promise<unknown> {
    const d = job.data;
    if (job.name === DAILY_SNAPSHOT) return { agencies: await this.metrics.snapshot() };
    if (job.name === DAILY_ASSIGNMENTS) return this.daily();
    if (job.name === WEEKLY_DIGEST) return { digests: await this.assignments.queueWeeklyDigests() };
    if (job.name === 'assignment.changed' && d.assignmentId) {
      const r = await this.assignments.reach(d.assignmentId);
      return { ...r, agencies: await this.metrics.recomputeWithAncestors(r.agencyIds) };
    }
    if ((job.name === 'user.created' || job.name === 'user.moved') && d.userId) {
      const touched = new Set([d.agencyId, d.previousAgencyId].filter((a): a is string => !!a));
      for (const id of await this.assignments.concerning(d.userId)) (await this.assignments.reach(id, d.userId)).agencyIds.forEach((a) => touched.add(a));
      return { agencies: await this.metrics.recomputeWithAncestors([...touched]) };
    }
    if (RECOUNT_EVENTS.has(job.name) || d.agencyId) {
      if (!d.agencyId) return { agencies: 0 };
      return { agencies: await this.metrics.recomputeWithAncestors(d.agencyId) };
    }
    this.logger.warn(`Job ${job.name} (${job.id}) is not for the metrics processor; ignored`);
    return {};
  }

  /** The daily catch-up; running it twice in a day changes nothing the second time. */
  async daily(): Promise<{ assignments: number; reached: number; released: number; renewals: number; reminders: number }> {
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
