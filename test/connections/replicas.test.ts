import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { callback, decide, GATEWAY_ORIGIN, oauthEnv, startConnect, TEST_CLIENT } from '../support/oauth.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { startServer } from '../support/spawn-server.js';

const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[connections/replicas] no Redis answers at ${TEST_REDIS_URL}: skipped (set REDIS_URL or start redis-server)`);

describe.skipIf(!redisUp)('three gateway processes sharing Redis, hammering one connection across its expiry', () => {
  let sim: Simulator;
  let directory: string;
  const prefix = `test-${randomUUID()}`;
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: false, oauth: { clients: [{ ...TEST_CLIENT, redirectUris: [`${GATEWAY_ORIGIN}/oauth/callback`] }], accessTokenTtlSeconds: 3 } });
    directory = mkdtempSync(join(tmpdir(), 'pgql-replicas-'));
    const env = {
      ...oauthEnv(sim, directory),
      PENNYLANE_BASE_URL: sim.baseUrl,
      REDIS_URL: TEST_REDIS_URL,
      PENNYLANE_REDIS_PREFIX: prefix,
      PENNYLANE_CACHE_MAX_BYTES: '0',
      PENNYLANE_RATE_LIMITS: 'token=1000/1s',
      PENNYLANE_CHANGE_POLL_SECONDS: '0',
      PENNYLANE_OPERATION_DEADLINE_MS: '60000',
      // Renew within the last second of a token's life.
      PENNYLANE_OAUTH_REFRESH_LEEWAY_SECONDS: '1',
      LOG_LEVEL: 'silent',
    };
    servers.push(...(await Promise.all([0, 1, 2].map(() => startServer('bench/servers/replica-server.ts', env)))));
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await sim.close();
    rmSync(directory, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const on = (port: number) => (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);

  it('makes exactly one refresh call, and no request fails', async () => {
    // Connect through one replica; the load balancer brings the callback to another.
    const step = await startConnect(on(servers[0]!.port));
    const page = await callback(on(servers[1]!.port), await decide(step, { company: 'demo' }), step.cookie);
    const id = /id="connection-id">([^<]+)</.exec(page.html)?.[1];
    expect(page.status, page.html).toBe(200);
    // The renewed token lives long: the hammer crosses one expiry.
    sim.control.setAccessTokenTtl(3600);
    const refreshCalls = () => sim.control.requests({ route: 'POST /oauth/token' }).filter((e) => e.query.grant_type === 'refresh_token').length;

    const failures: string[] = [];
    let done = 0;
    let stopAt = Number.POSITIVE_INFINITY;
    const giveUpAt = Date.now() + 30_000;
    const worker = async (port: number) => {
      while (Date.now() < Math.min(stopAt, giveUpAt)) {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pennylane-connection': id! },
          body: JSON.stringify({ query: '{ me { company { name } } }' }),
        });
        const body = (await response.json()) as { errors?: { message: string }[]; data?: { me: { company: { name: string } } } };
        if (body.errors || !body.data?.me.company.name) failures.push(body.errors?.[0]?.message ?? 'no data');
        done += 1;
        // Once the token was renewed, keep going a while on the new one.
        if (stopAt === Number.POSITIVE_INFINITY && refreshCalls() > 0) stopAt = Date.now() + 1_000;
      }
    };
    await Promise.all(servers.flatMap((server) => Array.from({ length: 4 }, () => worker(server.port))));

    expect(failures).toEqual([]);
    expect(refreshCalls()).toBe(1);
    expect(sim.control.oauthGrants()).toMatchObject([{ refreshes: 1, refusedRefreshes: 0, revoked: false }]);
    // Requests on both sides of the renewal, from every replica's point of view.
    expect(done).toBeGreaterThan(30);
    expect(sim.control.count({ route: 'GET /me', status: 401 })).toBeLessThanOrEqual(servers.length * 4);

    // In Redis, the connection's tokens are sealed: none of the simulator's (oat_…, ort_…) in clear.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const stored = await redis.hget(`${prefix}:oauth:conn:${id}`, 'r');
      expect(JSON.parse(stored!)).toMatchObject({ id, state: 'ACTIVE', generation: 2 });
      expect(stored).not.toMatch(/oat_|ort_/);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
