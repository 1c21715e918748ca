import type { SharedRedis } from '../state/shared-redis.js';
import { LiveCursorError, type ChangeHub, type ChangeNotice, type ChangeStream, type ChangeSubscribeOptions } from './change-hub.js';
import { compare, decodeCursor, encodeCursor, idOf, positionOf, type LogPosition } from './cursor.js';
import { RedisCrossSource } from './cross-source.js';
import { LocalChangeHub, liveChange, toArray } from './local-change-hub.js';
import type { LoggedChange } from './subscriber-queue.js';

const CHANNEL = 'live-changes';

/** The doorbell: "the log of `tenantKey` grew". The events themselves are read from the stream. */
interface Doorbell {
  readonly from: string;
  readonly tenantKey: string;
}

/** How far this replica delivered a tenant's stream to its own subscribers, and its reads in turn. */
interface Reader {
  /** The last stream id handed to this replica's subscribers; null while it is not known. */
  delivered: string | null;
  /** The reads of this tenant, one after the other (so deliveries are in stream order). */
  chain: Promise<void>;
  /** A read waiting its turn: further doorbells are served by it. */
  queued: Promise<void> | null;
}

export interface RedisChangeHubOptions {
  /** Events kept per tenant (a Redis stream trimmed to about this length). */
  readonly logSize: number;
  /** A tenant's log is dropped when nothing was published for this long. */
  readonly logTtlMs: number;
}

/**
 * Replicas sharing a Redis: each tenant's log is a Redis stream (`XADD … MAXLEN ~`), whose
 * entry ids are the cursors, and the stream alone decides the order. Publishes from several
 * replicas (the poll on the lease holder, webhooks wherever they arrive) interleave, so no
 * replica delivers what it was told directly: a publish rings a pub/sub doorbell, and each
 * replica with subscribers of that tenant reads the stream after the last id it delivered
 * (its own publishes included), in turn, so every subscriber sees each event once, in stream
 * order. After a pub/sub gap every reader reads again. While Redis cannot be reached, events
 * are logged and delivered in this replica only (memory cursors).
 */
export class RedisChangeHub implements ChangeHub {
  private readonly local: LocalChangeHub;
  private readonly readers = new Map<string, Reader>();
  private readonly unsubscribe: () => void;
  private readonly stopGapWatch: () => void;
  private batchCount = 0;
  private readonly crossSource: RedisCrossSource;

  constructor(
    private readonly redis: SharedRedis,
    private readonly options: RedisChangeHubOptions,
  ) {
    this.local = new LocalChangeHub(options.logSize, options.logTtlMs);
    this.crossSource = new RedisCrossSource(redis);
    // No subscriber of the tenant left here: its stream is no longer read (nor remembered).
    this.local.subscribers.onEmpty = (tenantKey) => this.readers.delete(tenantKey);
    this.unsubscribe = redis.subscribe(CHANNEL, (raw) => {
      const message = JSON.parse(raw) as Doorbell;
      if (message.from !== redis.replicaId && typeof message.tenantKey === 'string') void this.read(message.tenantKey);
    });
    this.stopGapWatch = redis.onMessagesMissed(() => {
      for (const tenantKey of [...this.readers.keys()]) void this.read(tenantKey);
    });
  }

  async publish(tenantKey: string, changes: ChangeNotice | readonly ChangeNotice[]): Promise<void> {
    let notices = toArray(changes);
    if (notices.length === 0) return;
    const key = this.key(tenantKey);
    // Entries of one publish share a tag, so a reader hands them over as one batch.
    const batch = `${this.redis.replicaId}:${(this.batchCount += 1)}`;
    try {
      notices = await this.crossSource.firstReports(tenantKey, notices);
      if (notices.length === 0) return;
      const multi = this.redis.command.multi();
      for (const notice of notices) multi.xadd(key, 'MAXLEN', '~', String(this.options.logSize), '*', 'n', JSON.stringify(notice), 'b', batch);
      multi.pexpire(key, this.options.logTtlMs);
      const results = (await multi.exec()) ?? [];
      for (const [error] of results) if (error) throw error;
    } catch {
      await this.local.publish(tenantKey, notices);
      return;
    }
    const doorbell: Doorbell = { from: this.redis.replicaId, tenantKey };
    await Promise.all([this.read(tenantKey), this.redis.publish(CHANNEL, JSON.stringify(doorbell)).catch(() => undefined)]);
  }

