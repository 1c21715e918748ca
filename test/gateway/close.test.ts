import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { invoiceInputs, progressOf, startInvoices, waitFor } from '../support/bulk-replicas.js';
import { gatewayOver } from '../support/harness.js';
import { gqlAt } from '../support/replicas.js';

/**
 * A gateway's close says whether everything finished by its deadline: the server turns a
 * false into exit code 1 ("stopped with work unfinished"), so a platform sees an unclean stop.
 */
describe('closing a gateway', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: false });
  });
  afterAll(() => sim.close());

  it('says everything finished when nothing was running', async () => {
    const gateway = gatewayOver(sim);
    expect((await gqlAt<{ me: { company: { name: string } } }>(gateway, '{ me { company { name } } }')).data!.me.company.name).toBeTruthy();
    expect(await gateway.close({ deadline: Date.now() + 5_000 })).toBe(true);
  });

  it('says work was cut off when bulk items were still at Pennylane at the deadline', async () => {
    const gateway = gatewayOver(sim, { PENNYLANE_RATE_LIMITS: 'token=1000/1s' });
    sim.control.injectFault({ match: { route: 'POST /customer_invoices' }, latencyMs: 10_000, times: Infinity });
    try {
      const id = await startInvoices(gateway, invoiceInputs(sim, 'CUT', 5));
      // The fault fires as a create arrives: from then on an item is waiting at Pennylane.
      await waitFor(() => Promise.resolve(sim.control.faults()[0]?.fired ?? 0), (fired) => fired > 0);
      expect(await progressOf(gateway, id)).toMatchObject({ status: 'RUNNING', processed: 0 });
      expect(await gateway.close({ deadline: Date.now() + 500 })).toBe(false);
    } finally {
      sim.control.reset();
    }
  });
});
