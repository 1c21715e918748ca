import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

describe('GET /me', () => {
  it('returns user, company and the token scopes', async () => {
    const res = await call<{ user: Record<string, unknown>; company: Record<string, unknown>; scopes: string[] }>(sim, '/me');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.user).sort()).toEqual(['email', 'first_name', 'id', 'last_name', 'locale']);
    expect(Object.keys(res.body.company).sort()).toEqual(['id', 'name', 'reg_no']);
    expect(res.body.company['reg_no']).toMatch(/^\d{9}$/);
    expect(res.body.scopes).toContain('customers:all');
    sim.control.addToken('narrow', { scopes: ['customers:readonly'] });
    const narrow = await call<{ scopes: string[] }>(sim, '/me', { token: 'narrow' });
    expect(narrow.body.scopes).toEqual(['customers:readonly']);
  });

  it('needs no scope', async () => {
    sim.control.addToken('none', { scopes: [] });
    expect((await call(sim, '/me', { token: 'none' })).status).toBe(200);
  });
});

describe('401', () => {
  it.each([['missing', null], ['unknown', 'nope'], ['removed', 'gone']])('%s token → 401 invalid', async (_n, token) => {
    if (token === 'gone') {
      sim.control.addToken('gone');
      sim.control.removeToken('gone');
    }
    const res = await call(sim, '/customers', { token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'The access token is invalid', status: 401 });
    expect(res.headers.get('api-version-expires-at')).toBe('');
  });
});

describe('403 names the scope', () => {
  it('readonly for GETs, all for writes; all satisfies readonly', async () => {
    sim.control.addToken('ro', { scopes: ['customers:readonly'] });
    expect((await call(sim, '/customers', { token: 'ro' })).status).toBe(200);
    const write = await call(sim, '/company_customers', { token: 'ro', method: 'POST', body: { name: 'X', billing_address: { address: 'a', postal_code: '1', city: 'c', country_alpha2: 'FR' } } });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({ error: 'Access to this resource requires scope "customers:all".', status: 403 });
    const products = await call(sim, '/products', { token: 'ro' });
    expect(products.body).toEqual({ error: 'Access to this resource requires scope "products:readonly".', status: 403 });
    const inv = await call(sim, '/customer_invoices/1/payments', { token: 'ro' });
    expect(inv.body).toEqual({ error: 'Access to this resource requires scope "customer_invoices:readonly".', status: 403 });
    sim.control.setScopes('ro', ['products:all']);
    expect((await call(sim, '/products', { token: 'ro' })).status).toBe(200);
    expect((await call(sim, '/customers', { token: 'ro' })).status).toBe(403);
  });

  it('the deprecated ledger scope grants nothing in 2026', async () => {
    sim.control.addToken('legacy', { scopes: ['ledger'] });
    expect((await call(sim, '/customers', { token: 'legacy' })).status).toBe(403);
  });
});

describe('404', () => {
  const notFound = { error: 'Not Found', status: 404 };
  it('unknown id, unknown route, non-numeric id, wrong kind', async () => {
    expect((await call(sim, '/customers/1301000000001')).body).toEqual(notFound);
    expect((await call(sim, '/customer_invoices/999')).body).toEqual(notFound);
    expect((await call(sim, '/customer_invoices/999/invoice_lines')).body).toEqual(notFound);
    expect((await call(sim, '/no_such_thing')).body).toEqual(notFound);
    expect((await call(sim, '/customers/abc')).body).toEqual(notFound);
    expect((await call(sim, '/customers', { method: 'DELETE' })).status).toBe(404);
    const customers = sim.control.snapshot('customers') as Array<{ id: number; customer_type: string }>;
    const company = customers.find((c) => c.customer_type === 'company') as { id: number };
    const individual = customers.find((c) => c.customer_type === 'individual') as { id: number };
    expect((await call(sim, `/company_customers/${company.id}`)).status).toBe(200);
    expect((await call(sim, `/individual_customers/${company.id}`)).body).toEqual(notFound);
    expect((await call(sim, `/company_customers/${individual.id}`)).body).toEqual(notFound);
    expect((await call(sim, `/individual_customers/${individual.id}`, { method: 'PUT', body: { notes: 'x' } })).status).toBe(200);
    expect((await call(sim, `/company_customers/${individual.id}`, { method: 'PUT', body: { notes: 'x' } })).status).toBe(404);
  });

  it('a product id is not a customer id', async () => {
    const [product] = sim.control.snapshot('products') as Array<{ id: number }>;
    expect((await call(sim, `/customers/${product?.id}`)).status).toBe(404);
  });
});

describe('common headers', () => {
  it('Api-Version-Expires-At is on every response, empty', async () => {
    for (const path of ['/me', '/customers', '/nope']) {
      const res = await call(sim, path);
      expect(res.headers.has('api-version-expires-at')).toBe(true);
      expect(res.headers.get('api-version-expires-at')).toBe('');
    }
  });
});
