/**
 * `npm run bench`: prints a Markdown report for BENCHMARKS.md.
 *  (a) upstream calls of the benchmark operations on a cold cache, against the minimum the
 *      API allows for them (counted at the simulator);
 *  (b) requests per second of a cached gateway query against a bare graphql-yoga hello
 *      world, both measured in this run on this machine with autocannon;
 *  (c) priority: how long interactive queries wait for rate budget while a bulk operation
 *      saturates the token (see bench/priority.ts);
 *  (d) saturation of one token (bench/saturation.ts);
 *  (e) memory and upstream 401s of 20,000 unknown client tokens (bench/unknown-tokens.ts);
 *  (f) planning time of hostile document shapes (bench/planner.ts);
 *  (g) fair admission: small queries while one operation keeps the token busy to its
 *      deadline (bench/fair-admission.ts).
 *  (h) bulk operations across three replicas: throughput and takeover after a kill
 *      (bench/bulk-replicas.ts; run alone: `npx tsx bench/bulk-replicas.ts`).
 *  (i) side by side at 10 connections: bare graphql-yoga, GraphQL Mesh / Hive Gateway with
 *      its response cache (installed into bench/mesh/ when missing; BENCH_MESH=off skips it)
 *      and pennylane-graphql, on two cached queries (bench/mesh-comparison.ts);
 *  (j) cold latency: what the gateway adds to the REST calls each benchmark operation makes
 *      (bench/cold-latency.ts).
 * The cost planner's estimate is reported beside (a).
 * BENCH_DURATION (seconds, default 10) and BENCH_CONNECTIONS (default 50) tune (b).
 * BENCH_SECTIONS (letters, e.g. `a,i,j`; default all) runs only those sections.
 */
import { cpus, totalmem, type as osType, release } from 'node:os';
import autocannon from 'autocannon';
import { startSimulator, type Simulator } from '../src/sandbox/simulator.js';
import { gatewayOver } from '../test/support/harness.js';
import { benchmarkOperations, INVOICES_WITH_CUSTOMERS, type BenchOperation } from './operations.js';
import { fairAdmissionReport } from './fair-admission.js';
import { plannerReport } from './planner.js';
import { priorityReport } from './priority.js';
import { saturationReport } from './saturation.js';
import { unknownTokensReport } from './unknown-tokens.js';
import { bulkReplicasReport } from './bulk-replicas.js';
import { coldLatencyReport } from './cold-latency.js';
import { meshComparisonReport } from './mesh-comparison.js';
import { startServer } from '../test/support/spawn-server.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const sections = (process.env.BENCH_SECTIONS ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean);
const wanted = (section: string) => sections.length === 0 || sections.includes(section);

async function upstreamCalls(sim: Simulator, operation: BenchOperation): Promise<{ calls: number; estimate: number; maxEstimate: number }> {
  // A fresh gateway per operation: a cold cache, nothing primed.
  const gateway = gatewayOver(sim);
  sim.control.clearLog();
  const response = await gateway.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const body = (await response.json()) as { errors?: unknown[]; extensions?: { cost?: { estimate?: { calls: number; maxCalls: number } } } };
  if (body.errors) throw new Error(`${operation.name} failed: ${JSON.stringify(body.errors)}`);
  await gateway.close();
  const estimate = body.extensions?.cost?.estimate;
  return { calls: sim.control.count(), estimate: estimate?.calls ?? NaN, maxEstimate: estimate?.maxCalls ?? NaN };
}

async function requestsPerSecond(port: number, query: string): Promise<{ rps: number; p99: number; errors: number }> {
  // Warm-up: the JIT and the connection pool settle before anything is measured.
  await autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: Math.max(1, Math.round(duration / 3)),
  });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration,
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(`## Benchmark run ${new Date().toISOString()}\n`);
  console.log(`Command: \`npm run bench\` (BENCH_DURATION=${duration}, BENCH_CONNECTIONS=${connections}${sections.length ? `, BENCH_SECTIONS=${sections.join(",")}` : ""})`);
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}, Node ${process.version}\n`);

  if (!wanted('a') && !wanted('b')) return;
  const sim = await startSimulator({ rateLimit: { limit: 25, windowMs: 5_000 } });
  const operations = benchmarkOperations(sim);
  if (wanted('a')) await callCounts(sim, operations);
  await sim.close();
  if (wanted('b')) await throughput();
}

async function callCounts(sim: Simulator, operations: readonly BenchOperation[]): Promise<void> {
  console.log('### (a) Upstream calls per operation, cold cache\n');
  console.log('| Operation | Upstream calls | Minimum the API allows | Planner estimate (max) | Minimum is |');
  console.log('|---|---:|---:|---:|---|');
  for (const operation of operations) {
    const { calls, estimate, maxEstimate } = await upstreamCalls(sim, operation);
    const planned = estimate === maxEstimate ? `${estimate}` : `${estimate} (${maxEstimate})`;
    console.log(`| ${operation.name} | ${calls} | ${operation.minimum(sim)} | ${planned} | ${operation.minimumReason} |`);
  }
}

async function throughput(): Promise<void> {
  console.log(`\n### (b) Requests per second, cached query vs bare graphql-yoga (${duration}s, ${connections} connections)\n`);
  console.log('| Server | Query | req/s (mean) | p99 latency (ms) | errors |');
  console.log('|---|---|---:|---:|---:|');
  const hello = await startServer('bench/servers/hello-server.ts');
  const helloResult = await requestsPerSecond(hello.port, '{ hello }');
  hello.child.kill('SIGTERM');
  const gateway = await startServer('bench/servers/gateway-server.ts');
  const small = '{ me { company { name } } }';
  for (const query of [INVOICES_WITH_CUSTOMERS.query, small]) {
    await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }); // warms the cache: every later request is answered without Pennylane
  }
  const gatewaySmall = await requestsPerSecond(gateway.port, small);
  const gatewayResult = await requestsPerSecond(gateway.port, INVOICES_WITH_CUSTOMERS.query);
  const INVOICES_WITH_CUSTOMERS_BYTES = (
    await (
      await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: INVOICES_WITH_CUSTOMERS.query }),
      })
    ).text()
  ).length;
  gateway.child.kill('SIGTERM');
  console.log(`| bare graphql-yoga | { hello } | ${helloResult.rps.toFixed(0)} | ${helloResult.p99} | ${helloResult.errors} |`);
  console.log(`| pennylane-graphql (cache warm) | { me { company { name } } } | ${gatewaySmall.rps.toFixed(0)} | ${gatewaySmall.p99} | ${gatewaySmall.errors} |`);
  console.log(
    `| pennylane-graphql (cache warm) | InvoicesWithCustomers (100 invoices + customers, ~${Math.round(INVOICES_WITH_CUSTOMERS_BYTES / 1024)} KiB) | ${gatewayResult.rps.toFixed(0)} | ${gatewayResult.p99} | ${gatewayResult.errors} |`,
  );
  console.log(`\nGateway / hello-world throughput: small cached query ${((gatewaySmall.rps / helloResult.rps) * 100).toFixed(1)} %, 100-invoice query ${((gatewayResult.rps / helloResult.rps) * 100).toFixed(1)} %`);
}

await main();
for (const [section, report] of [
  ['c', priorityReport],
  ['d', saturationReport],
  ['e', unknownTokensReport],
  ['f', plannerReport],
  ['g', fairAdmissionReport],
  ['h', bulkReplicasReport],
  ['i', meshComparisonReport],
  ['j', coldLatencyReport],
] as const) {
  if (wanted(section)) await report();
}
