/** `npm run sandbox`: the simulator alone (SANDBOX_PORT, SANDBOX_HOST, SANDBOX_SEED). */
import { startSimulator } from './simulator.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got "${raw}")`);
  return n;
}

const sim = await startSimulator({
  host: process.env['SANDBOX_HOST'] || '127.0.0.1',
  port: intEnv('SANDBOX_PORT', 4010),
  seed: intEnv('SANDBOX_SEED', 42),
  ...(process.env['SANDBOX_TODAY'] ? { today: process.env['SANDBOX_TODAY'] } : {}),
});
console.log(`Pennylane simulator listening on ${sim.baseUrl} (token: ${sim.demoToken})`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sim.close().then(() => process.exit(0));
  });
}
