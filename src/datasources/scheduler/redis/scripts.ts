/**
 * The Lua scripts behind the Redis-shared rate window. Each runs atomically in Redis and
 * reads the time from Redis itself (TIME), so replicas whose clocks disagree still agree
 * on every window. Windows are sorted sets of send times that expire when idle: an expired
 * key is simply an empty window, there is no state to re-create.
 */

/**
 * KEYS: epoch, settle, peers, then one window key per bucket.
 * ARGV: my epoch, member, replica id, live ms, forget ms, then limit and window ms per bucket.
 * Returns {0, now, peers} when every bucket granted a slot; {wait ms, now, bucket index}
 * when one refused (index 0: the post-restart settle period); {-1, now} when the epoch is
 * not ours (Redis lost its data, or another replica already noticed that).
 */
export const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1, now, 0} end
local settle = redis.call('PTTL', KEYS[2])
if settle > 0 then return {settle, now, 0} end

local liveMs = tonumber(ARGV[4])
local forgetMs = tonumber(ARGV[5])
redis.call('ZADD', KEYS[3], now, ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - forgetMs)
redis.call('PEXPIRE', KEYS[3], forgetMs)
local live = redis.call('ZCOUNT', KEYS[3], now - liveMs, '+inf')
local missing = redis.call('ZCARD', KEYS[3]) - live

local wait, blocked = 0, 0
for i = 4, #KEYS do
  local limit = tonumber(ARGV[6 + (i - 4) * 2])
  local window = tonumber(ARGV[7 + (i - 4) * 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  -- Replicas that stopped heartbeating may be spending a local share without Redis.
  local reserved = 0
  if missing > 0 then reserved = math.ceil(limit * missing / (live + missing)) end
  if count + reserved >= limit then
    local w = math.ceil(window / limit)
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    if oldest[2] and count >= limit then w = tonumber(oldest[2]) + window - now end
    if w < 1 then w = 1 end
    if w > wait then wait, blocked = w, i - 3 end
  end
end
if wait > 0 then return {wait, now, blocked} end

for i = 4, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[7 + (i - 4) * 2]))
end
return {0, now, live + missing}
`;

/**
 * KEYS: epoch, settle. ARGV: a new epoch, settle ms.
 * Adopts the current epoch, or starts a new one when Redis has none (first start, restart,
 * eviction). A new epoch opens with a settle period of one window: the sends Redis forgot
 * leave the window before anyone is granted a slot again.
 */
export const JOIN_EPOCH = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('SET', KEYS[2], '1', 'PX', tonumber(ARGV[2]))
  return ARGV[1]
end
return redis.call('GET', KEYS[1])
`;

/**
 * KEYS: peers. ARGV: replica id, live ms, forget ms. A live replica's heartbeat; returns
 * how many replicas share the budget (live, and recently seen ones that may be cut off).
 */
export const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return {redis.call('ZCARD', KEYS[1]), now}
`;

/**
 * KEYS: one window key. ARGV: window ms, then score and member pairs. Puts back sends this
 * replica made while it could not reach Redis, so other replicas count them.
 */
export const REPORT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  local at = tonumber(ARGV[i])
  if at > now - window then redis.call('ZADD', KEYS[1], 'NX', math.min(at, now), ARGV[i + 1]) end
end
redis.call('PEXPIRE', KEYS[1], window)
return 1
`;

/**
 * KEYS: the window keys of one request. ARGV: member, then window ms per key. The request
 * was answered: its slot counts from now (Redis time). Added back if its window expired
 * meanwhile (a request slower than the window).
 */
export const COMPLETE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i + 1]))
end
return 1
`;
