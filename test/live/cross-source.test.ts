import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../edge/support.js';
import { eventually } from '../support/eventually.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { SseSubscription } from '../support/sse.js';
import { registerGateway, servedGateway, type ServedGateway } from '../support/webhooks.js';
import { changelogCalls, direct, LIVE_ENV } from './live-support.js';

/**
 * An e-invoicing status webhook and the changelog's `update` are two reports of one change:
 * a subscriber hears it once, whichever replica got the webhook and whichever polls. A later
 * change of the same record is still heard.
 */
const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[live cross-source] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

type Changed = { customerInvoiceChanged: { operation: string; pennylaneId: string; source: string } };
const CHANGED = 'subscription { customerInvoiceChanged { operation pennylaneId source } }';

describe.skipIf(!redisUp)('a change reported by a webhook and by the changelog', () => {
  let a: ServedGateway;
  let b: ServedGateway;
  beforeAll(async () => {
    const env = { ...LIVE_ENV, GATEWAY_ENCRYPTION_KEY: 'b'.repeat(64), REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: `live-cross-${randomUUID()}` };
    a = await servedGateway(env, memoryLogger('silent').logger);
    b = await servedGateway(env, memoryLogger('silent').logger, a.sim);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('reaches the subscribers of both replicas once; the next change of the record still reaches them', async () => {
    await registerGateway(a);
    const invoice = (a.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!;
    const onA = await SseSubscription.open<Changed>(a.gateway, CHANGED);
    const onB = await SseSubscription.open<Changed>(b.gateway, CHANGED);
    const ids = (sub: SseSubscription<Changed>) => sub.events.map((e) => e.data?.customerInvoiceChanged.pennylaneId ?? JSON.stringify(e.errors));
    try {
      // The subscriptions' feed is polled: the changelog's position is taken before the webhook.
      const calls = changelogCalls(a, 'customer_invoices');
      expect(await eventually(() => changelogCalls(a, 'customer_invoices') > calls)).toBe(true);
      a.sim.control.webhooks.eInvoicingStatusUpdated(invoice.id, 'collected');
      await Promise.all([onA.until(1), onB.until(1)]);
      expect(onA.events[0]?.data?.customerInvoiceChanged).toEqual({ operation: 'UPDATE', pennylaneId: String(invoice.id), source: 'WEBHOOK' });
      // Two more polls read the changelog's `update` of that change: it is not heard again.
      const after = changelogCalls(a, 'customer_invoices');
      expect(await eventually(() => changelogCalls(a, 'customer_invoices') >= after + 2)).toBe(true);
      expect([ids(onA), ids(onB)]).toEqual([[String(invoice.id)], [String(invoice.id)]]);

      await direct(a, 'PUT', `/customer_invoices/${invoice.id}`, { label: 'a later change' });
      await Promise.all([onA.until(2), onB.until(2)]);
      for (const sub of [onA, onB]) {
        expect(sub.events.map((e) => e.data?.customerInvoiceChanged.source)).toEqual(['WEBHOOK', 'CHANGELOG']);
      }
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });
});
