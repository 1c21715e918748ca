/**
 * A gateway over an in-process simulator on a loopback port, for load tests from another
 * process. Prints `READY <port>` once listening.
 */
import { startSimulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../../test/support/harness.js';
import { serveOnLoopback } from './serve.js';

const sim = await startSimulator({ rateLimit: false });
// TTLs long enough that the whole run is served from cache once warm.
// The GraphQL response cache on (the test harness turns it off), as in production: BENCH_RESPONSE_CACHE=off measures the REST cache alone.
const gateway = gatewayOver(sim, {
  PENNYLANE_CACHE_TTLS: 'default=3600,customers=3600,customer_invoices=3600',
  PENNYLANE_RESPONSE_CACHE_MAX_BYTES: process.env.BENCH_RESPONSE_CACHE === 'off' ? '0' : String(32 * 1024 * 1024),
});
serveOnLoopback(gateway.yoga, () => gateway.close().then(() => sim.close()));
