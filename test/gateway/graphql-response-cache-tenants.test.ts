import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The GraphQL response cache's key and bounds under one noisy tenant: the key holds only the
 * variables the document declares (in a canonical order), a request carrying variables the
 * document never declares is not stored, and each tenant has a bounded share of a replica's
 * layer, so one tenant's flood of distinct variables cannot push another tenant's answers out.
 */
const ME = '{ me { company { name } } }';
const CUSTOMERS = 'query Customers($first: Int!) { customers(first: $first) { edges { node { pennylaneId name } } } }';
const BAKERY = { authorization: 'Bearer bakery-token' };

interface Cost {
  upstreamCalls: number;
  responseCache?: string;
}
const costOf = (answer: { extensions?: { cost?: unknown } }) => answer.extensions?.cost as Cost | undefined;

describe('the GraphQL response cache with a noisy tenant', () => {
  const BOUND = 40 * 1024;
  const SHARE = 12 * 1024;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        PENNYLANE_RESPONSE_CACHE_MAX_BYTES: String(BOUND),
        PENNYLANE_RESPONSE_CACHE_TENANT_MAX_BYTES: String(SHARE),
        PENNYLANE_ALLOW_CLIENT_TOKENS: 'true',
        PENNYLANE_TOKEN_SOURCE: 'client-or-server',
      },
    });
    h.sim.control.addToken('bakery-token', { company: 'bakery', seed: 7 });
  });
  afterAll(() => h.close());
  beforeEach(() => h.gateway.responseCache!.clear());

  it('keeps another tenant’s answer while one tenant floods it with variables the document never declares', async () => {
    expect(costOf(await h.gql(ME, undefined, BAKERY))?.responseCache).toBe('MISS');
    await h.gql(ME);
    for (let i = 0; i < 300; i++) expect((await h.gql(ME, { unused: `${i}`.padEnd(200, 'x') })).errors).toBeUndefined();
    expect(costOf(await h.gql(ME, undefined, BAKERY))?.responseCache).toBe('HIT');
    // The flood stored nothing: only the two plain answers are held.
    expect(h.gateway.responseCache!.stats().entries).toBe(2);
  });

  it('keeps another tenant’s answer while one tenant floods it with distinct declared variables', async () => {
    expect(costOf(await h.gql(ME, undefined, BAKERY))?.responseCache).toBe('MISS');
    for (let first = 1; first <= 60; first++) expect((await h.gql(CUSTOMERS, { first })).errors).toBeUndefined();
    expect(costOf(await h.gql(ME, undefined, BAKERY))?.responseCache).toBe('HIT');
    expect(h.gateway.responseCache!.stats().bytes).toBeLessThanOrEqual(SHARE + 4 * 1024);
    // The flooding tenant's own newest answer is still served from its share.
    expect(costOf(await h.gql(CUSTOMERS, { first: 60 }))?.responseCache).toBe('HIT');
  });

  it('keys on the declared variables in a canonical order, not on how the request spelled them', async () => {
    const query = 'query Pair($first: Int!, $after: String) { customers(first: $first, after: $after) { edges { node { name } } } }';
    expect(costOf(await h.gql(query, { first: 3, after: null }))?.responseCache).toBe('MISS');
    expect(costOf(await h.gql(query, { after: null, first: 3 }))?.responseCache).toBe('HIT');
    // Undeclared variables do not change the answer: it is served, and not stored again.
    const { entries } = h.gateway.responseCache!.stats();
    expect(costOf(await h.gql(query, { first: 3, after: null, junk: 1 }))?.responseCache).toBe('HIT');
    expect(h.gateway.responseCache!.stats().entries).toBe(entries);
  });
});

describe('the GraphQL response cache’s bounds in bytes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PENNYLANE_RESPONSE_CACHE_MAX_BYTES: String(1024 * 1024), PENNYLANE_RESPONSE_CACHE_MAX_ENTRY_BYTES: '2048' } });
  });
  afterAll(() => h.close());

  it('counts an answer’s size in bytes, not characters: a name of 3-byte characters past the entry bound is not stored', async () => {
    const [x] = (h.sim.control.snapshot('customers') as { id: number; customer_type: string }[]).filter((c) => c.customer_type === 'company');
    const name = '€'.repeat(1_000); // 1,000 characters, 3,000 bytes in UTF-8
    const renamed = await h.gql<{ updateCompanyCustomer: { __typename: string } }>(
      'mutation($id: ID!, $input: UpdateCompanyCustomerInput!) { updateCompanyCustomer(id: $id, input: $input) { __typename } }',
      { id: String(x!.id), input: { name } },
    );
    expect(renamed.data?.updateCompanyCustomer.__typename).toBe('CustomerPayload');
    const query = 'query Customer($id: ID!) { customer(id: $id) { name } }';
    const first = await h.gql<{ customer: { name: string } }>(query, { id: String(x!.id) });
    expect(first.data?.customer.name).toBe(name);
    expect(costOf(await h.gql(query, { id: String(x!.id) }))?.responseCache).toBe('MISS');
    expect(h.gateway.responseCache!.stats().entries).toBe(0);
  });
});
