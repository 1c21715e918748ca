import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedRedis } from '../../state/shared-redis.js';
import type { Tenant } from '../tenant.js';
import { OutcomeUnknownError } from './write-errors.js';
import {
  conflict,
  fingerprintOf,
  IDEMPOTENCY_TTL_MS,
  MemoryIdempotencyStore,
  type IdempotencyStore,
  type IdempotentAttempt,
  type IdempotentResult,
} from './idempotency-store.js';

/**
 * A record per key in Redis (a hash, kept 24 h), so every replica honours every key:
 *   pending  a replica is running the write; it renews `leaseUntil` while it does. A repeat
 *            waits; once the lease ran out (that replica died), the repeat takes the record
 *            over and runs `resumed`, checking before writing.
 *   done     the result, replayed to every repeat.
 *   unknown  the write failed with an unknown outcome: the next attempt runs `resumed`.
 * A failure that wrote nothing deletes the record. Lease times are Redis's own clock.
 * When Redis cannot be reached, keys are honoured by this replica alone (its memory).
 */
const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rec = redis.call('HMGET', KEYS[1], 'fp', 'state', 'leaseUntil', 'value')
if not rec[1] then
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'pending', 'owner', ARGV[2], 'leaseUntil', now + tonumber(ARGV[3]))
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {'claimed', '0'}
end
if rec[1] ~= ARGV[1] then return {'conflict', ''} end
if rec[2] == 'done' then return {'done', rec[4]} end
if rec[2] == 'unknown' or tonumber(rec[3]) < now then
  redis.call('HSET', KEYS[1], 'state', 'pending', 'owner', ARGV[2], 'leaseUntil', now + tonumber(ARGV[3]))
  return {'claimed', '1'}
end
return {'wait', tostring(tonumber(rec[3]) - now)}`;

const RENEW = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return 0 end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'leaseUntil', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2]))
return 1`;

/** ARGV: owner, outcome (done | unknown | free), value, ttl. */
const FINISH = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
if ARGV[2] == 'free' then return redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'value', ARGV[3])
redis.call('HDEL', KEYS[1], 'owner', 'leaseUntil')
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

type IdempotencyCommands = Redis & {
  plIdemClaim(key: string, fingerprint: string, owner: string, leaseMs: number, ttlMs: number): Promise<[string, string]>;
  plIdemRenew(key: string, owner: string, leaseMs: number): Promise<number>;
  plIdemFinish(key: string, owner: string, outcome: 'done' | 'unknown' | 'free', value: string, ttlMs: number): Promise<number>;
};

export interface RedisIdempotencyStoreOptions {
  /** How long a write in progress stays claimed by a replica that stopped renewing it. */
  readonly leaseMs: number;
  readonly ttlMs?: number;
}

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly commands: IdempotencyCommands;
  private readonly local = new MemoryIdempotencyStore();
  private readonly ttlMs: number;
  private sequence = 0;

  constructor(
    private readonly redis: SharedRedis,
    private readonly options: RedisIdempotencyStoreOptions,
  ) {
    this.ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
    redis.command.defineCommand('plIdemClaim', { numberOfKeys: 1, lua: CLAIM });
    redis.command.defineCommand('plIdemRenew', { numberOfKeys: 1, lua: RENEW });
    redis.command.defineCommand('plIdemFinish', { numberOfKeys: 1, lua: FINISH });
    this.commands = redis.command as IdempotencyCommands;
  }

  async run<T>(tenant: Tenant, scope: string, key: string, input: unknown, execute: (attempt: IdempotentAttempt) => Promise<T>): Promise<IdempotentResult<T>> {
    const recordKey = this.redis.key('idempotency', tenant.id, createHash('sha256').update(`${scope}|${key}`).digest('base64url').slice(0, 32));
    const fingerprint = fingerprintOf(input);
    const owner = `${this.redis.replicaId}:${(this.sequence += 1)}`;
    for (;;) {
      let reply: [string, string];
      try {
        reply = await this.commands.plIdemClaim(recordKey, fingerprint, owner, this.options.leaseMs, this.ttlMs);
      } catch {
        return this.local.run(tenant, scope, key, input, execute);
      }
      const [state, detail] = reply;
      if (state === 'conflict') throw conflict(scope, key);
      if (state === 'done') return { value: JSON.parse(detail) as T, replayed: true };
      if (state === 'claimed') return { value: await this.execute(recordKey, owner, detail === '1', execute), replayed: false };
      // Another request (on any replica) is running this write: wait for its result.
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(10, Number(detail)))));
    }
  }

  private async execute<T>(recordKey: string, owner: string, resumed: boolean, execute: (attempt: IdempotentAttempt) => Promise<T>): Promise<T> {
    const renew = setInterval(() => void this.commands.plIdemRenew(recordKey, owner, this.options.leaseMs).catch(() => undefined), Math.max(50, this.options.leaseMs / 3));
    renew.unref();
    const finish = (outcome: 'done' | 'unknown' | 'free', value = '') =>
      // If this fails the record stays pending until its lease runs out: the next attempt looks first.
      this.commands.plIdemFinish(recordKey, owner, outcome, value, this.ttlMs).catch(() => undefined);
    try {
      const value = await execute({ resumed });
      clearInterval(renew);
      await finish('done', JSON.stringify(value ?? null));
      return value;
    } catch (error) {
      clearInterval(renew);
      await finish(error instanceof OutcomeUnknownError ? 'unknown' : 'free');
      throw error;
    }
  }
}
