import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { gqlAt, type Replica } from '../support/replicas.js';

/**
 * Three replicas behind a round-robin balancer share everything a user can see: bulk
 * operations, idempotency keys, fresh reads after writes, one changelog poll per token.
 * They run in this process against the machine's Redis, each test under a prefix of its own.
 */
const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[replicated-state] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

// A 1 s window: replicas joining a shared budget wait out one window first.
const RATE = { PENNYLANE_RATE_LIMITS: 'token=20/1s', PENNYLANE_CACHE_TTLS: 'products=3600,customers=3600' };

function threeReplicas(sim: Simulator, prefix: string, env: Record<string, string> = {}): Gateway[] {
  const shared = { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix, PENNYLANE_JOB_LOCK_MS: '1000', ...RATE, ...env };
  return [0, 1, 2].map(() => gatewayOver(sim, shared));
}

/** Polls `read` until `done` holds; bounded only so a bug cannot hang the suite. */
async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const stop = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > stop) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const UPSERT = /* GraphQL */ `
  mutation($inputs: [UpsertProductInput!]!, $key: String) {
    upsertProducts(inputs: $inputs, idempotencyKey: $key) { ... on BulkOperationPayload { replayed bulkOperation { id status } } }
  }
`;
const STATUS = /* GraphQL */ `
  query($id: ID) {
    bulkOperation(id: $id) {
      id status total processed succeeded
      items(first: 100) { edges { node { index state outcome { __typename ... on BulkItemSuccess { record { ... on Product { externalReference } } } } } } }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation($input: CreateProductInput!, $key: String) {
    createProduct(input: $input, idempotencyKey: $key) { __typename ... on ProductPayload { replayed product { pennylaneId } } ... on MutationError { message } }
  }
`;

interface Operation {
  id: string;
  status: string;
  total: number;
  processed: number;
  succeeded: number;
  items: { edges: { node: { index: number; state: string; outcome: { record?: { externalReference: string } } | null } }[] };
}

const product = (ref: string) => ({ externalReference: ref, label: `Synced ${ref}`, priceBeforeTax: '10.00', vatRate: 'FR_200' });

async function startUpsert(replica: Replica, refs: readonly string[], key?: string, headers?: Record<string, string>): Promise<{ id: string; replayed: boolean }> {
  const res = await gqlAt<{ upsertProducts: { replayed: boolean; bulkOperation: { id: string } } }>(replica, UPSERT, { inputs: refs.map(product), key }, headers);
  return { id: res.data!.upsertProducts.bulkOperation.id, replayed: res.data!.upsertProducts.replayed };
}

/** The events of the `bulkOperation` subscription (server-sent events) until the stream ends. */
async function follow(replica: Gateway, id: string): Promise<{ status: string; processed: number }[]> {
  const response = await replica.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: 'subscription($id: ID!) { bulkOperation(id: $id) { status processed } }', variables: { id } }),
  });
  return (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as { data?: { bulkOperation: { status: string; processed: number } } })
    .flatMap((event) => (event.data ? [event.data.bulkOperation] : []));
}

