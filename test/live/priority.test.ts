import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { parseMetrics, total } from '../support/prometheus.js';
import { eventually } from '../support/eventually.js';
import { SseSubscription } from '../support/sse.js';
import { changelogCalls, INVOICE_CHANGED, LIVE_ENV } from './live-support.js';

const waitingPolls = async (h: Harness) =>
  total(parseMetrics(await (await h.gateway.yoga.fetch('http://gateway.test/metrics')).text()), 'pennylane_rate_queue_depth', { priority: 'background' });

describe('change polling at background priority', () => {
  let h: Harness;
  beforeAll(async () => {
    // A budget of 2 calls a second: queries and polls compete for it.
    h = await startHarness({ env: { ...LIVE_ENV, PENNYLANE_RATE_LIMITS: 'token=2/1s' } });
  });
  afterAll(() => h.close());

  it('lets queries that come after a waiting changelog read go before it', async () => {
    const sub = await SseSubscription.open(h.gateway, INVOICE_CHANGED);
    try {
      const [early, late] = [(h.sim.control.snapshot('customers') as { id: number }[]).slice(0, 6), (h.sim.control.snapshot('customers') as { id: number }[]).slice(6, 10)];
      const ask = (customers: { id: number }[]) => customers.map((c) => h.gql(`{ customer(id: "${c.id}") { name } }`));
      h.sim.control.clearLog();
      // 6 queries of one call each: 3 seconds of budget; a poll is due every second, and waits.
      const first = ask(early);
      expect(await eventually(async () => (await waitingPolls(h)) >= 1)).toBe(true);
      const answers = await Promise.all([...first, ...ask(late)]);
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      const log = h.sim.control.requests().map((entry) => entry.route);
      const queries = log.flatMap((route, i) => (route === 'GET /customers' ? [i] : []));
      expect(queries).toHaveLength(10);
      // A poll may have been sent before the second query (it held a slot already); none after.
      const between = log.slice(queries[1]!, queries[9]!).filter((route) => route.startsWith('GET /changelogs/'));
      expect(between).toEqual([]);
      const after = changelogCalls(h, 'customer_invoices');
      expect(await eventually(() => changelogCalls(h, 'customer_invoices') > after)).toBe(true);
    } finally {
      await sub.close();
    }
  });
});
