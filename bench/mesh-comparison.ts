/**
 * (i) Side by side, in one run, at 10 connections: a bare graphql-yoga hello world (the
 * ceiling), GraphQL Mesh / Hive Gateway with its response cache (bench/mesh/), and
 * pennylane-graphql as deployed and with its REST-level cache alone (the GraphQL response
 * cache off), the gateways over one simulator in this process. Each server runs
 * in its own process, all started at once; autocannon runs here. Two cached queries: a small
 * one (the company's name) and 100 invoices with their customers. For each: one cold request
 * (its upstream calls counted at the simulator) and a warm-up, then 3 rounds of measurements,
 * each round measuring every server and query once, so the machine's noise spreads over all
 * of them; req/s, p99 and the server's CPU time per request are the medians of the 3.
 *
 * Mesh's dependencies live in bench/mesh/ (its own package.json and lockfile), installed
 * here with `npm ci --prefix bench/mesh` when missing. BENCH_MESH=off skips the Mesh row.
 * BENCH_COMPARE_SECONDS (default 10) is each measurement's duration.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startSimulator } from '../src/sandbox/simulator.js';
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
  /** CPU time of the server process per request answered (user + system). */
  readonly cpuMsPerRequest: number | null;
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

/** CPU seconds (user + system) the process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Target {
  readonly query: string;
  readonly port: number;
  readonly pid: number | undefined;
  readonly runs: { rps: number; p99: number; errors: number; cpuMsPerRequest: number | null }[];
  bytes: number;
  coldCalls: number | null;
}

async function measure(target: Target, duration: number, record = true): Promise<void> {
  const before = cpuSeconds(target.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: target.query }),
    connections: CONNECTIONS,
    duration,
  });
  const after = cpuSeconds(target.pid);
  if (!record) return;
  target.runs.push({
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMsPerRequest: before === null || after === null ? null : ((after - before) * 1_000) / Math.max(1, result.requests.total),
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function summary(target: Target | undefined): Measured | null {
  if (!target) return null;
  const cpu = target.runs.map((r) => r.cpuMsPerRequest).filter((v): v is number => v !== null);
  return {
    rps: median(target.runs.map((r) => r.rps)),
    p99: median(target.runs.map((r) => r.p99)),
    errors: target.runs.reduce((total, r) => total + r.errors, 0),
    bytes: target.bytes,
    coldCalls: target.coldCalls,
    cpuMsPerRequest: cpu.length > 0 ? median(cpu) : null,
  };
}

export async function meshComparisonReport(): Promise<void> {
  console.log(`\n### (i) Side by side: cached queries at ${CONNECTIONS} connections (${seconds}s × ${RUNS} rounds, medians)\n`);
  const sim = await startSimulator({ rateLimit: false });
  const meshProblem = meshReady();
  const servers: Server[] = [
    { name: 'bare graphql-yoga hello world (ceiling)', script: 'bench/servers/hello-server.ts', small: '{ hello }' },
    ...(meshProblem
      ? []
      : [
          {
            name: 'GraphQL Mesh / Hive Gateway with its response cache',
            script: 'bench/mesh/server.mjs',
            env: { PENNYLANE_BASE_URL: sim.baseUrl, PENNYLANE_API_TOKEN: sim.demoToken },
            small: '{ getMe { company { name } } }',
            large: MESH_INVOICES,
          },
        ]),
    ...[false, true].map((restOnly) => ({
      name: restOnly ? 'pennylane-graphql, REST-level cache only (BENCH_RESPONSE_CACHE=off)' : 'pennylane-graphql',
      script: 'bench/servers/gateway-server.ts',
      env: { BENCH_UPSTREAM_URL: sim.baseUrl, BENCH_UPSTREAM_TOKEN: sim.demoToken, ...(restOnly ? { BENCH_RESPONSE_CACHE: 'off' } : {}) },
      small: '{ me { company { name } } }',
      large: INVOICES_WITH_CUSTOMERS.query,
    })),
  ];
  const started = await Promise.all(servers.map((server) => startServer(server.script, server.env ?? {})));
  const rows: { server: Server; small: Target; large?: Target }[] = [];
  try {
    for (const [i, server] of servers.entries()) {
      const { child, port } = started[i]!;
      const target = async (query: string): Promise<Target> => {
        sim.control.clearLog();
        const cold = await post(port, query);
        if (cold.errors) throw new Error(`${server.name}: ${JSON.stringify(cold.errors).slice(0, 500)}`);
        const t: Target = { query, port, pid: child.pid, runs: [], bytes: Buffer.byteLength(cold.text), coldCalls: server.large ? sim.control.count() : null };
        await measure(t, Math.max(1, Math.round(seconds / 3)), false); // warm-up: JIT and connections settle
        return t;
      };
      rows.push({ server, small: await target(server.small), ...(server.large ? { large: await target(server.large) } : {}) });
    }
    for (let round = 0; round < RUNS; round++) {
      for (const row of rows) for (const t of [row.small, row.large]) if (t) await measure(t, seconds);
    }
  } finally {
    for (const { child } of started) child.kill('SIGTERM');
    await sim.close();
  }

  const ceiling = summary(rows[0]!.small)!.rps;
  const pct = (m: Measured) => `${((m.rps / ceiling) * 100).toFixed(0)} %`;
  const cpu = (m: Measured) => (m.cpuMsPerRequest === null ? '—' : m.cpuMsPerRequest.toFixed(2));
  console.log(
    '| Server | Small cached query req/s | of hello world | p99 (small) | CPU ms / request (small) | 100 invoices + customers, cached, req/s | of hello world | p99 (large) | CPU ms / request (large) | Upstream calls, cold (small / large) | Answer size (large) | Errors |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const small = summary(row.small)!;
    const large = summary(row.large);
    const calls = large ? `${small.coldCalls} / ${large.coldCalls}` : '—';
    console.log(
      `| ${row.server.name} | ${small.rps.toFixed(0)} | ${pct(small)} | ${small.p99} ms | ${cpu(small)} | ${large ? large.rps.toFixed(0) : '—'} | ${large ? pct(large) : '—'} | ${large ? `${large.p99} ms` : '—'} | ${large ? cpu(large) : '—'} | ${calls} | ${large ? `${(large.bytes / 1024).toFixed(1)} KiB` : '—'} | ${small.errors + (large?.errors ?? 0)} |`,
    );
  }
  if (meshProblem) console.log(`\nGraphQL Mesh / Hive Gateway: ${meshProblem}.`);
  console.log(
    '\nQueries: hello world `{ hello }`; small `{ me { company { name } } }` (Mesh: `{ getMe { company { name } } }`); large InvoicesWithCustomers ' +
      '(Mesh: `listCustomerInvoices(limit: 100)` with `customer { customer { name } }`, one `GET /customers/{id}` per invoice). ' +
      'CPU ms / request: the server process\'s user + system time over the requests it answered (from /proc).',
  );
}

if (process.argv[1]?.endsWith('mesh-comparison.ts')) await meshComparisonReport();
