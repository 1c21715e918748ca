/**
 * Fair admission: one admitted operation keeps a token busy to the end of its deadline —
 * as many single-record GETs as the deadline allows at 25/5 s (commercial documents: no id
 * filter, one GET each) — while 60 small queries of the same token arrive one every 400 ms.
 * Each small query must be admitted and served in its turn (none RATE_LIMITED): it reports in
 * `extensions.cost.queuedMs` how long it waited for budget.
 */
import { slotHoldMs, parseRateLimits } from '../src/datasources/scheduler/rate-limits.js';
import { startSimulator } from '../src/sandbox/simulator.js';
import { gatewayOver } from '../test/support/harness.js';

const LIMIT = 25;
const WINDOW_MS = 5_000;
const DEADLINE_MS = 30_000;
const SMALL = 60;
const EVERY_MS = 400;

interface Answer {
  data?: unknown;
  errors?: { extensions?: { code?: string } }[];
  extensions?: { cost?: { queuedMs: number; upstreamCalls: number; estimate?: { calls: number; timeMs: number } } };
}

export async function fairAdmissionReport(): Promise<void> {
  const sim = await startSimulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
  const gateway = gatewayOver(sim, { PENNYLANE_RATE_LIMITS: `token=${LIMIT}/5s`, PENNYLANE_CACHE_MAX_BYTES: '0' });
  const call = async (query: string) =>
    (await (
      await gateway.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pennylane-deadline-ms': String(DEADLINE_MS) },
        body: JSON.stringify({ query }),
      })
    ).json()) as Answer;
  try {
    // The most GETs the planner admits in the deadline: (n - 25) / 25 windows (plus margin) ≤ 30 s.
    const hold = slotHoldMs(parseRateLimits(`token=${LIMIT}/5s`, { marginMs: 150 }).token, 150);
    const calls = LIMIT + Math.floor((DEADLINE_MS / hold) * LIMIT);
    const ids = Array.from({ length: calls }, (_, n) => 9_500_000_000 + n);
    const big = call(`{ ${ids.map((id, n) => `d${n}: commercialDocument(id: "${id}") { pennylaneId }`).join(' ')} }`);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const customers = (sim.control.snapshot('customers') as { id: number }[]).slice(0, SMALL);
    const small: Promise<Answer>[] = [];
    for (const customer of customers) {
      small.push(call(`{ customer(id: "${customer.id}") { name } }`));
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    const answers = await Promise.all(small);
    const bigAnswer = await big;
    const rateLimited = answers.filter((a) => a.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED')).length;
    const succeeded = answers.filter((a) => !a.errors).length;
    const waits = answers.map((a) => a.extensions?.cost?.queuedMs ?? NaN).sort((a, b) => a - b);
    const interval = Math.ceil(hold / LIMIT);
    const bigErrors = bigAnswer.errors?.length ?? 0;
    const stats = sim.control.rateStats(sim.demoToken);

    console.log(`\n### (g) Fair admission: one operation keeps the token busy to its deadline, ${SMALL} small queries of the same token (${LIMIT}/5 s)\n`);
    console.log(
      `The large operation: ${calls} single-record GETs (estimate ${bigAnswer.extensions?.cost?.estimate?.calls}, at least ${Math.round((bigAnswer.extensions?.cost?.estimate?.timeMs ?? 0) / 1000)} s of its ${DEADLINE_MS / 1000} s deadline), admitted; it made ${bigAnswer.extensions?.cost?.upstreamCalls} calls, ${bigErrors} of its fields ran out of deadline (the small queries took their turns). Small queries: \`customer(id:)\`, one every ${EVERY_MS} ms.\n`,
    );
    console.log('| Small queries | Succeeded | RATE_LIMITED | Median wait (ms) | p90 (ms) | Max wait (ms) | One token interval (ms) | Upstream 429s | Busiest window |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const p90 = waits[Math.ceil(waits.length * 0.9) - 1];
    console.log(`| ${SMALL} | ${succeeded} | ${rateLimited} | ${waits[Math.floor(waits.length / 2)]} | ${p90} | ${waits.at(-1)} | ${interval} | ${stats.throttled} | ${stats.maxInAnyWindow} / ${LIMIT} |`);
  } finally {
    await gateway.close();
    await sim.close();
  }
}

if (process.argv[1]?.endsWith('fair-admission.ts')) await fairAdmissionReport();
