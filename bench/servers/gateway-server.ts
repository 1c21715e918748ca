/**
 * A gateway over a simulator on a loopback port, for load tests from another process: its
 * own in-process simulator, or the one at BENCH_UPSTREAM_URL (with BENCH_UPSTREAM_TOKEN) when
 * several servers must share one. Prints `READY <port>` once listening.
 */
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../../test/support/harness.js';
import { serveOnLoopback } from './serve.js';

const shared = process.env.BENCH_UPSTREAM_URL;
const sim: Pick<Simulator, 'baseUrl' | 'demoToken' | 'close'> = shared
  ? { baseUrl: shared, demoToken: process.env.BENCH_UPSTREAM_TOKEN ?? '', close: async () => undefined }
  : await startSimulator({ rateLimit: false });
// TTLs long enough that the whole run is served from cache once warm.
// The GraphQL response cache on (the test harness turns it off), as in production: BENCH_RESPONSE_CACHE=off measures the REST cache alone.
const gateway = gatewayOver(sim, {
  PENNYLANE_CACHE_TTLS: 'default=3600,customers=3600,customer_invoices=3600',
  PENNYLANE_RESPONSE_CACHE_MAX_BYTES: process.env.BENCH_RESPONSE_CACHE === 'off' ? '0' : String(32 * 1024 * 1024),
});
serveOnLoopback(gateway.yoga, () => gateway.close().then(() => sim.close()));
