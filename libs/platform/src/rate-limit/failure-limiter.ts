// Counts failures per key in Redis (shared by every API process) and refuses once a key has had
// too many within the window. If Redis is away an in-process counter stands in, so the protection
// weakens to per-process rather than failing open or taking the feature down.
import IORedis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisTarget, redisOptions, redisTargetKey } from '../queue/redis-connection';

/** How long the first counts wait for Redis after start, rather than land in this process's counter alone. */
const FIRST_CONNECTION_WAIT_MS = 1000;

/** One connection per Redis a process's limiters share (a dozen limiters, not a dozen connections), closed with the last of them. */
const connections = new Map<string, { redis: IORedis; users: number }>();

function acquireConnection(target: RedisTarget): IORedis {
  const key = redisTargetKey(target);
  let shared = connections.get(key);
  if (!shared) {
    const redis = new IORedis({
      ...redisOptions(target),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    redis.on('error', () => undefined); // reported by /health
    redis.connect().catch(() => undefined);
    connections.set(key, (shared = { redis, users: 0 }));
  }
  shared.users++;
  return shared.redis;
}

function releaseConnection(target: RedisTarget): void {
  const key = redisTargetKey(target);
  const shared = connections.get(key);
  if (!shared || --shared.users > 0) return;
  connections.delete(key);
  shared.redis.disconnect();
}

export class FailureLimiter {
  private readonly redis: IORedis;
  private readonly limiter: RateLimiterRedis;
  private firstConnection?: Promise<void>;
  private closed = false;

  constructor(
    private readonly redisTarget: RedisTarget,
    keyPrefix: string,
    readonly maxFailures: number,
    windowSeconds: number,
  ) {
    const redis = (this.redis = acquireConnection(redisTarget));
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      points: maxFailures,
      duration: windowSeconds,
      keyPrefix,
      useRedisPackage: false,
      insuranceLimiter: new RateLimiterMemory({ points: maxFailures, duration: windowSeconds }),
    });
  }

  /** Seconds to wait when this key has used up its failures; 0 when it may try. */
  async retryAfterSeconds(key: string): Promise<number> {
    let state: RateLimiterRes | null;
    try {
      state = await this.limiter.get(key);
    } catch {
      return 0;
    }
    return state && state.consumedPoints >= this.maxFailures ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
  }

  /** Points this key has used within its window (0 when Redis is away or the window has passed). */
  async used(key: string): Promise<number> {
    try {
      return (await this.limiter.get(key))?.consumedPoints ?? 0;
    } catch {
      return 0;
    }
  }

  /**
   * Takes one point for this key before the guarded work runs, atomically (one INCR in Redis), so
   * concurrent requests cannot all pass a check made before any of them is counted. Returns 0 when
   * the point was within the limit, otherwise the seconds to wait. Give the point back with refund()
   * when what was counted turns out not to count (a certificate code that exists, say).
   */
  async take(key: string): Promise<number> {
    await (this.firstConnection ??= this.connection());
    try {
      await this.limiter.consume(key, 1);
      return 0;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
      return 0; // the store failed and the insurance limiter too: never take the feature down
    }
  }

  /**
   * Requests that arrive while the connection is still being made would be counted in memory and
   * the rest in Redis, letting up to twice the limit through; the first ones wait for it briefly.
   */
  private connection(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_CONNECTION_WAIT_MS).unref();
      this.redis.once('ready', () => (clearTimeout(timer), resolve()));
    });
  }

  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch(() => undefined);
  }

  async recordFailure(key: string): Promise<void> {
    await this.limiter.penalty(key, 1).catch(() => undefined);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key).catch(() => undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    releaseConnection(this.redisTarget);
  }
}
