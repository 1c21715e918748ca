import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodesOf, startHarness, type Harness } from '../support/harness.js';

const INVOICES_WITH_CUSTOMERS = /* GraphQL */ `
  query InvoicesWithCustomers {
    customerInvoices(first: 100) {
      edges { node { pennylaneId invoiceNumber customer { pennylaneId name } } }
    }
  }
`;

interface InvoicesWithCustomers {
  customerInvoices: { edges: { node: { pennylaneId: string; customer: { pennylaneId: string; name: string } | null } }[] };
}

describe('batching and caching', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearLog());

  it('answers 100 invoices with their customers with 1 invoice list call and 1 batched customer call', async () => {
    const res = await h.gql<InvoicesWithCustomers>(INVOICES_WITH_CUSTOMERS);
    expect(res.errors).toBeUndefined();
    const invoices = nodesOf(res.data!.customerInvoices);
    expect(invoices).toHaveLength(100);

    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /customers' })).toBe(1);
    expect(h.sim.control.count()).toBe(2);
    const [customerCall] = h.sim.control.requests({ route: 'GET /customers' });
    expect(customerCall!.filter).toEqual([expect.objectContaining({ field: 'id', operator: 'in' })]);

    const customers = new Map(h.sim.control.snapshot('customers').map((c) => [String((c as { id: number }).id), c as { name: string }]));
    for (const invoice of invoices) {
      expect(invoice.customer).not.toBeNull();
      expect(invoice.customer!.name).toBe(customers.get(invoice.customer!.pennylaneId)!.name);
    }
    expect(res.extensions?.cost?.upstreamCalls).toBe(2);
  });

  it('answers the same query in a new request with 0 upstream calls while cached', async () => {
    await h.gql(INVOICES_WITH_CUSTOMERS);
    h.sim.control.clearLog();
    const again = await h.gql<InvoicesWithCustomers>(INVOICES_WITH_CUSTOMERS);
    expect(again.errors).toBeUndefined();
    expect(nodesOf(again.data!.customerInvoices)).toHaveLength(100);
    expect(h.sim.control.count()).toBe(0);
    expect(again.extensions?.cost?.upstreamCalls).toBe(0);
    expect(again.extensions?.cost?.cacheHits).toBeGreaterThan(0);
  });

  it('reuses customers a list already brought back instead of looking them up again', async () => {
    h.gateway.upstream.cache.clear();
    const res = await h.gql(`{
      customers(first: 100) { edges { node { pennylaneId } } }
      customerInvoices(first: 10) { edges { node { customer { name } } } }
    }`);
    expect(res.errors).toBeUndefined();
    // The customer list is resolved first and primes the loader for the invoices' customers.
    expect(h.sim.control.count({ route: 'GET /customers' })).toBe(1);
  });

  it('never lets two tokens share a cache entry', async () => {
    const other = 'token-of-another-company';
    h.sim.control.addToken(other, { company: 'other', seed: 7 });
    const asDemo = { authorization: `Bearer ${h.sim.demoToken}` };
    const asOther = { authorization: `Bearer ${other}` };
    const query = '{ me { company { name } } customerInvoices(first: 5) { edges { node { pennylaneId } } } }';

    const first = await h.gql<{ me: { company: { name: string } } }>(query, undefined, asDemo);
    const second = await h.gql<{ me: { company: { name: string } } }>(query, undefined, asOther);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.me.company.name).not.toBe(first.data!.me.company.name);
    // The second token paid for its own calls: nothing came from the first token's entries.
    expect(h.sim.control.count({ token: other })).toBe(2);
    expect(second.extensions?.cost?.cacheHits).toBe(0);

    h.sim.control.clearLog();
    const secondAgain = await h.gql(query, undefined, asOther);
    expect(secondAgain.extensions?.cost?.upstreamCalls).toBe(0);
    expect(h.sim.control.count()).toBe(0);

    // Keys are scoped by a hash of the token; no token appears in clear.
    const keys = h.gateway.upstream.cache.keys();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^t_[\w-]{22}\|/);
      expect(key).not.toContain(other);
      expect(key).not.toContain(h.sim.demoToken);
    }
    expect(new Set(keys.map((key) => key.split('|')[0])).size).toBe(2);
  });

  it('batches lookups of many ids given as arguments into id-in calls of at most 100', async () => {
    h.gateway.upstream.cache.clear();
    const ids = h.sim.control.snapshot('customer_invoices').slice(0, 150).map((i) => String((i as { id: number }).id));
    const fields = ids.map((id, n) => `i${n}: customerInvoice(id: "${id}") { pennylaneId }`).join('\n');
    const res = await h.gql<Record<string, { pennylaneId: string }>>(`{ ${fields} }`);
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!).map((i) => i.pennylaneId)).toEqual(ids);
    const calls = h.sim.control.requests({ route: 'GET /customer_invoices' });
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => (c.filter as { value: unknown[] }[])[0]!.value.length).sort()).toEqual([100, 50]);
  });
});

describe('children of many parents', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearLog());

  it('answers 10 customers with their first 5 invoices with 2 calls, rows exactly those of each customer', async () => {
    const res = await h.gql<{
      customers: { edges: { node: { pennylaneId: string; invoices: { edges: { node: { pennylaneId: string } }[]; pageInfo: { hasNextPage: boolean } } } }[] };
    }>(`{ customers(first: 10) { edges { node { pennylaneId invoices(first: 5) { edges { node { pennylaneId } } pageInfo { hasNextPage } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.count({ route: 'GET /customers' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(1);
    const [batch] = h.sim.control.requests({ route: 'GET /customer_invoices' });
    expect(batch!.filter).toEqual([expect.objectContaining({ field: 'customer_id', operator: 'in' })]);

    const invoices = h.sim.control.snapshot('customer_invoices') as { id: number; customer: { id: number } | null }[];
    for (const { node } of res.data!.customers.edges) {
      const own = invoices.filter((i) => String(i.customer?.id) === node.pennylaneId).sort((a, b) => b.id - a.id);
      expect(node.invoices.edges.map((e) => e.node.pennylaneId)).toEqual(own.slice(0, 5).map((i) => String(i.id)));
      expect(node.invoices.pageInfo.hasNextPage).toBe(own.length > 5);
    }
  });

  it('continues a batched first page through the customer\'s own list', async () => {
    const first = await h.gql<{ customers: { edges: { node: { pennylaneId: string; invoices: { pageInfo: { endCursor: string } } } }[] } }>(
      `{ customers(first: 3) { edges { node { pennylaneId invoices(first: 2) { pageInfo { endCursor } } } } } }`,
    );
    const customer = first.data!.customers.edges[0]!.node;
    const next = await h.gql<{ customer: { invoices: { edges: { node: { pennylaneId: string } }[] } } }>(
      `query($id: ID!, $after: String) { customer(id: $id) { invoices(first: 2, after: $after) { edges { node { pennylaneId } } } } }`,
      { id: customer.pennylaneId, after: customer.invoices.pageInfo.endCursor },
    );
    expect(next.errors).toBeUndefined();
    const own = (h.sim.control.snapshot('customer_invoices') as { id: number; customer: { id: number } | null }[])
      .filter((i) => String(i.customer?.id) === customer.pennylaneId)
      .sort((a, b) => b.id - a.id);
    expect(next.data!.customer.invoices.edges.map((e) => e.node.pennylaneId)).toEqual(own.slice(2, 4).map((i) => String(i.id)));
  });
});
