import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const INVOICES = '{ customerInvoices(first: 3) { edges { node { pennylaneId } } } }';

describe('errors say what to do', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server', PENNYLANE_CACHE_MAX_BYTES: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
  });

  it('maps a 401 to UNAUTHENTICATED without echoing the token', async () => {
    const token = 'definitely-not-a-valid-token-123';
    const res = await h.gql(INVOICES, undefined, { authorization: `Bearer ${token}` });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/rejected the API token/);
    expect(JSON.stringify(res)).not.toContain(token);
  });

  it('maps a 403 to FORBIDDEN naming the missing scope', async () => {
    h.sim.control.setScopes(h.sim.demoToken, ['customers:readonly']);
    const res = await h.gql(INVOICES);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.extensions?.scope).toBe('customer_invoices:readonly');
    expect(res.errors?.[0]?.message).toContain('customer_invoices:readonly');
    // 403s are not retried: the token will not grow a scope by itself.
    expect(h.sim.control.count()).toBe(1);
  });

  it('absorbs a burst of 503s on GETs with retries through the scheduler', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 503, times: 2 });
    const res = await h.gql(INVOICES);
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(3);
    expect(res.extensions?.cost).toMatchObject({ upstreamCalls: 3, retries: 2 });
  });

  it('absorbs a connection reset on a GET', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, reset: 'before', times: 1 });
    const res = await h.gql(INVOICES);
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.cost?.retries).toBe(1);
  });

  it('gives up on a failing upstream with UPSTREAM_UNAVAILABLE after the configured retries', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 502, times: Infinity });
    const res = await h.gql(INVOICES);
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(res.errors?.[0]?.message).toMatch(/retry later/);
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(4);
  });

  it('waits out a 429 storm for retry-after and succeeds', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 429, retryAfter: 1, times: 2 });
    const res = await h.gql(INVOICES);
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.cost).toMatchObject({ throttled: 2, upstreamCalls: 3 });
  });

  it('masks failures it does not know', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 418, times: 1 });
    const res = await h.gql(INVOICES);
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(res.errors?.[0]?.message).toBe('Unexpected error.');
  });

  it('passes Pennylane 400s on with their reason', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 400, times: 1 });
    const res = await h.gql(INVOICES);
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_REJECTED');
  });
});

describe('client tokens', () => {
  it('refuses a client token when the gateway does not accept them, and explains why', async () => {
    const h = await startHarness();
    try {
      const res = await h.gql(INVOICES, undefined, { authorization: 'Bearer something' });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toMatch(/PENNYLANE_ALLOW_CLIENT_TOKENS/);
      expect(h.sim.control.count()).toBe(0);
    } finally {
      await h.close();
    }
  });
});
