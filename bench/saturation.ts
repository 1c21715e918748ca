/**
 * Saturation: clients keep more work queued than one Pennylane token allows, for a while,
 * and we measure at the simulator (which enforces the real limits) the sustained upstream
 * rate against the tightest limit that applies, the 429s and the busiest window.
 *   1. one gateway, 1 sales : 2 accounting lookups: the token (25/5 s) is the tightest limit;
 *   2. one gateway, sales lookups only: the sales & purchases family (2/s) is;
 *   3. three gateway processes sharing the token through Redis, against one simulator.
 * BENCH_SATURATION_SECONDS (default 30) sets each run's length.
 */
import { randomUUID } from 'node:crypto';
import type { Gateway } from '../src/app.js';
import { startSimulator, type Simulator } from '../src/sandbox/simulator.js';
import { gatewayOver } from '../test/support/harness.js';
import { redisAnswers, TEST_REDIS_URL } from '../test/support/redis.js';
import { startServer } from '../test/support/spawn-server.js';

const seconds = Number(process.env.BENCH_SATURATION_SECONDS ?? 30);
const LIMITS = 'token=25/5s,sales_purchases=2/1s,accounting=4/1s';

type Send = (query: string) => Promise<boolean>;

interface Row {
  readonly scenario: string;
  readonly tightest: string;
  readonly limitPerSecond: number;
  readonly windowMs: number;
  readonly family?: 'sales_purchases' | 'accounting';
}

async function saturate(senders: Send[], queries: (n: number) => string, perSender: number): Promise<{ errors: number; stoppedAt: number }> {
  const stopAt = Date.now() + seconds * 1_000;
  let next = 0;
  let errors = 0;
  const worker = async (send: Send) => {
    while (Date.now() < stopAt) if (!(await send(queries((next += 1))))) errors += 1;
  };
  await Promise.all(senders.flatMap((send) => Array.from({ length: perSender }, () => worker(send))));
  return { errors, stoppedAt: stopAt };
}

function report(sim: Simulator, row: Row, { errors, stoppedAt }: { errors: number; stoppedAt: number }): string {
  const log = sim.control.requests({ token: sim.demoToken });
  const accepted = log.filter((entry) => !entry.throttled && (!row.family || entry.family === row.family)).map((entry) => entry.at);
  const throttled = log.filter((entry) => entry.throttled).length;
  // Under saturation every slot is reused as soon as it frees: the time from one send to the
  // send `limit` places later is the window as the scheduler really spends it (margin and
  // latency included). Sends after clients stopped queueing work (the drain) are left out.
  const limitInWindow = (row.limitPerSecond * row.windowMs) / 1_000;
  const saturated = accepted.filter((at) => at < stoppedAt);
  let cycles = 0;
  for (let i = 0; i + limitInWindow < saturated.length; i++) cycles += saturated[i + limitInWindow]! - saturated[i]!;
  const meanCycleMs = cycles / (saturated.length - limitInWindow);
  const rate = limitInWindow / (meanCycleMs / 1_000);
  let busiest = 0;
  for (let i = 0, j = 0; j < accepted.length; j++) {
    while (accepted[j]! - accepted[i]! >= row.windowMs) i++;
    busiest = Math.max(busiest, j - i + 1);
  }
  return `| ${row.scenario} | ${row.tightest} | ${rate.toFixed(2)} | ${((rate / row.limitPerSecond) * 100).toFixed(1)} % | ${throttled} | ${busiest} / ${limitInWindow} | ${errors} |`;
}

const lookup = (sim: Simulator, kinds: ('customer' | 'ledgerAccount')[]) => {
  const customers = (sim.control.snapshot('customers') as { id: number }[]).map((c) => c.id);
  const accounts = (sim.control.snapshot('ledger_accounts') as { id: number }[]).map((a) => a.id);
  return (n: number) => {
    const kind = kinds[n % kinds.length]!;
    const ids = kind === 'customer' ? customers : accounts;
    return `{ ${kind}(id: "${ids[n % ids.length]}") { pennylaneId } }`;
  };
};

function inProcess(gateway: Gateway): Send {
  return async (query) => {
    const response = await gateway.yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return !((await response.json()) as { errors?: unknown }).errors;
  };
}

function overHttp(port: number): Send {
  return async (query) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return !((await response.json()) as { errors?: unknown }).errors;
  };
}

const realLimits = () =>
  startSimulator({
    rateLimit: { limit: 25, windowMs: 5_000 },
    familyLimits: { sales_purchases: { limit: 2, windowMs: 1_000 }, accounting: { limit: 4, windowMs: 1_000 } },
  });

export async function saturationReport(): Promise<void> {
  console.log(`\n### (d) Saturating one token (${seconds} s per run, limits ${LIMITS} on both sides)\n`);
  console.log('| Scenario | Tightest limit | Sustained upstream req/s | Of the tightest limit | Upstream 429s | Busiest window / limit | GraphQL errors |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  const env = { PENNYLANE_RATE_LIMITS: LIMITS, PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_OPERATION_DEADLINE_MS: '120000' };

  for (const [scenario, kinds, row] of [
    ['1 process, 1 sales : 2 accounting lookups', ['customer', 'ledgerAccount', 'ledgerAccount'], { tightest: 'token 25/5 s', limitPerSecond: 5, windowMs: 5_000 }],
    ['1 process, sales lookups only', ['customer'], { tightest: 'sales & purchases 2/1 s', limitPerSecond: 2, windowMs: 1_000, family: 'sales_purchases' }],
  ] as const) {
    const sim = await realLimits();
    const gateway = gatewayOver(sim, env);
    const outcome = await saturate([inProcess(gateway)], lookup(sim, [...kinds]), 30);
    console.log(report(sim, { scenario, ...row }, outcome));
    await gateway.close();
    await sim.close();
  }

  if (!(await redisAnswers(TEST_REDIS_URL))) {
    console.log(`| 3 processes sharing Redis | skipped: no Redis at ${TEST_REDIS_URL} | | | | | |`);
    return;
  }
  const sim = await realLimits();
  const prefix = `bench-${randomUUID()}`;
  const replicas = await Promise.all(
    Array.from({ length: 3 }, () =>
      startServer('bench/servers/replica-server.ts', {
        ...env,
        PENNYLANE_API_TOKEN: sim.demoToken,
        PENNYLANE_BASE_URL: sim.baseUrl,
        REDIS_URL: TEST_REDIS_URL,
        PENNYLANE_REDIS_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      }),
    ),
  );
  const outcome = await saturate(replicas.map((r) => overHttp(r.port)), lookup(sim, ['customer', 'ledgerAccount', 'ledgerAccount']), 10);
  console.log(report(sim, { scenario: '3 processes sharing Redis, 1 sales : 2 accounting', tightest: 'token 25/5 s', limitPerSecond: 5, windowMs: 5_000 }, outcome));
  for (const replica of replicas) replica.child.kill('SIGTERM');
  await sim.close();
}
