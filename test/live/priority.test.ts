import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually, SseSubscription } from '../support/sse.js';
import { changelogCalls, INVOICE_CHANGED, LIVE_ENV } from './live-support.js';

describe('change polling at background priority', () => {
  let h: Harness;
  beforeAll(async () => {
    // A budget of 2 calls a second: queries and polls compete for it.
    h = await startHarness({ env: { ...LIVE_ENV, PENNYLANE_RATE_LIMITS: 'token=2/1s' } });
  });
  afterAll(() => h.close());

  it('lets every waiting query go before the next changelog read, and polls again once they are served', async () => {
    const sub = await SseSubscription.open(h.gateway, INVOICE_CHANGED);
    try {
      const customers = (h.sim.control.snapshot('customers') as { id: number }[]).slice(0, 8);
      h.sim.control.clearLog();
      // 8 queries of one call each: 4 seconds of budget, while a poll is due every second.
      const answers = await Promise.all(customers.map((c) => h.gql(`{ customer(id: "${c.id}") { name } }`)));
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      const log = h.sim.control.requests().map((entry) => entry.route);
      const queries = log.flatMap((route, i) => (route.startsWith('GET /customers/') ? [i] : []));
      expect(queries).toHaveLength(8);
      // A poll may have been sent before the second query (it held a slot already); none after.
      const between = log.slice(queries[1]!, queries[7]!).filter((route) => route.startsWith('GET /changelogs/'));
      expect(between).toEqual([]);
      const after = changelogCalls(h, 'customer_invoices');
      expect(await eventually(() => changelogCalls(h, 'customer_invoices') > after)).toBe(true);
    } finally {
      await sub.close();
    }
  });
});
