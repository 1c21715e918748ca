/**
 * A CPU-profiling probe of the cold path (BENCHMARKS.md, issue 15): one `customer(id:)`
 * operation, caches off and the budget free, 4,000 times in a row in one process (the
 * gateway through `yoga.fetch`, no HTTP front door; the simulator over loopback), after 300
 * warm-up requests. Prints the time per operation. Run under the profiler:
 *   node --cpu-prof --cpu-prof-interval 200 --cpu-prof-dir=prof --import tsx bench/cold-profile.ts
 */
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../src/sandbox/simulator.js';
import { gatewayOver } from '../test/support/harness.js';

const sim = await startSimulator({ rateLimit: false });
const gateway = gatewayOver(sim, {
  PENNYLANE_CACHE_MAX_BYTES: '0',
  PENNYLANE_RATE_LIMITS: 'token=1000000/5s,sales_purchases=1000000/1s,accounting=1000000/1s',
});
const customer = (sim.control.snapshot('customers') as { id: number }[])[0]!;
const body = JSON.stringify({ query: 'query CustomerById($id: ID!) { customer(id: $id) { name } }', variables: { id: String(customer.id) } });
const once = async () => {
  const res = await gateway.yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  await res.text();
};
for (let i = 0; i < 300; i++) await once();
const runs = 4_000;
const start = performance.now();
for (let i = 0; i < runs; i++) await once();
console.log(`cold customer(id:) in process: ${((performance.now() - start) / runs).toFixed(2)} ms per operation`);
await gateway.close();
await sim.close();
