import type { SharedRedis } from './shared-redis.js';

/**
 * Small named groups of string fields every replica reads and writes, kept for a while
 * (e.g. the changelog positions of a token: feed → Pennylane's `processed_at`), so the
 * replica that takes over some work continues where the last one stopped, and a restart
 * loses nothing.
 */
export interface SharedValues {
  read(group: string): Promise<Record<string, string>>;
  /** Sets these fields (others stay) and keeps the group for `ttlMs` from now. */
  write(group: string, fields: Readonly<Record<string, string>>, ttlMs: number): Promise<void>;
}

/** One process (the embedded default); also what a Redis-backed store falls back to. */
export class LocalValues implements SharedValues {
  private readonly groups = new Map<string, { fields: Record<string, string>; expiresAt: number }>();

  read(group: string): Promise<Record<string, string>> {
    const entry = this.groups.get(group);
    if (!entry || entry.expiresAt <= Date.now()) {
      this.groups.delete(group);
      return Promise.resolve({});
    }
    return Promise.resolve({ ...entry.fields });
  }

  write(group: string, fields: Readonly<Record<string, string>>, ttlMs: number): Promise<void> {
    const entry = this.groups.get(group);
    const kept = entry && entry.expiresAt > Date.now() ? entry.fields : {};
    this.groups.set(group, { fields: { ...kept, ...fields }, expiresAt: Date.now() + ttlMs });
    return Promise.resolve();
  }
}

/**
 * A Redis hash per group. Every write also lands in this replica's memory, which answers
 * while Redis cannot be reached.
 */
export class RedisValues implements SharedValues {
  private readonly local = new LocalValues();

  constructor(
    private readonly redis: SharedRedis,
    private readonly namespace: string,
  ) {}

  async read(group: string): Promise<Record<string, string>> {
    try {
      return await this.redis.command.hgetall(this.redis.key(this.namespace, group));
    } catch {
      return this.local.read(group);
    }
  }

  async write(group: string, fields: Readonly<Record<string, string>>, ttlMs: number): Promise<void> {
    await this.local.write(group, fields, ttlMs);
    if (Object.keys(fields).length === 0) return;
    const key = this.redis.key(this.namespace, group);
    await this.redis.command
      .multi()
      .hset(key, fields)
      .pexpire(key, Math.ceil(ttlMs))
      .exec()
      .catch(() => undefined);
  }
}
