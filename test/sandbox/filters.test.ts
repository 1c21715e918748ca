import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, filterParam, listAll, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
type Inv = { id: number; date: string; draft: boolean; status: string; invoice_number: string; external_reference: string; customer: { id: number } };
let invoices: Inv[];
beforeAll(async () => {
  sim = await startTestSimulator();
  invoices = sim.control.snapshot('customer_invoices') as Inv[];
});
afterAll(() => sim.close());

async function ids(path: string, conditions: unknown[]): Promise<number[]> {
  const items = await listAll<{ id: number }>(sim, path, { filter: filterParam(conditions) });
  return items.map((i) => i.id).sort((a, b) => a - b);
}
const expected = (pred: (i: Inv) => boolean) => invoices.filter(pred).map((i) => i.id);

describe('customer_invoices filter operators', () => {
  const someCustomer = () => (invoices[17] as Inv).customer.id;

  it('eq / not_eq on customer_id', async () => {
    const c = someCustomer();
    const eq = await ids('/customer_invoices', [{ field: 'customer_id', operator: 'eq', value: c }]);
    expect(eq.length).toBeGreaterThan(0);
    expect(eq).toEqual(expected((i) => i.customer.id === c));
    expect(await ids('/customer_invoices', [{ field: 'customer_id', operator: 'not_eq', value: c }])).toEqual(expected((i) => i.customer.id !== c));
  });

  it('lt / lteq / gt / gteq on date', async () => {
    const d = '2026-03-15';
    const cases: Array<[string, (x: string) => boolean]> = [
      ['lt', (x) => x < d], ['lteq', (x) => x <= d], ['gt', (x) => x > d], ['gteq', (x) => x >= d],
    ];
    for (const [operator, pred] of cases) {
      const got = await ids('/customer_invoices', [{ field: 'date', operator, value: d }]);
      expect(got, operator).toEqual(expected((i) => pred(i.date)));
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('in / not_in on id', async () => {
    const pick = [invoices[3], invoices[40], invoices[399]].map((i) => (i as Inv).id);
    expect(await ids('/customer_invoices', [{ field: 'id', operator: 'in', value: pick }])).toEqual([...pick].sort((a, b) => a - b));
    expect(await ids('/customer_invoices', [{ field: 'id', operator: 'not_in', value: pick }])).toEqual(expected((i) => !pick.includes(i.id)));
  });

  it('eq on booleans draft and credit_note', async () => {
    const drafts = await ids('/customer_invoices', [{ field: 'draft', operator: 'eq', value: true }]);
    expect(drafts).toEqual(expected((i) => i.draft));
    expect(drafts.length).toBeGreaterThan(0);
    const notes = await ids('/customer_invoices', [{ field: 'credit_note', operator: 'eq', value: true }]);
    expect(notes).toEqual(expected((i) => i.status === 'credit_note'));
  });

  it('invoice_number in, external_reference eq, category_id in', async () => {
    const numbered = invoices.filter((i) => i.invoice_number !== '').slice(0, 3);
    expect(await ids('/customer_invoices', [{ field: 'invoice_number', operator: 'in', value: numbered.map((i) => i.invoice_number) }])).toEqual(numbered.map((i) => i.id));
    const one = invoices[5] as Inv;
    expect(await ids('/customer_invoices', [{ field: 'external_reference', operator: 'eq', value: one.external_reference }])).toEqual([one.id]);
    expect(await ids('/customer_invoices', [{ field: 'category_id', operator: 'in', value: [1, 2] }])).toEqual([]);
  });

  it('conditions are AND-combined', async () => {
    const c = someCustomer();
    const got = await ids('/customer_invoices', [
      { field: 'customer_id', operator: 'eq', value: c },
      { field: 'date', operator: 'gteq', value: '2026-01-01' },
    ]);
    expect(got).toEqual(expected((i) => i.customer.id === c && i.date >= '2026-01-01'));
  });

  it('an empty filter array is no filter', async () => {
    expect((await ids('/customer_invoices', [])).length).toBe(400);
  });
});

describe('filter validation → 400 {message, field: "filter", code: "ValidateError"}', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['unknown operator', filterParam([{ field: 'date', operator: 'like', value: '2026' }]), /like/],
    ['undeclared field', filterParam([{ field: 'status', operator: 'eq', value: 'paid' }]), /status/],
    ['operator not allowed on field', filterParam([{ field: 'invoice_number', operator: 'gt', value: 'F' }]), /gt.*invoice_number/],
    ['start_with on customer_invoices', filterParam([{ field: 'date', operator: 'start_with', value: '2026' }]), /start_with/],
    ['string for an id', filterParam([{ field: 'customer_id', operator: 'eq', value: '123' }]), /customer_id/],
    ['non-array for in', filterParam([{ field: 'id', operator: 'in', value: 12 }]), /in/],
    ['bad date', filterParam([{ field: 'date', operator: 'gt', value: '2026-13-01' }]), /date/],
    ['string for a boolean', filterParam([{ field: 'draft', operator: 'eq', value: 'true' }]), /draft/],
    ['malformed JSON', '[{"field":', /JSON/],
    ['not an array', filterParam({ field: 'id' } as unknown as unknown[]), /array/],
    ['missing value', JSON.stringify([{ field: 'id', operator: 'eq' }]), /value/],
    ['more than 100 values in in', filterParam([{ field: 'id', operator: 'in', value: Array.from({ length: 101 }, (_, i) => i + 1) }]), /101/],
  ];
  it.each(cases)('%s', async (_name, filter, message) => {
    const res = await call<{ message: string; field: string; code: string }>(sim, '/customer_invoices', { query: { filter } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('filter');
    expect(res.body.code).toBe('ValidateError');
    expect(res.body.message).toMatch(message);
  });

  it('accepts exactly 100 values', async () => {
    const res = await call(sim, '/customer_invoices', { query: { filter: filterParam([{ field: 'id', operator: 'in', value: Array.from({ length: 100 }, (_, i) => i + 1) }]) } });
    expect(res.status).toBe(200);
  });
});

describe('customers and products filters', () => {
  type Cust = { id: number; name: string; customer_type: string; reg_no?: string; external_reference: string };
  it('customers: customer_type, name start_with, reg_no, ledger_account_id', async () => {
    const customers = sim.control.snapshot('customers') as Cust[];
    const companies = await ids('/customers', [{ field: 'customer_type', operator: 'eq', value: 'company' }]);
    expect(companies).toEqual(customers.filter((c) => c.customer_type === 'company').map((c) => c.id));
    const target = customers.find((c) => c.customer_type === 'company') as Cust;
    const prefix = target.name.slice(0, 4);
    expect(await ids('/customers', [{ field: 'name', operator: 'start_with', value: prefix }])).toEqual(customers.filter((c) => c.name.startsWith(prefix)).map((c) => c.id));
    expect(await ids('/customers', [{ field: 'reg_no', operator: 'eq', value: target.reg_no }])).toEqual([target.id]);
    const bad = await call<{ field: string }>(sim, '/customers', { query: { filter: filterParam([{ field: 'customer_type', operator: 'eq', value: 'robot' }]) } });
    expect(bad.status).toBe(400);
    const notAllowed = await call<{ field: string }>(sim, '/customers', { query: { filter: filterParam([{ field: 'name', operator: 'eq', value: 'x' }]) } });
    expect(notAllowed.status).toBe(400);
  });

  it('products: label/reference eq,in; external_reference not_in', async () => {
    type Prod = { id: number; label: string; reference: string | null; external_reference: string };
    const products = sim.control.snapshot('products') as Prod[];
    const p = products[0] as Prod;
    expect(await ids('/products', [{ field: 'label', operator: 'eq', value: p.label }])).toEqual([p.id]);
    expect(await ids('/products', [{ field: 'external_reference', operator: 'not_in', value: [p.external_reference] }])).toHaveLength(39);
    const res = await call(sim, '/products', { query: { filter: filterParam([{ field: 'label', operator: 'start_with', value: 'A' }]) } });
    expect(res.status).toBe(400);
  });
});
