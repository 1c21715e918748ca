/**
 * (j) Cold latency: what the gateway adds to the Pennylane calls an operation needs.
 *
 * One process: a simulator, a gateway over it served on a loopback port (cache off, so every
 * request is cold; limits far above the load, so the budget is always free), and this client.
 * Each sample sends one operation through the gateway's HTTP front door and records the
 * upstream calls it made (method, URL, start and end); right after, the same calls are made
 * directly against the simulator with undici, with the gateway's parallelism: calls that
 * started before any call of the current wave had ended form one wave, sent together, and
 * the waves one after another (a call that started later may have needed an answer).
 * Overhead = gateway latency − direct REST time of the same calls. Samples run one at a time.
 *
 * BENCH_COLD_SAMPLES (default 200) samples per operation, after 20 warm-up requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { UpstreamRequest } from '../src/datasources/http/pennylane-http.js';
import { startSimulator, type Simulator } from '../src/sandbox/simulator.js';
import { gatewayOver } from '../test/support/harness.js';
import { benchmarkOperations } from './operations.js';

const samples = Number(process.env.BENCH_COLD_SAMPLES ?? 200);
const WARM_UP = 20;
const FREE_LIMITS = 'token=1000000/5s,sales_purchases=1000000/1s,accounting=1000000/1s';

interface Call {
  readonly method: string;
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

interface Operation {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown> | undefined;
}

function customerById(sim: Simulator): Operation {
  const customer = (sim.control.snapshot('customers') as { id: number }[])[0]!;
  return { name: 'CustomerById (1 call)', query: 'query CustomerById($id: ID!) { customer(id: $id) { name } }', variables: { id: String(customer.id) } };
}

/** Calls grouped as the gateway made them: each wave started before any call of it had ended. */
export function waves(calls: readonly Call[]): Call[][] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const result: Call[][] = [];
  let firstEnd = Infinity;
  for (const call of sorted) {
    const current = result.at(-1);
    if (current && call.start < firstEnd) {
      current.push(call);
      firstEnd = Math.min(firstEnd, call.end);
    } else {
      result.push([call]);
      firstEnd = call.end;
    }
  }
  return result;
}

const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
};

export async function coldLatencyReport(): Promise<void> {
  const sim = await startSimulator({ rateLimit: false });
  const gateway = gatewayOver(sim, { PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_RATE_LIMITS: FREE_LIMITS });
  // What the gateway sends, as it sends it: recorded around its one HTTP door to Pennylane.
  let recorded: Call[] = [];
  const http = gateway.upstream.http;
  const request = http.request.bind(http);
  http.request = async (req: UpstreamRequest) => {
    const start = performance.now();
    try {
      return await request(req);
    } finally {
      recorded.push({ method: req.method, path: req.path, start, end: performance.now() });
    }
  };
  // The scheduler's own share of each call: its whole run minus the send it wraps.
  let scheduled: number[] = [];
  const scheduler = gateway.upstream.scheduler;
  const run = scheduler.run.bind(scheduler);
  scheduler.run = async (tenant, request, send) => {
    const start = performance.now();
    let sending = 0;
    try {
      return await run(tenant, request, async () => {
        const sentAt = performance.now();
        try {
          return await send();
        } finally {
          sending += performance.now() - sentAt;
        }
      });
    } finally {
      scheduled.push(performance.now() - start - sending);
    }
  };
  const server: Server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const front = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 1 });
  const base = new URL(sim.baseUrl);
  const upstream = new Pool(base.origin, { connections: 16, pipelining: 1 });
  const headers = { authorization: `Bearer ${sim.demoToken}`, accept: 'application/json', 'x-use-2026-api-changes': 'true' };

  const throughGateway = async (operation: Operation): Promise<number> => {
    const start = performance.now();
    const res = await front.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
    });
    const body = (await res.body.json()) as { errors?: unknown[] };
    const ms = performance.now() - start;
    if (body.errors) throw new Error(`${operation.name} failed: ${JSON.stringify(body.errors)}`);
    return ms;
  };
  const direct = async (calls: readonly Call[]): Promise<number> => {
    const start = performance.now();
    for (const wave of waves(calls)) {
      await Promise.all(
        wave.map(async (call) => {
          const res = await upstream.request({ method: call.method as 'GET', path: base.pathname + call.path, headers });
          const text = await res.body.text();
          if (res.statusCode !== 200) throw new Error(`direct ${call.method} ${call.path}: ${res.statusCode}`);
          JSON.parse(text);
        }),
      );
    }
    return performance.now() - start;
  };

  const operations: Operation[] = [customerById(sim), ...benchmarkOperations(sim)];
  console.log(`\n### (j) Cold latency: the gateway's time over the Pennylane calls it made (${samples} samples per operation, cache off, budget free)\n`);
  console.log('Overhead = gateway latency (HTTP front door, cold) − the same upstream calls made directly with undici against the simulator, in the same waves, right after. Scheduler = per upstream call, the time spent in the rate scheduler outside the send itself.\n');
  console.log('| Operation | Upstream calls (waves) | Gateway median (ms) | Gateway p99 (ms) | Direct REST median (ms) | Direct REST p99 (ms) | Overhead median (ms) | Overhead p99 (ms) | Scheduler per call, median / p99 (ms) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const operation of operations) {
    for (let i = 0; i < WARM_UP; i++) {
      recorded = [];
      await throughGateway(operation);
      await direct(recorded);
    }
    scheduled = [];
    const total: number[] = [];
    const rest: number[] = [];
    const overhead: number[] = [];
    let shape = '';
    for (let i = 0; i < samples; i++) {
      recorded = [];
      const ms = await throughGateway(operation);
      const calls = recorded;
      const restMs = await direct(calls);
      shape = `${calls.length} (${waves(calls).length})`;
      total.push(ms);
      rest.push(restMs);
      overhead.push(ms - restMs);
    }
    const f = (v: number) => v.toFixed(2);
    console.log(
      `| ${operation.name} | ${shape} | ${f(quantile(total, 0.5))} | ${f(quantile(total, 0.99))} | ${f(quantile(rest, 0.5))} | ${f(quantile(rest, 0.99))} | ${f(quantile(overhead, 0.5))} | ${f(quantile(overhead, 0.99))} | ${f(quantile(scheduled, 0.5))} / ${f(quantile(scheduled, 0.99))} |`,
    );
  }
  await front.close();
  await upstream.close();
  server.close();
  await gateway.close();
  await sim.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await coldLatencyReport();
