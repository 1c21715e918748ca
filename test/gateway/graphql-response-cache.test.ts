import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { sha256Hex } from '../edge/support.js';
import { tenantIdOf } from '../../src/datasources/tenant.js';

/**
 * The GraphQL response cache through the front door: whole answers served without running the
 * operation, dropped exactly when what they hold changes, never served across tenants or to a
 * client that could not have run the operation. Upstream calls are counted at the simulator.
 */
const MANIFEST = fileURLToPath(new URL('../../examples/gql/persisted-documents.json', import.meta.url));
const ON = { PENNYLANE_RESPONSE_CACHE_MAX_BYTES: String(8 * 1024 * 1024) };
const ME = '{ me { company { name } } }';
const CUSTOMER = 'query Customer($id: ID!) { customer(id: $id) { pennylaneId name } }';
const INVOICES = '{ customerInvoices(first: 20) { edges { node { invoiceNumber customer { name } } } } }';
const RENAME = `mutation($id: ID!, $input: UpdateCompanyCustomerInput!) {
  updateCompanyCustomer(id: $id, input: $input) { __typename ... on CustomerPayload { customer { name } } }
}`;

interface Cost {
  upstreamCalls: number;
  responseCache?: string;
}
const costOf = (answer: { extensions?: { cost?: unknown } }) => answer.extensions?.cost as Cost | undefined;

function companyCustomers(h: Harness): { id: number; name: string }[] {
  return (h.sim.control.snapshot('customers') as { id: number; customer_type: string; name: string }[]).filter((c) => c.customer_type === 'company');
}


