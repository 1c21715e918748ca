import type { Redis } from 'ioredis';
import type { SharedRedis } from './shared-redis.js';

/**
 * Work that one replica at a time should do (the changelog poll of a token): whoever holds
 * the lease does it, and keeps it by calling `hold` again before it expires. A replica that
 * dies lets its leases expire; another one takes them at its next try.
 */
export interface Leases {
  /** Takes the lease, or extends it when this replica holds it: true while this replica holds it. */
  hold(name: string, ttlMs: number): Promise<boolean>;
  /** Lets another replica take it at once (this replica stopped doing the work). */
  release(name: string): Promise<void>;
}

/** One process: it always holds every lease. */
export class LocalLeases implements Leases {
  hold(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}

const HOLD = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type LeaseCommands = Redis & {
  plLeaseHold(key: string, holder: string, ttlMs: number): Promise<number>;
  plLeaseRelease(key: string, holder: string): Promise<number>;
};

/**
 * Leases as Redis keys holding the holder's replica id, with a TTL. When Redis cannot be
 * reached every replica holds every lease: each does the work itself, as a lone process
 * would, rather than nobody doing it.
 */
export class RedisLeases implements Leases {
  private readonly commands: LeaseCommands;

  constructor(private readonly redis: SharedRedis) {
    redis.command.defineCommand('plLeaseHold', { numberOfKeys: 1, lua: HOLD });
    redis.command.defineCommand('plLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
    this.commands = redis.command as LeaseCommands;
  }

  async hold(name: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.commands.plLeaseHold(this.redis.key('lease', name), this.redis.replicaId, Math.ceil(ttlMs))) === 1;
    } catch {
      return true;
    }
  }

  async release(name: string): Promise<void> {
    await this.commands.plLeaseRelease(this.redis.key('lease', name), this.redis.replicaId).catch(() => undefined);
  }
}
