// Addresses each account has signed in from (for 30 days after the last success), kept in Redis.
// An account under attack from elsewhere still lets its owner in from a place they use.
import { createHash } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig, redisOptions } from '@chadavkhi/platform';

const REMEMBER_SECONDS = 30 * 24 * 3600;

@Injectable()
export class SignInAddressesRepository implements OnModuleDestroy {
  private readonly redis: IORedis;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    this.prefix = `${config.REDIS_PREFIX}:login-known`;
    this.redis = new IORedis({
      ...redisOptions(config),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined); // reported by /health
    this.redis.connect().catch(() => undefined);
  }

  async remember(email: string, ip: string): Promise<void> {
    await this.redis.set(this.key(email, ip), '1', 'EX', REMEMBER_SECONDS).catch(() => undefined);
  }

  /** False when Redis is away: the account-wide limit then holds for every address. */
  async isKnown(email: string, ip: string): Promise<boolean> {
    return (await this.redis.exists(this.key(email, ip)).catch(() => 0)) === 1;
  }

  private key(email: string, ip: string): string {
    return `${this.prefix}:${createHash('sha256').update(`${email}\n${ip}`).digest('base64url')}`;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
