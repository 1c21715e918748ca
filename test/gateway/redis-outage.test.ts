import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { freePort, OwnRedis, redisServerInstalled, type LoggedGateway } from '../support/redis.js';
import { LIMIT, limitedSimulator, lookups, type Outcome, replicas, sleep } from '../support/replicas.js';

// The restart tests start redis-server processes of their own on free ports.
const canRestartRedis = await redisServerInstalled();
if (!canRestartRedis) console.warn('[redis-outage] redis-server is not installed: the Redis restart tests are skipped');

describe('a replica that cannot reach Redis', () => {
  let sim: Simulator;
  let ids: number[];
  const open: LoggedGateway[] = [];
  beforeAll(async () => {
    ({ sim, ids } = await limitedSimulator());
  });
  afterAll(async () => {
    await Promise.all(open.map((g) => g.gateway.close()));
    await sim.close();
  });

  it('falls back to a local share when Redis is unreachable, and says so once', async () => {
    const closedPort = await freePort();
    const [replica] = replicas(sim, 1, { REDIS_URL: `redis://127.0.0.1:${closedPort}`, PENNYLANE_REPLICAS: '3' });
    open.push(replica!);
    const first = await lookups(replica!.gateway, ids.slice(0, 6));
    const second = await lookups(replica!.gateway, ids.slice(6, 12));
    expect([...first.failed, ...second.failed]).toEqual([]);
    // 1/3 of the limit: never more than 3 requests in any window from this replica.
    const stats = sim.control.rateStats(sim.demoToken);
    expect(stats).toMatchObject({ accepted: 12, throttled: 0 });
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(Math.floor(LIMIT / 3));
    const warnings = replica!.lines.filter((line) => /Redis is unreachable/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(replica!.lines)).not.toContain(sim.demoToken);
  });
});

describe.skipIf(!canRestartRedis)('a Redis restart in the middle of a run', () => {
  let sim: Simulator;
  let ids: number[];
  let redis: OwnRedis;
  const open: LoggedGateway[] = [];
  beforeAll(async () => {
    ({ sim, ids } = await limitedSimulator());
    redis = new OwnRedis(await freePort());
    await redis.start();
  });
  afterAll(async () => {
    await Promise.all(open.map((g) => g.gateway.close()));
    await redis.kill();
    await sim.close();
  });

  it('loses no operation and lets no window exceed the limit; each replica falls back and rejoins', async () => {
    const three = replicas(sim, 3, { REDIS_URL: redis.url, PENNYLANE_REDIS_PREFIX: 'restart' });
    open.push(...three);
    // Three waves per replica, so work is queued before, during and after the outage.
    const run = Promise.all(
      three.map(async (g, n) => {
        const outcomes: Outcome[] = [];
        for (let wave = 0; wave < 3; wave++) {
          outcomes.push(await lookups(g.gateway, ids.slice(n * 18 + wave * 6, n * 18 + wave * 6 + 6)));
        }
        return outcomes;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await redis.start();

    const outcomes = (await run).flat();
    expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
    expect(outcomes.reduce((sum, o) => sum + o.ok, 0)).toBe(54);
    const stats = sim.control.rateStats(sim.demoToken);
    expect(stats).toMatchObject({ accepted: 54, throttled: 0 });
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(LIMIT);

    const said = (g: LoggedGateway, pattern: RegExp) => g.lines.filter((line) => pattern.test(line.msg)).length;
    const fellBack = three.filter((g) => said(g, /Redis is unreachable/) > 0);
    expect(fellBack.length).toBeGreaterThan(0);
    for (const g of fellBack) {
      expect(said(g, /Redis is unreachable/)).toBe(1);
      expect(said(g, /Redis is reachable again/)).toBe(1);
    }
  });

  // With a 3 s window, a restart fits inside one: what Redis forgot still counts upstream.
  const SLOW = 'token=10/3s';

  it('waits out the window Redis forgot when it comes back empty', async () => {
    const { sim: slowSim, ids } = await limitedSimulator(3_000);
    const [a, b] = replicas(slowSim, 2, { REDIS_URL: redis.url, PENNYLANE_REDIS_PREFIX: `forgot-${randomUUID()}` }, SLOW);
    open.push(a!, b!);
    try {
      await lookups(b!.gateway, ids.slice(0, 1)); // both replicas joined and past the first settle
      await sleep(3_200);
      slowSim.control.reset();
      expect((await lookups(a!.gateway, ids.slice(0, LIMIT))).failed).toEqual([]); // the whole window, spent by A
      await redis.kill();
      await redis.start(); // empty: no persistence
      await sleep(400); // both replicas reconnected
      expect((await lookups(b!.gateway, ids.slice(LIMIT, 2 * LIMIT))).failed).toEqual([]);
      const stats = slowSim.control.rateStats(slowSim.demoToken);
      expect(stats).toMatchObject({ accepted: 2 * LIMIT, throttled: 0 });
      expect(stats.maxInAnyWindow).toBeLessThanOrEqual(LIMIT);
    } finally {
      await slowSim.close();
    }
  });

  it('waits out the window before spending a local share when Redis goes away', async () => {
    const { sim: slowSim, ids } = await limitedSimulator(3_000);
    const [a, b, c] = replicas(slowSim, 3, { REDIS_URL: redis.url, PENNYLANE_REDIS_PREFIX: `away-${randomUUID()}` }, SLOW);
    open.push(a!, b!, c!);
    try {
      await Promise.all([b!, c!].map((g) => lookups(g.gateway, ids.slice(0, 1))));
      await sleep(3_200);
      slowSim.control.reset();
      expect((await lookups(a!.gateway, ids.slice(0, LIMIT))).failed).toEqual([]);
      await redis.kill();
      // B and C never sent in this window, but A did: they cannot know, so they wait.
      const [fromB, fromC] = await Promise.all([b!, c!].map((g) => lookups(g.gateway, ids.slice(LIMIT, LIMIT + 3))));
      expect([...fromB!.failed, ...fromC!.failed]).toEqual([]);
      const stats = slowSim.control.rateStats(slowSim.demoToken);
      expect(stats).toMatchObject({ accepted: LIMIT + 6, throttled: 0 });
      expect(stats.maxInAnyWindow).toBeLessThanOrEqual(LIMIT);
    } finally {
      await redis.start();
      await slowSim.close();
    }
  });
});
