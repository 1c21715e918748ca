import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { closeRedisClient } from './closing.js';
import type { RedisHealth } from './redis-health.js';

export interface SharedRedisOptions {
  readonly url: string;
  /** Every key and channel starts with it, so several gateways (or tests) share one Redis. */
  readonly prefix: string;
  readonly health: RedisHealth;
}

/**
 * This replica's connections for the state it shares with the others (idempotency records,
 * bulk operations, invalidation, leases): one for commands, one for pub/sub. Commands fail
 * at once while Redis is unreachable (no offline queue), so callers fall back instead of
 * hanging; the subscriber resubscribes by itself when Redis returns, and whoever listens is
 * told that messages may have been missed meanwhile.
 */
export class SharedRedis {
  /** Tells this replica's own messages apart from the others'. */
  readonly replicaId = randomUUID();
  readonly command: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private readonly gapListeners = new Set<() => void>();
  private subscriberWasReady = false;
  private subscriberLost = false;
  private closed = false;

  constructor(private readonly options: SharedRedisOptions) {
    const common = { connectTimeout: 2_000, retryStrategy: () => 250 };
    // Until the first connection, commands wait for it (or fail with it); after, they fail at
    // once whenever Redis is away.
    this.command = new Redis(options.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: 0, commandTimeout: 1_000 });
    this.command.once('ready', () => {
      this.command.options.enableOfflineQueue = false;
    });
    // Subscriptions made before the first connection wait for it; they come back by themselves.
    this.subscriber = new Redis(options.url, { ...common, maxRetriesPerRequest: null, autoResubscribe: true });
    this.watch(this.command, 'shared state');
    this.watch(this.subscriber, 'invalidation events');
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    this.subscriber.on('ready', () => {
      if (this.subscriberWasReady && this.subscriberLost) for (const listener of this.gapListeners) listener();
      this.subscriberWasReady = true;
      this.subscriberLost = false;
    });
    this.subscriber.on('close', () => {
      if (this.subscriberWasReady) this.subscriberLost = true;
    });
  }

  get prefix(): string {
    return this.options.prefix;
  }

  /** `prefix:a:b`: tenant ids are hashes of tokens, so no token ever appears in a key. */
  key(...parts: readonly (string | number)[]): string {
    return [this.options.prefix, ...parts].join(':');
  }

  get ready(): boolean {
    return this.command.status === 'ready';
  }

  /** Resolves once commands can be sent (at once if they can now). */
  whenReady(): Promise<void> {
    if (this.ready || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.command.off('ready', done);
        this.command.off('end', done);
        resolve();
      };
      this.command.on('ready', done);
      this.command.on('end', done);
    });
  }

  /** Messages on `channel` (under the prefix) from every replica, this one included. */
  subscribe(channel: string, handler: (message: string) => void): () => void {
    const name = this.key(channel);
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
      void this.subscriber.subscribe(name).catch(() => undefined);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(name) === set) {
        this.handlers.delete(name);
        void this.subscriber.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  /** Publishes to every replica's subscribers: how many received it; rejects when Redis cannot be reached. */
  publish(channel: string, message: string): Promise<number> {
    return this.command.publish(this.key(channel), message);
  }

  /** Whether this replica's own subscriber is connected (and so counted among the receivers). */
  get subscribed(): boolean {
    return this.subscriber.status === 'ready';
  }

  /** Called after the subscriber reconnected: messages sent meanwhile were not received. */
  onMessagesMissed(listener: () => void): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([closeRedisClient(this.command), closeRedisClient(this.subscriber)]);
  }

  private watch(client: Redis, part: string): void {
    // Failures are handled where commands fail; without a listener ioredis would log them itself.
    client.on('error', () => {
      if (!this.closed && client.status !== 'ready') this.options.health.reportDown(part);
    });
    client.on('close', () => {
      if (!this.closed) this.options.health.reportDown(part);
    });
    client.on('ready', () => this.options.health.reportUp(part));
  }
}
