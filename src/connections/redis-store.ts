import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { closeRedisClient } from '../state/closing.js';
import { parseRecord, type ConnectionRecord, type ConnectionStore, type StoreLock } from './connection-store.js';

/**
 * Connections in Redis, shared by every replica, under `<prefix>:oauth:`:
 * - `conn:<id>`: a hash `{g: generation, r: record JSON}`, written only by PUT_IF_GENERATION,
 *   so a replica holding an old read can never overwrite a newer pair (fencing);
 * - `conns`: the set of ids;
 * - `pending:<key>`: pending authorizations, with their expiry, read once (TAKE);
 * - `lock:<id>`: who refreshes a connection now (SET NX PX, released only by its holder).
 */

const PUT_IF_GENERATION = `
local current = redis.call('HGET', KEYS[1], 'g')
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'g', ARGV[2], 'r', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[4])
return 1
`;

const TAKE = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('DEL', KEYS[1]) end
return value
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface StoreCommands {
  plPutIfGeneration(key: string, set: string, expected: string, generation: string, json: string, id: string): Promise<number>;
  plTake(key: string): Promise<string | null>;
  plRelease(key: string, owner: string): Promise<number>;
}

export class RedisConnectionStore implements ConnectionStore {
  readonly kind = 'redis';
  private readonly redis: Redis & StoreCommands;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 3_000, connectTimeout: 3_000, retryStrategy: () => 250 });
    redis.defineCommand('plPutIfGeneration', { numberOfKeys: 2, lua: PUT_IF_GENERATION });
    redis.defineCommand('plTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('plRelease', { numberOfKeys: 1, lua: RELEASE });
    // Failures surface on the commands (as CONNECTION_STORE_UNAVAILABLE); ioredis would log them itself otherwise.
    redis.on('error', () => undefined);
    this.redis = redis as Redis & StoreCommands;
  }

  async get(id: string): Promise<ConnectionRecord | null> {
    const text = await this.redis.hget(this.key(`conn:${id}`), 'r');
    return text === null ? null : parseRecord(text);
  }

  async list(): Promise<ConnectionRecord[]> {
    const ids = await this.redis.smembers(this.key('conns'));
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.key(`conn:${id}`), 'r');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([, text]) => (typeof text === 'string' ? parseRecord(text) : null)).filter((r): r is ConnectionRecord => r !== null);
  }

  async put(record: ConnectionRecord, expectedGeneration: number | null): Promise<boolean> {
    const written = await this.redis.plPutIfGeneration(
      this.key(`conn:${record.id}`),
      this.key('conns'),
      expectedGeneration === null ? '' : String(expectedGeneration),
      String(record.generation),
      JSON.stringify(record),
      record.id,
    );
    return written === 1;
  }

  async delete(id: string): Promise<void> {
    await this.redis.multi().del(this.key(`conn:${id}`)).srem(this.key('conns'), id).exec();
  }

  async putPending(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(`pending:${key}`), value, 'PX', ttlMs);
  }

  async takePending(key: string): Promise<string | null> {
    return this.redis.plTake(this.key(`pending:${key}`));
  }

  async lock(id: string, ttlMs: number): Promise<StoreLock | null> {
    const owner = randomUUID();
    const key = this.key(`lock:${id}`);
    const taken = await this.redis.set(key, owner, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return null;
    return {
      release: async () => {
        await this.redis.plRelease(key, owner).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    await closeRedisClient(this.redis);
  }

  private key(suffix: string): string {
    return `${this.prefix}:oauth:${suffix}`;
  }
}
