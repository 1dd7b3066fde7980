// The job queue (BullMQ on Redis) as producers see it: add a job with a caller-chosen id, or fail fast.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { QUEUES, QueueName } from './queue-contract';
import { redisOptions } from './redis-connection';

const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

@Injectable()
export class JobQueueRepository implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueueRepository.name);
  // enableOfflineQueue:false makes add() reject at once while Redis is away, so the relay leaves the
  // outbox row for later instead of hanging on a buffered command.
  private readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();
  private lastErrorLog = 0;

  constructor(private readonly config: AppConfig) {
    this.connection = new IORedis({
      ...redisOptions(config),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.connection.on('error', (error) => this.logThrottled(error));
    this.connection.connect().catch(() => undefined);
    for (const name of QUEUES) {
      const queue = new Queue(name, { connection: this.connection, prefix: config.REDIS_PREFIX });
      queue.on('error', (error) => this.logThrottled(error));
      this.queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  /** Adds a job unless one with this id already exists in that queue (BullMQ ignores a duplicate id). */
  async add(queue: QueueName, name: string, data: object, jobId: string): Promise<void> {
    await this.queue(queue).add(name, this.stamped(data), { ...JOB_OPTIONS, jobId });
  }

  /**
   * Adds many jobs, one round trip per queue (a MULTI of BullMQ's add script), each skipped when its
   * id is already in its queue. A queue whose jobs all went in stays so if another queue then fails:
   * the caller sends everything again and the ids keep the repeat from making second jobs.
   */
  async addMany(jobs: readonly { queue: QueueName; name: string; data: object; jobId: string }[]): Promise<void> {
    const byQueue = new Map<
      QueueName,
      { name: string; data: object; opts: typeof JOB_OPTIONS & { jobId: string } }[]
    >();
    for (const job of jobs) {
      let list = byQueue.get(job.queue);
      if (!list) byQueue.set(job.queue, (list = []));
      list.push({ name: job.name, data: this.stamped(job.data), opts: { ...JOB_OPTIONS, jobId: job.jobId } });
    }
    await Promise.all([...byQueue].map(([queue, list]) => this.queue(queue).addBulk(list)));
  }

  /** The job's data with the deployment that queued it, so another deployment's worker leaves it alone. */
  private stamped(data: object): object {
    return this.config.DEPLOYMENT_ID ? { ...data, deployment: this.config.DEPLOYMENT_ID } : data;
  }

  /** Answers once Redis does; while it is (re)connecting, waits up to waitMs before calling it down. */
  async ping(waitMs = 1500): Promise<void> {
    if (this.connection.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const onReady = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.connection.off('ready', onReady);
          reject(new Error(`Redis connection is ${this.connection.status}`));
        }, waitMs);
        this.connection.once('ready', onReady);
      });
    }
    await this.connection.ping();
  }

  private logThrottled(error: Error): void {
    if (Date.now() - this.lastErrorLog < 30_000) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(`Redis unavailable: ${error.message}`);
  }

  async onModuleDestroy(): Promise<void> {
    // A queue still making its first round trip when closed fails that round trip after its error
    // listener is gone, which would end the process with a stack trace (a CLI refusal exits that fast):
    // let each settle first, for at most two seconds.
    const settled = Promise.allSettled([...this.queues.values()].map((q) => q.waitUntilReady()));
    await Promise.race([settled, new Promise((r) => setTimeout(r, 2000).unref())]);
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
