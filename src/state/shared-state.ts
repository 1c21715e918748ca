import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../datasources/writes/idempotency-store.js';
import { RedisIdempotencyStore } from '../datasources/writes/redis-idempotency-store.js';
import { LocalInvalidationBus, RedisInvalidationBus, type InvalidationBus } from './invalidation-bus.js';
import { LocalLeases, RedisLeases, type Leases } from './leases.js';
import { RedisHealth } from './redis-health.js';
import { SharedRedis } from './shared-redis.js';
import { LocalValues, RedisValues, type SharedValues } from './shared-values.js';

/**
 * The state a replica shares with the others, each piece behind an interface whose
 * in-process implementation is the default: without REDIS_URL one process needs nothing
 * else; with it, every replica reads and writes the same records (bulk jobs are built on
 * top of `redis`, in src/jobs).
 */
export interface SharedState {
  readonly health: RedisHealth;
  /** Null without REDIS_URL. */
  readonly redis: SharedRedis | null;
  readonly idempotency: IdempotencyStore;
  readonly invalidations: InvalidationBus;
  readonly leases: Leases;
  /** Changelog positions of each token (see changes/change-poller.ts). */
  readonly changePositions: SharedValues;
  close(): Promise<void>;
}

export function createSharedState(config: Config, logger: Logger): SharedState {
  const health = new RedisHealth(logger);
  if (!config.redis.url) {
    return {
      health,
      redis: null,
      idempotency: new MemoryIdempotencyStore(),
      invalidations: new LocalInvalidationBus(),
      leases: new LocalLeases(),
      changePositions: new LocalValues(),
      close: () => Promise.resolve(),
    };
  }
  const redis = new SharedRedis({ url: config.redis.url, prefix: config.redis.prefix, health });
  return {
    health,
    redis,
    idempotency: new RedisIdempotencyStore(redis, { leaseMs: config.jobs.lockMs }),
    invalidations: new RedisInvalidationBus(redis),
    leases: new RedisLeases(redis),
    changePositions: new RedisValues(redis, 'change-positions'),
    close: () => redis.close(),
  };
}
