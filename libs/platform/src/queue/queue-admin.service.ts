// What an administrator sees of the job queues — counts per state and the latest failed jobs — and
// the retry of failed jobs, each retry recorded in the audit log.
import { Injectable, NotFoundException, ConflictException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, recordAudit } from '../audit/audit-log';
import { JOB_STATES, JobState, QueueOverview, RetriedFailedJobsView, RetriedJobView } from './dto/queue-overview.view';
import { JobQueueRepository } from './job-queue.repository';
import { QUEUES, QueueName } from './queue-contract';

/** Failed jobs listed per queue, newest first. */
export const FAILED_SHOWN = 20;

@Injectable()
export class QueueAdminService {
  constructor(
    private readonly jobs: JobQueueRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  isQueue(name: string): name is QueueName {
    return (QUEUES as readonly string[]).includes(name);
  }

  async overview(): Promise<QueueOverview[]> {
    return Promise.all(QUEUES.map((name) => this.queueOverview(name)));
  }

  async queueOverview(name: QueueName): Promise<QueueOverview> {
    const queue = this.jobs.queue(name);
    const [counts, failed] = await Promise.all([
      queue.getJobCounts(...JOB_STATES),
      queue.getFailed(0, FAILED_SHOWN - 1),
    ]);
    return {
      name,
      counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as Record<JobState, number>,
      failed: failed
        .filter((job) => !!job)
        .map((job) => ({
          id: String(job.id),
          name: job.name,
          failedReason: (job.failedReason ?? '').slice(0, 500),
          attemptsMade: job.attemptsMade,
          attempts: job.opts.attempts ?? 1,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        })),
    };
  }

  /** Puts one failed job back in the queue, with its attempts counted afresh. */
  async retry(queueName: string, jobId: string, actor: AuditActor): Promise<RetriedJobView> {
    const name = this.queueNamed(queueName);
    const job = await this.jobs.queue(name).getJob(jobId);
    if (!job) throw new NotFoundException(`The ${name} queue has no job ${jobId}.`);
    if (!(await job.isFailed()))
      throw new ConflictException(
        `Job ${jobId} is not failed (it is ${await job.getState()}); only failed jobs can be retried.`,
      );
    const failedReason = job.failedReason;
    await job.retry('failed', { resetAttemptsMade: true });
    await recordAudit(
      this.dataSource.manager,
      actor,
      'queue.job.retry',
      { type: 'job', id: `${name}/${jobId}` },
      { queue: name, jobName: job.name, failedReason: failedReason?.slice(0, 300) },
    );
    return { queue: name, jobId, name: job.name };
  }

  /** Puts every failed job of a queue back; returns how many there were. */
  async retryAllFailed(queueName: string, actor: AuditActor): Promise<RetriedFailedJobsView> {
    const name = this.queueNamed(queueName);
    const queue = this.jobs.queue(name);
    const retried = await queue.getFailedCount();
    if (retried) await queue.retryJobs({ state: 'failed', count: 1000 });
    await recordAudit(
      this.dataSource.manager,
      actor,
      'queue.retry-all-failed',
      { type: 'queue', id: name },
      { queue: name, retried },
    );
    return { queue: name, retried };
  }

  private queueNamed(name: string): QueueName {
    if (!this.isQueue(name)) throw new NotFoundException(`There is no queue named ${name.slice(0, 40)}.`);
    return name;
  }
}