describe('the GraphQL response cache', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ...ON, PENNYLANE_MAX_RETRIES: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    h.sim.control.clearFaults();
    h.gateway.upstream.cache.clear();
    h.gateway.responseCache!.clear();
  });

  it('answers a repeated query from the cache, with 0 upstream calls, and says so', async () => {
    const first = await h.gql(INVOICES);
    expect(first.errors).toBeUndefined();
    expect(costOf(first)).toMatchObject({ responseCache: 'MISS' });
    expect(costOf(first)!.upstreamCalls).toBeGreaterThan(0);
    const calls = h.sim.control.count();

    const second = await h.gql(INVOICES);
    expect(second.data).toEqual(first.data);
    expect(costOf(second)).toEqual({ upstreamCalls: 0, cacheHits: 0, retries: 0, throttled: 0, queuedMs: 0, estimate: null, responseCache: 'HIT' });
    expect(h.sim.control.count()).toBe(calls);
  });

  it('counts its hits and misses in the cache metrics', async () => {
    const metric = async (result: string) => {
      const text = await (await h.gateway.yoga.fetch('http://gateway.test/metrics')).text();
      const line = text.split('\n').find((l) => l.startsWith('pennylane_cache_requests_total{') && l.includes('resource="graphql"') && l.includes(`result="${result}"`));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const [hits, misses] = [await metric('hit'), await metric('miss')];
    await h.gql(ME);
    await h.gql(ME);
    await h.gql(ME);
    expect(await metric('miss')).toBe(misses + 1);
    expect(await metric('hit')).toBe(hits + 2);
  });

  it('drops an answer after a mutation of a record it holds, and keeps it after a mutation of another one', async () => {
    const [x, y] = companyCustomers(h);
    expect((await h.gql(CUSTOMER, { id: String(x!.id) })).data).toEqual({ customer: { pennylaneId: String(x!.id), name: x!.name } });
    expect(costOf(await h.gql(CUSTOMER, { id: String(x!.id) }))?.responseCache).toBe('HIT');

    // Another customer changes: the cached answer about X stays, with 0 upstream calls.
    const other = await h.gql<{ updateCompanyCustomer: { __typename: string } }>(RENAME, { id: String(y!.id), input: { name: 'Another name SAS' } });
    expect(other.data?.updateCompanyCustomer.__typename).toBe('CustomerPayload');
    const calls = h.sim.control.count();
    const kept = await h.gql(CUSTOMER, { id: String(x!.id) });
    expect(costOf(kept)?.responseCache).toBe('HIT');
    expect(h.sim.control.count()).toBe(calls);

    // X changes: the next read runs again and sees the new name.
    await h.gql(RENAME, { id: String(x!.id), input: { name: 'Renamed through the gateway SAS' } });
    const fresh = await h.gql(CUSTOMER, { id: String(x!.id) });
    expect(costOf(fresh)?.responseCache).toBe('MISS');
    expect(fresh.data).toEqual({ customer: { pennylaneId: String(x!.id), name: 'Renamed through the gateway SAS' } });
  });

  it('drops a list answer when any record of that list is written', async () => {
    const [x] = companyCustomers(h);
    const list = '{ customers(first: 5) { edges { node { name } } } }';
    await h.gql(list);
    expect(costOf(await h.gql(list))?.responseCache).toBe('HIT');
    await h.gql(RENAME, { id: String(x!.id), input: { name: 'Moved in the list SAS' } });
    expect(costOf(await h.gql(list))?.responseCache).toBe('MISS');
  });

  it('never caches mutations: the same mutation twice writes twice', async () => {
    const [x] = companyCustomers(h);
    for (const name of ['Same name SAS', 'Same name SAS']) {
      const answer = await h.gql(RENAME, { id: String(x!.id), input: { name } });
      expect(costOf(answer)?.responseCache).toBeUndefined();
    }
    expect(h.sim.control.count({ method: 'PUT' })).toBe(2);
  });

  it('never caches an answer with errors', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /me' }, status: 502, times: 1 });
    const failed = await h.gql(ME);
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const next = await h.gql(ME);
    expect(next.errors).toBeUndefined();
    expect(costOf(next)).toMatchObject({ responseCache: 'MISS', upstreamCalls: 1 });
  });

  it('never caches an estimate, nor serves one from the cache', async () => {
    const estimate = await h.gql(ME, undefined, { 'x-pennylane-cost': 'estimate' });
    expect(estimate.data).toBeNull();
    expect(costOf(estimate)?.responseCache).toBeUndefined();
    expect(costOf(await h.gql(ME))).toMatchObject({ responseCache: 'MISS', upstreamCalls: 1 });
    // Cached now; an estimate still plans the operation instead of answering its data.
    const again = await h.gql(ME, undefined, { 'x-pennylane-cost': 'estimate' });
    expect(again.data).toBeNull();
    expect((costOf(again) as { estimate?: unknown } | undefined)?.estimate).not.toBeNull();
  });

  it('never caches answers of the gateway’s own state (bulk operations)', async () => {
    // It reads Pennylane too (else it would be uncacheable for reading nothing).
    const query = '{ me { company { name } } bulkOperation { id } }';
    expect((await h.gql(query)).errors).toBeUndefined();
    expect(costOf(await h.gql(query))?.responseCache).toBe('MISS');
    expect(h.gateway.responseCache!.stats().entries).toBe(0);
  });
});

