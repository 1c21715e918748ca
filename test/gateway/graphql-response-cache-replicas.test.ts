import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { pino } from 'pino';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import { RedisInvalidationBus } from '../../src/state/invalidation-bus.js';
import { RedisHealth } from '../../src/state/redis-health.js';
import { SharedRedis } from '../../src/state/shared-redis.js';
import { eventually } from '../support/eventually.js';
import { gatewayOver } from '../support/harness.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { gqlAt } from '../support/replicas.js';

/**
 * Two replicas sharing a Redis: an answer cached by one is served by the other (from Redis,
 * 0 upstream calls), and a write through either drops it from both, before the write answers.
 */
const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[graphql-response-cache-replicas] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

const CUSTOMER = 'query Customer($id: ID!) { customer(id: $id) { name } }';
const RENAME = `mutation($id: ID!, $input: UpdateCompanyCustomerInput!) {
  updateCompanyCustomer(id: $id, input: $input) { __typename }
}`;
const responseCacheOf = (answer: { extensions?: { cost?: unknown } }) => (answer.extensions?.cost as { responseCache?: string } | undefined)?.responseCache;

describe.skipIf(!redisUp)('the GraphQL response cache across replicas', () => {
  let sim: Simulator;
  let redis: Redis;
  const prefixes: string[] = [];
  let replicas: Gateway[] = [];

  let prefix = '';
  const start = (env: Record<string, string> = {}) => {
    prefix = `test-rc-${randomUUID()}`;
    prefixes.push(prefix);
    const shared = { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix, PENNYLANE_RESPONSE_CACHE_MAX_BYTES: String(8 * 1024 * 1024), PENNYLANE_CACHE_TTLS: 'customers=3600', ...env };
    replicas = [gatewayOver(sim, shared), gatewayOver(sim, shared)];
    return replicas;
  };

  beforeAll(async () => {
    sim = await startSimulator();
    redis = new Redis(TEST_REDIS_URL);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];
    sim.control.reset();
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
    await sim.close();
  });

  const customers = () => (sim.control.snapshot('customers') as { id: number; customer_type: string }[]).filter((c) => c.customer_type === 'company');

  it('serves on one replica the answer another one cached, from Redis, with 0 upstream calls', async () => {
    const [a, b] = start();
    const variables = { id: String(customers()[0]!.id) };
    expect(responseCacheOf(await gqlAt(a!, CUSTOMER, variables))).toBe('MISS');
    sim.control.clearLog();
    const fromRedis = await gqlAt(b!, CUSTOMER, variables);
    expect(responseCacheOf(fromRedis)).toBe('HIT');
    expect(sim.control.count()).toBe(0);
    // What Redis holds of it, keys and values: the tenant's id (a hash), never its token.
    const held: string[] = [];
    for (const key of await redis.keys(`${prefix}:graphql-cache:*`)) {
      const type = await redis.type(key);
      const values = type === 'string' ? [await redis.get(key)] : type === 'set' ? await redis.smembers(key) : type === 'zset' ? await redis.zrange(key, 0, -1) : type === 'hash' ? Object.entries(await redis.hgetall(key)).flat() : [type];
      held.push(key, ...values.map(String));
    }
    expect(held.some((text) => text.includes(`graphql-cache:answer:${tenantIdOf(sim.demoToken)}:`))).toBe(true);
    for (const text of held) expect(text).not.toContain(sim.demoToken);
  });

  it('drops the answer on every replica after a write on another one, and keeps what the write did not touch', async () => {
    const [a, b] = start();
    const [x, y] = customers();
    const about = (id: number) => ({ id: String(id) });
    for (const replica of [a!, b!]) for (const id of [x!.id, y!.id]) await gqlAt(replica, CUSTOMER, about(id));
    for (const replica of [a!, b!]) expect(responseCacheOf(await gqlAt(replica, CUSTOMER, about(x!.id)))).toBe('HIT');

    const renamed = await gqlAt<{ updateCompanyCustomer: { __typename: string } }>(a!, RENAME, { id: String(x!.id), input: { name: 'Renamed on replica A SAS' } });
    expect(renamed.data?.updateCompanyCustomer.__typename).toBe('CustomerPayload');

    // Right after the write answered: replica B reads the new name, and still serves Y from its cache.
    const onB = await gqlAt<{ customer: { name: string } }>(b!, CUSTOMER, about(x!.id));
    expect(responseCacheOf(onB)).toBe('MISS');
    expect(onB.data?.customer.name).toBe('Renamed on replica A SAS');
    expect(responseCacheOf(await gqlAt(b!, CUSTOMER, about(y!.id)))).toBe('HIT');
  });

  it('keeps replicas fresh through the invalidation bus with each one’s own layer only (PENNYLANE_RESPONSE_CACHE_REDIS=false)', async () => {
    const [a, b] = start({ PENNYLANE_RESPONSE_CACHE_REDIS: 'false' });
    const variables = { id: String(customers()[0]!.id) };
    await gqlAt(a!, CUSTOMER, variables);
    // Nothing shared: B runs the operation itself the first time.
    expect(responseCacheOf(await gqlAt(b!, CUSTOMER, variables))).toBe('MISS');
    expect(responseCacheOf(await gqlAt(b!, CUSTOMER, variables))).toBe('HIT');
    await gqlAt(a!, RENAME, { id: variables.id, input: { name: 'Renamed with local layers SAS' } });
    const onB = await gqlAt<{ customer: { name: string } }>(b!, CUSTOMER, variables);
    expect(onB.data?.customer.name).toBe('Renamed with local layers SAS');
  });

  it('drops the shared answer for an event published by another part of the gateway (a webhook, a changelog poll elsewhere)', async () => {
    const [a, b] = start();
    const [x] = customers();
    const variables = { id: String(x!.id) };
    await gqlAt(a!, CUSTOMER, variables);
    // Renamed in Pennylane; the bus hears of it from a publisher that is not one of our writes.
    const rename = await fetch(`${sim.baseUrl}/company_customers/${x!.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sim.demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed by a webhook SAS' }),
    });
    expect(rename.status).toBe(200);
    const shared = new SharedRedis({ url: TEST_REDIS_URL, prefix, health: new RedisHealth(pino({ level: 'silent' })) });
    try {
      await new RedisInvalidationBus(shared).publish({
        kind: 'changed',
        tenantId: tenantIdOf(sim.demoToken),
        lists: ['/customers'],
        records: [{ resource: 'customers', path: '/customers', id: x!.id }],
        source: 'changelog',
      });
    } finally {
      await shared.close();
    }
    // B never held the answer itself: it must not read the old one from Redis either.
    const onB = await gqlAt<{ customer: { name: string } }>(b!, CUSTOMER, variables);
    expect(responseCacheOf(onB)).toBe('MISS');
    expect(onB.data?.customer.name).toBe('Renamed by a webhook SAS');
    expect(await eventually(async () => (await gqlAt<{ customer: { name: string } }>(a!, CUSTOMER, variables)).data?.customer.name === 'Renamed by a webhook SAS')).toBe(true);
  });

  it('keeps at most PENNYLANE_RESPONSE_CACHE_REDIS_ENTRIES answers of a tenant in Redis under many distinct variables', async () => {
    const [a] = start({ PENNYLANE_RESPONSE_CACHE_REDIS_ENTRIES: '5' });
    // Distinct values of a declared variable make distinct keys (undeclared ones are never stored).
    const me = 'query Customers($first: Int!) { customers(first: $first) { edges { node { name } } } }';
    for (let i = 0; i < 12; i++) {
      const answer = await gqlAt(a!, me, { first: i + 1 });
      expect(responseCacheOf(answer), JSON.stringify(answer)).toBe('MISS');
    }
    // The answers are written to Redis after each one is sent: wait for the last ones to land.
    const answers = async () => (await redis.keys(`${prefix}:graphql-cache:answer:*`)).length;
    expect(await eventually(async () => (await answers()) === 5)).toBe(true);
    const [index] = await redis.keys(`${prefix}:graphql-cache:order:*`);
    expect(await redis.zcard(index!)).toBe(5);
    // The newest are the ones kept: another replica serves them from Redis.
    const [, b] = replicas;
    sim.control.clearLog();
    expect(responseCacheOf(await gqlAt(b!, me, { first: 12 }))).toBe('HIT');
    expect(responseCacheOf(await gqlAt(b!, me, { first: 1 }))).toBe('MISS');
  });

  it('keeps a tenant’s answers in Redis within PENNYLANE_RESPONSE_CACHE_REDIS_TENANT_MAX_BYTES, counting bytes, not entries', async () => {
    const BOUND = 8 * 1024;
    const [a] = start({ PENNYLANE_RESPONSE_CACHE_REDIS_TENANT_MAX_BYTES: String(BOUND) });
    const list = 'query Customers($first: Int!) { customers(first: $first) { edges { node { pennylaneId name emails } } } }';
    for (let i = 0; i < 12; i++) expect(responseCacheOf(await gqlAt(a!, list, { first: 20 + i }))).toBe('MISS');
    const stored = async () => {
      const values = await Promise.all((await redis.keys(`${prefix}:graphql-cache:answer:*`)).map((key) => redis.get(key)));
      return values.reduce((sum, value) => sum + Buffer.byteLength(value ?? ''), 0);
    };
    // Each answer is well over 1 KiB: twelve of them would be far past the bound.
    expect(await eventually(async () => (await redis.keys(`${prefix}:graphql-cache:meta:*`)).length === 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const total = await stored();
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(BOUND);
    const [bytes] = await redis.keys(`${prefix}:graphql-cache:bytes:*`);
    expect(Number(await redis.get(bytes!))).toBe(total);
  });

  it('forgets a dropped answer everywhere: its key, the tenant index, its bytes and every tag set holding it', async () => {
    const [a] = start();
    const [x] = customers();
    const variables = { id: String(x!.id) };
    await gqlAt(a!, CUSTOMER, variables);
    const indexed = async () => {
      const [order] = await redis.keys(`${prefix}:graphql-cache:order:*`);
      return order ? await redis.zcard(order) : 0;
    };
    expect(await eventually(async () => (await indexed()) === 1)).toBe(true);
    const [bytes] = await redis.keys(`${prefix}:graphql-cache:bytes:*`);
    expect(Number(await redis.get(bytes!))).toBeGreaterThan(0);
    await gqlAt(a!, RENAME, { id: variables.id, input: { name: 'Dropped everywhere SAS' } });
    expect(await redis.keys(`${prefix}:graphql-cache:answer:*`)).toEqual([]);
    expect(await indexed()).toBe(0);
    expect(Number(await redis.get(bytes!))).toBe(0);
    for (const tag of await redis.keys(`${prefix}:graphql-cache:tag:*`)) expect(await redis.scard(tag)).toBe(0);
  });
});
