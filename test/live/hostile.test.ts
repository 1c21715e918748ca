import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { SseSubscription } from '../support/sse.js';
import { changelogCalls, direct, INVOICE_CHANGED, invoices, LIVE_ENV, type InvoiceChanged } from './live-support.js';

const SUPPLIERS = 'subscription { supplierChanged { operation pennylaneId } }';

async function metric(h: Harness, name: string): Promise<number> {
  const text = await (await h.gateway.yoga.fetch('http://gateway.test/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

describe('change subscriptions under hostile use', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { ...LIVE_ENV, PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT: '2', PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' },
    });
  });
  afterAll(() => h.close());

  it('bounds the subscriptions of one client, with a code; closing one frees its place', async () => {
    const a = await SseSubscription.open(h.gateway, SUPPLIERS);
    const b = await SseSubscription.open(h.gateway, SUPPLIERS);
    const c = await SseSubscription.open(h.gateway, SUPPLIERS);
    const [refused] = await c.until(1);
    expect(refused!.errors?.[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused!.errors?.[0]?.message).toMatch(/PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT/);
    await a.close();
    expect(await eventually(async () => (await metric(h, 'pennylane_live_subscriptions')) === 1)).toBe(true);
    const d = await SseSubscription.open(h.gateway, SUPPLIERS);
    // `d` took the freed place: it is live, not refused (a dead stream would have no events either).
    expect(await eventually(async () => (await metric(h, 'pennylane_live_subscriptions')) === 2)).toBe(true);
    expect(d.events).toEqual([]);
    await Promise.all([b.close(), d.close()]);
  });

  it('refuses bad filters before anything runs: no changelog is read for them', async () => {
    h.sim.control.clearLog();
    for (const [filter, field] of [
      [{ status: [] }, 'filter.status'],
      [{ pennylaneIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) }, 'filter.pennylaneIds'],
      [{ customerIds: ['not an id'] }, 'filter.customerIds'],
      [{ status: ['OTHER'] }, 'filter.status'],
    ] as const) {
      const sub = await SseSubscription.open(h.gateway, INVOICE_CHANGED, { filter });
      const [answer] = await sub.until(1);
      expect(answer!.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
      expect(answer!.errors?.[0]?.message).toContain(field);
    }
    const wrongType = await SseSubscription.open(h.gateway, INVOICE_CHANGED, { filter: { status: ['SOLD'] } });
    expect((await wrongType.until(1))[0]!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(changelogCalls(h, 'customer_invoices')).toBe(0);
    expect(await metric(h, 'pennylane_live_subscriptions')).toBe(0);
  });

  it('answers `x-pennylane-cost: estimate` for a subscription with its plan alone: no stream, no call', async () => {
    h.sim.control.clearLog();
    const res = await h.gql(INVOICE_CHANGED, {}, { 'x-pennylane-cost': 'estimate' });
    expect(res.errors).toBeUndefined();
    expect(res.data ?? null).toBeNull();
    expect(res.extensions).toMatchObject({ cost: { estimate: { calls: expect.any(Number), backgroundCalls: expect.any(Number) } } });
    expect(h.sim.control.count()).toBe(0);
    expect(await metric(h, 'pennylane_live_subscriptions')).toBe(0);
  });

  it('releases a subscriber that disconnects: its feed is no longer polled', async () => {
    const sub = await SseSubscription.open(h.gateway, INVOICE_CHANGED);
    expect(await eventually(async () => (await metric(h, 'pennylane_live_subscriptions')) === 1)).toBe(true);
    await sub.close();
    expect(await eventually(async () => (await metric(h, 'pennylane_live_subscriptions')) === 0)).toBe(true);
    const yardstick = await SseSubscription.open(h.gateway, SUPPLIERS);
    try {
      const invoiceReads = changelogCalls(h, 'customer_invoices');
      const supplierReads = changelogCalls(h, 'suppliers');
      expect(await eventually(() => changelogCalls(h, 'suppliers') >= supplierReads + 3)).toBe(true);
      expect(changelogCalls(h, 'customer_invoices')).toBe(invoiceReads);
    } finally {
      await yardstick.close();
    }
  });

  it('tells a subscriber whose token Pennylane refuses, or which lacks the feed\'s scope, instead of waiting silently', async () => {
    const refused = await SseSubscription.open(h.gateway, INVOICE_CHANGED, {}, { authorization: 'Bearer not-a-pennylane-token' });
    expect((await refused.until(1))[0]!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    h.sim.control.addToken('customers-only-token', { scopes: ['customers:readonly'] });
    const narrow = await SseSubscription.open(h.gateway, INVOICE_CHANGED, {}, { authorization: 'Bearer customers-only-token' });
    const [answer] = await narrow.until(1);
    expect(answer!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(answer!.errors?.[0]?.message).toContain('customer_invoices');
    const narrowCalls = () => h.sim.control.count({ route: 'GET /changelogs/customer_invoices', token: 'customers-only-token' });
    expect(narrowCalls()).toBe(1);
    // The refusal is remembered (for an hour, not the 4 weeks of a position): asking again costs no call.
    const again = await SseSubscription.open(h.gateway, INVOICE_CHANGED, {}, { authorization: 'Bearer customers-only-token' });
    expect((await again.until(1))[0]!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(narrowCalls()).toBe(1);
    expect(await metric(h, 'pennylane_live_subscriptions')).toBe(0);
  });

  it('never shows a subscriber the changes of another tenant, nor lets it resume on their cursors', async () => {
    const other = h.sim.control.addCompany('Autre Société SAS', 7);
    h.sim.control.addToken('other-company-token', { company: other.key });
    const asOther = { authorization: 'Bearer other-company-token' };
    const mine = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED);
    const theirs = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, {}, asOther);
    try {
      const demoInvoice = invoices(h).find((i) => i.status === 'upcoming')!;
      const otherInvoice = (h.sim.control.snapshot('customer_invoices', other.key) as { id: number; status: string }[]).find((i) => i.status === 'upcoming')!;
      await direct(h, 'PUT', `/customer_invoices/${demoInvoice.id}`, { label: 'Demo only' });
      await direct(h, 'PUT', `/customer_invoices/${otherInvoice.id}`, { label: 'Other only' }, 'other-company-token');
      await mine.until(1);
      await theirs.until(1);
      const calls = changelogCalls(h, 'customer_invoices');
      expect(await eventually(() => changelogCalls(h, 'customer_invoices') >= calls + 4)).toBe(true);
      expect(mine.events.map((e) => e.data!.customerInvoiceChanged.pennylaneId)).toEqual([String(demoInvoice.id)]);
      expect(theirs.events.map((e) => e.data!.customerInvoiceChanged.pennylaneId)).toEqual([String(otherInvoice.id)]);

      // A cursor of the demo company's log means nothing in the other company's.
      await Promise.all([mine.close(), theirs.close()]);
      const stolen = await SseSubscription.open<InvoiceChanged>(h.gateway, INVOICE_CHANGED, { after: mine.events[0]!.data!.customerInvoiceChanged.cursor }, asOther);
      const [refused] = await stolen.until(1);
      expect(['CURSOR_UNKNOWN', 'CURSOR_EXPIRED']).toContain(refused!.errors?.[0]?.extensions?.code);
      expect(refused!.data ?? null).toBeNull();
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
    }
  });
});

describe('polling within its share of the budget', () => {
  let h: Harness;
  beforeAll(async () => {
    // 1% of 25 calls per 5 s: 3 changelog calls a minute at most.
    h = await startHarness({ env: { ...LIVE_ENV, PENNYLANE_CHANGE_POLL_MAX_SHARE: '1' } });
  });
  afterAll(() => h.close());

  it('stops each round once polling spent its share of the token budget, and says so in metrics (no token in them)', async () => {
    const subs = await Promise.all(
      ['customerInvoiceChanged', 'supplierChanged', 'productChanged', 'quoteChanged'].map((field) =>
        SseSubscription.open(h.gateway, `subscription { ${field} { operation pennylaneId } }`),
      ),
    );
    try {
      expect(await eventually(async () => (await metric(h, 'pennylane_change_poll_budget_stops_total')) >= 3)).toBe(true);
      const reads = h.sim.control.requests({}).filter((r) => r.route.startsWith('GET /changelogs/'));
      expect(reads).toHaveLength(3);
      const text = await (await h.gateway.yoga.fetch('http://gateway.test/metrics')).text();
      expect(text).toMatch(/pennylane_change_poll_calls_total\{family="sales_purchases"\} 3/);
      expect(text).not.toContain(h.sim.demoToken);
    } finally {
      await Promise.all(subs.map((s) => s.close()));
    }
  });
});
