/**
 * Unknown tokens: a gateway accepting client tokens (its own process, bench/servers/
 * replica-server.ts) receives 20,000 requests with one bogus bearer token (the control: same
 * volume, one token), then 20,000 requests each with a distinct bogus token, then the first
 * 5,000 of those again. Reported: the gateway's resident memory and heap after a full
 * garbage collection, before and after, and the upstream 401s counted at the simulator.
 */
import type { ChildProcess } from 'node:child_process';
import { Pool } from 'undici';
import { startSimulator } from '../src/sandbox/simulator.js';
import { startServer } from '../test/support/spawn-server.js';

const TOKENS = Number(process.env.BENCH_BOGUS_TOKENS ?? 20_000);
const CONCURRENCY = 50;

/** The gateway's memory after a full GC (bench/servers/heap-probe.ts answers SIGUSR2), in MiB. */
function memoryOf(child: ChildProcess): Promise<{ rss: number; heap: number }> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      const match = /MEMORY (\d+) (\d+)/.exec(chunk.toString());
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve({ rss: Number(match[1]) / 2 ** 20, heap: Number(match[2]) / 2 ** 20 });
    };
    child.stdout!.on('data', onData);
    child.kill('SIGUSR2');
  });
}

/** Sends one request per token (null: the gateway's own token, a distinct invoice each); returns how many were refused. */
async function flood(pool: Pool, tokens: readonly (string | null)[], invoiceIds: readonly number[] = []): Promise<number> {
  let refused = 0;
  let next = 0;
  const me = JSON.stringify({ query: '{ me { company { name } } }' });
  const worker = async () => {
    for (let i = next++; i < tokens.length; i = next++) {
      const token = tokens[i];
      const body = token === null ? JSON.stringify({ query: `{ customerInvoice(id: "${invoiceIds[i % invoiceIds.length]}") { pennylaneId } }` }) : me;
      const res = await pool.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body,
      });
      const text = await res.body.text();
      if (text.includes('UNAUTHENTICATED')) refused += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return refused;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

export async function unknownTokensReport(): Promise<void> {
  const sim = await startSimulator({ rateLimit: false });
  const gateway = await startServer(
    'bench/servers/replica-server.ts',
    {
      PENNYLANE_API_TOKEN: sim.demoToken,
      PENNYLANE_BASE_URL: sim.baseUrl,
      PENNYLANE_ALLOW_CLIENT_TOKENS: 'true',
      PENNYLANE_CHANGE_POLL_SECONDS: '0',
      // Every control request is an upstream call, like every bogus one.
      PENNYLANE_CACHE_MAX_BYTES: '0',
      PENNYLANE_RATE_LIMITS: 'token=100000/1s',
      LOG_LEVEL: 'silent',
    },
    ['./bench/servers/heap-probe.mjs'],
  );
  const pool = new Pool(`http://127.0.0.1:${gateway.port}`, { connections: CONCURRENCY });
  try {
    // Warm-up: the code paths are compiled and pools open before anything is measured.
    const invoiceIds = (sim.control.snapshot('customer_invoices') as { id: number }[]).map((invoice) => invoice.id);
    await flood(pool, Array.from({ length: 500 }, (_, n) => `warm-${n}-${Math.random()}`));
    await flood(pool, Array.from({ length: 500 }, () => null), invoiceIds);
    await settle();
    const before = await memoryOf(gateway.child);
    // Control: the same volume of upstream calls with the gateway's own (valid) token.
    sim.control.clearLog();
    await flood(pool, Array.from({ length: TOKENS }, () => null), invoiceIds);
    const controlCalls = sim.control.count();
    await settle();
    const control = await memoryOf(gateway.child);
    sim.control.clearLog();
    const tokens = Array.from({ length: TOKENS }, (_, n) => `bogus-${n}-${Math.random().toString(36).slice(2)}`);
    const refused = await flood(pool, tokens);
    const upstream401 = sim.control.count({ status: 401 });
    await settle();
    const after = await memoryOf(gateway.child);
    sim.control.clearLog();
    const again = await flood(pool, tokens.slice(0, 5_000));
    const repeated401 = sim.control.count({ status: 401 });
    await settle();
    const afterRepeats = await memoryOf(gateway.child);

    console.log(`\n### (e) Unknown tokens: ${TOKENS} distinct bogus bearer tokens, then 5,000 of them again (client tokens allowed)\n`);
    console.log('Memory is read in the gateway process after a full garbage collection (bench/servers/heap-probe.mjs).\n');
    const row = (label: string, requests: string, answered: string, upstream: string, m: { rss: number; heap: number }, from: { rss: number; heap: number }) =>
      console.log(`| ${label} | ${requests} | ${answered} | ${upstream} | ${m.rss.toFixed(0)} (${(m.rss - from.rss).toFixed(1)}) | ${m.heap.toFixed(1)} (${(m.heap - from.heap).toFixed(1)}) |`);
    console.log('| Pass | Requests | Answered UNAUTHENTICATED | Upstream calls | Gateway RSS after GC, MiB (growth over the previous pass) | Heap used after GC, MiB (growth) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    row('before (after 1,000 warm-up requests)', '', '', '', before, before);
    row(`control: the gateway's token, ${TOKENS} distinct reads, cache off`, String(TOKENS), '0', String(controlCalls), control, before);
    row(`${TOKENS} distinct bogus tokens`, String(TOKENS), String(refused), `${upstream401} (401)`, after, control);
    row('the first 5,000 of them again', '5000', String(again), `${repeated401} (401)`, afterRepeats, after);
  } finally {
    await pool.close();
    gateway.child.kill('SIGTERM');
    await sim.close();
  }
}

if (process.argv[1]?.endsWith('unknown-tokens.ts')) await unknownTokensReport();