describe.skipIf(!redisUp)('three replicas sharing state through Redis', () => {
  let sim: Simulator;
  let replicas: Gateway[];
  let prefix: string;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: { limit: 20, windowMs: 1_000 } });
  });
  beforeEach(() => {
    sim.control.reset();
    prefix = `test-${randomUUID()}`;
    replicas = threeReplicas(sim, prefix);
  });
  const closeAll = () => Promise.all(replicas.splice(0).map((replica) => replica.close()));
  afterEach(closeAll);
  afterAll(() => sim.close());

  it('answers for a bulk operation on every replica: started on one, followed on another, polled on the third', async () => {
    const [a, b, c] = replicas as [Gateway, Gateway, Gateway];
    const refs = Array.from({ length: 6 }, (_, n) => `SHARED-${n}`);
    const { id } = await startUpsert(a, refs);
    const events = follow(b, id);
    const done = await until(
      async () => (await gqlAt<{ bulkOperation: Operation }>(c, STATUS, { id })).data!.bulkOperation,
      (op) => op.status !== 'RUNNING',
    );
    expect(done).toMatchObject({ id, status: 'COMPLETED', total: 6, processed: 6, succeeded: 6 });
    expect(done.items.edges.map((e) => e.node.outcome?.record?.externalReference)).toEqual(refs);

    const streamed = await events;
    expect(streamed.at(-1)).toEqual({ status: 'COMPLETED', processed: 6 });
    expect(streamed.map((e) => e.processed)).toEqual([...streamed.map((e) => e.processed)].sort((x, y) => x - y));
    // Without an id, any replica follows the token's latest operation.
    expect((await gqlAt<{ bulkOperation: Operation }>(b, STATUS, {})).data!.bulkOperation.id).toBe(id);
    expect(sim.control.count({ route: 'POST /products' })).toBe(6);
  });

  it('honours an idempotency key on every replica: the same input replays, another input conflicts', async () => {
    const [a, b, c] = replicas as [Gateway, Gateway, Gateway];
    const input = { label: 'Audit annuel', priceBeforeTax: '1200.00', vatRate: 'FR_200' };
    type Created = { createProduct: { __typename: string; replayed?: boolean; product?: { pennylaneId: string }; message?: string } };
    const first = (await gqlAt<Created>(a, CREATE, { input, key: 'audit-2026' })).data!.createProduct;
    const again = (await gqlAt<Created>(b, CREATE, { input, key: 'audit-2026' })).data!.createProduct;
    const other = (await gqlAt<Created>(c, CREATE, { input: { ...input, label: 'Autre' }, key: 'audit-2026' })).data!.createProduct;
    expect(first).toMatchObject({ __typename: 'ProductPayload', replayed: false });
    expect(again).toMatchObject({ __typename: 'ProductPayload', replayed: true, product: first.product });
    expect(other.__typename).toBe('ConflictError');
    expect(sim.control.count({ route: 'POST /products' })).toBe(1);

    const bulk = await startUpsert(a, ['KEYED-1', 'KEYED-2'], 'nightly');
    const repeated = await startUpsert(c, ['KEYED-1', 'KEYED-2'], 'nightly');
    expect(repeated).toEqual({ id: bulk.id, replayed: true });
    await until(async () => (await gqlAt<{ bulkOperation: Operation }>(b, STATUS, { id: bulk.id })).data!.bulkOperation, (op) => op.status !== 'RUNNING');
    expect(sim.control.count({ route: 'POST /products' })).toBe(3);
  });

  it("runs a client token's operation on any replica, its token sealed in Redis; another token sees nothing of it", async () => {
    await closeAll();
    replicas = threeReplicas(sim, prefix, { PENNYLANE_TOKEN_SOURCE: 'client-or-server', GATEWAY_ENCRYPTION_KEY: 'ab'.repeat(32) });
    const [a, b, c] = replicas as [Gateway, Gateway, Gateway];
    const token = `client-${randomUUID()}`;
    sim.control.addToken(token, { company: 'client-company' });
    const asClient = { authorization: `Bearer ${token}` };
    const { id } = await startUpsert(a, ['CLIENT-1', 'CLIENT-2', 'CLIENT-3'], undefined, asClient);
    const done = await until(
      async () => (await gqlAt<{ bulkOperation: Operation }>(b, STATUS, { id }, asClient)).data!.bulkOperation,
      (op) => op.status !== 'RUNNING',
    );
    expect(done).toMatchObject({ status: 'COMPLETED', succeeded: 3 });
    expect(sim.control.count({ route: 'POST /products', token })).toBe(3);
    // The gateway's own token (no header) is another tenant: it sees no such operation.
    expect((await gqlAt<{ bulkOperation: Operation | null }>(c, STATUS, { id })).data!.bulkOperation).toBeNull();

    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      const values = await Promise.all(
        keys.map(async (key) => ((await redis.type(key)) === 'hash' ? JSON.stringify(await redis.hgetall(key)) : (await redis.type(key)) === 'string' ? await redis.get(key) : '')),
      );
      expect(values.join('\n')).toContain('CLIENT-1');
      expect(values.join('\n')).not.toContain(token);
    } finally {
      redis.disconnect();
    }
  });

  it('reads a write back fresh on another replica at once: the record and the lists it joins', async () => {
    const [a, b, c] = replicas as [Gateway, Gateway, Gateway];
    const id = String((sim.control.snapshot('products') as { id: number }[])[0]!.id);
    const read = async (replica: Replica) => (await gqlAt<{ product: { label: string } }>(replica, `{ product(id: "${id}") { label } }`)).data!.product.label;
    await read(b);
    const cached = await gqlAt(b, `{ product(id: "${id}") { label } }`);
    expect(cached.extensions?.cost?.upstreamCalls).toBe(0);
    for (const label of ['Renamed once', 'Renamed twice', 'Renamed thrice']) {
      await gqlAt(a, `mutation { updateProduct(id: "${id}", input: { label: "${label}" }) { __typename } }`);
      expect(await read(b)).toBe(label);
    }

    const firstPage = async () =>
      (await gqlAt<{ products: { edges: { node: { label: string } }[] } }>(c, '{ products(first: 3) { edges { node { label } } } }')).data!.products.edges.map(
        (e) => e.node.label,
      );
    await firstPage();
    await gqlAt(a, CREATE, { input: { label: 'Brand new', priceBeforeTax: '5.00', vatRate: 'FR_200' } });
    expect(await firstPage()).toContain('Brand new');
  });

  it('polls a token changelog once per interval across the replicas, and every replica drops what it reports', async () => {
    await closeAll();
    replicas = threeReplicas(sim, prefix, { PENNYLANE_CHANGE_POLL_SECONDS: '1', PENNYLANE_CHANGE_POLL_MAX_SHARE: '100' });
    const customer = (sim.control.snapshot('customers') as { id: number; customer_type: string }[]).find((c) => c.customer_type === 'company')!;
    const name = async (replica: Replica) =>
      (await gqlAt<{ customer: { name: string } }>(replica, `{ customer(id: "${customer.id}") { name } }`)).data!.customer.name;
    for (const replica of replicas) await name(replica); // each caches it, so each wants the token watched
    const polls = () => sim.control.count({ route: 'GET /changelogs/customers' });
    await until(polls, (count) => count >= 2);

    const [before, startedAt] = [polls(), Date.now()];
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const rounds = (Date.now() - startedAt) / 1_000;
    // One replica polls each interval; three polling alone would make three times as many.
    expect(polls() - before).toBeGreaterThan(0);
    expect(polls() - before).toBeLessThanOrEqual(Math.ceil(rounds) + 1);

    const renamed = await fetch(`${sim.baseUrl}/company_customers/${customer.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sim.demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed elsewhere SAS' }),
    });
    expect(renamed.status).toBe(200);
    for (const replica of replicas) expect(await until(() => name(replica), (value) => value === 'Renamed elsewhere SAS')).toBe('Renamed elsewhere SAS');

    // Two replicas stop (the poller among them, perhaps): the last one polls from where they were.
    const [last] = replicas.splice(2);
    await closeAll();
    replicas.push(last!);
    const afterStop = polls();
    await until(polls, (count) => count >= afterStop + 2);
    expect(polls()).toBeGreaterThanOrEqual(afterStop + 2);
    await fetch(`${sim.baseUrl}/company_customers/${customer.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sim.demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed again SAS' }),
    });
    expect(await until(() => name(last!), (value) => value === 'Renamed again SAS')).toBe('Renamed again SAS');
  });
});
