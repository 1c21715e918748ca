import type { Redis } from 'ioredis';
import type { SharedRedis } from '../../state/shared-redis.js';

/** A stored answer as the replicas share it. */
export interface SharedAnswer {
  /** The response body served on a hit, `extensions.cost` included. */
  readonly body: string;
  readonly tags: readonly string[];
  /** Epoch ms. */
  readonly expiresAt: number;
}

/**
 * Per tenant (each script sets `order`, `expiry`, `meta`, `bytes` from its KEYS first): `order` (answers by when they were stored, oldest first), `expiry`
 * (answers by when they expire), `meta` (answer → `{"b":bytes,"t":[tags]}`, and the `#seq`
 * counter that orders `order`), `bytes` (the tenant's total). `forget` removes one answer from
 * all of them and from each of its tag sets, so neither an eviction nor a drop leaves a key behind.
 */
const FORGET = `
local function forget(key, prefix)
  local found = redis.call('HGET', meta, key)
  if found then
    local m = cjson.decode(found)
    redis.call('DECRBY', bytes, m.b)
    for _, tag in ipairs(m.t) do redis.call('SREM', prefix .. tag, key) end
    redis.call('HDEL', meta, key)
  end
  redis.call('ZREM', order, key)
  redis.call('ZREM', expiry, key)
  return redis.call('DEL', key)
end
`;

/**
 * KEYS: answer, order, expiry, meta, bytes; ARGV: value, ttl ms, now, max entries, max bytes,
 * tag prefix, meta, bytes of the value, tags... Forgets the tenant's expired answers (and an
 * older copy of this one), stores the answer, then forgets its oldest stored answers while the
 * tenant is over either bound.
 */
const SET_SCRIPT = `local order, expiry, meta, bytes = KEYS[2], KEYS[3], KEYS[4], KEYS[5]
${FORGET}
local ttl = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local maxEntries = tonumber(ARGV[4])
local maxBytes = tonumber(ARGV[5])
local prefix = ARGV[6]
local size = tonumber(ARGV[8])
for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do forget(key, prefix) end
forget(KEYS[1], prefix)
if size > maxBytes then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZADD', KEYS[2], redis.call('HINCRBY', KEYS[4], '#seq', 1), KEYS[1])
redis.call('ZADD', KEYS[3], now + ttl, KEYS[1])
redis.call('HSET', KEYS[4], KEYS[1], ARGV[7])
redis.call('INCRBY', KEYS[5], size)
for i = 9, #ARGV do
  local tag = prefix .. ARGV[i]
  redis.call('SADD', tag, KEYS[1])
  if redis.call('PTTL', tag) < ttl then redis.call('PEXPIRE', tag, ttl) end
end
local keep = math.max(86400000, ttl)
for i = 2, 5 do redis.call('PEXPIRE', KEYS[i], keep) end
while redis.call('ZCARD', KEYS[2]) > maxEntries or tonumber(redis.call('GET', KEYS[5]) or '0') > maxBytes do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #oldest == 0 then break end
  forget(oldest[1], prefix)
end
return 1
`;

/** KEYS: order, expiry, meta, bytes of the event's tenant; ARGV: tag prefix, tags... Forgets every answer of every tag, then the tags. */
const DROP_SCRIPT = `local order, expiry, meta, bytes = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
${FORGET}
local dropped = 0
for i = 2, #ARGV do
  local tag = ARGV[1] .. ARGV[i]
  for _, key in ipairs(redis.call('SMEMBERS', tag)) do dropped = dropped + forget(key, ARGV[1]) end
  redis.call('DEL', tag)
end
return dropped
`;

type AnswerCommands = Redis & {
  plAnswerSet(answer: string, order: string, expiry: string, meta: string, bytes: string, ...argv: string[]): Promise<number>;
  plAnswerDrop(order: string, expiry: string, meta: string, bytes: string, ...argv: string[]): Promise<number>;
};

export interface RedisAnswersOptions {
  readonly maxEntriesPerTenant: number;
  /** Bound of a tenant's answers in Redis, in bytes of their stored values (default 64 MiB). */
  readonly maxBytesPerTenant?: number;
}

/**
 * The answers replicas share through Redis: an answer per key (with Redis's own expiry),
 * a set per tag of the answers that hold it, and per tenant an index bounding how many answers
 * and how many bytes it keeps (so many distinct variables or large answers cannot grow Redis
 * without bound), the oldest stored going first. Lua scripts defined once on the gateway's
 * Redis connection, in the style of @envelop/response-cache-redis (see README for why not that package).
 */
export class RedisAnswers {
  private readonly commands: AnswerCommands;
  private readonly maxBytesPerTenant: number;

  constructor(
    private readonly redis: SharedRedis,
    private readonly options: RedisAnswersOptions,
  ) {
    this.maxBytesPerTenant = options.maxBytesPerTenant ?? 64 * 1024 * 1024;
    redis.command.defineCommand('plAnswerSet', { numberOfKeys: 5, lua: SET_SCRIPT });
    redis.command.defineCommand('plAnswerDrop', { numberOfKeys: 4, lua: DROP_SCRIPT });
    this.commands = redis.command as AnswerCommands;
  }

  async get(key: string): Promise<SharedAnswer | null> {
    if (!this.redis.ready) return null;
    const text = await this.redis.command.get(this.answerKey(key));
    if (text === null) return null;
    const parsed = JSON.parse(text) as SharedAnswer;
    return typeof parsed.body === 'string' && Array.isArray(parsed.tags) ? parsed : null;
  }

  async set(key: string, tenantId: string, answer: SharedAnswer): Promise<void> {
    const ttl = Math.floor(answer.expiresAt - Date.now());
    if (ttl <= 0 || !this.redis.ready) return;
    const value = JSON.stringify(answer);
    const bytes = Buffer.byteLength(value);
    await this.commands.plAnswerSet(
      this.answerKey(key),
      ...this.tenantKeys(tenantId),
      value,
      String(ttl),
      String(Date.now()),
      String(this.options.maxEntriesPerTenant),
      String(this.maxBytesPerTenant),
      this.tagKey(''),
      JSON.stringify({ b: bytes, t: answer.tags }),
      String(bytes),
      ...answer.tags,
    );
  }

  /**
   * Drops every answer holding one of `tags` (all of one tenant: each starts with its id, see
   * operation-reads.ts). Redis unreachable: it is done once Redis is back (until then no
   * replica reads from it), without holding the write that asked.
   */
  async drop(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    const tenantId = tags[0]!.slice(0, tags[0]!.indexOf('|'));
    const run = () => this.commands.plAnswerDrop(...this.tenantKeys(tenantId), this.tagKey(''), ...tags);
    if (!this.redis.ready) {
      void this.redis.whenReady().then(run).catch(() => undefined);
      return;
    }
    await run().catch(() => void this.redis.whenReady().then(run).catch(() => undefined));
  }

  /** The tenant's `order`, `expiry`, `meta` and `bytes` keys (see FORGET). */
  private tenantKeys(tenantId: string): [string, string, string, string] {
    return (['order', 'expiry', 'meta', 'bytes'] as const).map((part) => this.redis.key('graphql-cache', part, tenantId)) as [string, string, string, string];
  }

  private answerKey(key: string): string {
    return this.redis.key('graphql-cache', 'answer', key);
  }

  private tagKey(tag: string): string {
    return this.redis.key('graphql-cache', 'tag', tag);
  }
}
