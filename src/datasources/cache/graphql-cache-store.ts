import type { Cache } from '@envelop/response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { InvalidationBus, InvalidationEvent } from '../../state/invalidation-bus.js';
import type { CacheObserver } from '../observers.js';
import type { Tenant } from '../tenant.js';
import type { OperationReads } from './operation-reads.js';
import { tagsOfEvent } from './operation-reads.js';
import type { RedisAnswers, SharedAnswer } from './graphql-cache-redis.js';

/** `extensions.cost` of an answer served from this cache: no upstream call, nothing waited for. */
export const HIT_COST = Object.freeze({ upstreamCalls: 0, cacheHits: 0, retries: 0, throttled: 0, queuedMs: 0, estimate: null, responseCache: 'HIT' as const });
const HIT_EXTENSIONS_JSON = JSON.stringify({ cost: HIT_COST });
/** Per-entry bookkeeping counted in its size on top of its body and tags (keys, timers, index). */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * What a hit hands to Yoga: a result that serialises itself as the stored body, so a hit costs
 * no JSON work at all (Yoga uses a result's own `stringify` when it has one).
 */
export interface CachedAnswer extends ExecutionResult {
  readonly stringify: () => string;
}

interface Entry {
  readonly answer: CachedAnswer;
  readonly tenantId: string;
  readonly tags: readonly string[];
}

/** What the plugin tells the store about the operation whose answer it is about to store. */
export interface PendingAnswer {
  readonly key: string;
  readonly tenantId: string;
  readonly reads: OperationReads;
}

export interface GraphQLCacheStoreOptions {
  /** Bound of this replica's layer, in bytes (body, tags and bookkeeping of every entry). */
  readonly maxBytes: number;
  /** Larger answers are not cached. */
  readonly maxEntryBytes: number;
  /**
   * One tenant's share of this layer, in bytes: past it, that tenant's own least recently used
   * answers go, not other tenants'. 0 or absent: a quarter of `maxBytes`.
   */
  readonly tenantMaxBytes?: number | undefined;
  /** With Redis: answers shared by the replicas (graphql-cache-redis.ts). */
  readonly shared?: RedisAnswers | undefined;
  readonly observer?: CacheObserver | undefined;
}

/**
 * The store behind envelop's response cache (`Cache`), in two layers: this replica's LRU,
 * bounded in bytes, then (with Redis) the answers every replica shares. Entries are tagged by
 * what their operation read from Pennylane (operation-reads.ts), and dropped from both layers
 * by the invalidation events of writes and changelogs (`listen`, `sharing`).
 *
 * Keys are `<tenant id>:<hash>` (see graphql-cache-plugin.ts): the tenant id is a hash of the
 * token or of the OAuth connection id, never a token.
 */
export class GraphQLCacheStore implements Cache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly byTag = new Map<string, Set<string>>();
  /** Bumped by every invalidation of a tenant: an answer computed across a bump is not stored. */
  private readonly epochs = new LRUCache<string, number>({ max: 100_000 });
  private globalEpoch = 0;
  private pending: PendingAnswer | null = null;
  /** Events whose shared answers `sharing` dropped already: this replica's listener need not again. */
  private readonly droppedShared = new WeakSet<InvalidationEvent>();
  private lookup: { readonly key: string; readonly tenant: Tenant } | null = null;
  /** Per tenant: the bytes it holds here, and its keys with their sizes, least recently used first. */
  private readonly tenants = new Map<string, { bytes: number; readonly keys: Map<string, number> }>();
  private readonly tenantMaxBytes: number;

  constructor(private readonly options: GraphQLCacheStoreOptions) {
    this.lru = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => entrySize(entry),
      ttlAutopurge: false,
      dispose: (entry, key) => {
        this.unindex(key, entry.tags);
        this.untrack(key, entry.tenantId);
      },
    });
    this.tenantMaxBytes = Math.min(options.maxBytes, options.tenantMaxBytes || Math.floor(options.maxBytes / 4));
  }

  epochOf(tenantId: string): number {
    return this.globalEpoch + (this.epochs.get(tenantId) ?? 0);
  }

  /** Called by the plugin just before `set` (synchronously, in the same step). */
  expect(pending: PendingAnswer): void {
    this.pending = pending;
  }

  /** Called by the plugin as it builds the key it looks up next: whose read it is (for metrics and the status page). */
  lookingUp(key: string, tenant: Tenant): void {
    this.lookup = { key, tenant };
  }

  /**
   * Yoga's plugin looks up once the parameters are known (`lookingUp` names it: counted, and
   * Redis asked); envelop's looks up again just before executing, after a miss: this replica's
   * layer only, not counted again.
   */
  get(key: string): CachedAnswer | undefined | Promise<CachedAnswer | undefined> {
    const lookup = this.lookup?.key === key ? this.lookup : null;
    this.lookup = null;
    const entry = this.lru.get(key);
    if (!lookup) return entry?.answer;
    const { tenant } = lookup;
    if (entry) {
      this.touch(key, entry.tenantId);
      this.observe(tenant, true);
      return entry.answer;
    }
    const { shared } = this.options;
    if (!shared) {
      this.observe(tenant, false);
      return undefined;
    }
    const tenantId = tenant.id;
    const epoch = this.epochOf(tenantId);
    return shared.get(key).then(
      (found) => {
        // An invalidation of this tenant while Redis answered: the answer may be the old one.
        if (!found || found.expiresAt <= Date.now() || this.epochOf(tenantId) !== epoch) {
          this.observe(tenant, false);
          return undefined;
        }
        this.observe(tenant, true);
        return this.keep(key, tenantId, found).answer;
      },
      () => {
        this.observe(tenant, false);
        return undefined;
      },
    );
  }

  set(key: string, result: ExecutionResult, _entities: unknown, ttl: number): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending || pending.key !== key || !(ttl > 0) || result.errors?.length || result.data == null) return;
    for (const [tenantId, epoch] of pending.reads.epochs) if (this.epochOf(tenantId) !== epoch) return;
    const body = `{"data":${JSON.stringify(result.data)},"extensions":${HIT_EXTENSIONS_JSON}}`;
    if (Buffer.byteLength(body) > this.options.maxEntryBytes) return;
    const shared: SharedAnswer = { body, tags: [...pending.reads.tags], expiresAt: Date.now() + ttl };
    this.keep(key, pending.tenantId, shared);
    void this.options.shared?.set(key, pending.tenantId, shared).catch(() => undefined);
  }

  /**
   * envelop calls this with the entities of a mutation's result; invalidation here follows
   * Pennylane's records instead (writes and changelogs, through the invalidation bus).
   */
  invalidate(): void {}

  /**
   * Every replica's events drop this replica's layer, and (with Redis) the shared answers they
   * name: whoever published the event (a write through `sharing`, a webhook, a changelog poll
   * on another replica), and whatever this replica stored there before it heard of it. An
   * answer read from Redis while that drop is under way is not kept (the epoch moves again).
   */
  listen(bus: InvalidationBus): () => void {
    const { shared } = this.options;
    return bus.subscribe((event) => {
      this.drop(event);
      if (!shared || event.kind !== 'changed' || this.droppedShared.has(event)) return;
      void shared
        .drop(tagsOfEvent(event))
        .catch(() => undefined)
        .finally(() => this.drop(event));
    });
  }

  /**
   * The bus a write publishes on: the shared layer is emptied of what changed before the other
   * replicas hear of it, so none of them can refill its own layer with the old answer.
   */
  sharing(bus: InvalidationBus): InvalidationBus {
    const { shared } = this.options;
    if (!shared) return bus;
    return {
      subscribe: (listener) => bus.subscribe(listener),
      publish: async (event) => {
        if (event.kind === 'changed') {
          this.drop(event);
          this.droppedShared.add(event);
          await shared.drop(tagsOfEvent(event)).catch(() => undefined);
        }
        await bus.publish(event);
      },
    };
  }

  drop(event: InvalidationEvent): void {
    if (event.kind === 'everything') {
      this.globalEpoch += 1;
      this.lru.clear();
      return;
    }
    this.epochs.set(event.tenantId, (this.epochs.get(event.tenantId) ?? 0) + 1);
    for (const tag of tagsOfEvent(event)) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.lru.delete(key);
    }
  }

  /** Every key and tag held, for diagnostics and tests: tenant ids and hashes, never a token. */
  keys(): { keys: string[]; tags: string[] } {
    return { keys: [...this.lru.keys()], tags: [...this.byTag.keys()] };
  }

  stats(): { entries: number; bytes: number; tags: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize, tags: this.byTag.size };
  }

  clear(): void {
    this.globalEpoch += 1;
    this.lru.clear();
  }

  private keep(key: string, tenantId: string, shared: SharedAnswer): Entry {
    const { body } = shared;
    const entry: Entry = { answer: { stringify: () => body }, tenantId, tags: shared.tags };
    const size = entrySize(entry);
    if (size > this.tenantMaxBytes) return entry;
    this.lru.delete(key);
    // Room within the tenant's own share first, so one tenant's flood evicts its own answers.
    const usage = this.tenants.get(tenantId) ?? { bytes: 0, keys: new Map<string, number>() };
    for (const oldest of usage.keys.keys()) {
      if (usage.bytes + size <= this.tenantMaxBytes) break;
      this.lru.delete(oldest);
    }
    this.lru.set(key, entry, { ttl: Math.max(1, shared.expiresAt - Date.now()), size });
    if (!this.lru.has(key)) return entry;
    this.tenants.set(tenantId, usage);
    usage.keys.set(key, size);
    usage.bytes += size;
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return entry;
  }

  private touch(key: string, tenantId: string): void {
    const keys = this.tenants.get(tenantId)?.keys;
    const size = keys?.get(key);
    if (keys === undefined || size === undefined) return;
    keys.delete(key);
    keys.set(key, size);
  }

  private untrack(key: string, tenantId: string): void {
    const usage = this.tenants.get(tenantId);
    const size = usage?.keys.get(key);
    if (!usage || size === undefined) return;
    usage.keys.delete(key);
    usage.bytes -= size;
    if (usage.keys.size === 0) this.tenants.delete(tenantId);
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }

  private observe(tenant: Tenant, hit: boolean): void {
    this.options.observer?.lookup(tenant, GRAPHQL_CACHE_KEY, hit);
  }
}

/** The key metrics and the status page see for reads of this cache (resource label `graphql`). */
export const GRAPHQL_CACHE_KEY = 'graphql:response';

function entrySize(entry: Entry): number {
  // Bytes, not UTF-16 units: a body of multi-byte characters weighs what it takes in memory and on the wire.
  let bytes = ENTRY_OVERHEAD_BYTES + Buffer.byteLength(entry.answer.stringify());
  for (const tag of entry.tags) bytes += Buffer.byteLength(tag) + 64;
  return bytes;
}