describe('the GraphQL response cache across tenants', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ...ON, PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' } });
    h.sim.control.addToken('bakery-token', { company: 'bakery', seed: 7 });
  });
  afterAll(() => h.close());

  it('keeps two tenants apart: the same document is answered for each from its own company', async () => {
    const own = await h.gql<{ me: { company: { name: string } } }>(ME);
    const bakery = await h.gql<{ me: { company: { name: string } } }>(ME, undefined, { authorization: 'Bearer bakery-token' });
    expect(costOf(own)).toMatchObject({ responseCache: 'MISS', upstreamCalls: 1 });
    expect(costOf(bakery)).toMatchObject({ responseCache: 'MISS', upstreamCalls: 1 });
    expect(bakery.data?.me.company.name).not.toBe(own.data?.me.company.name);
    const bakeryAgain = await h.gql<{ me: { company: { name: string } } }>(ME, undefined, { authorization: 'Bearer bakery-token' });
    expect(costOf(bakeryAgain)?.responseCache).toBe('HIT');
    expect(bakeryAgain.data).toEqual(bakery.data);
    // Every key and tag starts with a tenant id (a hash), and none holds a token in clear.
    const { keys, tags } = h.gateway.responseCache!.keys();
    const tenants = [tenantIdOf('bakery-token'), tenantIdOf(h.sim.demoToken)];
    expect(keys.map((key) => key.slice(0, key.indexOf(':'))).sort()).toEqual([...tenants].sort());
    expect(tags.length).toBeGreaterThan(0);
    for (const text of [...keys, ...tags]) {
      expect(tenants.some((tenant) => text.startsWith(tenant))).toBe(true);
      expect(text).not.toContain('bakery-token');
      expect(text).not.toContain(h.sim.demoToken);
    }
  });

  it('refuses a token Pennylane refuses, even for a document cached for another tenant', async () => {
    await h.gql(ME);
    const stranger = await h.gql(ME, undefined, { authorization: 'Bearer not-a-pennylane-token' });
    expect(stranger.data?.me ?? null).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the GraphQL response cache and client authorization', () => {
  const TOOLS_KEY = 'pk_tools_0123456789abcdef0123456789abcdef';
  const APP_KEY = 'pk_app_0123456789abcdef0123456789abcdef00';
  const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
  const sign = (claims: Record<string, unknown>, expiresIn = '5m') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(SECRET));
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        ...ON,
        GATEWAY_TRUSTED_DOCUMENTS: MANIFEST,
        GATEWAY_TRUSTED_DOCUMENTS_ONLY: 'true',
        GATEWAY_API_KEYS: `tools=${sha256Hex(TOOLS_KEY)};ad-hoc,app=${sha256Hex(APP_KEY)}`,
        GATEWAY_JWT_SECRET: SECRET,
      },
    });
  });
  afterAll(() => h.close());

  it('serves a cached answer only to a client that may run the document', async () => {
    expect(costOf(await h.gql(ME, undefined, { 'x-api-key': TOOLS_KEY }))?.responseCache).toBe('MISS');
    expect(costOf(await h.gql(ME, undefined, { 'x-api-key': TOOLS_KEY }))?.responseCache).toBe('HIT');
    h.sim.control.clearLog();

    // The same ad-hoc document from a key without the `ad-hoc` grant: refused, not served.
    const app = await h.gql(ME, undefined, { 'x-api-key': APP_KEY });
    expect(app.data ?? null).toBeNull();
    expect(app.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');

    // No credential, a wrong one, an expired JWT: refused before any cache lookup.
    const refusedHeaders: Record<string, string>[] = [{}, { 'x-api-key': 'pk_wrong_0123456789abcdef0123456789abcdef' }, { authorization: `Bearer ${await sign({ sub: 'svc', scope: 'graphql:ad-hoc' }, '-1m')}` }];
    for (const headers of refusedHeaders) {
      const refused = await h.gql(ME, undefined, headers);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }

    // A JWT principal without the ad-hoc scope is refused; one with it has the same grants as
    // the tools key and is served the same answer.
    const plain = await h.gql(ME, undefined, { authorization: `Bearer ${await sign({ sub: 'reporting' })}` });
    expect(plain.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    const granted = await h.gql(ME, undefined, { authorization: `Bearer ${await sign({ sub: 'reporting', scope: 'graphql:ad-hoc' })}` });
    expect(costOf(granted)?.responseCache).toBe('HIT');
    expect(h.sim.control.count()).toBe(0);
  });

  it('serves trusted documents sent by hash from the cache, to the client that may send them', async () => {
    const [hash, document] = Object.entries(JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, string>)[0]!;
    const byHash = { variables: { first: 3 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
    const send = async () => {
      const response = await h.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY },
        body: JSON.stringify(byHash),
      });
      expect(response.headers.get('etag')).toBeNull();
      return (await response.json()) as { data?: unknown; extensions?: { cost?: unknown } };
    };
    const first = await send();
    expect(costOf(first)?.responseCache).toBe('MISS');
    const second = await send();
    expect(costOf(second)?.responseCache).toBe('HIT');
    expect(second.data).toEqual(first.data);
    // The same document sent as text by the same client is still refused.
    const asText = await h.gql(document, { first: 3 }, { 'x-api-key': APP_KEY });
    expect(asText.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
  });
});

