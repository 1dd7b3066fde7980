// The base of every job processor: a job carries the deployment that queued it (job-queue.repository.ts),
// and a worker of another deployment sharing the Redis prefix hands it back untouched instead of
// completing it against the wrong database (deployment.ts says how prefixes are kept apart).
import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** How long a job of another deployment waits before a worker (of either deployment) takes it again. */
const HAND_BACK_MS = 5000;

/**
 * Thrown by a processor's `handle` when its job cannot do its work before a known time (something it
 * needs is held elsewhere until then): the job waits in the delayed set until `until` and runs again,
 * without spending one of its attempts, where an ordinary error would spend one and back off.
 */
export class JobNotReadyError extends Error {
  constructor(
    message: string,
    readonly until: Date,
  ) {
    super(message);
    this.name = 'JobNotReadyError';
  }
}

export abstract class DeploymentWorkerHost extends WorkerHost implements OnModuleDestroy {
  private readonly deploymentLogger = new Logger('DeploymentWorkerHost');
  @Inject(AppConfig) private readonly deploymentConfig!: AppConfig;

  async process(job: Job, token?: string): Promise<unknown> {
    const ours = this.deploymentConfig.DEPLOYMENT_ID;
    const theirs = (job.data as { deployment?: string } | undefined)?.deployment;
    if (ours && theirs && theirs !== ours) {
      this.deploymentLogger.warn(
        `Job ${job.queueName}/${job.id} belongs to deployment ${theirs}, not ${ours}: handed back`,
      );
      await job.moveToDelayed(Date.now() + HAND_BACK_MS, token);
      throw new DelayedError();
    }
    try {
      return await this.handle(job, token);
    } catch (error) {
      if (!(error instanceof JobNotReadyError) || !token) throw error; // no lock token: an ordinary retry
      this.deploymentLogger.log(
        `Job ${job.queueName}/${job.id} waits until ${error.until.toISOString()} (no attempt spent): ${error.message}`,
      );
      await job.moveToDelayed(error.until.getTime(), token); // skips the attempt (BullMQ's skipAttempt)
      throw new DelayedError();
    }
  }

  /**
   * On shutdown, stop taking jobs and let the active ones finish — before anything they use closes
   * (module-destroy hooks run before the database and Redis connections close in application-shutdown).
   */
  async onModuleDestroy(): Promise<void> {
    const worker = (this as unknown as { _worker?: { close(): Promise<void> } })._worker; // unset if never started
    await worker?.close();
  }

  /** The job's work, for jobs of this deployment; throws JobNotReadyError to wait without spending an attempt. */
  abstract handle(job: Job, token?: string): Promise<unknown>;
}
