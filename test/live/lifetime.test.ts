import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { SseSubscription } from '../support/sse.js';
import { changelogCalls, direct, INVOICE_CHANGED, invoices, LIVE_ENV, liveSubscriptions, type InvoiceChanged } from './live-support.js';

const SUPPLIERS = 'subscription { supplierChanged { operation pennylaneId } }';

describe('a change subscription over its whole life', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        ...LIVE_ENV,
        PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT: '2',
        PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_TENANT: '3',
        PENNYLANE_ALLOW_CLIENT_TOKENS: 'true',
        PENNYLANE_TOKEN_SOURCE: 'client-or-server',
      },
    });
  });
  afterAll(() => h.close());

  it('still reads the records of events that come long after the deadline of the request that opened it', async () => {
    const sub = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, {}, { 'x-pennylane-deadline-ms': '1500' });
    try {
      expect(await eventually(async () => (await liveSubscriptions(h)) === 1)).toBe(true);
      // Well past the 1.5 s the opening request was given.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const upcoming = invoices(h).find((i) => i.status === 'upcoming')!;
      await direct(h, 'PUT', `/customer_invoices/${upcoming.id}`, { label: 'Late change' });
      const [event] = await sub.until(1);
      expect(event!.errors).toBeUndefined();
      expect(event!.data!.customerInvoiceChanged.customerInvoice).toMatchObject({ pennylaneId: String(upcoming.id), customer: { name: expect.any(String) } });
      // And again, a batch later.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await direct(h, 'PUT', `/customer_invoices/${upcoming.id}`, { label: 'Later change' });
      const [, second] = await sub.until(2);
      expect(second!.errors).toBeUndefined();
      expect(second!.data!.customerInvoiceChanged.customerInvoice).toMatchObject({ pennylaneId: String(upcoming.id) });
    } finally {
      await sub.close();
    }
  });

  it('delivers a change Pennylane recorded at the same instant as one already delivered, and neither twice', async () => {
    const sub = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    try {
      expect(await eventually(async () => (await liveSubscriptions(h)) === 1)).toBe(true);
      const [first, second, third] = invoices(h).filter((i) => i.status === 'upcoming');
      await direct(h, 'PUT', `/customer_invoices/${first!.id}`, { label: 'First at this instant' });
      await sub.until(1);
      // Pennylane processed another change at that same instant, listed after the poll that saw the first.
      const at = h.sim.control.changes('customer_invoices').at(-1)!.processed_at;
      h.sim.control.recordChange('customer_invoices', second!.id, 'update', at);
      await sub.until(2);
      await direct(h, 'PUT', `/customer_invoices/${third!.id}`, { label: 'Later' });
      await sub.until(3);
      const calls = changelogCalls(h, 'customer_invoices');
      expect(await eventually(() => changelogCalls(h, 'customer_invoices') >= calls + 2)).toBe(true);
      expect(sub.events.map((e) => e.data!.customerInvoiceChanged.pennylaneId)).toEqual([first, second, third].map((i) => String(i!.id)));
    } finally {
      await sub.close();
    }
  });

  it('gives its place back when reading an event\'s record fails', async () => {
    const sub = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    const fault = h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 500, times: Infinity });
    try {
      expect(await eventually(async () => (await liveSubscriptions(h)) === 1)).toBe(true);
      const upcoming = invoices(h).find((i) => i.status === 'upcoming')!;
      await direct(h, 'PUT', `/customer_invoices/${upcoming.id}`, { label: 'Unreadable' });
      const [event] = await sub.until(1);
      expect(event!.errors?.length).toBeGreaterThan(0);
      expect(await eventually(async () => (await liveSubscriptions(h)) === 0)).toBe(true);
    } finally {
      h.sim.control.removeFault(fault);
      await sub.close();
    }
  });

  it('counts anonymous clients by their token: one token\'s subscriptions leave another\'s places free', async () => {
    h.sim.control.addToken('second-token');
    const mine = [await SseSubscription.open(h.gateway, SUPPLIERS), await SseSubscription.open(h.gateway, SUPPLIERS)];
    const theirs = await SseSubscription.open(h.gateway, SUPPLIERS, {}, { authorization: 'Bearer second-token' });
    try {
      expect(await eventually(async () => (await liveSubscriptions(h)) === 3)).toBe(true);
      const third = await SseSubscription.open(h.gateway, SUPPLIERS);
      const [refused] = await third.until(1);
      expect(refused!.errors?.[0]?.message).toMatch(/PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT/);
      expect(theirs.events).toEqual([]);
    } finally {
      await Promise.all([...mine, theirs].map((s) => s.close()));
    }
  });
});

describe('the per-tenant bound on change subscriptions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ...LIVE_ENV, PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_TENANT: '2', PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' } });
  });
  afterAll(() => h.close());

  it('bounds the subscriptions of one tenant across its clients', async () => {
    h.sim.control.addToken('third-token');
    const asDemo = { authorization: `Bearer ${h.sim.demoToken}` };
    // The server's token, and the same token brought by a client: one tenant.
    const open = [await SseSubscription.open(h.gateway, SUPPLIERS), await SseSubscription.open(h.gateway, SUPPLIERS, {}, asDemo)];
    try {
      expect(await eventually(async () => (await liveSubscriptions(h)) === 2)).toBe(true);
      const over = await SseSubscription.open(h.gateway, SUPPLIERS, {}, asDemo);
      const [refused] = await over.until(1);
      expect(refused!.errors?.[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      expect(refused!.errors?.[0]?.message).toMatch(/PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_TENANT/);
      const other = await SseSubscription.open(h.gateway, SUPPLIERS, {}, { authorization: 'Bearer third-token' });
      expect(await eventually(async () => (await liveSubscriptions(h)) === 3)).toBe(true);
      await other.close();
    } finally {
      await Promise.all(open.map((s) => s.close()));
    }
  });
});
