import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/app.js';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import type { ChangeNotice } from '../../src/live/change-hub.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { SseSubscription } from '../support/sse.js';
import { INVOICE_CHANGED, LIVE_ENV, type InvoiceChanged } from './live-support.js';

/**
 * The poll publishes from the lease holder, webhooks from whichever replica received them:
 * publishes from several replicas interleave. Every subscriber, on every replica, must see each
 * event exactly once, in the order of the Redis stream (the cursors' order).
 */
const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[live hub replicas] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

const deletion = (id: string, source: ChangeNotice['source']): ChangeNotice => ({ resource: 'customer_invoices', operation: 'DELETE', pennylaneId: id, source });

/** `v1.r.<ms>-<seq>` as numbers, to compare cursors in stream order. */
function streamOrder(cursor: string): [bigint, bigint] {
  const [ms, seq] = Buffer.from(cursor, 'base64url').toString().replace(/^v1\.r\./, '').split('-');
  return [BigInt(ms!), BigInt(seq!)];
}

const increasing = (cursors: readonly string[]) =>
  cursors.every((cursor, i) => {
    if (i === 0) return true;
    const [a, b] = [streamOrder(cursors[i - 1]!), streamOrder(cursor)];
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  });

describe.skipIf(!redisUp)('publishes interleaved from two replicas (through the front door)', () => {
  let sim: Simulator;
  let a: Gateway;
  let b: Gateway;
  beforeAll(async () => {
    sim = await startSimulator();
    const env = { ...LIVE_ENV, REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: `live-hub-replicas-${randomUUID()}` };
    a = gatewayOver(sim, env, pino({ level: 'silent' }));
    b = gatewayOver(sim, env, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await Promise.all([a.close({ deadline: Date.now() }), b.close({ deadline: Date.now() })]);
    await sim.close();
  });

  it('a subscriber on each replica sees every event exactly once, in stream order', async () => {
    const tenant = tenantIdOf(sim.demoToken);
    const onA = await SseSubscription.open<InvoiceChanged>(a, INVOICE_CHANGED);
    const onB = await SseSubscription.open<InvoiceChanged>(b, INVOICE_CHANGED);
    try {
      // Both subscriptions are registered with their hub before anything is published.
      for (let i = 0; i < 50 && (a.changeHub.subscriberCount(tenant) < 1 || b.changeHub.subscriberCount(tenant) < 1); i++) await new Promise((r) => setTimeout(r, 20));
      const published: string[] = [];
      for (let round = 0; round < 20; round++) {
        const [fromA, fromB] = [`${900_000 + round * 2}`, `${900_001 + round * 2}`];
        published.push(fromA, fromB);
        // As a changelog poll on one replica and a webhook on the other do: at the same moment.
        await Promise.all([a.changeHub.publish(tenant, deletion(fromA, 'changelog')), b.changeHub.publish(tenant, deletion(fromB, 'webhook'))]);
      }
      await Promise.all([onA.until(published.length), onB.until(published.length)]);
      for (const sub of [onA, onB]) {
        const seen = sub.events.map((e) => e.data?.customerInvoiceChanged ?? { pennylaneId: JSON.stringify(e.errors), cursor: '' });
        expect([...seen.map((c) => c.pennylaneId)].sort()).toEqual([...published].sort());
        expect(increasing(seen.map((c) => c.cursor))).toBe(true);
      }
      // The same events, with the same cursors, in the same order on both replicas.
      const cursors = (sub: SseSubscription<InvoiceChanged>) => sub.events.map((e) => e.data?.customerInvoiceChanged.cursor);
      expect(cursors(onB)).toEqual(cursors(onA));
      // Nothing more comes afterwards (no event repeated late).
      await Promise.all([onA.until(published.length + 1, 500), onB.until(published.length + 1, 500)]);
      expect([onA.events.length, onB.events.length]).toEqual([published.length, published.length]);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });

  it('keeps one publish as one batch on the other replica, and a resume there starts after its cursor', async () => {
    const tenant = tenantIdOf(sim.demoToken);
    const streamB = await b.changeHub.subscribe(tenant);
    try {
      await a.changeHub.publish(tenant, [deletion('910001', 'changelog'), deletion('910002', 'changelog'), deletion('910003', 'changelog')]);
      const batch = (await streamB.next()).value as readonly { pennylaneId: string; cursor: string }[];
      expect(batch.map((c) => c.pennylaneId)).toEqual(['910001', '910002', '910003']);
      await b.changeHub.publish(tenant, deletion('910004', 'webhook'));
      const resumed = await a.changeHub.subscribe(tenant, { after: batch[0]!.cursor });
      const replay: string[] = [];
      while (replay.length < 3) replay.push(...((await resumed.next()).value as readonly { pennylaneId: string }[]).map((c) => c.pennylaneId));
      expect(replay).toEqual(['910002', '910003', '910004']);
      await resumed.return?.();
    } finally {
      await streamB.return?.();
    }
  });
});
