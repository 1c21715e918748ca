/**
 * Bulk operations across three replica processes sharing one token through Redis:
 *   1. throughput: three operations started at once, one per replica (round robin), against
 *      a simulator enforcing the token's limit (25 per 5 s): sustained creates per second
 *      against the limit, 429s, and which replicas ran them;
 *   2. takeover: the replica running an operation is killed (SIGKILL) a third of the way
 *      through; the time until another replica sends its next call, against the bound
 *      (2 × PENNYLANE_JOB_LOCK_MS), and the items written twice.
 * BENCH_BULK_ITEMS (default 50) sets the items of each operation.
 */
import { startSimulator, type Simulator } from '../src/sandbox/simulator.js';
import {
  createsByReference,
  invoiceInputs,
  killHard,
  progressOf,
  startInvoices,
  startReplicaProcesses,
  waitFor,
} from '../test/support/bulk-replicas.js';
import { redisAnswers, TEST_REDIS_URL } from '../test/support/redis.js';

const ITEMS = Number(process.env.BENCH_BULK_ITEMS ?? 50);
const LIMIT = 25;
const WINDOW_MS = 5_000;
const env = { PENNYLANE_RATE_LIMITS: `token=${LIMIT}/5s`, LOG_LEVEL: 'warn' };
/** Bulk work leaves the last slot of each window (plus the default 150 ms margin) to queries. */
const BULK_PACE = (LIMIT - 1) / ((WINDOW_MS + 150) / 1_000);

const limited = () => startSimulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });

/** Creates per second while the token was saturated: `LIMIT` sends per (send i → send i + LIMIT). */
function sustainedRate(times: readonly number[]): number {
  let cycles = 0;
  for (let i = 0; i + LIMIT < times.length; i++) cycles += times[i + LIMIT]! - times[i]!;
  return LIMIT / (cycles / (times.length - LIMIT) / 1_000);
}

async function throughput(): Promise<void> {
  const sim = await limited();
  const set = await startReplicaProcesses(sim, 3, TEST_REDIS_URL, env);
  try {
    const operations = await Promise.all(set.replicas.map((replica, n) => startInvoices(replica.port, invoiceInputs(sim, `THROUGHPUT${n}`, ITEMS))));
    const runners = new Set<number>();
    for (const id of operations) {
      const runner = await waitFor(() => set.runnerOf(id), (found) => found !== null);
      if (runner) runners.add(runner.port);
    }
    for (const id of operations) await waitFor(() => progressOf(set.replicas[0]!.port, id), (p) => p?.status !== 'RUNNING', 600_000, 200);
    const creates = sim.control.requests({ route: 'POST /customer_invoices', status: 201 }).map((entry) => entry.at);
    const rate = sustainedRate(creates);
    const stats = sim.control.rateStats(sim.demoToken);
    console.log(
      `| 3 operations × ${ITEMS} items, one started on each replica | ${creates.length} | ${rate.toFixed(2)} | ${((rate / (LIMIT / 5)) * 100).toFixed(1)} % | ${((rate / BULK_PACE) * 100).toFixed(1)} % | ${stats.throttled} | ${stats.maxInAnyWindow} / ${LIMIT} | ${runners.size} of 3 |`,
    );
  } finally {
    await set.close();
    await sim.close();
  }
}

async function takeover(sim: Simulator, lockMs: number): Promise<void> {
  sim.control.reset();
  const set = await startReplicaProcesses(sim, 3, TEST_REDIS_URL, { ...env, PENNYLANE_JOB_LOCK_MS: String(lockMs) });
  try {
    const inputs = invoiceInputs(sim, `TAKEOVER${lockMs}`, ITEMS);
    const id = await startInvoices(set.replicas[0]!.port, inputs);
    const runner = (await waitFor(() => set.runnerOf(id), (found) => found !== null))!;
    const watcher = set.replicas.find((replica) => replica !== runner)!;
    await waitFor(() => progressOf(watcher.port, id), (p) => (p?.processed ?? 0) >= ITEMS * 0.3, 600_000, 20);
    const killedAt = Date.now();
    await killHard(runner);
    await waitFor(() => progressOf(watcher.port, id), (p) => p?.status !== 'RUNNING', 600_000, 200);
    const next = sim.control.requests({ token: sim.demoToken }).find((entry) => entry.at > killedAt);
    const refs = inputs.map((input) => String(input.externalReference));
    const { created, duplicates } = createsByReference(sim, refs);
    const twice = created.filter((count) => count > 1).length + duplicates;
    const takenOverMs = next ? Math.round(next.at - killedAt) : NaN;
    console.log(`| ${lockMs / 1_000} s | ≤ ${(2 * lockMs) / 1_000} s | ${(takenOverMs / 1_000).toFixed(1)} s | ${created.filter((c) => c === 1).length} / ${ITEMS} | ${twice} |`);
  } finally {
    await set.close();
  }
}

export async function bulkReplicasReport(): Promise<void> {
  console.log(`\n### (e) Bulk operations across three replicas sharing Redis (limit ${LIMIT}/5 s, ${ITEMS} items per operation)\n`);
  if (!(await redisAnswers(TEST_REDIS_URL))) {
    console.log(`skipped: no Redis at ${TEST_REDIS_URL}`);
    return;
  }
  console.log(
    `| Scenario | Items created | Sustained creates/s | Of the token limit (5/s) | Of the bulk pace (${BULK_PACE.toFixed(2)}/s) | Upstream 429s | Busiest window / limit | Replicas that ran operations |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  await throughput();

  console.log('\nThe replica running an operation killed (SIGKILL) at 30 %: time until another replica sends its next call.\n');
  console.log('| PENNYLANE_JOB_LOCK_MS | Bound (2 × lock) | Taken over after | Items created once | Items written twice |');
  console.log('|---:|---:|---:|---:|---:|');
  const sim = await limited();
  try {
    for (const lockMs of [15_000, 2_000]) await takeover(sim, lockMs);
  } finally {
    await sim.close();
  }
}

// `npx tsx bench/bulk-replicas.ts` runs this section alone.
if (import.meta.url === `file://${process.argv[1]}`) await bulkReplicasReport();
