// Which deployment this process belongs to, and the Redis it may share with others. Two deployments
// on one Redis (two `npm start` copies, staging beside production) must never take each other's jobs
// or count each other's sign-in failures, so the key prefix is derived from the deployment's identity
// — its PostgreSQL cluster and database, the same on the primary and its replicas — unless
// REDIS_PREFIX names one. The prefix is claimed in Redis while the deployment runs: another
// deployment asking for the same prefix is refused at start, and every job carries the identity
// (a worker of another deployment hands such a job back; deployment-worker-host.ts).
import IORedis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-connection';
import { deploymentIdentity } from './deployment-identity.repository';

export class DeploymentError extends Error {}

/** How long a claim outlives the last process that renewed it. */
export const CLAIM_SECONDS = 120;

/**
 * Sets config.DEPLOYMENT_ID and, unless it was given, config.REDIS_PREFIX. With checks: refuses a Redis
 * that may evict keys and a prefix another deployment holds (when Redis answers; one that does not yet
 * is checked by the claim's renewal once it does).
 */
export async function resolveDeployment(config: AppConfig, options: { checkRedis: boolean }): Promise<void> {
  config.DEPLOYMENT_ID = await deploymentIdentity(config.DATABASE_URL);
  config.REDIS_PREFIX ??= `chadavkhi-${config.DEPLOYMENT_ID}`;
  if (!options.checkRedis) return;
  const redis = new IORedis({
    ...redisOptions(config),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    try {
      await redis.connect();
    } catch {
      return; // Redis is away: the process starts as it always has, and the renewal checks later
    }
    await refuseEvictingRedis(
      redis,
      config.REDIS_SENTINELS
        ? `The Redis primary the sentinels name "${config.REDIS_SENTINEL_NAME}"`
        : `Redis at ${new URL(config.REDIS_URL).host}`,
    );
    await claimPrefix(redis, config);
  } finally {
    redis.disconnect();
  }
}

/** Queues live in Redis: a Redis that evicts keys under memory pressure would drop jobs silently. */
async function refuseEvictingRedis(redis: IORedis, which: string): Promise<void> {
  let policy: string | undefined;
  try {
    policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
  } catch {
    return; // CONFIG is switched off on some managed Redis services; their operators set the policy
  }
  if (policy && policy !== 'noeviction')
    throw new DeploymentError(
      `${which} may evict keys (maxmemory-policy ${policy}), which would lose queued jobs. ` +
        `Set maxmemory-policy noeviction (redis.conf, or: redis-cli CONFIG SET maxmemory-policy noeviction).`,
    );
}

/** Takes the prefix for this deployment, or keeps it if it is ours; "taken" when another holds it. */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false`;

/** Releases the prefix only if it is still ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export const claimKey = (prefix: string) => `${prefix}:deployment`;

/** Claims (or renews the claim on) the prefix; returns the other deployment's identity if it holds it. */
export async function renewClaim(redis: IORedis, config: AppConfig): Promise<string | undefined> {
  const holder = (await redis.eval(CLAIM, 1, claimKey(config.REDIS_PREFIX!), config.DEPLOYMENT_ID!, CLAIM_SECONDS)) as
    string | null;
  return holder ?? undefined;
}

export async function releaseClaim(redis: IORedis, config: AppConfig): Promise<void> {
  await redis.eval(RELEASE, 1, claimKey(config.REDIS_PREFIX!), config.DEPLOYMENT_ID!);
}

async function claimPrefix(redis: IORedis, config: AppConfig): Promise<void> {
  const holder = await renewClaim(redis, config);
  if (holder)
    throw new DeploymentError(
      `The Redis key prefix "${config.REDIS_PREFIX}" is in use by another deployment (${holder}; this one is ` +
        `${config.DEPLOYMENT_ID}), so the two would take each other's jobs. Leave REDIS_PREFIX unset (each ` +
        `deployment then gets its own) or give this one a different REDIS_PREFIX. If the other deployment is ` +
        `gone, its claim ends ${CLAIM_SECONDS} s after it stopped.`,
    );
}
