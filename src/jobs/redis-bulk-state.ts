import type { Redis } from 'ioredis';
import type { SharedRedis } from '../state/shared-redis.js';
import { BulkStateUnavailableError, itemOf, statusOf, type BulkItem, type BulkOperationView } from './bulk-jobs.js';
import { decodeResult, type ItemErrorCodec } from './bulk-codec.js';

/**
 * Where a bulk operation stands, in Redis, readable by every replica:
 *   bulk:<id>          hash: tenant, kind, total, createdAt, succeeded, failed, finishedAt, startedAt
 *   bulk:<id>:items    hash: index → `S` (started) | `K{…}` (succeeded) | `F{…}` (failed)
 *   bulk-latest:<tenant>  the tenant's last operation id
 * Both hashes expire the retention time after the operation's last change. An item settles
 * once (a second result for it is ignored), atomically with the counts, and each change is
 * published on `bulk-progress` for the subscribers of every replica.
 */
export const PROGRESS_CHANNEL = 'bulk-progress';

/** ARGV: id, tenant, kind, total, createdAt, retentionMs, finishedAt-if-done, setLatest, channel, then index/value pairs. */
const UPSERT = `
redis.call('HSETNX', KEYS[1], 'tenant', ARGV[2])
redis.call('HSETNX', KEYS[1], 'kind', ARGV[3])
redis.call('HSETNX', KEYS[1], 'total', ARGV[4])
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[5])
for i = 10, #ARGV, 2 do
  local current = redis.call('HGET', KEYS[2], ARGV[i])
  if (not current) or (current == 'S' and ARGV[i + 1] ~= 'S') then redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
end
local succeeded, failed = 0, 0
for _, value in ipairs(redis.call('HVALS', KEYS[2])) do
  local first = string.sub(value, 1, 1)
  if first == 'K' then succeeded = succeeded + 1 elseif first == 'F' then failed = failed + 1 end
end
redis.call('HSET', KEYS[1], 'succeeded', succeeded, 'failed', failed)
if succeeded + failed >= tonumber(ARGV[4]) then redis.call('HSETNX', KEYS[1], 'finishedAt', ARGV[7]) end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
if ARGV[8] == '1' then redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[6]) end
redis.call('PUBLISH', ARGV[9], ARGV[1])
return 1`;

