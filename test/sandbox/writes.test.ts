import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

const address = { address: '1 rue de Rivoli', postal_code: '75001', city: 'Paris', country_alpha2: 'FR' };
type Err = { message: string; field: string; code: string };
type Cust = Record<string, unknown> & { id: number; external_reference: string; updated_at: string; created_at: string; ledger_account: { id: number } };

describe('company and individual customers', () => {
  it('POST creates with defaults (201) and the record is readable', async () => {
    const res = await call<Cust>(sim, '/company_customers', { method: 'POST', body: { name: 'Nouvelle Société SAS', billing_address: address } });
    expect(res.status).toBe(201);
    const c = res.body;
    expect(c['customer_type']).toBe('company');
    expect(c['payment_conditions']).toBe('30_days');
    expect(c['delivery_address']).toEqual(address);
    expect(c.external_reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.id).toBeGreaterThan(2 ** 32);
    expect(c.ledger_account.id).toBeGreaterThan(2 ** 32);
    expect((await call(sim, `/customers/${c.id}`)).body).toEqual(c);
    expect((await call(sim, `/company_customers/${c.id}`)).body).toEqual(c);
    const events = sim.control.changes('customers');
    expect(events.at(-1)).toMatchObject({ id: c.id, operation: 'insert', created_at: c.created_at, updated_at: c.updated_at });
  });

  it('individual: name from first/last, PUT partial bumps updated_at and records an update', async () => {
    const created = await call<Cust>(sim, '/individual_customers', { method: 'POST', body: { first_name: 'Léa', last_name: 'Durand', billing_address: address, emails: ['lea@example.fr'] } });
    expect(created.status).toBe(201);
    expect(created.body['name']).toBe('Léa Durand');
    const updated = await call<Cust>(sim, `/individual_customers/${created.body.id}`, { method: 'PUT', body: { last_name: 'Martin', payment_conditions: 'upon_receipt' } });
    expect(updated.status).toBe(200);
    expect(updated.body['name']).toBe('Léa Martin');
    expect(updated.body['payment_conditions']).toBe('upon_receipt');
    expect(updated.body['emails']).toEqual(['lea@example.fr']);
    expect(updated.body.updated_at > created.body.updated_at).toBe(true);
    expect(updated.body.created_at).toBe(created.body.created_at);
    const events = sim.control.changes('customers').filter((e) => e.id === created.body.id);
    expect(events.map((e) => e.operation)).toEqual(['insert', 'update']);
    expect(events.every((e) => e.processed_at >= e.updated_at)).toBe(true);
  });

  it('409 on duplicate external_reference (create and update)', async () => {
    const [existing] = sim.control.snapshot('customers') as Cust[];
    const dup = await call(sim, '/company_customers', { method: 'POST', body: { name: 'Dup', billing_address: address, external_reference: existing?.external_reference } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: 409 });
    expect(typeof (dup.body as { error: string }).error).toBe('string');
    const other = await call<Cust>(sim, '/company_customers', { method: 'POST', body: { name: 'Other', billing_address: address, external_reference: 'MY-REF-1' } });
    expect(other.status).toBe(201);
    expect(other.body.external_reference).toBe('MY-REF-1');
    const again = await call(sim, '/individual_customers', { method: 'POST', body: { first_name: 'A', last_name: 'B', billing_address: address, external_reference: 'MY-REF-1' } });
    expect(again.status).toBe(409);
  });

  it.each([
    ['missing required key', { billing_address: address }, 'name', 'NotExistRequiredKey'],
    ['missing nested key', { name: 'X', billing_address: { address: 'a', city: 'b', country_alpha2: 'FR' } }, 'billing_address.postal_code', 'NotExistRequiredKey'],
    ['bad enum', { name: 'X', billing_address: address, payment_conditions: '90_days' }, 'payment_conditions', 'NotEnumInclude'],
    ['wrong type', { name: 42, billing_address: address }, 'name', 'ValidateError'],
    ['unknown property', { name: 'X', billing_address: address, first_name: 'nope' }, 'first_name', 'NotExistPropertyDefinition'],
    ['bad email', { name: 'X', billing_address: address, emails: ['not-an-email'] }, 'emails[0]', 'InvalidEmailFormat'],
  ])('400 %s', async (_n, body, field, code) => {
    const res = await call<Err>(sim, '/company_customers', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field, code });
    expect(typeof res.body.message).toBe('string');
  });

  it('422 on business rules (unknown ledger account, invalid IBAN)', async () => {
    const a = await call<{ error: string; status: number }>(sim, '/company_customers', { method: 'POST', body: { name: 'X', billing_address: address, ledger_account: { id: 1 } } });
    expect(a.status).toBe(422);
    expect(a.body.error).toMatch(/Ledger account/);
    const b = await call<{ error: string }>(sim, '/company_customers', { method: 'POST', body: { name: 'X', billing_address: address, billing_iban: 'FR0012345678901234567890123' } });
    expect(b.status).toBe(422);
    expect(b.body.error).toMatch(/iban/i);
  });

  it('400 when the body is not JSON', async () => {
    const res = await fetch(`${sim.baseUrl}/company_customers`, { method: 'POST', headers: { authorization: `Bearer ${sim.demoToken}`, 'content-type': 'application/json' }, body: '{oops' });
    expect(res.status).toBe(400);
  });
});

