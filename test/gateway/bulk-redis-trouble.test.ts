import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { createsByReference, invoiceInputs, progressOf, startInvoices, waitFor } from '../support/bulk-replicas.js';
import { freePort, loggedGatewayOver, OwnRedis, redisServerInstalled, type LoggedGateway } from '../support/redis.js';
import { gqlAt } from '../support/replicas.js';

/**
 * Redis trouble in the middle of a bulk operation, on redis-server processes of our own:
 * one that keeps its data across a restart (down, then back), and a FLUSHALL (Redis loses
 * everything while up). Two replicas in this process; a 1 s job lock keeps it quick.
 */
const canRun = await redisServerInstalled();
if (!canRun) console.warn('[bulk-redis-trouble] redis-server is not installed: these tests are skipped');

const TOTAL = 30;

describe.skipIf(!canRun)('a bulk operation when Redis is in trouble', () => {
  let sim: Simulator;
  const open: LoggedGateway[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: { limit: 10, windowMs: 1_000 } });
  });
  // The tests end with their Redis killed: a replica's close then waits its whole deadline for
  // what it cannot hand back, so it gets a short one, and the hook room for two of them under load.
  afterEach(async () => {
    await Promise.all(open.splice(0).map((g) => g.gateway.close({ deadline: Date.now() + 5_000 })));
    sim.control.reset();
  }, 60_000);
  afterAll(() => sim.close());

  const twoReplicas = (redis: OwnRedis) => {
    const env = { REDIS_URL: redis.url, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}`, PENNYLANE_RATE_LIMITS: 'token=10/1s', PENNYLANE_JOB_LOCK_MS: '1000' };
    const pair = [loggedGatewayOver(sim, env), loggedGatewayOver(sim, env)];
    open.push(...pair);
    return pair as [LoggedGateway, LoggedGateway];
  };
  const posts = () => sim.control.count({ route: 'POST /customer_invoices' });

  it('pauses while Redis is down and resumes when it is back; reads and single writes go on; said once', async () => {
    const redis = new OwnRedis(await freePort(), { persistent: true });
    await redis.start();
    try {
      const [a, b] = twoReplicas(redis);
      const inputs = invoiceInputs(sim, 'PAUSED', TOTAL);
      const id = await startInvoices(a.gateway, inputs);
      await waitFor(() => progressOf(b.gateway, id), (p) => p !== null && p.processed >= TOTAL * 0.3);
      const atOutage = posts();
      await redis.kill();

      // Reads and single writes go on while Redis is away; the operation cannot be read.
      const created = await gqlAt<{ createProduct: { __typename: string } }>(
        a.gateway,
        'mutation { createProduct(input: { label: "During the outage", priceBeforeTax: "5.00", vatRate: "FR_200" }) { __typename } }',
      );
      expect(created.data!.createProduct.__typename).toBe('ProductPayload');
      expect((await gqlAt<{ me: { company: { name: string } } }>(b.gateway, '{ me { company { name } } }')).data!.me.company.name).toBeTruthy();
      const unreadable = await gqlAt(b.gateway, `{ bulkOperation(id: "${id}") { status } }`);
      expect(unreadable.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      // A bulk operation started now waits in that replica's memory until Redis is back.
      const later = invoiceInputs(sim, 'LATER', 3);
      const laterId = await startInvoices(a.gateway, later);
      expect(await progressOf(a.gateway, laterId)).toMatchObject({ status: 'RUNNING', processed: 0 });
      // Items already started finish (4 at a time); no new one starts while Redis is away.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(posts() - atOutage).toBeLessThanOrEqual(4);
      expect(posts()).toBeLessThan(TOTAL);

      await redis.start();
      const done = await waitFor(() => progressOf(b.gateway, id), (p) => p !== null && p.status !== 'RUNNING');
      expect(done).toEqual({ status: 'COMPLETED', processed: TOTAL, succeeded: TOTAL, failed: 0 });
      const refs = inputs.map((input) => String(input.externalReference));
      expect(createsByReference(sim, refs)).toEqual({ created: refs.map(() => 1), duplicates: 0 });
      expect(await waitFor(() => progressOf(b.gateway, laterId), (p) => p !== null && p.status !== 'RUNNING')).toMatchObject({ status: 'COMPLETED', succeeded: 3 });

      for (const replica of [a, b]) {
        const said = (pattern: RegExp) => replica.lines.filter((line) => pattern.test(line.msg)).length;
        expect(said(/Redis is unreachable/)).toBe(1);
        expect(said(/Redis is reachable again/)).toBe(1);
      }
    } finally {
      await redis.kill();
    }
  });

  it('puts an operation back when Redis loses everything (FLUSHALL) and finishes it, writing nothing twice', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const admin = new Redis(redis.url);
    try {
      const [a, b] = twoReplicas(redis);
      const inputs = invoiceInputs(sim, 'FLUSHED', TOTAL);
      const id = await startInvoices(a.gateway, inputs);
      await waitFor(() => progressOf(b.gateway, id), (p) => p !== null && p.processed >= TOTAL * 0.3);
      await admin.flushall();

      const done = await waitFor(() => progressOf(b.gateway, id), (p) => p !== null && p.status !== 'RUNNING');
      expect(done).toEqual({ status: 'COMPLETED', processed: TOTAL, succeeded: TOTAL, failed: 0 });
      const refs = inputs.map((input) => String(input.externalReference));
      expect(createsByReference(sim, refs)).toEqual({ created: refs.map(() => 1), duplicates: 0 });
    } finally {
      admin.disconnect();
      await redis.kill();
    }
  });
});
