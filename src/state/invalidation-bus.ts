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
      /** What found the change: one of our writes, Pennylane's changelog (another tool's write), or a webhook Pennylane sent. */
      readonly source: 'write' | 'changelog' | 'webhook';
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
/** Longest a write waits for the other replicas to confirm they dropped what it changed. */
const ACK_WAIT_MS = 250;

/**
 * Replicas sharing a Redis: Redis pub/sub carries each event to the others. Each replica
 * confirms an event once its caches dropped what it names, and `publish` resolves when every
 * replica that received it confirmed (or after 250 ms): a mutation answers only then, so a
 * read sent to any replica right after sees the new state. Pub/sub keeps nothing for a
 * replica that was disconnected, so a replica whose subscription dropped clears its caches
 * when it is back.
 */
export class RedisInvalidationBus extends LocalInvalidationBus {
  /** Writes waiting for confirmations: how many came, how many are due (known once PUBLISH answered). */
  private readonly waiting = new Map<string, { acks: number; due: number | null; done: () => void }>();
  private sequence = 0;

  constructor(private readonly redis: SharedRedis) {
    super();
    redis.subscribe(CHANNEL, (message) => {
      const parsed = JSON.parse(message) as { from: string; nonce: string; event: InvalidationEvent };
      if (parsed.from === redis.replicaId) return;
      this.deliver(parsed.event);
      void redis.publish(`${CHANNEL}-acks:${parsed.from}`, parsed.nonce).catch(() => undefined);
    });
    redis.subscribe(`${CHANNEL}-acks:${redis.replicaId}`, (nonce) => {
      const entry = this.waiting.get(nonce);
      if (!entry) return;
      entry.acks += 1;
      if (entry.due !== null && entry.acks >= entry.due) entry.done();
    });
    redis.onMessagesMissed(() => this.deliver({ kind: 'everything', reason: 'the connection to Redis dropped; invalidation events may have been missed' }));
  }

  override async publish(event: InvalidationEvent): Promise<void> {
    this.deliver(event);
    if (event.kind !== 'changed') return;
    const nonce = `${this.redis.replicaId}:${(this.sequence += 1)}`;
    let timer: NodeJS.Timeout | undefined;
    let done = () => undefined as void;
    const confirmed = new Promise<void>((resolve) => (done = resolve));
    const entry = { acks: 0, due: null as number | null, done };
    this.waiting.set(nonce, entry);
    try {
      const receivers = await this.redis.publish(CHANNEL, JSON.stringify({ from: this.redis.replicaId, nonce, event }));
      // Confirmations may come before PUBLISH answers: they are counted already.
      entry.due = receivers - (this.redis.subscribed ? 1 : 0);
      if (entry.acks < entry.due) {
        timer = setTimeout(done, ACK_WAIT_MS);
        await confirmed;
      }
    } catch {
      // Unreachable Redis: the other replicas keep their entries until their TTL or the next
      // changelog poll; nothing else can be done from here.
    } finally {
      clearTimeout(timer);
      this.waiting.delete(nonce);
    }
  }
}