describe('products', () => {
  type Prod = Record<string, unknown> & { id: number; price: string; price_before_tax: string; updated_at: string };
  it('POST computes price from price_before_tax and vat_rate; PUT recomputes', async () => {
    const res = await call<Prod>(sim, '/products', { method: 'POST', body: { label: 'Audit', price_before_tax: '100.005', vat_rate: 'FR_55' } });
    expect(res.status).toBe(201);
    expect(res.body.price_before_tax).toBe('100.005');
    expect(res.body.price).toBe('105.51'); // 100.005 × 1.055 = 105.505275
    expect(res.body['currency']).toBe('EUR');
    const upd = await call<Prod>(sim, `/products/${res.body.id}`, { method: 'PUT', body: { price_before_tax: '10', vat_rate: 'FR_200' } });
    expect(upd.status).toBe(200);
    expect(upd.body.price_before_tax).toBe('10.00');
    expect(upd.body.price).toBe('12.00');
    expect(upd.body.updated_at > res.body.updated_at).toBe(true);
    expect(sim.control.changes('products').filter((e) => e.id === res.body.id).map((e) => e.operation)).toEqual(['insert', 'update']);
  });

  it('every seeded product price is price_before_tax plus VAT', () => {
    for (const p of sim.control.snapshot('products') as Prod[]) {
      expect(p.price).toMatch(/^\d+\.\d{2}$/);
      expect(Number(p.price) >= Number(p.price_before_tax)).toBe(true);
    }
  });

  it.each([
    [{ price_before_tax: '1', vat_rate: 'FR_200' }, 'label', 'NotExistRequiredKey'],
    [{ label: 'X', price_before_tax: 12.5, vat_rate: 'FR_200' }, 'price_before_tax', 'ValidateError'],
    [{ label: 'X', price_before_tax: 'abc', vat_rate: 'FR_200' }, 'price_before_tax', 'InvalidPattern'],
    [{ label: 'X', price_before_tax: '1', vat_rate: '20' }, 'vat_rate', 'NotEnumInclude'],
  ])('400 %j', async (body, field, code) => {
    const res = await call<Err>(sim, '/products', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field, code });
  });

  it('409 on duplicate external_reference, 404 on unknown id', async () => {
    const [p] = sim.control.snapshot('products') as Array<{ external_reference: string }>;
    const dup = await call(sim, '/products', { method: 'POST', body: { label: 'X', price_before_tax: '1', vat_rate: 'FR_200', external_reference: p?.external_reference } });
    expect(dup.status).toBe(409);
    expect((await call(sim, '/products/12', { method: 'PUT', body: { label: 'x' } })).status).toBe(404);
  });

  it('reset() brings data back to the seed', async () => {
    await call(sim, '/products', { method: 'POST', body: { label: 'Temp', price_before_tax: '1', vat_rate: 'FR_200' } });
    expect(sim.control.snapshot('products')).toHaveLength(41);
    sim.control.reset();
    expect(sim.control.snapshot('products')).toHaveLength(40);
  });
});
