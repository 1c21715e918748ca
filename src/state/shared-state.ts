import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../datasources/writes/idempotency-store.js';
import { RedisIdempotencyStore } from '../datasources/writes/redis-idempotency-store.js';
import { LocalInvalidationBus, RedisInvalidationBus, type InvalidationBus } from './invalidation-bus.js';
import { LocalLeases, RedisLeases, type Leases } from './leases.js';
import { RedisHealth } from './redis-health.js';
import { SharedRedis } from './shared-redis.js';
import { LocalValues, RedisValues, type SharedValues } from './shared-values.js';
import type { ChangeHub } from '../live/change-hub.js';
import { LocalChangeHub } from '../live/local-change-hub.js';
import { RedisChangeHub } from '../live/redis-change-hub.js';

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
  /** Live change events of each tenant, to every replica's subscriptions (src/live). */
  readonly changeHub: ChangeHub;
  /** Which feeds some replica's subscriptions need polled, per tenant (src/live/interest.ts). */
  readonly liveInterest: SharedValues;
  close(): Promise<void>;
}

export function createSharedState(config: Config, logger: Logger): SharedState {
  const health = new RedisHealth(logger);
  if (!config.redis.url) {
    const hub = new LocalChangeHub(config.live.logSize, config.live.logTtlMs);
    return {
      health,
      redis: null,
      idempotency: new MemoryIdempotencyStore(),
      invalidations: new LocalInvalidationBus(),
      leases: new LocalLeases(),
      changePositions: new LocalValues(),
      changeHub: hub,
      liveInterest: new LocalValues(),
      close: () => hub.close(),
    };
  }
  const redis = new SharedRedis({ url: config.redis.url, prefix: config.redis.prefix, health });
  const hub = new RedisChangeHub(redis, { logSize: config.live.logSize, logTtlMs: config.live.logTtlMs });
  return {
    health,
    redis,
    idempotency: new RedisIdempotencyStore(redis, { leaseMs: config.jobs.lockMs }),
    invalidations: new RedisInvalidationBus(redis),
    leases: new RedisLeases(redis),
    changePositions: new RedisValues(redis, 'change-positions'),
    changeHub: hub,
    liveInterest: new RedisValues(redis, 'live-interest'),
    close: async () => {
      await hub.close();
      await redis.close();
    },
  };
}
