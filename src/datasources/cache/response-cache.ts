import { LRUCache } from 'lru-cache';
import type { CacheObserver } from '../observers.js';
import type { Tenant } from '../tenant.js';

export interface ResponseCacheOptions {
  /** Upper bound of the cache in bytes (approximate JSON size); 0 disables caching. */
  readonly maxBytes: number;
  readonly ttlSeconds: (resource: string) => number;
  /** Told of every read, hit or miss (src/ops: metrics, status). */
  readonly observer?: CacheObserver | undefined;
}

/**
 * The process-wide cache of successful Pennylane GETs. Every key starts with the tenant id
 * (a hash of the token), so two tokens can never read each other's entries and no token
 * ever appears in a key. Values are shared by every request that hits: they are typed
 * readonly and never mutated (not frozen: Pothos brands the objects it loads as nodes).
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, object> | null;

  constructor(private readonly options: ResponseCacheOptions) {
    this.lru =
      options.maxBytes > 0
        ? new LRUCache<string, object>({ maxSize: options.maxBytes, allowStale: false, updateAgeOnGet: false })
        : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  /** How long a response of `resource` stays fresh, in seconds (0: never cached). */
  ttlOf(resource: string): number {
    return this.options.ttlSeconds(resource);
  }

  get<T extends object>(tenant: Tenant, key: string): T | undefined {
    return this.getFresh<T>(tenant, key)?.value;
  }

  /**
   * An entry and how long it has left (ms): what an answer built from it may be kept for in
   * the GraphQL response cache, so that answer never outlives it.
   */
  getFresh<T extends object>(tenant: Tenant, key: string): { readonly value: T; readonly ttlMs: number } | undefined {
    const scopedKey = scoped(tenant, key);
    const value = this.lru?.get(scopedKey) as T | undefined;
    if (this.lru) this.options.observer?.lookup(tenant, key, value !== undefined);
    return value === undefined ? undefined : { value, ttlMs: this.lru!.getRemainingTTL(scopedKey) };
  }

  set(tenant: Tenant, key: string, value: object, resource: string, bytes?: number): void {
    if (!this.lru) return;
    const ttl = this.options.ttlSeconds(resource) * 1_000;
    if (ttl <= 0) return;
    const size = Math.max(1, bytes ?? JSON.stringify(value).length);
    if (size > this.options.maxBytes) return;
    this.lru.set(scoped(tenant, key), value, { ttl, size });
  }

  /** Drops this tenant's entries whose key satisfies `match`; returns how many. */
  invalidate(tenant: Tenant | string, match: (key: string) => boolean): number {
    if (!this.lru) return 0;
    const prefix = `${typeof tenant === 'string' ? tenant : tenant.id}|`;
    let dropped = 0;
    for (const key of [...this.lru.keys()]) {
      if (key.startsWith(prefix) && match(key.slice(prefix.length))) {
        this.lru.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Every key held, for diagnostics: tenant hash, then the request (never a token). */
  keys(): string[] {
    return this.lru ? [...this.lru.keys()] : [];
  }

  stats(): { entries: number; bytes: number } {
    return { entries: this.lru?.size ?? 0, bytes: this.lru?.calculatedSize ?? 0 };
  }

  clear(): void {
    this.lru?.clear();
  }
}

function scoped(tenant: Tenant, key: string): string {
  return `${tenant.id}|${key}`;
}
