import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';

interface Page {
  customerInvoicesByStatus: { edges: { node: { pennylaneId: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const QUERY = `query($status: [CustomerInvoiceStatus!]!, $first: Int, $after: String) {
  customerInvoicesByStatus(status: $status, first: $first, after: $after, filter: { draft: { eq: false }, creditNote: { eq: false } }) {
    edges { node { pennylaneId status } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Pennylane has no status filter: the gateway reads pages of 100 and keeps the statuses asked for. */
describe('customerInvoicesByStatus', () => {
  const h = useHarness({ beforeEach: 'clearLog' });

  it('returns only the statuses asked for, every one of them across pages, each once', async () => {
    const expected = (h.sim.control.snapshot('customer_invoices') as { id: number; status: string; draft: boolean }[])
      .filter((invoice) => invoice.status === 'late' && !invoice.draft)
      .map((invoice) => String(invoice.id));
    expect(expected.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const answer: { data?: Page | null; errors?: unknown[] } = await h.gql<Page>(QUERY, { status: ['LATE'], first: 3, after });
      expect(answer.errors).toBeUndefined();
      const { edges, pageInfo } = answer.data!.customerInvoicesByStatus;
      for (const { node } of edges) {
        expect(node.status).toBe('LATE');
        seen.push(node.pennylaneId);
      }
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('reads at most 10 Pennylane pages per request, says so in its estimate, and sends 100 as the page size', async () => {
    const answer = await h.gql<Page>(QUERY, { status: ['INCOMPLETE'], first: 20 });
    const calls = h.sim.control.requests().filter((entry) => entry.route === 'GET /customer_invoices');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(10);
    for (const call of calls) expect(call.query.limit).toBe('100');
    const cost = (answer.extensions?.cost ?? {}) as { estimate?: { calls: number; maxCalls: number } };
    expect(cost.estimate).toMatchObject({ calls: 1, maxCalls: 10 });
  });

  it('refuses a cursor of another status list', async () => {
    const late = await h.gql<Page>(QUERY, { status: ['LATE'], first: 1 });
    const answer = await h.gql<Page>(QUERY, { status: ['PAID'], first: 1, after: late.data!.customerInvoicesByStatus.pageInfo.endCursor });
    expect(answer.errors?.[0]?.message).toMatch(/different list, filter or sort/);
  });
});
