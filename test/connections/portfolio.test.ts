import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { connectCompany, startOAuthHarness, type OAuthHarness } from '../support/oauth.js';

interface Entry {
  connectionId: string;
  connection: { company: { name: string }; state: string } | null;
  error: { code: string; reason: string | null; message: string; reconnectUrl: string | null; retryAfter: number | null } | null;
  customerInvoices: { edges: { node: { pennylaneId: string; customer: { name: string } | null } }[] } | null;
}

const PORTFOLIO = /* GraphQL */ `
  query Portfolio($ids: [ID!]) {
    portfolio(connectionIds: $ids) {
      connectionId
      connection { company { name } state }
      error { code reason message reconnectUrl retryAfter }
      customerInvoices(first: 4) { edges { node { pennylaneId customer { name } } } }
    }
  }
`;

const COMPANIES = ['demo', 'bistro', 'atelier'] as const;

describe('a portfolio: one query across connected companies', () => {
  let h: OAuthHarness;
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  beforeAll(async () => {
    h = await startOAuthHarness({ companies: ['bistro', 'atelier'], env: { PENNYLANE_CACHE_MAX_BYTES: '0' } });
    for (const company of COMPANIES) {
      ids[company] = await connectCompany(h.fetch, company);
      names[company] = h.sim.control.addCompany(company).name;
    }
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearLog());

  const invoiceIdsOf = (company: string) => new Set((h.sim.control.snapshot('customer_invoices', company) as { id: number }[]).map((i) => String(i.id)));

  it('answers every company with its own data, each through its own token, and plans the cost per token', async () => {
    const answer = await h.gql<{ portfolio: Entry[] }>(PORTFOLIO);
    expect(answer.errors).toBeUndefined();
    const entries = answer.data!.portfolio;
    expect(entries.map((e) => e.connection?.company.name)).toEqual(COMPANIES.map((c) => names[c]));
    for (const [index, company] of COMPANIES.entries()) {
      const entry = entries[index]!;
      expect(entry.error).toBeNull();
      expect(entry.customerInvoices?.edges).toHaveLength(4);
      const own = invoiceIdsOf(company);
      for (const edge of entry.customerInvoices!.edges) {
        expect(own.has(edge.node.pennylaneId)).toBe(true);
        expect(edge.node.customer?.name).toBeTruthy();
      }
    }
    // One list and one customer batch per company, each under its company's token.
    const calls = h.sim.control.requests({ method: 'GET' });
    const tokens = new Set(calls.map((e) => e.tokenHash));
    expect(tokens.size).toBe(3);
    for (const token of tokens) expect(calls.filter((e) => e.tokenHash === token).map((e) => e.route).sort()).toEqual(['GET /customer_invoices', 'GET /customers']);

    const planned = await h.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pennylane-cost': 'estimate' },
      body: JSON.stringify({ query: PORTFOLIO }),
    });
    const estimate = ((await planned.json()) as { extensions: { cost: { estimate: { calls: number; timeMs: number } } } }).extensions.cost.estimate;
    expect(estimate.calls).toBe(6);
    // Three tokens in parallel: the time of one company's two calls, not of six.
    expect(estimate.timeMs).toBe(0);
    const many = await h.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pennylane-cost': 'estimate' },
      body: JSON.stringify({
        query: 'query($ids: [ID!]) { portfolio(connectionIds: $ids) { customerInvoices(first: 100) { edges { node { lines { edges { node { label } } } } } } } }',
        variables: { ids: [ids.demo, ids.bistro] },
      }),
    });
    const big = ((await many.json()) as { extensions: { cost: { estimate: { calls: number; timeMs: number } } } }).extensions.cost.estimate;
    // 1 list + 100 line calls per company, two companies; each paced at 25 per 5 s.
    expect(big.calls).toBe(202);
    // A slot comes back one window and the 150 ms margin (5,150 ms) after it was spent.
    expect(big.timeMs).toBe(Math.ceil(((101 - 25) / 25) * 5_150));
  });

  it('gives a revoked company an error beside the others\' data', async () => {
    h.sim.control.revokeOAuthGrants('atelier');
    const answer = await h.gql<{ portfolio: Entry[] }>(PORTFOLIO);
    const [demo, bistro, atelier] = answer.data!.portfolio;
    expect(demo!.error).toBeNull();
    expect(bistro!.error).toBeNull();
    expect(demo!.customerInvoices?.edges).toHaveLength(4);
    expect(bistro!.customerInvoices?.edges).toHaveLength(4);
    expect(atelier!.customerInvoices).toBeNull();
    expect(atelier!.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CONNECTION_REVOKED', reconnectUrl: 'http://127.0.0.1:4999/oauth/connect' });
    expect(atelier!.connection).toEqual({ company: { name: names.atelier }, state: 'REVOKED' });
    // The failed field is in errors[] too, at its path, as GraphQL reports any failed field.
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.reason])).toEqual([[['portfolio', 2, 'customerInvoices'], 'UNAUTHENTICATED', 'CONNECTION_REVOKED']]);

    // Known revoked from now on: no call at all for that company, the same error.
    h.sim.control.clearLog();
    const again = await h.gql<{ portfolio: Entry[] }>(PORTFOLIO);
    expect(again.data!.portfolio[2]!.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CONNECTION_REVOKED' });
    expect(again.errors).toBeUndefined();
    expect(h.sim.control.requests({ route: 'POST /oauth/token' })).toEqual([]);
    expect(new Set(h.sim.control.requests({ method: 'GET' }).map((e) => e.tokenHash)).size).toBe(2);
  });

  it('names a company it may not use, and one that does not exist, as errors of their own', async () => {
    const answer = await h.gql<{ portfolio: Entry[] }>(PORTFOLIO, { ids: [ids.bistro, 'cn_nobody', ids.bistro] });
    expect(answer.data!.portfolio.map((e) => [e.connectionId, e.error?.code ?? null])).toEqual([
      [ids.bistro, null],
      ['cn_nobody', 'CONNECTION_NOT_FOUND'],
    ]);
  });

  it('runs the README\'s "late invoices across my companies" as written', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const query = /```graphql\n(query LateInvoicesEverywhere[\s\S]*?)```/.exec(readme)![1]!;
    const answer = await h.gql<{ portfolio: { connection: { company: { name: string } }; error: unknown; customerInvoicesByStatus: { edges: unknown[] } }[] }>(query);
    const [demo, bistro] = answer.data!.portfolio;
    expect([demo!.connection.company.name, bistro!.connection.company.name]).toEqual([names.demo, names.bistro]);
    for (const entry of [demo!, bistro!]) {
      expect(entry.error).toBeNull();
      expect(entry.customerInvoicesByStatus.edges.length).toBeGreaterThan(0);
    }
  });

  it('refuses more companies than PENNYLANE_PORTFOLIO_MAX_CONNECTIONS before any call', async () => {
    const answer = await h.gql(PORTFOLIO, { ids: Array.from({ length: 51 }, (_, n) => `cn_${n}`) });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.sim.control.requests()).toEqual([]);
  });
});

