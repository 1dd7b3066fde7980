// Counts failed sign-ins per account and per address in Redis (shared by every API process);
// if Redis is away, an in-process counter stands in so login keeps working and stays limited.
import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig, redisOptions } from '@chadavkhi/platform';

export const MAX_FAILURES_PER_MINUTE = 10;

export class TooManyLoginAttemptsException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      { message: `Too many failed sign-ins. Wait ${retryAfterSeconds} seconds and try again.`, retryAfterSeconds, slug: 'too-many-login-attempts' },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis: IORedis;
  private readonly byAccount: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;

  constructor(config: AppConfig) {
    this.redis = new IORedis({ ...redisOptions(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined); // reported by /health; the memory limiter covers the gap
    this.redis.connect().catch(() => undefined);
    const common = { storeClient: this.redis, points: MAX_FAILURES_PER_MINUTE, duration: 60, useRedisPackage: false };
    this.byAccount = new RateLimiterRedis({ ...common, keyPrefix: `${config.REDIS_PREFIX}:login-fail:account`, insuranceLimiter: new RateLimiterMemory({ points: MAX_FAILURES_PER_MINUTE, duration: 60 }) });
    this.byAddress = new RateLimiterRedis({ ...common, keyPrefix: `${config.REDIS_PREFIX}:login-fail:ip`, insuranceLimiter: new RateLimiterMemory({ points: MAX_FAILURES_PER_MINUTE, duration: 60 }) });
  }

  /** Refuses (429) when the account or the address already has 10 failures in the current minute. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.safeGet(this.byAccount, email), this.safeGet(this.byAddress, ip)]);
    const blocked = [account, address].filter((r): r is RateLimiterRes => !!r && r.consumedPoints >= MAX_FAILURES_PER_MINUTE);
    if (blocked.length) throw new TooManyLoginAttemptsException(Math.max(1, Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000)));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.byAccount.penalty(email, 1).catch(() => undefined), this.byAddress.penalty(ip, 1).catch(() => undefined)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email).catch(() => undefined);
  }

  private async safeGet(limiter: RateLimiterRedis, key: string): Promise<RateLimiterRes | null> {
    try {
      return await limiter.get(key);
    } catch {
      return null;
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
