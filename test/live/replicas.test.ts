import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { eventually } from '../support/eventually.js';
import { SseSubscription } from '../support/sse.js';
import { changelogCalls, direct, INVOICE_CHANGED, invoices, LIVE_ENV, type InvoiceChanged } from './live-support.js';

/**
 * Gateways sharing the machine's Redis (each test under a prefix of its own): a change found
 * by whichever replica polls reaches subscribers on all of them, and a gateway that restarts
 * continues from the positions and event log kept in Redis.
 */
const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[live replicas] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

describe.skipIf(!redisUp)('change subscriptions with Redis', () => {
  let sim: Simulator;
  const gateways: Gateway[] = [];
  const start = (prefix: string) => {
    const gateway = gatewayOver(sim, { ...LIVE_ENV, REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix });
    gateways.push(gateway);
    return gateway;
  };
  const stop = async (gateway: Gateway) => {
    gateways.splice(gateways.indexOf(gateway), 1);
    await gateway.close({ deadline: Date.now() });
  };
  const ids = (sub: SseSubscription<InvoiceChanged>) => sub.events.map((e) => e.data?.customerInvoiceChanged.pennylaneId ?? JSON.stringify(e.errors));

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    for (const gateway of [...gateways]) await stop(gateway);
    await sim.close();
  });

  it('a restart between two changes loses neither and repeats neither', async () => {
    const prefix = `live-restart-${randomUUID()}`;
    const [one, two] = invoices({ sim }).filter((i) => i.status === 'upcoming');
    const before = start(prefix);
    const first = await SseSubscription.open<InvoiceChanged>(before, INVOICE_CHANGED);
    await direct({ sim }, 'PUT', `/customer_invoices/${one!.id}`, { label: 'before the restart' });
    await first.until(1);
    const cursor = first.events[0]!.data!.customerInvoiceChanged.cursor;
    await first.close();
    await stop(before);

    await direct({ sim }, 'PUT', `/customer_invoices/${two!.id}`, { label: 'while no gateway ran' });
    const after = start(prefix);
    const resumed = await SseSubscription.open<InvoiceChanged>(after, INVOICE_CHANGED, { after: cursor });
    const fresh = await SseSubscription.open<InvoiceChanged>(after, INVOICE_CHANGED);
    try {
      await resumed.until(1);
      await fresh.until(1);
      const calls = changelogCalls({ sim }, 'customer_invoices');
      expect(await eventually(() => changelogCalls({ sim }, 'customer_invoices') >= calls + 2)).toBe(true);
      expect(ids(first)).toEqual([String(one!.id)]);
      // The change made while no gateway ran is read from the position kept in Redis: once, for both.
      expect(ids(resumed)).toEqual([String(two!.id)]);
      expect(ids(fresh)).toEqual([String(two!.id)]);
    } finally {
      await Promise.all([resumed.close(), fresh.close()]);
    }
  });

  it('reaches subscribers on every replica, from one poll; a cursor from one replica resumes on another', async () => {
    const prefix = `live-replicas-${randomUUID()}`;
    const [a, b] = [start(prefix), start(prefix)];
    const onA = await SseSubscription.open<InvoiceChanged>(a, INVOICE_CHANGED);
    const onB = await SseSubscription.open<InvoiceChanged>(b, INVOICE_CHANGED);
    const yardstick = await SseSubscription.open(a, 'subscription { supplierChanged { pennylaneId } }');
    try {
      const [target, next] = invoices({ sim }).filter((i) => i.status === 'upcoming').slice(2);
      const startCalls = { invoices: changelogCalls({ sim }, 'customer_invoices'), suppliers: changelogCalls({ sim }, 'suppliers') };
      await direct({ sim }, 'PUT', `/customer_invoices/${target!.id}`, { label: 'seen everywhere' });
      await onA.until(1);
      await onB.until(1);
      expect(await eventually(() => changelogCalls({ sim }, 'suppliers') >= startCalls.suppliers + 4)).toBe(true);
      expect(ids(onA)).toEqual([String(target!.id)]);
      expect(ids(onB)).toEqual([String(target!.id)]);
      // One replica polls the token: two polling would read customer_invoices twice per round.
      expect(changelogCalls({ sim }, 'customer_invoices') - startCalls.invoices).toBeLessThanOrEqual(changelogCalls({ sim }, 'suppliers') - startCalls.suppliers + 1);
      expect(onA.events[0]!.data!.customerInvoiceChanged.cursor).toBe(onB.events[0]!.data!.customerInvoiceChanged.cursor);

      await onB.close();
      await direct({ sim }, 'PUT', `/customer_invoices/${next!.id}`, { label: 'while B was away' });
      await onA.until(2);
      const back = await SseSubscription.open<InvoiceChanged>(b, INVOICE_CHANGED, { after: onB.events[0]!.data!.customerInvoiceChanged.cursor });
      try {
        await back.until(1);
        expect(ids(back)).toEqual([String(next!.id)]);
      } finally {
        await back.close();
      }
    } finally {
      await Promise.all([onA.close(), onB.close(), yardstick.close()]);
    }
  });
});
