import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Category = { id: number; category_group: { id: number } };
type Supplier = Json & { id: number; ledger_account: { id: number } | null; external_reference: string; updated_at: string };

const categories = () => sim.control.snapshot('categories') as Category[];
const byGroup = () => {
  const map = new Map<number, Category[]>();
  for (const c of categories()) map.set(c.category_group.id, [...(map.get(c.category_group.id) ?? []), c]);
  return [...map.values()];
};
const customerId = () => (sim.control.snapshot('customers') as Array<{ id: number }>)[0]?.id as number;

describe('PUT /customers/{id}/categories and /suppliers/{id}/categories', () => {
  it('weighted categories per group summing to 1, mixed groups; [] clears; an update event', async () => {
    const [g1, g2] = byGroup();
    const id = customerId();
    const body = [{ id: g1?.[0]?.id, weight: '0.25' }, { id: g1?.[1]?.id, weight: '0.75' }, { id: g2?.[0]?.id, weight: '1.0' }];
    const res = await call<Array<{ id: number; weight: string; category_group: { id: number } }>>(sim, `/customers/${id}/categories`, { method: 'PUT', body });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
    expect(sim.control.subList(`/customers/${id}/categories`)).toHaveLength(3);
    expect(sim.control.changes('customers').at(-1)).toMatchObject({ id, operation: 'update' });
    expect((await call(sim, `/customers/${id}/categories`, { method: 'PUT', body: [] })).status).toBe(200);
    expect(sim.control.subList(`/customers/${id}/categories`)).toEqual([]);
  });

  it.each([
    ['a group not summing to 1', (g: Category[][]) => [{ id: g[0]?.[0]?.id, weight: '0.5' }], 422],
    ['a weight above 1', (g: Category[][]) => [{ id: g[0]?.[0]?.id, weight: '1.5' }, { id: g[0]?.[1]?.id, weight: '-0.5' }], 422],
    ['a duplicate category', (g: Category[][]) => [{ id: g[0]?.[0]?.id, weight: '0.5' }, { id: g[0]?.[0]?.id, weight: '0.5' }], 422],
    ['an unknown category', () => [{ id: 1, weight: '1' }], 422],
    ['a missing weight', (g: Category[][]) => [{ id: g[0]?.[0]?.id }], 400],
    ['an object body', () => ({ id: 1, weight: '1' }), 400],
  ])('refuses %s', async (_name, make, status) => {
    const supplier = (sim.control.snapshot('suppliers') as Supplier[])[0];
    const res = await call(sim, `/suppliers/${supplier?.id}/categories`, { method: 'PUT', body: make(byGroup()) });
    expect(res.status).toBe(status);
  });
});

describe('customer contacts', () => {
  it('POST 201, PUT 200, DELETE 204; each write is an update of the customer', async () => {
    const id = customerId();
    const created = await call<Json & { id: number }>(sim, `/customers/${id}/contacts`, { method: 'POST', body: { first_name: 'Anne', last_name: 'Roux', email: 'anne.roux@example.fr', job_title: 'DAF' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ first_name: 'Anne', last_name: 'Roux', email: 'anne.roux@example.fr', phone: '', job_title: 'DAF' });
    expect((await call(sim, `/customers/${id}/contacts/${created.body.id}`)).body).toEqual(created.body);
    const updated = await call<Json>(sim, `/customers/${id}/contacts/${created.body.id}`, { method: 'PUT', body: { phone: '+33 1 23 45 67 89' } });
    expect(updated.body).toMatchObject({ phone: '+33 1 23 45 67 89', first_name: 'Anne' });
    expect((await call(sim, `/customers/${id}/contacts/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(sim, `/customers/${id}/contacts/${created.body.id}`)).status).toBe(404);
    expect(sim.control.changes('customers').filter((e) => e.id === id).slice(-3).map((e) => e.operation)).toEqual(['update', 'update', 'update']);
  });

  it('400 on a bad email, 422 without name nor email, 404 for another customer\'s contact', async () => {
    const [a, b] = sim.control.snapshot('customers') as Array<{ id: number }>;
    expect((await call<Json>(sim, `/customers/${a?.id}/contacts`, { method: 'POST', body: { email: 'nope' } })).body).toMatchObject({ code: 'InvalidEmailFormat' });
    expect((await call(sim, `/customers/${a?.id}/contacts`, { method: 'POST', body: { phone: '0102030405' } })).status).toBe(422);
    const contact = await call<{ id: number }>(sim, `/customers/${a?.id}/contacts`, { method: 'POST', body: { last_name: 'Petit' } });
    expect((await call(sim, `/customers/${b?.id}/contacts/${contact.body.id}`, { method: 'PUT', body: { phone: '1' } })).status).toBe(404);
    expect((await call(sim, `/customers/${b?.id}/contacts/${contact.body.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('suppliers', () => {
  it('POST: name required; a new 401 auxiliary account; insert event; 409 duplicate external_reference', async () => {
    const res = await call<Supplier>(sim, '/suppliers', { method: 'POST', body: { name: 'Imprimerie Moderne', emails: ['compta@imprimerie.fr'], external_reference: 'SUP-1' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Imprimerie Moderne', emails: ['compta@imprimerie.fr'], establishment_no: null, supplier_payment_method: null, external_reference: 'SUP-1' });
    const account = (await call<{ number: string; label: string }>(sim, `/ledger_accounts/${res.body.ledger_account?.id}`)).body;
    expect(account.number).toMatch(/^401IMPRI/);
    expect(sim.control.changes('suppliers').at(-1)).toMatchObject({ id: res.body.id, operation: 'insert' });
    expect((await call(sim, '/suppliers', { method: 'POST', body: { name: 'Autre', external_reference: 'SUP-1' } })).status).toBe(409);
    expect((await call<Json>(sim, '/suppliers', { method: 'POST', body: { emails: [] } })).body).toMatchObject({ field: 'name', code: 'NotExistRequiredKey' });
    expect((await call<Json>(sim, '/suppliers', { method: 'POST', body: { name: 'X', establishment_no: '123' } })).body).toMatchObject({ code: 'InvalidPattern' });
    expect((await call<Json>(sim, '/suppliers', { method: 'POST', body: { name: 'X', supplier_payment_method: 'bitcoin' } })).body).toMatchObject({ code: 'NotEnumInclude' });
    expect((await call(sim, '/suppliers', { method: 'POST', body: { name: 'X', iban: 'FR0012345678901234567890123' } })).status).toBe(422);
    const customerAccount = (sim.control.snapshot('ledger_accounts') as Array<{ id: number; number: string }>).find((a) => a.number.startsWith('411'));
    expect((await call(sim, '/suppliers', { method: 'POST', body: { name: 'X', ledger_account: { id: customerAccount?.id } } })).status).toBe(422);
  });

  it('PUT: partial update, updated_at bumped, an update event', async () => {
    const [s] = sim.control.snapshot('suppliers') as Supplier[];
    const res = await call<Supplier>(sim, `/suppliers/${s?.id}`, { method: 'PUT', body: { supplier_due_date_delay: 45, supplier_due_date_rule: 'days_or_end_of_month' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: s?.['name'], supplier_due_date_delay: 45, supplier_due_date_rule: 'days_or_end_of_month' });
    expect(res.body.updated_at > (s?.updated_at ?? '')).toBe(true);
    expect(sim.control.changes('suppliers').at(-1)).toMatchObject({ id: s?.id, operation: 'update' });
    expect((await call(sim, '/suppliers/1', { method: 'PUT', body: { name: 'x' } })).status).toBe(404);
  });
});