/** ARGV: index, value, finishedAt-if-done, retentionMs, channel, id. -1: the operation is gone (Redis lost it). */
const SETTLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current and current ~= 'S' then return 0 end
if current == 'S' and ARGV[2] == 'S' then return 1 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
if ARGV[2] == 'S' then return 1 end
local field = 'failed'
if string.sub(ARGV[2], 1, 1) == 'K' then field = 'succeeded' end
redis.call('HINCRBY', KEYS[1], field, 1)
local counts = redis.call('HMGET', KEYS[1], 'succeeded', 'failed', 'total')
if tonumber(counts[1]) + tonumber(counts[2]) >= tonumber(counts[3]) then redis.call('HSETNX', KEYS[1], 'finishedAt', ARGV[3]) end
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1`;

type StateCommands = Redis & {
  plBulkUpsert(meta: string, items: string, latest: string, ...args: (string | number)[]): Promise<number>;
  plBulkSettle(meta: string, items: string, ...args: (string | number)[]): Promise<number>;
};

export interface OperationHead {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: string;
  readonly total: number;
  readonly createdAt: string;
}

export interface StoredOperation extends OperationHead {
  readonly succeeded: number;
  readonly failed: number;
  readonly finishedAt: string | null;
  readonly startedAt: string | null;
}

export class RedisBulkState {
  private readonly commands: StateCommands;

  constructor(
    private readonly redis: SharedRedis,
    private readonly errors: ItemErrorCodec,
    private readonly retentionMs: number,
  ) {
    redis.command.defineCommand('plBulkUpsert', { numberOfKeys: 3, lua: UPSERT });
    redis.command.defineCommand('plBulkSettle', { numberOfKeys: 2, lua: SETTLE });
    this.commands = redis.command as StateCommands;
  }

  /** Writes the operation, merging with what Redis has: settled items stay, counts are recounted. */
  async upsert(head: OperationHead, items: ReadonlyMap<number, string>, setLatest: boolean): Promise<void> {
    const pairs = [...items].flatMap(([index, value]) => [index, value]);
    await this.commands.plBulkUpsert(
      this.metaKey(head.id),
      this.itemsKey(head.id),
      this.redis.key('bulk-latest', head.tenantId),
      head.id,
      head.tenantId,
      head.kind,
      head.total,
      head.createdAt,
      this.retentionMs,
      new Date().toISOString(),
      setLatest ? '1' : '0',
      this.redis.key(PROGRESS_CHANNEL),
      ...pairs,
    );
  }

  /** Records an item's result (or `S`, started); `missing` when Redis no longer has the operation. */
  async settle(id: string, index: number, value: string): Promise<'ok' | 'missing'> {
    const reply = await this.commands.plBulkSettle(
      this.metaKey(id),
      this.itemsKey(id),
      index,
      value,
      new Date().toISOString(),
      this.retentionMs,
      this.redis.key(PROGRESS_CHANNEL),
      id,
    );
    return reply === -1 ? 'missing' : 'ok';
  }

  async markRunStarted(id: string): Promise<void> {
    await this.redis.command.hset(this.metaKey(id), 'startedAt', new Date().toISOString());
  }

  async head(id: string): Promise<StoredOperation | null> {
    const fields = await this.read(() => this.redis.command.hgetall(this.metaKey(id)));
    if (!fields.tenant || !fields.total) return null;
    return {
      id,
      tenantId: fields.tenant,
      kind: fields.kind ?? '',
      total: Number(fields.total),
      createdAt: fields.createdAt ?? '',
      succeeded: Number(fields.succeeded ?? 0),
      failed: Number(fields.failed ?? 0),
      finishedAt: fields.finishedAt ?? null,
      startedAt: fields.startedAt ?? null,
    };
  }

  /** Each item's stored value (`S`, `K…`, `F…`) by index. */
  async storedItems(id: string): Promise<Map<number, string>> {
    const fields = await this.read(() => this.redis.command.hgetall(this.itemsKey(id)));
    return new Map(Object.entries(fields).map(([index, value]) => [Number(index), value]));
  }

  async latestId(tenantId: string): Promise<string | null> {
    return this.read(() => this.redis.command.get(this.redis.key('bulk-latest', tenantId)));
  }

  view(stored: StoredOperation): BulkOperationView {
    return viewOf(stored, async () => {
      const items = await this.storedItems(stored.id);
      return Array.from({ length: stored.total }, (_, index) => {
        const value = items.get(index);
        return itemOf(index, value ? (decodeResult(value, this.errors) ?? undefined) : undefined);
      });
    });
  }

  private async read<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new BulkStateUnavailableError('Bulk operations cannot be read right now: this gateway cannot reach its Redis. Retry in a moment; running operations pause and resume by themselves.');
    }
  }

  private metaKey(id: string): string {
    return this.redis.key('bulk', id);
  }

  private itemsKey(id: string): string {
    return this.redis.key('bulk', id, 'items');
  }
}

export function viewOf(
  stored: Omit<StoredOperation, 'tenantId' | 'startedAt'>,
  items: () => Promise<readonly BulkItem[]>,
): BulkOperationView {
  return {
    id: stored.id,
    kind: stored.kind,
    total: stored.total,
    succeeded: stored.succeeded,
    failed: stored.failed,
    processed: stored.succeeded + stored.failed,
    status: statusOf(stored),
    createdAt: stored.createdAt,
    finishedAt: stored.finishedAt,
    items,
  };
}
