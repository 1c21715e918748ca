import { describe, expect, it } from 'vitest';
import { type GraphQLResponse } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

interface ChangesPage {
  customerInvoiceChanges: {
    edges: { node: { pennylaneId: string; operation: string; processedAt: string; customerInvoice: { pennylaneId: string } | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const CHANGES = /* GraphQL */ `
  query Changes($since: DateTime, $first: Int, $after: String) {
    customerInvoiceChanges(since: $since, first: $first, after: $after) {
      edges { node { pennylaneId operation processedAt customerInvoice { pennylaneId } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('changelogs', () => {
  // The simulator's books end on the real today: the gateway checks `since` against its own
  // clock (4 weeks back), so a seed dated in the past would leave no event young enough.
  const h = useHarness({ simulator: { today: new Date().toISOString().slice(0, 10) }, beforeEach: 'clearLog' });

  it('lists changes oldest first with the changed records, batched by id', async () => {
    const res = await h.gql<ChangesPage>(CHANGES, { first: 50 });
    expect(res.errors).toBeUndefined();
    const events = res.data!.customerInvoiceChanges.edges.map((e) => e.node);
    expect(events.length).toBeGreaterThan(0);
    const times = events.map((e) => e.processedAt);
    expect([...times].sort()).toEqual(times);
    // A record deleted since (a draft inserted, then deleted) has no state to show any more.
    const existing = new Set((h.sim.control.snapshot('customer_invoices') as { id: number }[]).map((i) => String(i.id)));
    for (const event of events) {
      if (event.operation === 'DELETE' || !existing.has(event.pennylaneId)) expect(event.customerInvoice).toBeNull();
      else expect(event.customerInvoice?.pennylaneId).toBe(event.pennylaneId);
    }
    expect(h.sim.control.count({ route: 'GET /changelogs/customer_invoices' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(1);
  });

  it('sends `since` as start_date on the first page only, so later pages never hit the start_date+cursor 400', async () => {
    const since = new Date(Date.now() - 27 * 24 * 3_600_000).toISOString();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res: GraphQLResponse<ChangesPage> = await h.gql<ChangesPage>(CHANGES, { since, first: 5, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.customerInvoiceChanges.edges.map((e) => e.node.processedAt));
      if (!res.data!.customerInvoiceChanges.pageInfo.hasNextPage) break;
      after = res.data!.customerInvoiceChanges.pageInfo.endCursor;
    }
    const calls = h.sim.control.requests({ route: 'GET /changelogs/customer_invoices' });
    expect(calls[0]!.query.start_date).toBe(since);
    for (const call of calls.slice(1)) {
      expect(call.query.start_date).toBeUndefined();
      expect(call.query.cursor).toBeTruthy();
    }
    expect([...seen].sort()).toEqual(seen);
  });

  it('refuses `since` beyond the 4-week retention before calling Pennylane', async () => {
    const res = await h.gql(CHANGES, { since: new Date(Date.now() - 30 * 24 * 3_600_000).toISOString() });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/4 weeks/);
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a cursor replayed with another `since`', async () => {
    const since = new Date(Date.now() - 20 * 24 * 3_600_000).toISOString();
    const first = await h.gql<ChangesPage>(CHANGES, { since, first: 2 });
    const res = await h.gql(CHANGES, { first: 2, after: first.data!.customerInvoiceChanges.pageInfo.endCursor });
    expect(res.errors?.[0]?.message).toMatch(/different list, filter or sort/);
  });

  it('shows a write made in Pennylane in its feed', async () => {
    const product = (h.sim.control.snapshot('products') as { id: number }[])[0]!;
    const written = (await (
      await fetch(`${h.sim.baseUrl}/products/${product.id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${h.sim.demoToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ label: 'Renamed by the tour' }),
      })
    ).json()) as { updated_at: string };
    // Pennylane's clock, not ours: the change is processed at or after the record's update.
    const before = written.updated_at;
    const res = await h.gql<{ productChanges: { edges: { node: { operation: string; product: { label: string } } }[] } }>(
      `query($since: DateTime) { productChanges(since: $since, first: 100) { edges { node { operation product { label } } } } }`,
      { since: before },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.productChanges.edges.map((e) => e.node)).toContainEqual({
      operation: 'UPDATE',
      product: { label: 'Renamed by the tour' },
    });
  });
});
