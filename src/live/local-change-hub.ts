import { LRUCache } from 'lru-cache';
import { LiveCursorError, type ChangeHub, type ChangeNotice, type ChangeStream, type ChangeSubscribeOptions } from './change-hub.js';
import { compare, decodeCursor, encodeCursor, type LogPosition } from './cursor.js';
import { MemoryCrossSource } from './cross-source.js';
import { SubscriberQueue, type LoggedChange } from './subscriber-queue.js';

/** Subscriptions of this replica, by tenant; hubs deliver to them. */
export class LocalSubscribers {
  private readonly byTenant = new Map<string, Set<SubscriberQueue>>();
  /** Told when a tenant's last subscription here closed. */
  onEmpty: ((tenantKey: string) => void) | null = null;

  /** `logSize`: a subscriber may have that many events waiting (a whole log at resume) and more. */
  constructor(private readonly logSize: number) {}

  add(tenantKey: string, options: ChangeSubscribeOptions, after: LogPosition | null): SubscriberQueue {
    let set = this.byTenant.get(tenantKey);
    if (!set) this.byTenant.set(tenantKey, (set = new Set()));
    const own = set;
    const queue = new SubscriberQueue(
      options.resources,
      after,
      () => {
        own.delete(queue);
        if (own.size === 0 && this.byTenant.get(tenantKey) === own) {
          this.byTenant.delete(tenantKey);
          this.onEmpty?.(tenantKey);
        }
      },
      this.logSize,
    );
    own.add(queue);
    return queue;
  }

  deliver(tenantKey: string, entries: readonly LoggedChange[]): void {
    for (const queue of this.byTenant.get(tenantKey) ?? []) queue.push(entries);
  }

  /** Every subscription of this replica, with its tenant. */
  *all(): Generator<[string, SubscriberQueue]> {
    for (const [tenantKey, set] of this.byTenant) for (const queue of set) yield [tenantKey, queue];
  }

  count(tenantKey?: string): number {
    if (tenantKey !== undefined) return this.byTenant.get(tenantKey)?.size ?? 0;
    let total = 0;
    for (const set of this.byTenant.values()) total += set.size;
    return total;
  }

  closeAll(): void {
    for (const set of [...this.byTenant.values()]) for (const queue of [...set]) queue.close();
  }
}

/**
 * One process (the embedded default, and the fallback while Redis is away): a ring of the last
 * `logSize` events per tenant in memory. Positions are `epoch-seq`, the epoch being when this
 * hub was made, so a cursor of an earlier process is older than the log, never mistaken for one
 * of this process.
 */
/** Tenants whose logs are kept in memory at most (the least recently published to are forgotten first). */
const MAX_TENANT_LOGS = 10_000;

export class LocalChangeHub implements ChangeHub {
  readonly subscribers: LocalSubscribers;
  /** A tenant's log is forgotten `logTtlMs` after its last event (as the Redis stream's PEXPIRE does). */
  private readonly logs: LRUCache<string, LoggedChange[]>;
  private readonly epoch = BigInt(Date.now());
  private readonly crossSource = new MemoryCrossSource();
  private sequence = 0n;

  constructor(
    private readonly logSize = 10_000,
    logTtlMs = 24 * 3_600_000,
  ) {
    this.subscribers = new LocalSubscribers(logSize);
    this.logs = new LRUCache({ max: MAX_TENANT_LOGS, ttl: logTtlMs, updateAgeOnGet: false });
  }

  publish(tenantKey: string, changes: ChangeNotice | readonly ChangeNotice[]): Promise<void> {
    const entries = this.log(tenantKey, this.crossSource.firstReports(tenantKey, toArray(changes)));
    if (entries.length > 0) this.subscribers.deliver(tenantKey, entries);
    return Promise.resolve();
  }

  /** Appends to the tenant's ring; the entries with their positions. */
  log(tenantKey: string, changes: readonly ChangeNotice[]): LoggedChange[] {
    if (changes.length === 0) return [];
    const log = this.logs.get(tenantKey) ?? [];
    // Set again on every publish: the TTL counts from the tenant's last event.
    this.logs.set(tenantKey, log);
    const entries = changes.map((notice) => {
      this.sequence += 1n;
      const position: LogPosition = { kind: 'm', ms: this.epoch, seq: this.sequence };
      return { position, change: liveChange(notice, encodeCursor(position)) };
    });
    log.push(...entries);
    if (log.length > this.logSize) log.splice(0, log.length - this.logSize);
    return entries;
  }

  subscribe(tenantKey: string, options: ChangeSubscribeOptions = {}): Promise<ChangeStream> {
    try {
      const after = options.after === undefined ? null : decodeCursor(options.after);
      const backlog = after ? this.since(tenantKey, after) : [];
      const queue = this.subscribers.add(tenantKey, options, after);
      queue.push(backlog);
      return Promise.resolve(queue.stream());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** What the log holds after `after`; refuses a cursor it cannot vouch for. */
  since(tenantKey: string, after: LogPosition): LoggedChange[] {
    const log = this.logs.get(tenantKey) ?? [];
    if (after.kind !== 'm' || after.ms > this.epoch || (after.ms === this.epoch && after.seq > this.sequence)) {
      throw new LiveCursorError('CURSOR_UNKNOWN', 'This cursor was not given by this gateway.');
    }
    const first = log[0];
    const index = log.findIndex((entry) => compare(entry.position, after) === 0);
    if (index >= 0) return log.slice(index + 1);
    if (!first || compare(after, first.position) < 0) {
      throw new LiveCursorError('CURSOR_EXPIRED', 'This cursor is older than the events the gateway keeps: subscribe without `after` and read what you missed with the `…Changes` queries.');
    }
    throw new LiveCursorError('CURSOR_UNKNOWN', 'This cursor was not given by this gateway.');
  }

  subscriberCount(tenantKey?: string): number {
    return this.subscribers.count(tenantKey);
  }

  close(): Promise<void> {
    this.subscribers.closeAll();
    return Promise.resolve();
  }
}

export function toArray(changes: ChangeNotice | readonly ChangeNotice[]): readonly ChangeNotice[] {
  return Array.isArray(changes) ? (changes as readonly ChangeNotice[]) : [changes as ChangeNotice];
}

export function liveChange(notice: ChangeNotice, cursor: string): LoggedChange['change'] {
  const { cursor: upstreamCursor, ...rest } = notice;
  return { ...rest, cursor, ...(upstreamCursor !== undefined ? { upstreamCursor } : {}) };
}