describe('the GraphQL response cache and changelogs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ...ON, PENNYLANE_CHANGE_POLL_SECONDS: '1', PENNYLANE_CACHE_TTLS: 'customers=3600' } });
  });
  afterAll(() => h.close());

  it('drops an answer once the changelog says one of its records changed elsewhere', async () => {
    const [x] = companyCustomers(h);
    const variables = { id: String(x!.id) };
    expect(costOf(await h.gql(CUSTOMER, variables))?.responseCache).toBe('MISS');
    // The first poll round of this token reads every feed to its end.
    expect(await eventually(() => h.sim.control.count({ route: 'GET /changelogs/customers' }) >= 2)).toBe(true);
    expect(costOf(await h.gql(CUSTOMER, variables))?.responseCache).toBe('HIT');

    const rename = await fetch(`${h.sim.baseUrl}/company_customers/${x!.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${h.sim.demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed in Pennylane SAS' }),
    });
    expect(rename.status).toBe(200);
    const seen = await eventually(async () => ((await h.gql<{ customer: { name: string } }>(CUSTOMER, variables)).data?.customer.name ?? '') === 'Renamed in Pennylane SAS');
    expect(seen).toBe(true);
  });
});

describe('the GraphQL response cache and the age of what it holds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ...ON, PENNYLANE_CACHE_TTLS: 'customers=1' } });
  });
  afterAll(() => h.close());

  it('keeps an answer built from an aged REST entry no longer than that entry', async () => {
    const list = await h.gql<{ customers: { edges: { node: { pennylaneId: string } }[] } }>('{ customers(first: 5) { edges { node { pennylaneId } } } }');
    const id = list.data!.customers.edges[0]!.node.pennylaneId;
    const entity = `|entity:customers:${id}`;
    const restEntry = () => h.gateway.upstream.cache.keys().some((key) => key.endsWith(entity));
    expect(restEntry()).toBe(true);
    // The record's REST entry ages (part of its 1 s) before an answer is built from it alone.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const variables = { id };
    const built = await h.gql(CUSTOMER, variables);
    expect(costOf(built)).toMatchObject({ responseCache: 'MISS', upstreamCalls: 0 });
    expect(costOf(await h.gql(CUSTOMER, variables))?.responseCache).toBe('HIT');
    // Once the REST entry expired, the answer it fed has too (with the full TTL it would live ~0.5 s on).
    expect(await eventually(() => !restEntry(), 5_000)).toBe(true);
    expect(costOf(await h.gql(CUSTOMER, variables))?.responseCache).toBe('MISS');
  });
});

describe('the GraphQL response cache under hostile input', () => {
  const BOUND = 64 * 1024;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PENNYLANE_RESPONSE_CACHE_MAX_BYTES: String(BOUND), PENNYLANE_RESPONSE_CACHE_MAX_ENTRY_BYTES: '2048' } });
  });
  afterAll(() => h.close());

  it('stays within its bound under many distinct variable values and huge variables', async () => {
    const huge = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 300; i++) {
      const answer = await h.gql(ME, { unused: i % 10 === 0 ? `${huge}${i}` : i });
      expect(answer.errors).toBeUndefined();
      expect(h.gateway.responseCache!.stats().bytes).toBeLessThanOrEqual(BOUND);
    }
    // `ME` declares none of them: served, never stored (graphql-response-cache-tenants.test.ts
    // floods with declared variables).
    expect(h.gateway.responseCache!.stats().entries).toBe(0);
  });

  it('does not store an answer larger than the largest entry', async () => {
    const large = INVOICES.replace('first: 20', 'first: 100');
    await h.gql(large);
    expect(costOf(await h.gql(large))?.responseCache).toBe('MISS');
  });
});
