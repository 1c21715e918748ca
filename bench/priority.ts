/**
 * Priority under saturation: a bulk operation keeps the token busy (more work queued than the
 * budget allows), and interactive queries arrive one after another. Each reports, in
 * `extensions.cost.queuedMs`, how long it waited for rate budget; with priorities it should be
 * about one token interval (window / limit), not the bulk backlog.
 */
import { startSimulator } from '../src/sandbox/simulator.js';
import { gatewayOver } from '../test/support/harness.js';

const LIMIT = 25;
const WINDOW_MS = 5_000;

interface Waits {
  readonly fromMs: number;
  readonly waits: number[];
  readonly throttled: number;
}

/** Interactive queries start `fromMs` after the bulk operation: inside its first window, or after it. */
async function measure(fromMs: number): Promise<Waits> {
  const sim = await startSimulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
  const gateway = gatewayOver(sim, { PENNYLANE_RATE_LIMITS: `token=${LIMIT}/5s`, PENNYLANE_CACHE_MAX_BYTES: '0' });
  const call = async (query: string, variables?: Record<string, unknown>) =>
    (await (
      await gateway.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as { data?: Record<string, unknown>; extensions?: { cost?: { queuedMs: number } } };

  const items = Array.from({ length: 120 }, (_, n) => ({ externalReference: `BENCH-${n}`, label: `Bench ${n}`, priceBeforeTax: '1.00', vatRate: 'FR_200' }));
  await call('mutation($i: [UpsertProductInput!]!) { upsertProducts(inputs: $i) { __typename } }', { i: items });
  await new Promise((resolve) => setTimeout(resolve, fromMs));

  const customers = (sim.control.snapshot('customers') as { id: number }[]).slice(0, 20);
  const waits: number[] = [];
  for (const customer of customers) {
    const answer = await call(`{ customer(id: "${customer.id}") { pennylaneId } }`);
    waits.push(answer.extensions?.cost?.queuedMs ?? NaN);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const stats = sim.control.rateStats(sim.demoToken);
  await gateway.close();
  await sim.close();

  return { fromMs, waits, throttled: stats.throttled };
}

export async function priorityReport(): Promise<void> {
  // In the first window nothing the bulk operation spent has come back yet; after it, slots
  // free one per interval. Both are measured.
  const runs = [await measure(2_000), await measure(6_000)];
  const interval = WINDOW_MS / LIMIT;
  console.log(`\n### (c) Priority: interactive queries during a saturating bulk operation (${LIMIT}/5 s token)\n`);
  console.log('| Queries start | Interactive queries | Median queue wait (ms) | p90 (ms) | Max queue wait (ms) | One token interval (ms) | Upstream 429s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const { fromMs, waits, throttled } of runs) {
    const sorted = [...waits].sort((a, b) => a - b);
    const p90 = sorted[Math.ceil(sorted.length * 0.9) - 1];
    console.log(`| ${fromMs / 1_000} s into the bulk operation | ${waits.length} | ${sorted[Math.floor(sorted.length / 2)]} | ${p90} | ${sorted.at(-1)} | ${interval} | ${throttled} |`);
  }
}
