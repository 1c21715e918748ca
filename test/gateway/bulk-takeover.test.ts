import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import {
  createsByReference,
  invoiceInputs,
  killHard,
  progressOf,
  startInvoices,
  startReplicaProcesses,
  waitFor,
  type ReplicaSet,
} from '../support/bulk-replicas.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';

/**
 * Three replica processes sharing the machine's Redis; the one running a bulk operation is
 * killed with SIGKILL a third of the way through. A 1 s job lock keeps the takeover quick.
 */
const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[bulk-takeover] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

describe.skipIf(!redisUp)('a replica killed in the middle of a bulk operation', () => {
  let sim: Simulator;
  let set: ReplicaSet;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: { limit: 10, windowMs: 1_000 } });
    set = await startReplicaProcesses(sim, 3, TEST_REDIS_URL, { PENNYLANE_RATE_LIMITS: 'token=10/1s', PENNYLANE_JOB_LOCK_MS: '1000' });
  });
  afterAll(async () => {
    await set?.close();
    await sim?.close();
  });

  it('is taken over by another replica, and every item is created exactly once', async () => {
    const total = 30;
    const inputs = invoiceInputs(sim, 'TAKEOVER', total);
    // Each create spends 800 ms at Pennylane: the kill lands while some are there, written
    // after the replica that sent them is gone.
    sim.control.injectFault({ match: { route: 'POST /customer_invoices' }, latencyMs: 800, times: Number.POSITIVE_INFINITY });
    const [first] = set.replicas;
    const id = await startInvoices(first!.port, inputs);

    const runner = await waitFor(() => set.runnerOf(id), (found) => found !== null);
    const watcher = set.replicas.find((replica) => replica !== runner)!;
    const atKill = await waitFor(() => progressOf(watcher.port, id), (p) => p !== null && p.processed >= total * 0.3);
    await killHard(runner!);
    expect(atKill!.processed).toBeLessThan(total);

    const survivor = set.replicas.find((replica) => replica !== runner)!;
    const done = await waitFor(() => progressOf(survivor.port, id), (p) => p !== null && p.status !== 'RUNNING');
    expect(done).toEqual({ status: 'COMPLETED', processed: total, succeeded: total, failed: 0 });
    const newRunner = await set.runnerOf(id);
    expect(newRunner).not.toBeNull();
    expect(newRunner).not.toBe(runner);

    // The items in flight at the kill were looked up by the new runner, found, and not sent
    // again: each item created once, and no duplicate refused by Pennylane either.
    expect(sim.control.count({ route: 'GET /customer_invoices' })).toBeGreaterThan(0);
    const refs = inputs.map((input) => String(input.externalReference));
    expect(createsByReference(sim, refs)).toEqual({ created: refs.map(() => 1), duplicates: 0 });
    const stored = (sim.control.snapshot('customer_invoices') as { external_reference: string | null }[]).filter((i) => i.external_reference?.startsWith('TAKEOVER-'));
    expect(stored).toHaveLength(total);
  });
});
