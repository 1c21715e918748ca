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
 * KEYS: answer, tenant index; ARGV: value, ttl ms, now, max entries of the tenant, tag
 * prefix, tags... Stores the answer, adds it to each tag's set (kept as long as its
 * longest member) and to the tenant's index; past the tenant's bound, its oldest answers go.
 */
const SET_SCRIPT = `
local ttl = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], now + ttl, KEYS[1])
redis.call('PEXPIRE', KEYS[2], 86400000)
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if extra > 0 then
  local oldest = redis.call('ZPOPMIN', KEYS[2], extra)
  for i = 1, #oldest, 2 do redis.call('DEL', oldest[i]) end
end
for i = 6, #ARGV do
  local tag = ARGV[5] .. ARGV[i]
  redis.call('SADD', tag, KEYS[1])
  if redis.call('PTTL', tag) < ttl then redis.call('PEXPIRE', tag, ttl) end
end
return 1
`;

/** ARGV: tag prefix, tags... Deletes every answer of every tag, then the tags. */
const DROP_SCRIPT = `
local dropped = 0
for i = 2, #ARGV do
  local tag = ARGV[1] .. ARGV[i]
  local members = redis.call('SMEMBERS', tag)
  for _, key in ipairs(members) do dropped = dropped + redis.call('DEL', key) end
  redis.call('DEL', tag)
end
return dropped
`;

/**
 * The answers replicas share through Redis: an answer per key (with Redis's own expiry),
 * a set per tag of the answers that hold it, and per tenant an index bounding how many answers
 * it keeps (so many distinct variables cannot grow Redis without bound). Plain Lua on the
 * gateway's Redis connection, in the style of @envelop/response-cache-redis (see README for why
 * not that package).
 */
export class RedisAnswers {
  constructor(
    private readonly redis: SharedRedis,
    private readonly options: { readonly maxEntriesPerTenant: number },
  ) {}

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
    await this.redis.command.eval(
      SET_SCRIPT,
      2,
      this.answerKey(key),
      this.redis.key('graphql-cache', 'index', tenantId),
      JSON.stringify(answer),
      String(ttl),
      String(Date.now()),
      String(this.options.maxEntriesPerTenant),
      this.tagKey(''),
      ...answer.tags,
    );
  }

  /**
   * Drops every answer holding one of `tags`. Redis unreachable: it is done once Redis is back
   * (until then no replica reads from it), without holding the write that asked.
   */
  async drop(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    const run = () => this.redis.command.eval(DROP_SCRIPT, 0, this.tagKey(''), ...tags);
    if (!this.redis.ready) {
      void this.redis.whenReady().then(run).catch(() => undefined);
      return;
    }
    await run().catch(() => void this.redis.whenReady().then(run).catch(() => undefined));
  }

  private answerKey(key: string): string {
    return this.redis.key('graphql-cache', 'answer', key);
  }

  private tagKey(tag: string): string {
    return this.redis.key('graphql-cache', 'tag', tag);
  }
}
