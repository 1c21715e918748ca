import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { closeRedisClient } from '../../../state/closing.js';
import type { RedisHealth } from '../../../state/redis-health.js';
import type { SharedBucket, SharedGrant, SharedWindow, SharedWindowState } from '../shared-window.js';
import { ACQUIRE, COMPLETE, HEARTBEAT, JOIN_EPOCH, REPORT } from './scripts.js';
import { localShare, SendLog } from './send-log.js';

export interface RedisWindowOptions {
  readonly url: string;
  /** Every key starts with it, so several gateways (or tests) can share one Redis. */
  readonly prefix: string;
  /** The longest window of the configured buckets, margin included: the settle period. */
  readonly longestWindowMs: number;
  /** Replicas assumed when sizing the local share before Redis ever said how many there are. */
  readonly expectedReplicas: number;
  /** Where going local and rejoining is said, once for the whole replica. */
  readonly health: RedisHealth;
}

/** A replica that has not heartbeated for this long is not counted as live. */
const LIVE_MS = 3_000;
/** ... and after this long it is forgotten (a crashed replica stops reserving budget). */
const FORGET_MS = 60_000;
const HEARTBEAT_MS = 1_000;

type Mode = 'connecting' | 'shared' | 'local';

type ScriptReply = [number, number, number];

interface WindowCommands {
  plAcquire(...args: (string | number)[]): Promise<ScriptReply>;
  plJoinEpoch(epoch: string, settle: string, newEpoch: string, settleMs: number): Promise<string>;
  plHeartbeat(peers: string, replicaId: string, liveMs: number, forgetMs: number): Promise<[number, number]>;
  plReport(key: string, ...args: (string | number)[]): Promise<number>;
  plComplete(...args: (string | number)[]): Promise<number>;
}

/**
 * Each token's budget held in Redis for all replicas: a sliding window per bucket, checked
 * and taken atomically by a Lua script on Redis's own clock. When Redis cannot be reached
 * the replica keeps to a local share (1/replicas of each limit, after waiting out one
 * window, since it cannot know what the others just sent), logs it once, and rejoins when
 * Redis answers again, putting back what it sent meanwhile.
 */
export class RedisWindow implements SharedWindow {
  private readonly redis: Redis & WindowCommands;
  private readonly replicaId = randomUUID();
  private readonly log = new SendLog();
  private readonly windowOf = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private mode: Mode = 'connecting';
  private epoch: string | null = null;
  private joining: Promise<void> | null = null;
  /** When this replica went local: nothing leaves for one window after it. */
  private localSince = 0;
  private peers: number;
  /** Redis time minus local time, from the last script reply. */
  private clockOffsetMs = 0;
  private sequence = 0;
  private closed = false;

