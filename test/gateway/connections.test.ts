import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type GraphQLResponse, type Harness } from '../support/harness.js';

interface Page {
  customerInvoices: {
    edges: { cursor: string; node: { pennylaneId: string; date: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $filter: CustomerInvoiceFilter, $sort: CustomerInvoiceSort) {
    customerInvoices(first: $first, after: $after, filter: $filter, sort: $sort) {
      edges { cursor node { pennylaneId date } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('connections over Pennylane cursors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearLog());

  async function pageThrough(variables: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const res: GraphQLResponse<Page> = await h.gql<Page>(PAGE, { ...variables, after });
      expect(res.errors).toBeUndefined();
      ids.push(...res.data!.customerInvoices.edges.map((e) => e.node.pennylaneId));
      if (!res.data!.customerInvoices.pageInfo.hasNextPage) return ids;
      after = res.data!.customerInvoices.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('pages through a filtered list and returns exactly the filtered rows', async () => {
    const invoices = h.sim.control.snapshot('customer_invoices') as { id: number; date: string; draft: boolean }[];
    const expected = invoices
      .filter((i) => i.date >= '2026-01-01' && !i.draft)
      .sort((a, b) => b.id - a.id)
      .map((i) => String(i.id));
    expect(expected.length).toBeGreaterThan(60);

    const ids = await pageThrough({ first: 30, filter: { date: { gteq: '2026-01-01' }, draft: { eq: false } } });
    expect(ids).toEqual(expected);

    // Every page re-sent the filter: Pennylane's cursor does not carry it.
    const calls = h.sim.control.requests({ route: 'GET /customer_invoices' });
    expect(calls.length).toBe(Math.ceil(expected.length / 30));
    for (const call of calls) {
      expect(call.filter).toEqual([
        { field: 'date', operator: 'gteq', value: '2026-01-01' },
        { field: 'draft', operator: 'eq', value: false },
      ]);
    }
  });

  it('keeps the sort on every page', async () => {
    const ids = await pageThrough({ first: 100, sort: 'DATE_ASC', filter: { customerId: { in: customerIds(h, 3) } } });
    const byId = new Map((h.sim.control.snapshot('customer_invoices') as { id: number; date: string }[]).map((i) => [String(i.id), i]));
    const dates = ids.map((id) => byId.get(id)!.date);
    expect([...dates].sort()).toEqual(dates);
    for (const call of h.sim.control.requests({ route: 'GET /customer_invoices' })) expect(call.query.sort).toBe('date');
  });

  it('resumes from a cursor in the middle of a page', async () => {
    const first = await h.gql<Page>(PAGE, { first: 10 });
    const middle = first.data!.customerInvoices.edges[3]!.cursor;
    const next = await h.gql<Page>(PAGE, { first: 4, after: middle });
    expect(next.data!.customerInvoices.edges.map((e) => e.node.pennylaneId)).toEqual(
      first.data!.customerInvoices.edges.slice(4, 8).map((e) => e.node.pennylaneId),
    );
  });

  it('refuses a cursor that is not ours, with a clear message and no upstream call', async () => {
    const res = await h.gql<Page>(PAGE, { first: 5, after: 'not-a-cursor' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/not a cursor issued by this connection/);
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a cursor replayed with another filter instead of widening silently', async () => {
    const first = await h.gql<Page>(PAGE, { first: 5, filter: { draft: { eq: true } } });
    const res = await h.gql<Page>(PAGE, { first: 5, after: first.data!.customerInvoices.pageInfo.endCursor });
    expect(res.errors?.[0]?.message).toMatch(/different list, filter or sort/);
  });

  it('rejects last/before and out-of-range first with a clear message', async () => {
    const last = await h.gql(`{ customerInvoices(last: 5) { edges { cursor } } }`);
    expect(last.errors?.[0]?.message).toMatch(/only go forward/);
    const tooMany = await h.gql(`{ customerInvoices(first: 101) { edges { cursor } } }`);
    expect(tooMany.errors?.[0]?.message).toMatch(/between 1 and 100/);
    expect(h.sim.control.count()).toBe(0);
  });

  it('accepts global ids and raw Pennylane ids alike in filters, and refuses ids of another type', async () => {
    const customer = h.sim.control.snapshot('customers')[0] as { id: number; customer_type: string };
    const typename = customer.customer_type === 'company' ? 'CompanyCustomer' : 'IndividualCustomer';
    const globalId = Buffer.from(`${typename}:${customer.id}`).toString('base64');
    const raw = await h.gql<Page>(PAGE, { first: 100, filter: { customerId: { eq: String(customer.id) } } });
    const global = await h.gql<Page>(PAGE, { first: 100, filter: { customerId: { eq: globalId } } });
    expect(global.data).toEqual(raw.data);
    const wrong = await h.gql<Page>(PAGE, {
      first: 5,
      filter: { customerId: { eq: Buffer.from('Product:12').toString('base64') } },
    });
    expect(wrong.errors?.[0]?.message).toMatch(/expected an id of CompanyCustomer or IndividualCustomer/);
  });

  it('walks from a customer to its invoices through the customer_id filter', async () => {
    const [customerId] = customerIds(h, 1);
    const res = await h.gql<{ customer: { invoices: { edges: { node: { customer: { pennylaneId: string } } }[] } } }>(
      `query($id: ID!) { customer(id: $id) { invoices(first: 100) { edges { node { customer { pennylaneId } } } } } }`,
      { id: customerId },
    );
    expect(res.errors).toBeUndefined();
    const expected = (h.sim.control.snapshot('customer_invoices') as { customer: { id: number } | null }[]).filter(
      (i) => String(i.customer?.id) === customerId,
    ).length;
    expect(res.data!.customer.invoices.edges).toHaveLength(expected);
    for (const edge of res.data!.customer.invoices.edges) expect(edge.node.customer.pennylaneId).toBe(customerId);
  });
});

function customerIds(h: Harness, count: number): string[] {
  const withInvoices = new Set(
    (h.sim.control.snapshot('customer_invoices') as { customer: { id: number } | null }[]).map((i) => String(i.customer?.id)),
  );
  return (h.sim.control.snapshot('customers') as { id: number }[])
    .map((c) => String(c.id))
    .filter((id) => withInvoices.has(id))
    .slice(0, count);
}
