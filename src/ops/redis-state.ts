import type { SharedState } from '../state/shared-state.js';

/** Whether this replica reaches Redis now (REDIS_URL set): read at each scrape and status interval. */
export type RedisProbe = () => boolean;

/**
 * Reachable while no part of this replica reports Redis down (src/state/redis-health.ts: the
 * shared rate budget, the state connections) and its command connection is ready.
 */
export function redisStateOf(state: Pick<SharedState, 'health' | 'redis'>): boolean {
  return state.health.healthy && (state.redis?.ready ?? false);
}