  constructor(private readonly options: RedisWindowOptions) {
    this.peers = Math.max(1, options.expectedReplicas);
    const redis = new Redis(options.url, {
      // Fail at once when disconnected, so the scheduler falls back instead of hanging.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 1_000,
      connectTimeout: 2_000,
      retryStrategy: () => 250,
      lazyConnect: false,
    });
    redis.defineCommand('plAcquire', { lua: ACQUIRE });
    redis.defineCommand('plJoinEpoch', { numberOfKeys: 2, lua: JOIN_EPOCH });
    redis.defineCommand('plHeartbeat', { numberOfKeys: 1, lua: HEARTBEAT });
    redis.defineCommand('plReport', { numberOfKeys: 1, lua: REPORT });
    redis.defineCommand('plComplete', { lua: COMPLETE });
    // Connection errors are handled where commands fail; without a listener ioredis would log them itself.
    redis.on('error', () => undefined);
    redis.on('ready', () => void this.join());
    this.redis = redis as Redis & WindowCommands;
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async tryAcquire(tenantId: string, buckets: readonly SharedBucket[]): Promise<SharedGrant> {
    for (const bucket of buckets) this.windowOf.set(bucket.name, bucket.windowMs);
    if (this.mode === 'connecting') await this.firstJoin();
    if (this.mode === 'local' && this.redis.status === 'ready') await this.join();
    if (this.mode === 'shared') {
      try {
        return await this.sharedAcquire(tenantId, buckets);
      } catch (error) {
        this.goLocal(error);
      }
    }
    return this.localAcquire(tenantId, buckets);
  }

  async complete(tenantId: string, buckets: readonly SharedBucket[], id: string): Promise<void> {
    this.log.complete(tenantId, buckets, id);
    if (this.mode !== 'shared' || this.redis.status !== 'ready') return;
    const keys = buckets.map((bucket) => this.windowKey(tenantId, bucket.name));
    // Lost when Redis is gone: the slot then counts from its send, and this replica waits a
    // whole window when it falls back anyway.
    await this.redis.plComplete(keys.length, ...keys, id, ...buckets.map((bucket) => bucket.windowMs)).catch(() => undefined);
  }

  state(): SharedWindowState {
    return { mode: this.mode, replica: this.replicaId, replicas: this.peers };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    // Unsaid when Redis is slow to answer: the other replicas stop counting this one when its heartbeat expires.
    await closeRedisClient(this.redis, () => this.redis.zrem(this.key('peers'), this.replicaId));
  }

  private async sharedAcquire(tenantId: string, buckets: readonly SharedBucket[]): Promise<SharedGrant> {
    for (let attempt = 0; ; attempt += 1) {
      const member = `${this.replicaId}:${(this.sequence += 1)}`;
      const keys = [this.key('epoch'), this.key('settle'), this.key('peers'), ...buckets.map((b) => this.windowKey(tenantId, b.name))];
      const args = [this.epoch ?? '', member, this.replicaId, LIVE_MS, FORGET_MS, ...buckets.flatMap((b) => [b.limit, b.windowMs])];
      const [code, redisNow, extra] = await this.redis.plAcquire(keys.length, ...keys, ...args);
      this.clockOffsetMs = redisNow - Date.now();
      if (code === -1) {
        // Redis lost its data (restart, eviction) or another replica already started a new epoch.
        if (attempt > 0) throw new Error('Redis epoch keeps changing');
        await this.joinEpoch();
        continue;
      }
      if (code === 0) {
        this.peers = Math.max(1, extra);
        this.log.record(tenantId, buckets, { at: Date.now(), member, shared: true });
        return { waitMs: 0, id: member };
      }
      return { waitMs: code, ...(extra > 0 ? { blockedBy: buckets[extra - 1]?.name } : {}) };
    }
  }

  private localAcquire(tenantId: string, buckets: readonly SharedBucket[]): SharedGrant {
    const now = Date.now();
    let wait = 0;
    let blockedBy: string | undefined;
    for (const bucket of buckets) {
      const share = localShare(bucket, this.peers);
      const sends = this.log.recent(tenantId, bucket.name, Math.max(share.windowMs, bucket.windowMs), now);
      const inShare = sends.filter((send) => send.at > now - share.windowMs);
      let bucketWait = this.localSince + bucket.windowMs - now;
      if (inShare.length >= share.limit) bucketWait = Math.max(bucketWait, inShare[inShare.length - share.limit]!.at + share.windowMs - now);
      if (bucketWait > wait) [wait, blockedBy] = [bucketWait, bucket.name];
    }
    if (wait > 0) return { waitMs: Math.ceil(wait), ...(blockedBy ? { blockedBy } : {}) };
    const member = `${this.replicaId}:${(this.sequence += 1)}`;
    this.log.record(tenantId, buckets, { at: now, member, shared: false });
    return { waitMs: 0, id: member };
  }

  /** The first call waits (briefly) for the connection instead of falling back at once. */
  private async firstJoin(): Promise<void> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, 2_000);
        this.redis.once('ready', done);
      });
    }
    await this.join();
    if (this.mode === 'connecting') this.goLocal(new Error('Redis did not answer in time'));
  }

  /** (Re)joins the shared window: adopts or starts the epoch, reports local sends. */
  private join(): Promise<void> {
    this.joining ??= (async () => {
      try {
        await this.joinEpoch();
        const wasLocal = this.mode === 'local';
        this.mode = 'shared';
        if (wasLocal) this.options.health.reportUp('rate budget');
      } catch (error) {
        if (this.mode !== 'local') this.goLocal(error);
      } finally {
        this.joining = null;
      }
    })();
    return this.joining;
  }

  private async joinEpoch(): Promise<void> {
    this.epoch = await this.redis.plJoinEpoch(this.key('epoch'), this.key('settle'), randomUUID(), this.options.longestWindowMs);
    await this.reportLocalSends();
    await this.beat();
  }

  private async reportLocalSends(): Promise<void> {
    const windowOf = (bucket: string) => this.windowOf.get(bucket) ?? this.options.longestWindowMs;
    for (const { tenantId, bucket, sends } of this.log.unshared(windowOf)) {
      const pairs = sends.flatMap((send) => [Math.floor(send.at + this.clockOffsetMs), send.member]);
      await this.redis.plReport(this.windowKey(tenantId, bucket), windowOf(bucket), ...pairs);
    }
    this.log.markShared();
  }

  private async beat(): Promise<void> {
    if (this.closed || this.redis.status !== 'ready') return;
    try {
      const [peers, redisNow] = await this.redis.plHeartbeat(this.key('peers'), this.replicaId, LIVE_MS, FORGET_MS);
      this.peers = Math.max(1, peers);
      this.clockOffsetMs = redisNow - Date.now();
      this.log.sweep((bucket) => this.windowOf.get(bucket) ?? this.options.longestWindowMs);
    } catch {
      // The next acquire notices and falls back; a heartbeat has nothing to add.
    }
  }

  private goLocal(error: unknown): void {
    if (this.mode === 'local' || this.closed) return;
    this.mode = 'local';
    this.localSince = Date.now();
    this.options.health.reportDown('rate budget', { reason: error instanceof Error ? error.message : String(error), share: `1/${this.peers}` });
  }

  private key(name: string): string {
    return `${this.options.prefix}:${name}`;
  }

  /** Tenant ids are already hashes of tokens: no token ever appears in a key. */
  private windowKey(tenantId: string, bucket: string): string {
    return `${this.options.prefix}:window:${tenantId}:${bucket}`;
  }
}
