import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';

/**
 * Fair admission: a large admitted operation keeps its token busy, and the other operations of
 * the same token are still admitted and served in their turn — the fail-fast check counts the
 * turns ahead of a call, not every call the large operation queued.
 */
describe('fair admission across the operations of one token', () => {
  const h = useHarness({
    beforeEach: 'clearLog',
    simulator: { rateLimit: { limit: 10, windowMs: 1_000 } },
    env: { PENNYLANE_RATE_LIMITS: 'token=10/1s', PENNYLANE_CACHE_MAX_BYTES: '0' },
  });

  it('admits and serves small queries with a short deadline while one operation holds a long backlog', async () => {
    // 60 single-record GETs (commercial documents have no id filter; unknown ids answer 404,
    // a null here): admitted, since they fit in its 6 s deadline at 10/s, and about 5 s of backlog.
    const ids = Array.from({ length: 60 }, (_, n) => 9_200_000_000 + n);
    const bigQuery = `{ ${ids.map((id, n) => `d${n}: commercialDocument(id: "${id}") { pennylaneId }`).join(' ')} }`;
    const big = h.gql(bigQuery, undefined, { 'x-pennylane-deadline-ms': '6000' });
    await expect.poll(() => h.sim.control.count({ route: 'GET /commercial_documents/{id}' }), { timeout: 5_000 }).toBeGreaterThan(0);

    // Ten small queries with a 3 s deadline: the backlog ahead of them is longer than that,
    // their fair turn is not.
    const customers = (h.sim.control.snapshot('customers') as { id: number }[]).slice(0, 10);
    const small = await Promise.all(
      customers.map((c) => h.gql(`{ customer(id: "${c.id}") { name } }`, undefined, { 'x-pennylane-deadline-ms': '3000' })),
    );
    for (const answer of small) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toMatchObject({ customer: { name: expect.any(String) } });
    }
    // Served in turn: every small query's call went out while the big one still had calls to make.
    await big;
    const log = h.sim.control.requests();
    const lastBig = Math.max(...log.filter((r) => r.route === 'GET /commercial_documents/{id}').map((r) => r.seq));
    const smallCalls = log.filter((r) => r.route === 'GET /customers');
    expect(smallCalls).toHaveLength(10);
    expect(smallCalls.every((r) => r.seq < lastBig)).toBe(true);
    expect(h.sim.control.rateStats(h.sim.demoToken).throttled).toBe(0);
  });
});

describe('an operation the call budget admits but the deadline cannot', () => {
  const h = useHarness({ beforeEach: 'clearLog', env: { PENNYLANE_CACHE_MAX_BYTES: '0' } });

  it('refuses 290 aliased single-record lookups (under the 300-call budget, about 55 s at 25/5 s) before any call', async () => {
    const ids = Array.from({ length: 290 }, (_, n) => 9_300_000_000 + n);
    const answer = await h.gql(`{ ${ids.map((id, n) => `d${n}: commercialDocument(id: "${id}") { pennylaneId }`).join(' ')} }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_SLOW', estimate: { calls: 290 } });
    expect(h.sim.control.count()).toBe(0);
    // The token stays free for everyone else.
    expect((await h.gql('{ me { company { name } } }')).errors).toBeUndefined();
  });
});
