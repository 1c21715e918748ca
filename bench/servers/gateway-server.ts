/**
 * A gateway over an in-process simulator on a loopback port, for load tests from another
 * process. Prints `READY <port>` once listening.
 */
import { createServer } from 'node:http';
import { startSimulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../../test/support/harness.js';

const sim = await startSimulator({ rateLimit: false });
// TTLs long enough that the whole run is served from cache once warm.
const gateway = gatewayOver(sim, { PENNYLANE_CACHE_TTLS: 'default=3600,customers=3600,customer_invoices=3600' });
const server = createServer(gateway.yoga);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void gateway.close().then(() => sim.close()).then(() => process.exit(0));
});
