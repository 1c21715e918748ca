import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually } from '../support/eventually.js';


describe('keeping the cache fresh from Pennylane changelogs', () => {
  let h: Harness;
  const changelogCalls = (feed: string) => h.sim.control.count({ route: `GET /changelogs/${feed}` });

  beforeAll(async () => {
    h = await startHarness({
      // Customers cached for an hour: only the changelog can tell the gateway they changed.
      env: { PENNYLANE_CHANGE_POLL_SECONDS: '1', PENNYLANE_CACHE_TTLS: 'customers=3600', PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' },
    });
  });
  afterAll(() => h.close());

  it('drops a customer changed by another client from the cache, so the next read sees it', async () => {
    const customer = (h.sim.control.snapshot('customers') as { id: number; customer_type: string; name: string }[]).find(
      (c) => c.customer_type === 'company',
    )!;
    const query = `{ customer(id: "${customer.id}") { name } }`;

    // The first request makes the gateway watch this token; its first round reads each feed to the end.
    expect((await h.gql(query)).data).toEqual({ customer: { name: customer.name } });
    expect(await eventually(() => changelogCalls('customers') >= 2)).toBe(true);

    const cached = await h.gql(query);
    expect(cached.extensions?.cost?.upstreamCalls).toBe(0);

    // Someone else renames the customer, straight at Pennylane.
    const rename = await fetch(`${h.sim.baseUrl}/company_customers/${customer.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${h.sim.demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed elsewhere SAS' }),
    });
    expect(rename.status).toBe(200);

    const seen = await eventually(async () => ((await h.gql(query)).data as { customer: { name: string } }).customer.name === 'Renamed elsewhere SAS');
    expect(seen).toBe(true);
  });

  it('reads every watched changelog outside any operation: no GraphQL response pays for it', async () => {
    const before = changelogCalls('customer_invoices');
    expect(await eventually(() => changelogCalls('customer_invoices') > before)).toBe(true);
    const answer = await h.gql('{ me { company { name } } }');
    expect(answer.errors).toBeUndefined();
    // `me` is cached or one call; changelog calls are never counted in an operation's cost.
    expect(answer.extensions?.cost?.upstreamCalls ?? 0).toBeLessThanOrEqual(1);
    const feeds = h.sim.control.requests({}).filter((entry) => entry.route.startsWith('GET /changelogs/'));
    expect(new Set(feeds.map((entry) => entry.route))).toEqual(
      new Set(['customer_invoices', 'supplier_invoices', 'customers', 'suppliers', 'products', 'transactions', 'quotes', 'ledger_entry_lines'].map((f) => `GET /changelogs/${f}`)),
    );
    expect(feeds.every((entry) => entry.status === 200)).toBe(true);
  });

  it('never polls for a token that has cached nothing, such as one Pennylane refuses', async () => {
    const refused = await h.gql('{ me { company { name } } }', undefined, { authorization: 'Bearer not-a-pennylane-token' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Two more rounds for the demo token, then: not one changelog call with the refused token.
    const before = changelogCalls('customers');
    expect(await eventually(() => changelogCalls('customers') >= before + 2)).toBe(true);
    const withRefused = h.sim.control.requests({ token: 'not-a-pennylane-token' });
    expect(withRefused.length).toBeGreaterThan(0);
    expect(withRefused.filter((entry) => entry.route.startsWith('GET /changelogs/'))).toEqual([]);
  });
});
