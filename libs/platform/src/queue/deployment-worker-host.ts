// The base of every job processor: a job carries the deployment that queued it (job-queue.repository.ts),
// and a worker of another deployment sharing the Redis prefix hands it back untouched instead of
// completing it against the wrong database (deployment.ts says how prefixes are kept apart).
import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** How long a job of another deployment waits before a worker (of either deployment) takes it again. */
const HAND_BACK_MS = 5000;

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
    return this.handle(job, token);
  }

  /**
   * On shutdown, stop taking jobs and let the active ones finish — before anything they use closes
   * (module-destroy hooks run before the database and Redis connections close in application-shutdown).
   */
  async onModuleDestroy(): Promise<void> {
    const worker = (this as unknown as { _worker?: { close(): Promise<void> } })._worker; // unset if never started
    await worker?.close();
  }

  /** The job's work, for jobs of this deployment. */
  abstract handle(job: Job, token?: string): Promise<unknown>;
}
