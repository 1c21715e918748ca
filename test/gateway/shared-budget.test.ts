import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { redisAnswers, TEST_REDIS_URL, type LoggedGateway } from '../support/redis.js';
import { LIMIT, limitedSimulator, lookups, RATE, replicas } from '../support/replicas.js';
import { startServer } from '../support/spawn-server.js';

const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[shared-budget] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped (set REDIS_URL or start redis-server)`);

describe.skipIf(!redisUp)('three replicas sharing one token through Redis', () => {
  let sim: Simulator;
  let ids: number[];
  const open: LoggedGateway[] = [];
  beforeAll(async () => {
    ({ sim, ids } = await limitedSimulator());
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((g) => g.gateway.close()));
    sim.control.reset();
  });
  afterAll(() => sim.close());

  it('never lets the token exceed its limit, where three unshared replicas run into 429s', async () => {
    const prefix = `test-${randomUUID()}`;
    const shared = replicas(sim, 3, { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix });
    open.push(...shared);
    const outcomes = await Promise.all(shared.map((g, n) => lookups(g.gateway, ids.slice(n * 15, n * 15 + 15))));
    expect(outcomes.map((o) => o.failed)).toEqual([[], [], []]);
    const withRedis = sim.control.rateStats(sim.demoToken);
    expect(withRedis.throttled).toBe(0);
    expect(withRedis.accepted).toBe(45);
    expect(withRedis.maxInAnyWindow).toBeLessThanOrEqual(LIMIT);
    await Promise.all(open.splice(0).map((g) => g.gateway.close()));

    // The same load without Redis: each replica believes it has the whole budget.
    sim.control.reset();
    const alone = replicas(sim, 3, {});
    open.push(...alone);
    await Promise.all(alone.map((g, n) => lookups(g.gateway, ids.slice(n * 15, n * 15 + 15))));
    expect(sim.control.rateStats(sim.demoToken).throttled).toBeGreaterThan(0);
  });

  it('agrees on every window although one replica runs 3 s ahead of the others', async () => {
    const prefix = `test-${randomUUID()}`;
    const env = { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix };
    const local = replicas(sim, 2, env);
    open.push(...local);
    // The third replica is its own process, whose Date.now() is skewed.
    const skewed = await startServer(
      'bench/servers/replica-server.ts',
      {
        ...env,
        PENNYLANE_API_TOKEN: sim.demoToken,
        PENNYLANE_BASE_URL: sim.baseUrl,
        PENNYLANE_RATE_LIMITS: RATE,
        PENNYLANE_CACHE_MAX_BYTES: '0',
        PENNYLANE_OPERATION_DEADLINE_MS: '60000',
        LOG_LEVEL: 'silent',
        TEST_CLOCK_SKEW_MS: '3000',
      },
      ['./test/support/skewed-clock.mjs'],
    );
    try {
      const targets = [...local.map((g) => g.gateway), skewed.port];
      const outcomes = await Promise.all(targets.map((target, n) => lookups(target, ids.slice(n * 15, n * 15 + 15))));
      expect(outcomes.map((o) => o.failed)).toEqual([[], [], []]);
    } finally {
      skewed.child.kill('SIGTERM');
    }
    const stats = sim.control.rateStats(sim.demoToken);
    expect(stats).toMatchObject({ accepted: 45, throttled: 0 });
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(LIMIT);
  });

  it('keeps nothing in Redis once idle, and works again after its keys expired or were evicted', async () => {
    const prefix = `test-${randomUUID()}`;
    const [replica] = replicas(sim, 1, { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix });
    open.push(replica!);
    expect((await lookups(replica!.gateway, ids.slice(0, 5))).failed).toEqual([]);

    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.keys(`${prefix}:window:*`)).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 1_400)); // the window and its margin pass
      expect(await redis.keys(`${prefix}:window:*`)).toEqual([]);
      // An eviction (or FLUSHALL) takes the epoch too: the replica starts a new one.
      await redis.del(`${prefix}:epoch`);
      expect((await lookups(replica!.gateway, ids.slice(5, 25))).failed).toEqual([]);
      expect(await redis.get(`${prefix}:epoch`)).not.toBeNull();
    } finally {
      redis.disconnect();
    }
    const stats = sim.control.rateStats(sim.demoToken);
    expect(stats).toMatchObject({ accepted: 25, throttled: 0 });
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(LIMIT);
  });
});
