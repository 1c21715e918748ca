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
