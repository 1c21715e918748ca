import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { SseSubscription } from '../support/sse.js';
import { changelogCalls, direct, INVOICE_CHANGED, invoiceBody, invoices, LIVE_ENV, type InvoiceChanged } from './live-support.js';

const CREATE = `mutation($input: CreateCustomerInvoiceInput!) { createCustomerInvoice(input: $input) { __typename ... on CustomerInvoicePayload { customerInvoice { pennylaneId } } } }`;

describe('change subscriptions over server-sent events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: LIVE_ENV });
  });
  afterAll(() => h.close());

  it('delivers an invoice created through the gateway, one created straight at Pennylane, a payment and a deletion, each once', async () => {
    const sub = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    try {
      const upcoming = invoices(h).find((i) => i.status === 'upcoming')!;
      const customerId = upcoming.customer!.id;
      const viaGateway = await h.gql<{ createCustomerInvoice: { customerInvoice: { pennylaneId: string } } }>(CREATE, {
        input: { customerId: String(customerId), date: '2026-11-16', deadline: '2026-12-16', invoiceLines: [{ label: 'Conseil', quantity: '1', rawCurrencyUnitPrice: '150.00', unit: 'hour', vatRate: 'FR_200' }] },
      });
      const gatewayId = viaGateway.data!.createCustomerInvoice.customerInvoice.pennylaneId;
      const directId = String(((await (await direct(h, 'POST', '/customer_invoices', invoiceBody(customerId, 'Made elsewhere'))).json()) as { id: number }).id);
      await direct(h, 'PUT', `/customer_invoices/${upcoming.id}/mark_as_paid`);
      await direct(h, 'DELETE', `/customer_invoices/${directId}`);

      await sub.until(4);
      // Two more polls: nothing is delivered twice.
      const calls = changelogCalls(h, 'customer_invoices');
      expect(await eventually(() => changelogCalls(h, 'customer_invoices') >= calls + 2)).toBe(true);
      const seen = sub.events.map((e) => {
        expect(e.errors).toBeUndefined();
        const c = e.data!.customerInvoiceChanged;
        return [c.operation, c.pennylaneId];
      });
      expect(seen).toEqual([
        ['INSERT', gatewayId],
        ['INSERT', directId],
        ['UPDATE', String(upcoming.id)],
        ['DELETE', directId],
      ]);
      const [created, , paid, deleted] = sub.events.map((e) => e.data!.customerInvoiceChanged);
      expect(created!.customerInvoice).toMatchObject({ pennylaneId: gatewayId, status: 'DRAFT', customer: { name: expect.any(String) } });
      expect(paid!.customerInvoice).toMatchObject({ status: 'PAID', remainingAmountWithTax: '0.00' });
      expect(deleted!.customerInvoice).toBeNull();
      expect(created!.source).toBe('CHANGELOG');
      expect(new Set(sub.events.map((e) => e.data!.customerInvoiceChanged.cursor)).size).toBe(4);
      // Polling's share of the budget is reported with every event.
      expect(sub.events[0]!.extensions!.polling).toMatchObject({ intervalMs: 1_000, maxCallsPerMinute: 300, callsLastMinute: expect.any(Number) });
    } finally {
      await sub.close();
    }
  });

  it('applies the filter to the record as it is now', async () => {
    const paidOnly = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, { filter: { status: ['PAID'] } });
    try {
      const [first, second] = invoices(h).filter((i) => i.status === 'upcoming');
      await direct(h, 'PUT', `/customer_invoices/${first!.id}`, { label: 'Still unpaid' });
      await direct(h, 'PUT', `/customer_invoices/${second!.id}/mark_as_paid`);
      await paidOnly.until(1);
      const calls = changelogCalls(h, 'customer_invoices');
      expect(await eventually(() => changelogCalls(h, 'customer_invoices') >= calls + 2)).toBe(true);
      expect(paidOnly.events.map((e) => e.data!.customerInvoiceChanged.pennylaneId)).toEqual([String(second!.id)]);
    } finally {
      await paidOnly.close();
    }
  });

  it('two subscribers of one token cost one poll: the feed is read once per interval for both', async () => {
    const a = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    const b = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    // A third on another feed: its changelog is read once per round, the yardstick.
    const other = await SseSubscription.open(h.gateway, 'subscription { supplierChanged { operation pennylaneId } }');
    try {
      const start = { invoices: changelogCalls(h, 'customer_invoices'), suppliers: changelogCalls(h, 'suppliers') };
      const target = invoices(h).find((i) => i.status === 'upcoming')!;
      await direct(h, 'PUT', `/customer_invoices/${target.id}`, { label: 'Seen by both' });
      await a.until(1);
      await b.until(1);
      expect(await eventually(() => changelogCalls(h, 'suppliers') >= start.suppliers + 4)).toBe(true);
      const invoiceReads = changelogCalls(h, 'customer_invoices') - start.invoices;
      const supplierReads = changelogCalls(h, 'suppliers') - start.suppliers;
      // Each subscriber polling for itself would read customer_invoices twice per round.
      expect(invoiceReads).toBeLessThanOrEqual(supplierReads + 1);
      for (const sub of [a, b]) expect(sub.events.map((e) => e.data!.customerInvoiceChanged.pennylaneId)).toEqual([String(target.id)]);
      // The record was read once per subscriber (each has its own loaders), by id: no list walk.
      const reads = h.sim.control.requests({ route: 'GET /customer_invoices' }).filter((r) => JSON.stringify(r.filter).includes(String(target.id)));
      expect(reads.length).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });

  it('resumes after a cursor: what was missed comes once, its records read together in one `id in` call', async () => {
    const keeper = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    const first = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    try {
      const targets = invoices(h).filter((i) => i.status === 'upcoming').slice(0, 4);
      await direct(h, 'PUT', `/customer_invoices/${targets[0]!.id}`, { label: 'before the break' });
      const [seen] = await first.until(1);
      const cursor = seen!.data!.customerInvoiceChanged.cursor;
      await first.close();
      for (const target of targets.slice(1)) await direct(h, 'PUT', `/customer_invoices/${target.id}`, { label: 'during the break' });
      await keeper.until(4);
      h.sim.control.clearLog();

      const resumed = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, { after: cursor });
      try {
        await resumed.until(3);
        const calls = changelogCalls(h, 'customer_invoices');
        expect(await eventually(() => changelogCalls(h, 'customer_invoices') >= calls + 2)).toBe(true);
        expect(resumed.events.map((e) => e.data!.customerInvoiceChanged.pennylaneId)).toEqual(targets.slice(1).map((t) => String(t.id)));
        expect(resumed.events.every((e) => e.data!.customerInvoiceChanged.customerInvoice?.pennylaneId)).toBe(true);
        const reads = h.sim.control.requests({ route: 'GET /customer_invoices' });
        expect(reads).toHaveLength(1);
        const [idIn] = reads[0]!.filter as { field: string; operator: string; value: number[] }[];
        expect({ ...idIn, value: [...idIn!.value].sort() }).toEqual({ field: 'id', operator: 'in', value: targets.slice(1).map((t) => t.id).sort() });
      } finally {
        await resumed.close();
      }
    } finally {
      await Promise.all([keeper.close(), first.close()]);
    }
  });

  it('refuses a cursor it never gave, and one older than the events it keeps, with a code', async () => {
    const forged = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, { after: 'not-a-cursor' });
    const [refused] = await forged.until(1);
    expect(refused!.errors?.[0]?.extensions?.code).toBe('CURSOR_UNKNOWN');
    // A cursor of an earlier process (no Redis: its log is gone with it).
    const earlier = Buffer.from('v1.m.1000-1').toString('base64url');
    const old = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, { after: earlier });
    const [expired] = await old.until(1);
    expect(expired!.errors?.[0]?.extensions?.code).toBe('CURSOR_EXPIRED');
  });
});