describe('a portfolio for a client whose JWT grants some companies, one of them out of budget', () => {
  const SECRET = 'portfolio-test-secret-of-at-least-32-bytes';
  let h: OAuthHarness;
  const ids: Record<string, string> = {};
  const jwt = (connections: string[] | '*') =>
    new SignJWT({ pennylane_connections: connections })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('partner-backend')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
  beforeAll(async () => {
    h = await startOAuthHarness({
      companies: ['bistro', 'atelier'],
      env: { GATEWAY_JWT_SECRET: SECRET, PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_RATE_LIMITS: 'token=4/10s' },
    });
    // Clients authenticate: connections start from connectUrl's ticket.
    const everything = await jwt('*');
    const url = (await h.gql<{ connectUrl: string }>('{ connectUrl }', {}, { authorization: `Bearer ${everything}` })).data!.connectUrl;
    for (const company of ['demo', 'bistro', 'atelier']) ids[company] = await connectCompany(h.fetch, company, new URL(url).search);
  });
  afterAll(() => h.close());

  it('spans only the granted companies by default, and gives FORBIDDEN, without details, for one it names but is not granted', async () => {
    const token = await jwt([ids.demo!, ids.atelier!]);
    const all = await h.gql<{ portfolio: Entry[] }>('{ portfolio { connectionId error { code } } }', {}, { authorization: `Bearer ${token}` });
    expect(all.data?.portfolio).toEqual([
      { connectionId: ids.demo, error: null },
      { connectionId: ids.atelier, error: null },
    ]);
    const named = await h.gql<{ portfolio: Entry[] }>(PORTFOLIO, { ids: [ids.demo, ids.bistro] }, { authorization: `Bearer ${token}` });
    expect(named.data?.portfolio[1]).toMatchObject({ connectionId: ids.bistro, connection: null, error: { code: 'FORBIDDEN' }, customerInvoices: null });
  });

  it('answers the others while the exhausted company reports RATE_LIMITED with when to retry', async () => {
    const token = await jwt('*');
    // The callback's GET /me took one of bistro's 4 calls: three more empty its window.
    for (let i = 0; i < 3; i += 1) await h.gql('{ me { company { name } } }', {}, { authorization: `Bearer ${token}`, 'x-pennylane-connection': ids.bistro! });
    const entries = (await h.gql<{ portfolio: Entry[] }>(PORTFOLIO, {}, { authorization: `Bearer ${token}`, 'x-pennylane-deadline-ms': '500' })).data!.portfolio;
    expect(entries.map((e) => e.error?.code ?? null)).toEqual([null, 'RATE_LIMITED', null]);
    expect(entries[1]!.error?.retryAfter).toBeGreaterThan(0);
    expect(entries[0]!.customerInvoices?.edges).toHaveLength(4);
    expect(entries[2]!.customerInvoices?.edges).toHaveLength(4);
  });
});
