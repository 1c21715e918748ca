import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointCoverage, renderCoverage } from '../../src/schema/coverage.js';
import { gatewaySchema } from '../../src/schema/index.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';

describe('coverage of the Pennylane API', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('has a GraphQL field for every route the simulator serves, reads and writes', () => {
    const covered = endpointCoverage(gatewaySchema());
    const missing = sim.control.routes().filter((route) => !covered.has(route));
    expect(missing).toEqual([]);
  });

  it('names only endpoints that exist', () => {
    const routes = new Set(sim.control.routes());
    const unknown = [...endpointCoverage(gatewaySchema()).keys()].filter((endpoint) => !routes.has(endpoint));
    expect(unknown).toEqual([]);
  });

  it('matches the committed COVERAGE.md (run `npm run codegen` after changing the schema)', () => {
    expect(readFileSync(new URL('../../COVERAGE.md', import.meta.url), 'utf8')).toBe(renderCoverage(gatewaySchema()));
  });
});
