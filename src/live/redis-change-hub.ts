import type { SharedRedis } from '../state/shared-redis.js';
import { LiveCursorError, type ChangeHub, type ChangeNotice, type ChangeStream, type ChangeSubscribeOptions } from './change-hub.js';
import { compare, decodeCursor, encodeCursor, idOf, positionOf, type LogPosition } from './cursor.js';
import { LocalChangeHub, liveChange, toArray } from './local-change-hub.js';
import type { LoggedChange } from './subscriber-queue.js';

const CHANNEL = 'live-changes';

interface Message {
  readonly from: string;
  readonly tenantKey: string;
  readonly entries: readonly { readonly id: string; readonly notice: ChangeNotice }[];
}

export interface RedisChangeHubOptions {
  /** Events kept per tenant (a Redis stream trimmed to about this length). */
  readonly logSize: number;
  /** A tenant's log is dropped when nothing was published for this long. */
  readonly logTtlMs: number;
}

/**
 * Replicas sharing a Redis: each tenant's log is a Redis stream (`XADD … MAXLEN ~`), whose
 * entry ids are the cursors; Redis pub/sub carries each published batch to the other replicas.
 * A replica whose pub/sub connection dropped re-reads every subscription's log from its last
 * cursor when it is back, so nothing is missed or repeated. While Redis cannot be reached,
 * events are logged and delivered in this replica only (memory cursors).
 */
export class RedisChangeHub implements ChangeHub {
  private readonly local: LocalChangeHub;
  private readonly unsubscribe: () => void;
  private readonly stopGapWatch: () => void;

  constructor(
    private readonly redis: SharedRedis,
    private readonly options: RedisChangeHubOptions,
  ) {
    this.local = new LocalChangeHub(options.logSize, options.logTtlMs);
    this.unsubscribe = redis.subscribe(CHANNEL, (raw) => {
      const message = JSON.parse(raw) as Message;
      if (message.from === redis.replicaId) return;
      this.local.subscribers.deliver(message.tenantKey, message.entries.map(({ id, notice }) => logged(id, notice)));
    });
    this.stopGapWatch = redis.onMessagesMissed(() => void this.catchUp());
  }

  async publish(tenantKey: string, changes: ChangeNotice | readonly ChangeNotice[]): Promise<void> {
    const notices = toArray(changes);
    if (notices.length === 0) return;
    const key = this.key(tenantKey);
    let ids: string[];
    try {
      const multi = this.redis.command.multi();
      for (const notice of notices) multi.xadd(key, 'MAXLEN', '~', String(this.options.logSize), '*', 'n', JSON.stringify(notice));
      multi.pexpire(key, this.options.logTtlMs);
      const results = (await multi.exec()) ?? [];
      ids = results.slice(0, notices.length).map(([error, id]) => {
        if (error) throw error;
        return String(id);
      });
    } catch {
      await this.local.publish(tenantKey, notices);
      return;
    }
    const entries = notices.map((notice, i) => ({ id: ids[i]!, notice }));
    this.local.subscribers.deliver(tenantKey, entries.map(({ id, notice }) => logged(id, notice)));
    const message: Message = { from: this.redis.replicaId, tenantKey, entries };
    await this.redis.publish(CHANNEL, JSON.stringify(message)).catch(() => undefined);
  }

  async subscribe(tenantKey: string, options: ChangeSubscribeOptions = {}): Promise<ChangeStream> {
    const after = options.after === undefined ? null : decodeCursor(options.after);
    if (after?.kind === 'm') return this.local.subscribe(tenantKey, options);
    const queue = this.local.subscribers.add(tenantKey, options, after);
    if (!after) return queue.stream();
    queue.hold();
    try {
      queue.release(await this.backlog(tenantKey, after));
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
    await this.local.close();
  }

  private key(tenantKey: string): string {
    return this.redis.key('live', tenantKey);
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
    return rest.map(([entryId, fields]) => logged(entryId, JSON.parse(fields[1] ?? '{}') as ChangeNotice));
  }

  /** After a pub/sub gap: each subscription reads what it missed from the log. */
  private async catchUp(): Promise<void> {
    for (const [tenantKey, queue] of [...this.local.subscribers.all()]) {
      const last = queue.lastPosition;
      if (!last || last.kind !== 'r') continue;
      const missed = await this.redis.command.xrange(this.key(tenantKey), `(${idOf(last)}`, '+').catch(() => []);
      queue.push(missed.map(([entryId, fields]) => logged(entryId, JSON.parse(fields[1] ?? '{}') as ChangeNotice)));
    }
  }
}

function logged(id: string, notice: ChangeNotice): LoggedChange {
  const position = positionOf('r', id);
  return { position, change: liveChange(notice, encodeCursor(position)) };
}
