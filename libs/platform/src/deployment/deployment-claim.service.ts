// Keeps this deployment's claim on its Redis key prefix alive while the process runs (deployment.ts
// made it at start), and gives it up on a clean stop so a successor need not wait for it to lapse.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-connection';
import { CLAIM_SECONDS, releaseClaim, renewClaim } from './deployment';

@Injectable()
export class DeploymentClaimService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeploymentClaimService.name);
  private redis?: IORedis;
  private timer?: NodeJS.Timeout;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (!this.config.DEPLOYMENT_ID) return; // a context built without resolveDeployment (a test of one lib)
    this.redis = new IORedis({ ...redisOptions(this.config), maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined); // the queue's own connection reports Redis being away
    this.timer = setInterval(() => void this.renew(), (CLAIM_SECONDS * 1000) / 4);
    this.timer.unref();
    void this.renew();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (!this.redis) return;
    await releaseClaim(this.redis, this.config).catch(() => undefined);
    this.redis.disconnect();
  }

  private async renew(): Promise<void> {
    try {
      const holder = await renewClaim(this.redis!, this.config);
      if (holder)
        this.logger.error(
          `Another deployment (${holder}) holds the Redis key prefix "${this.config.REDIS_PREFIX}" too: jobs of the two are handed back and forth. Give one of them its own REDIS_PREFIX.`,
        );
    } catch {
      // Redis is away; the next renewal claims again
    }
  }
}
