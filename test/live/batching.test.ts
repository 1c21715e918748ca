import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { SseSubscription } from '../support/sse.js';
import { direct, INVOICE_CHANGED, invoices, LIVE_ENV, type InvoiceChanged } from './live-support.js';

const CHANGED = 150;

describe('the records of many changes at once', () => {
  let h: Harness;
  beforeAll(async () => {
    // A roomy upstream budget: this test makes 150 changes straight at Pennylane.
    h = await startHarness({ simulator: { rateLimit: false }, env: { ...LIVE_ENV, PENNYLANE_RATE_LIMITS: 'token=100/1s' } });
  });
  afterAll(() => h.close());

  it('reads the 150 records of one batch of changes in two `id in` calls (100 + 50), not one per event', async () => {
    const keeper = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    const first = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    try {
      const [mark, ...targets] = invoices(h).slice(0, CHANGED + 1);
      await direct(h, 'PUT', `/customer_invoices/${mark!.id}`, { label: 'before the batch' });
      const cursor = (await first.until(1))[0]!.data!.customerInvoiceChanged.cursor;
      await first.close();
      for (const target of targets) await direct(h, 'PUT', `/customer_invoices/${target!.id}`, { label: 'in the batch' });
      await keeper.until(CHANGED + 1, 30_000);
      h.sim.control.clearLog();

      // Resuming hands the 150 missed changes over as one batch.
      const resumed = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, { after: cursor });
      try {
        const events = await resumed.until(CHANGED, 30_000);
        expect(events.every((e) => e.errors === undefined && e.data!.customerInvoiceChanged.customerInvoice?.pennylaneId)).toBe(true);
        expect(new Set(events.map((e) => e.data!.customerInvoiceChanged.pennylaneId))).toEqual(new Set(targets.map((t) => String(t!.id))));
        const reads = h.sim.control.requests({ route: 'GET /customer_invoices' });
        const sizes = reads.map((read) => ((read.filter as { field: string; operator: string; value: number[] }[])[0]!.value).length).sort((a, b) => a - b);
        expect(sizes).toEqual([50, 100]);
      } finally {
        await resumed.close();
      }
    } finally {
      await Promise.all([keeper.close(), first.close()]);
    }
  });
});
