import type { SharedRedis } from './shared-redis.js';

/**
 * Cache invalidation as events every replica hears. A write (or a changelog poll) publishes
 * what it changed for one tenant; every cache of every replica (the REST response cache,
 * and any later one such as a GraphQL response cache) subscribes and drops what it holds
 * of those records and lists. Events carry Pennylane API paths and ids, never tokens.
 */
export interface RecordRef {
  /** Resource name, e.g. `customer_invoices`. */
  readonly resource: string;
  /** API path of its collection, e.g. `/customer_invoices`. */
  readonly path: string;
  readonly id: number | string;
}

export type InvalidationEvent =
  | {
      readonly kind: 'changed';
      readonly tenantId: string;
      /** Lists whose pages may now differ, by API path. */
      readonly lists: readonly string[];
      /** Records that changed: their entities, their own GETs and their sub-collections. */
      readonly records: readonly RecordRef[];
      /** What found the change: one of our writes, or Pennylane's changelog (another tool's write). */
      readonly source: 'write' | 'changelog';
    }
  /** This replica may have missed events (its Redis connection dropped): drop everything. */
  | { readonly kind: 'everything'; readonly reason: string };

export interface InvalidationBus {
  /** Delivered on this replica before it resolves, then to the others; never rejects. */
  publish(event: InvalidationEvent): Promise<void>;
  /** Every event from now on, this replica's own included; returns the unsubscribe function. */
  subscribe(listener: (event: InvalidationEvent) => void): () => void;
}

/** One process: events go to this process's listeners only (the embedded default). */
export class LocalInvalidationBus implements InvalidationBus {
  protected readonly listeners = new Set<(event: InvalidationEvent) => void>();

  publish(event: InvalidationEvent): Promise<void> {
    this.deliver(event);
    return Promise.resolve();
  }

  subscribe(listener: (event: InvalidationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected deliver(event: InvalidationEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

const CHANNEL = 'invalidations';

/**
 * Replicas sharing a Redis: Redis pub/sub carries each event to the others (sub-millisecond
 * on one network). Pub/sub keeps nothing for a replica that was disconnected, so a replica
 * whose subscription dropped clears its caches when it is back.
 */
export class RedisInvalidationBus extends LocalInvalidationBus {
  constructor(private readonly redis: SharedRedis) {
    super();
    redis.subscribe(CHANNEL, (message) => {
      const parsed = JSON.parse(message) as { from: string; event: InvalidationEvent };
      if (parsed.from !== redis.replicaId) this.deliver(parsed.event);
    });
    redis.onMessagesMissed(() => this.deliver({ kind: 'everything', reason: 'the connection to Redis dropped; invalidation events may have been missed' }));
  }

  override async publish(event: InvalidationEvent): Promise<void> {
    this.deliver(event);
    if (event.kind !== 'changed') return;
    // Unreachable Redis: the other replicas keep their entries until their TTL or the next
    // changelog poll; nothing else can be done from here.
    await this.redis.publish(CHANNEL, JSON.stringify({ from: this.redis.replicaId, event })).catch(() => undefined);
  }
}
