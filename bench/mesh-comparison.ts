/**
 * (i) Side by side, in one run, at 10 connections: a bare graphql-yoga hello world (the
 * ceiling), GraphQL Mesh / Hive Gateway with its response cache (bench/mesh/), and
 * pennylane-graphql, the two gateways over one simulator in this process. Each server runs
 * in its own process; autocannon runs here. Two cached queries: a small one (the company's
 * name) and 100 invoices with their customers. For each: one cold request (its upstream
 * calls counted at the simulator), a warm-up, then 3 measurements; req/s and p99 are the
 * medians of the 3.
 *
 * Mesh's dependencies live in bench/mesh/ (its own package.json and lockfile), installed
 * here with `npm ci --prefix bench/mesh` when missing. BENCH_MESH=off skips the Mesh row.
 * BENCH_COMPARE_SECONDS (default 10) is each measurement's duration.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import { startSimulator, type Simulator } from '../src/sandbox/simulator.js';
import { startServer } from '../test/support/spawn-server.js';
import { INVOICES_WITH_CUSTOMERS } from './operations.js';

const seconds = Number(process.env.BENCH_COMPARE_SECONDS ?? 10);
const CONNECTIONS = 10;
const RUNS = 3;

interface Server {
  readonly name: string;
  readonly script: string;
  readonly env?: Record<string, string>;
  /** The server's document for each query, or none when it cannot answer it. */
  readonly small: string;
  readonly large?: string;
}

interface Measured {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
  readonly bytes: number;
  readonly coldCalls: number | null;
}

const MESH_INVOICES = '{ listCustomerInvoices(limit: 100) { items { invoice_number currency_amount customer { customer { name } } } } }';

/** Installs bench/mesh/ when it is not; the reason it cannot run otherwise. */
function meshReady(): string | null {
  if (['off', '0', 'false', 'no'].includes((process.env.BENCH_MESH ?? '').toLowerCase())) return 'skipped (BENCH_MESH=off)';
  if (existsSync('bench/mesh/node_modules/@graphql-hive/gateway-runtime')) return null;
  console.error('bench: installing GraphQL Mesh / Hive Gateway into bench/mesh (npm ci --prefix bench/mesh)…');
  const install = spawnSync('npm', ['ci', '--prefix', 'bench/mesh', '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
  return install.status === 0 ? null : `not measured: \`npm ci --prefix bench/mesh\` exited with ${install.status ?? install.signal}`;
}

async function post(port: number, query: string): Promise<{ text: string; errors: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { text, errors: response.ok ? (JSON.parse(text) as { errors?: unknown }).errors : text };
}

async function measure(port: number, query: string): Promise<{ rps: number; p99: number; errors: number }> {
  const options = {
    url: `http://127.0.0.1:${port}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
  };
  await autocannon({ ...options, duration: Math.max(1, Math.round(seconds / 3)) });
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await autocannon({ ...options, duration: seconds }));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    rps: median(runs.map((r) => r.requests.average)),
    p99: median(runs.map((r) => r.latency.p99)),
    errors: runs.reduce((total, r) => total + r.errors + r.non2xx, 0),
  };
}

async function measureServer(sim: Simulator | null, server: Server): Promise<{ small: Measured; large: Measured | null }> {
  const { child, port } = await startServer(server.script, server.env ?? {});
  try {
    const one = async (query: string): Promise<Measured> => {
      sim?.control.clearLog();
      const cold = await post(port, query);
      if (cold.errors) throw new Error(`${server.name}: ${JSON.stringify(cold.errors).slice(0, 500)}`);
      const coldCalls = sim ? sim.control.count() : null;
      const result = await measure(port, query);
      return { ...result, bytes: Buffer.byteLength(cold.text), coldCalls };
    };
    const small = await one(server.small);
    const large = server.large ? await one(server.large) : null;
    return { small, large };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function meshComparisonReport(): Promise<void> {
  console.log(`\n### (i) Side by side: cached queries at ${CONNECTIONS} connections (${seconds}s × ${RUNS}, medians)\n`);
  const sim = await startSimulator({ rateLimit: false });
  const upstream = { PENNYLANE_BASE_URL: sim.baseUrl, PENNYLANE_API_TOKEN: sim.demoToken };
  const meshProblem = meshReady();
  const servers: Server[] = [
    { name: 'bare graphql-yoga hello world (ceiling)', script: 'bench/servers/hello-server.ts', small: '{ hello }' },
    ...(meshProblem
      ? []
      : [{ name: 'GraphQL Mesh / Hive Gateway with its response cache', script: 'bench/mesh/server.mjs', env: upstream, small: '{ getMe { company { name } } }', large: MESH_INVOICES }]),
    {
      name: 'pennylane-graphql',
      script: 'bench/servers/gateway-server.ts',
      env: { BENCH_UPSTREAM_URL: sim.baseUrl, BENCH_UPSTREAM_TOKEN: sim.demoToken },
      small: '{ me { company { name } } }',
      large: INVOICES_WITH_CUSTOMERS.query,
    },
  ];
  const results: { server: Server; small: Measured; large: Measured | null }[] = [];
  for (const server of servers) results.push({ server, ...(await measureServer(server.script.includes('hello') ? null : sim, server)) });
  await sim.close();

  const ceiling = results[0]!.small.rps;
  const pct = (rps: number) => `${((rps / ceiling) * 100).toFixed(0)} %`;
  const calls = (m: Measured | null) => (m?.coldCalls === null || m?.coldCalls === undefined ? '—' : String(m.coldCalls));
  console.log('| Server | Small cached query req/s | of hello world | p99 (small) | 100 invoices + customers, cached, req/s | of hello world | p99 (large) | Upstream calls, cold (small / large) | Answer size (large) | Errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { server, small, large } of results) {
    console.log(
      `| ${server.name} | ${small.rps.toFixed(0)} | ${pct(small.rps)} | ${small.p99} ms | ${large ? large.rps.toFixed(0) : '—'} | ${large ? pct(large.rps) : '—'} | ${large ? `${large.p99} ms` : '—'} | ${calls(small)} / ${calls(large)} | ${large ? `${(large.bytes / 1024).toFixed(1)} KiB` : '—'} | ${small.errors + (large?.errors ?? 0)} |`,
    );
  }
  if (meshProblem) console.log(`\nGraphQL Mesh / Hive Gateway: ${meshProblem}.`);
  console.log(
    '\nQueries: hello world `{ hello }`; small `{ me { company { name } } }` (Mesh: `{ getMe { company { name } } }`); large InvoicesWithCustomers ' +
      '(Mesh: `listCustomerInvoices(limit: 100)` with `customer { customer { name } }`, one `GET /customers/{id}` per invoice).',
  );
}

if (process.argv[1]?.endsWith('mesh-comparison.ts')) await meshComparisonReport();
