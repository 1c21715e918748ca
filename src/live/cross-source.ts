import { LRUCache } from 'lru-cache';
import type { SharedRedis } from '../state/shared-redis.js';
import type { ChangeNotice } from './change-hub.js';

/**
 * One change is often reported twice: by a webhook at once, then by the changelog at the next
 * poll (or by our own write, then the changelog). Subscribers read the record as it is now, so
 * the second report tells them nothing: a report of the same tenant, resource, record and
 * operation by ANOTHER source within this window is dropped, once (the pair is then spent, so
 * a later real change of the record is delivered). Reports by one source are never merged.
 */
export const CROSS_SOURCE_WINDOW_MS = 10 * 60_000;

/** Tenants × records remembered in memory at most. */
const MAX_REMEMBERED = 50_000;

const identity = (tenantKey: string, notice: ChangeNotice) => JSON.stringify([tenantKey, notice.resource, notice.operation, notice.pennylaneId]);

/** The notices that are not another source's report of a change just reported (one process). */
export class MemoryCrossSource {
  private readonly seen = new LRUCache<string, ChangeNotice['source']>({ max: MAX_REMEMBERED, ttl: CROSS_SOURCE_WINDOW_MS });

  firstReports(tenantKey: string, notices: readonly ChangeNotice[]): ChangeNotice[] {
    return notices.filter((notice) => {
      const key = identity(tenantKey, notice);
      const earlier = this.seen.get(key);
      if (earlier !== undefined && earlier !== notice.source) {
        this.seen.delete(key);
        return false;
      }
      this.seen.set(key, notice.source);
      return true;
    });
  }
}

/** Atomic across replicas: KEYS[1] holds the source of the last report; ARGV: source, window. */
const PAIR = `local earlier = redis.call('GET', KEYS[1])
if earlier and earlier ~= ARGV[1] then redis.call('DEL', KEYS[1]) return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** The same across replicas (the webhook lands on one, the poll runs on another). */
export class RedisCrossSource {
  constructor(private readonly redis: SharedRedis) {}

  /** Rejects when Redis cannot be reached (the caller then falls back). */
  async firstReports(tenantKey: string, notices: readonly ChangeNotice[]): Promise<ChangeNotice[]> {
    const pipeline = this.redis.command.pipeline();
    for (const notice of notices) {
      const key = this.redis.key('live-seen', tenantKey, notice.resource, notice.operation, notice.pennylaneId);
      pipeline.eval(PAIR, 1, key, notice.source, String(CROSS_SOURCE_WINDOW_MS));
    }
    const results = (await pipeline.exec()) ?? [];
    return notices.filter((_, i) => {
      const [error, first] = results[i] ?? [new Error('no answer'), 0];
      if (error) throw error;
      return first === 1;
    });
  }
}
