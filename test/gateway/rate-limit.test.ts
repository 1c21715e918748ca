import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

describe('rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    // Pennylane's real budget on both sides: 25 requests in any 5 s window.
    h = await startHarness({
      simulator: { rateLimit: { limit: 25, windowMs: 5_000 } },
      env: { PENNYLANE_RATE_LIMITS: 'token=25/5s', PENNYLANE_CACHE_MAX_BYTES: '0' },
    });
  });
  afterAll(() => h.close());

  it('finishes 60 concurrent lookups under one token, cache disabled, with 0 upstream 429s', async () => {
    const customers = (h.sim.control.snapshot('customers') as { id: number }[]).slice(0, 60);
    expect(customers).toHaveLength(60);
    const results = await Promise.all(
      customers.map((customer) => h.gql<{ customer: { pennylaneId: string } }>(`{ customer(id: "${customer.id}") { pennylaneId } }`)),
    );
    for (const [index, result] of results.entries()) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.customer.pennylaneId).toBe(String(customers[index]!.id));
    }
    const stats = h.sim.control.rateStats(h.sim.demoToken);
    expect(stats.throttled).toBe(0);
    expect(stats.accepted).toBe(60);
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(25);
  });
});

describe('sharing a token with someone else', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { rateLimit: { limit: 10, windowMs: 1_000 } },
      env: { PENNYLANE_RATE_LIMITS: 'token=10/1s', PENNYLANE_CACHE_MAX_BYTES: '0' },
    });
  });
  afterAll(() => h.close());

  it('reads ratelimit-remaining and holds back instead of running into 429s', async () => {
    // Another client of the same token spends 8 of the 10 requests of the window.
    for (let i = 0; i < 8; i++) {
      await fetch(`${h.sim.baseUrl}/me`, { headers: { authorization: `Bearer ${h.sim.demoToken}` } });
    }
    const customers = (h.sim.control.snapshot('customers') as { id: number }[]).slice(0, 8);
    for (const customer of customers) {
      const res = await h.gql(`{ customer(id: "${customer.id}") { pennylaneId } }`);
      expect(res.errors).toBeUndefined();
    }
    expect(h.sim.control.rateStats(h.sim.demoToken).throttled).toBe(0);
  });

  it('fails fast with RATE_LIMITED and a retryAfter when no budget comes before the deadline', async () => {
    const quick = await startHarness({
      env: { PENNYLANE_OPERATION_DEADLINE_MS: '300', PENNYLANE_CACHE_MAX_BYTES: '0' },
    });
    try {
      quick.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 429, retryAfter: 5, times: Infinity });
      const res = await quick.gql('{ customerInvoices(first: 1) { edges { cursor } } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(res.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(quick.sim.control.count({ route: 'GET /customer_invoices' })).toBe(1);
    } finally {
      await quick.close();
    }
  });
});
