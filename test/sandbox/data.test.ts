import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cents, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

type Link = { id: number; url?: string };
type Inv = Record<string, unknown> & {
  id: number; status: string; draft: boolean; paid: boolean; date: string; deadline: string; invoice_number: string;
  amount: string; tax: string; currency_amount: string; currency_amount_before_tax: string; currency_tax: string;
  remaining_amount_with_tax: string | null; customer: Link; credited_invoice: Link | null; ledger_entry: Link | null;
  invoice_lines: { url: string };
};
type Line = { amount: string; tax: string; currency_amount: string; currency_amount_before_tax: string; currency_tax: string; quantity: string; product: Link | null };
type Payment = { currency_amount: string };

const TODAY = '2026-11-16';
const AMOUNT_RE = /^-?\d+\.\d{2}$/;

describe('volumes and identifiers', () => {
  it('has 60+ customers (both kinds), 40 products, 400 invoices', () => {
    const customers = sim.control.snapshot('customers') as Array<{ customer_type: string }>;
    expect(customers.length).toBeGreaterThanOrEqual(60);
    expect(new Set(customers.map((c) => c.customer_type))).toEqual(new Set(['company', 'individual']));
    expect(sim.control.snapshot('products')).toHaveLength(40);
    expect(sim.control.snapshot('customer_invoices')).toHaveLength(400);
  });

  it('ids exceed 2^32, stay below 2^53, and each resource has its own id space', () => {
    const spaces = ['customers', 'products', 'customer_invoices', 'ledger_accounts'].map((r) =>
      (sim.control.snapshot(r) as Array<{ id: number }>).map((x) => x.id),
    );
    for (const ids of spaces) for (const id of ids) expect(id > 2 ** 32 && Number.isSafeInteger(id)).toBe(true);
    const all = spaces.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('companies have 9-digit SIREN reg_no and a VAT number; individuals first/last names', () => {
    for (const c of sim.control.snapshot('customers') as Array<Record<string, unknown>>) {
      if (c['customer_type'] === 'company') {
        expect(typeof c['vat_number']).toBe('string');
        expect(c['reg_no']).toMatch(/^\d{9}$/);
        expect('first_name' in c).toBe(false);
      } else {
        expect(c['name']).toBe(`${c['first_name']} ${c['last_name']}`);
        expect('reg_no' in c).toBe(false);
      }
      expect((c['ledger_account'] as Link).id).toBeGreaterThan(2 ** 32);
    }
  });
});

describe('invoices are coherent', () => {
  let invoices: Inv[];
  beforeAll(() => {
    invoices = sim.control.snapshot('customer_invoices') as Inv[];
  });

  it('covers every status', () => {
    const statuses = new Set(invoices.map((i) => i.status));
    for (const s of ['draft', 'upcoming', 'late', 'paid', 'credit_note', 'cancelled', 'partially_cancelled']) expect(statuses).toContain(s);
  });

  it('amounts are decimal strings and lines sum exactly to the totals, for every invoice', () => {
    for (const inv of invoices) {
      for (const k of ['amount', 'tax', 'currency_amount', 'currency_amount_before_tax', 'currency_tax'] as const) expect(inv[k]).toMatch(AMOUNT_RE);
      const lines = sim.control.invoiceLines(inv.id) as Line[];
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(8);
      const sum = (k: keyof Line) => lines.reduce((s, l) => s + cents(l[k] as string), 0n);
      expect(sum('currency_amount_before_tax')).toBe(cents(inv.currency_amount_before_tax));
      expect(sum('currency_tax')).toBe(cents(inv.currency_tax));
      expect(sum('currency_amount')).toBe(cents(inv.currency_amount));
      expect(sum('amount')).toBe(cents(inv.amount));
      expect(sum('tax')).toBe(cents(inv.tax));
      expect(cents(inv.currency_amount_before_tax) + cents(inv.currency_tax)).toBe(cents(inv.currency_amount));
      for (const l of lines) expect(typeof l.quantity).toBe('string');
    }
  });

  it('status rules: drafts, paid, upcoming, late, partial payments', () => {
    for (const inv of invoices) {
      const payments = sim.control.payments(inv.id) as Payment[];
      const paid = payments.reduce((s, p) => s + cents(p.currency_amount), 0n);
      switch (inv.status) {
        case 'draft':
          expect(inv.invoice_number).toBe('');
          expect(inv.ledger_entry).toBeNull();
          expect(payments).toHaveLength(0);
          break;
        case 'paid':
          expect(inv.paid).toBe(true);
          expect(paid).toBe(cents(inv.amount));
          expect(inv.remaining_amount_with_tax).toBe('0.00');
          break;
        case 'upcoming':
        case 'late':
          expect(inv.paid).toBe(false);
          expect(inv.status === 'late' ? inv.deadline < TODAY : inv.deadline >= TODAY).toBe(true);
          expect(cents(inv.remaining_amount_with_tax as string)).toBe(cents(inv.amount) - paid);
          break;
        case 'credit_note':
          expect(cents(inv.amount) < 0n).toBe(true);
          expect(payments).toHaveLength(0);
          break;
      }
      if (inv.status !== 'draft') expect(inv.invoice_number).toMatch(/^(F|AV)-\d{4}-\d{4}$/);
    }
    const partial = invoices.filter((i) => (i.status === 'upcoming' || i.status === 'late') && (sim.control.payments(i.id) as Payment[]).length > 0);
    expect(partial.length).toBeGreaterThan(0);
  });

  it('credit notes credit a real invoice of the same customer, which is (partially) cancelled', () => {
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const notes = invoices.filter((i) => i.status === 'credit_note');
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      const credited = byId.get((n.credited_invoice as Link).id) as Inv;
      expect(credited).toBeDefined();
      expect(n.credited_invoice?.url).toBe(`${sim.baseUrl}/customer_invoices/${credited.id}`);
      expect(credited.customer.id).toBe(n.customer.id);
      expect(['cancelled', 'partially_cancelled']).toContain(credited.status);
      const remaining = cents(credited.amount) + cents(n.amount);
      expect(cents(credited.remaining_amount_with_tax as string)).toBe(remaining);
      expect(credited.status === 'cancelled' ? remaining === 0n : remaining > 0n).toBe(true);
    }
  });

  it('invoice numbers are sequential per year in date order', () => {
    const finalized = invoices.filter((i) => i.invoice_number.startsWith('F-')).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    const counters = new Map<string, number>();
    for (const inv of finalized) {
      const year = inv.date.slice(0, 4);
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      expect(inv.invoice_number).toBe(`F-${year}-${String(n).padStart(4, '0')}`);
    }
  });

  it('customers, links, timestamps and dates are well-formed', () => {
    const customerIds = new Set((sim.control.snapshot('customers') as Link[]).map((c) => c.id));
    for (const inv of invoices) {
      expect(customerIds.has(inv.customer.id)).toBe(true);
      expect(inv.invoice_lines.url).toBe(`${sim.baseUrl}/customer_invoices/${inv.id}/invoice_lines`);
      expect(inv['created_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect(inv.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(inv.date >= '2025-05-01').toBe(true);
    }
  });

  it('snapshot equals GET /{resource}/{id} and the sub-collections', async () => {
    for (const inv of invoices.filter((_, i) => i % 80 === 0)) {
      const res = await call<Inv>(sim, `/customer_invoices/${inv.id}`);
      expect(res.body).toEqual(inv);
      const lines = await call<{ items: Line[] }>(sim, `/customer_invoices/${inv.id}/invoice_lines`, { query: { sort: 'id', limit: '100' } });
      expect(lines.body.items).toEqual(sim.control.invoiceLines(inv.id));
    }
    const customer = (sim.control.snapshot('customers') as Link[])[0] as Link;
    expect((await call(sim, `/customers/${customer.id}`)).body).toEqual(customer);
  });

  it('payments are empty for drafts and credit notes', async () => {
    const draft = invoices.find((i) => i.status === 'draft') as Inv;
    const note = invoices.find((i) => i.status === 'credit_note') as Inv;
    for (const inv of [draft, note]) {
      const res = await call<{ items: unknown[] }>(sim, `/customer_invoices/${inv.id}/payments`);
      expect(res.body.items).toEqual([]);
    }
  });
});

describe('determinism and companies', () => {
  const normalize = (s: Simulator, data: unknown) => JSON.stringify(data).split(s.url).join('<origin>');

  it('same seed ⇒ identical data; another seed ⇒ different data', async () => {
    const twin = await startTestSimulator();
    const other = await startTestSimulator({ seed: 7 });
    try {
      for (const r of ['customers', 'products', 'customer_invoices', 'ledger_accounts']) {
        expect(normalize(twin, twin.control.snapshot(r))).toBe(normalize(sim, sim.control.snapshot(r)));
      }
      expect(normalize(other, other.control.snapshot('customers'))).not.toBe(normalize(sim, sim.control.snapshot('customers')));
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('two tokens on two companies see different books; ids of one are 404 for the other', async () => {
    sim.control.addToken('acme-token', { company: 'acme' });
    try {
      const demo = await call<{ company: { id: number; name: string } }>(sim, '/me');
      const acme = await call<{ company: { id: number; name: string } }>(sim, '/me', { token: 'acme-token' });
      expect(acme.body.company.id).not.toBe(demo.body.company.id);
      const acmeCustomers = sim.control.snapshot('customers', 'acme') as Array<{ id: number; name: string }>;
      const demoCustomers = sim.control.snapshot('customers') as Array<{ id: number; name: string }>;
      expect(acmeCustomers.map((c) => c.name)).not.toEqual(demoCustomers.map((c) => c.name));
      const demoId = (demoCustomers[0] as { id: number }).id;
      expect((await call(sim, `/customers/${demoId}`, { token: 'acme-token' })).status).toBe(404);
      const list = await call<{ items: Array<{ id: number }> }>(sim, '/customers', { token: 'acme-token', query: { limit: '100' } });
      expect(list.body.items.map((c) => c.id).sort((a, b) => a - b)).toEqual(acmeCustomers.map((c) => c.id));
    } finally {
      sim.control.reset();
    }
  });
});
