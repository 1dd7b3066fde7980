// The one place Redis connection options are built: every connection (BullMQ, the job producers,
// the rate limiters, the deployment claim) goes through here, so Sentinel applies to all of them.
import { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config';

/** A Redis URL, or the settings that may add Sentinel to it. */
export type RedisTarget = string | Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINEL_NAME' | 'redisSentinels'>;

/**
 * ioredis options (BullMQ takes options, not a URL). With sentinels, ioredis asks them for the current
 * primary and reconnects to the new one after a failover; the URL still gives password, db and TLS.
 */
export function redisOptions(target: RedisTarget): RedisOptions {
  const url = typeof target === 'string' ? target : target.REDIS_URL;
  const sentinels = typeof target === 'string' ? [] : target.redisSentinels;
  const u = new URL(url);
  const credentials = {
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
  if (typeof target !== 'string' && sentinels.length)
    return {
      ...credentials,
      sentinels,
      name: target.REDIS_SENTINEL_NAME,
      enableTLSForSentinelMode: !!credentials.tls,
      // Reconnect as soon as the sentinels announce a new primary, and when a demoted one refuses a write.
      failoverDetector: true,
      reconnectOnError: (error) => error.message.startsWith('READONLY'),
    };
  return { ...credentials, host: u.hostname, port: Number(u.port || 6379) };
}

/** A key naming the Redis a target reaches, for sharing one connection among its users. */
export function redisTargetKey(target: RedisTarget): string {
  return JSON.stringify(redisOptions(target));
}
