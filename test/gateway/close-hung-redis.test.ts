import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { invoiceInputs, progressOf, startInvoices, waitFor } from '../support/bulk-replicas.js';
import { freePort, loggedGatewayOver, OwnRedis, redisServerInstalled } from '../support/redis.js';
import { gqlAt } from '../support/replicas.js';

/**
 * A replica told to stop while its Redis hangs (SIGSTOP: the connections stay open, no command
 * is ever answered) still stops by its deadline: a rolling deploy must not wait on Redis.
 */
const canRun = await redisServerInstalled();

describe.skipIf(!canRun)('closing a replica whose Redis hangs', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: { limit: 10, windowMs: 1_000 } });
  });
  afterAll(() => sim.close());

  it('ends by its deadline with a bulk operation, a rate window and shared state all waiting on Redis', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const { gateway } = loggedGatewayOver(sim, { REDIS_URL: redis.url, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}`, PENNYLANE_RATE_LIMITS: 'token=10/1s', PENNYLANE_JOB_LOCK_MS: '1000' });
    try {
      const id = await startInvoices(gateway, invoiceInputs(sim, 'HUNG', 20));
      await waitFor(() => progressOf(gateway, id), (p) => p !== null && p.processed >= 3);
      expect((await gqlAt<{ me: { company: { name: string } } }>(gateway, '{ me { company { name } } }')).data!.me.company.name).toBeTruthy();
      redis.freeze();
      const closed = await Promise.race([
        gateway.close({ deadline: Date.now() + 2_000 }).then(() => 'closed'),
        new Promise((resolve) => setTimeout(resolve, 12_000, 'still waiting on Redis')),
      ]);
      expect(closed).toBe('closed');
    } finally {
      await redis.kill();
    }
  }, 30_000);
});