  async subscribe(tenantKey: string, options: ChangeSubscribeOptions = {}): Promise<ChangeStream> {
    const after = options.after === undefined ? null : decodeCursor(options.after);
    if (after?.kind === 'm') return this.local.subscribe(tenantKey, options);
    // Added first: while it is open, its tenant's reader is kept.
    const queue = this.local.subscribers.add(tenantKey, options, after);
    if (after) queue.hold();
    try {
      await this.readerOf(tenantKey).chain;
      if (after) queue.release(await this.backlog(tenantKey, after));
    } catch (error) {
      queue.close();
      throw error;
    }
    return queue.stream();
  }

  subscriberCount(tenantKey?: string): number {
    return this.local.subscriberCount(tenantKey);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.stopGapWatch();
    this.readers.clear();
    await this.local.close();
  }

  private key(tenantKey: string): string {
    return this.redis.key('live', tenantKey);
  }

  /** The tenant's reader, started at the stream's current end when this replica had none. */
  private readerOf(tenantKey: string): Reader {
    let reader = this.readers.get(tenantKey);
    if (!reader) {
      const fresh: Reader = { delivered: null, chain: Promise.resolve(), queued: null };
      fresh.chain = this.end(tenantKey)
        .then((id) => void (fresh.delivered ??= id))
        .catch(() => undefined);
      this.readers.set(tenantKey, (reader = fresh));
    }
    return reader;
  }

  /** The last id of the tenant's stream (`0-0` when it is empty). */
  private async end(tenantKey: string): Promise<string> {
    const last = await this.redis.command.xrevrange(this.key(tenantKey), '+', '-', 'COUNT', 1);
    return last[0]?.[0] ?? '0-0';
  }

  /**
   * Delivers what the tenant's stream holds after this replica's last delivered id, after the
   * reads before it; doorbells rung meanwhile are served by one further read.
   */
  private read(tenantKey: string): Promise<void> {
    const reader = this.readers.get(tenantKey);
    if (!reader) return Promise.resolve();
    if (reader.queued) return reader.queued;
    const turn = reader.chain.then(async () => {
      reader.queued = null;
      if (this.local.subscribers.count(tenantKey) === 0) {
        if (this.readers.get(tenantKey) === reader) this.readers.delete(tenantKey);
        return;
      }
      reader.delivered ??= await this.end(tenantKey);
      const entries = await this.redis.command.xrange(this.key(tenantKey), `(${reader.delivered}`, '+');
      const last = entries.at(-1);
      if (!last) return;
      reader.delivered = last[0];
      for (const batch of batches(entries)) this.local.subscribers.deliver(tenantKey, batch);
    });
    // A failed read (Redis away) leaves `delivered` as it was: the next doorbell or gap reads again.
    reader.chain = reader.queued = turn.catch(() => undefined);
    return reader.chain;
  }

  /** The log after `after`, refusing a cursor the log cannot vouch for. */
  private async backlog(tenantKey: string, after: LogPosition): Promise<LoggedChange[]> {
    const key = this.key(tenantKey);
    const id = idOf(after);
    const [first, exact, rest] = await Promise.all([
      this.redis.command.xrange(key, '-', '+', 'COUNT', 1),
      this.redis.command.xrange(key, id, id),
      this.redis.command.xrange(key, `(${id}`, '+'),
    ]);
    const firstId = first[0]?.[0];
    if (exact.length === 0) {
      if (firstId === undefined || compare(after, positionOf('r', firstId)) < 0) {
        throw new LiveCursorError('CURSOR_EXPIRED', 'This cursor is older than the events the gateway keeps: subscribe without `after` and read what you missed with the `…Changes` queries.');
      }
      throw new LiveCursorError('CURSOR_UNKNOWN', 'This cursor was not given by this gateway.');
    }
    return rest.map(([entryId, fields]) => logged(entryId, fields));
  }
}

type StreamEntry = [id: string, fields: string[]];

/** Consecutive entries of one publish (same tag) as one batch, in stream order. */
function batches(entries: readonly StreamEntry[]): LoggedChange[][] {
  const out: LoggedChange[][] = [];
  let tag: string | undefined;
  for (const [id, fields] of entries) {
    const entryTag = field(fields, 'b');
    if (out.length === 0 || entryTag === undefined || entryTag !== tag) out.push([]);
    tag = entryTag;
    out.at(-1)!.push(logged(id, fields));
  }
  return out;
}

function field(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function logged(id: string, fields: readonly string[]): LoggedChange {
  const position = positionOf('r', id);
  const notice = JSON.parse(field(fields, 'n') ?? '{}') as ChangeNotice;
  return { position, change: liveChange(notice, encodeCursor(position)) };
}
