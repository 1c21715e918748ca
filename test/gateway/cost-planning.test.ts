import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOMERS_WITH_INVOICES,
  invoiceDetail,
  INVOICES_WITH_CUSTOMERS,
  JOURNALS_WITH_ENTRIES,
  ledgerEntryDetail,
  SUPPLIERS_WITH_INVOICES,
  TRANSACTIONS_WITH_CONTEXT,
  type BenchOperation,
} from '../../bench/operations.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';

interface Estimate {
  calls: number;
  maxCalls: number;
  timeMs: number;
}

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: { upstreamCalls?: number; estimate?: Estimate } };
}

describe('cost planning', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: false });
  });
  afterAll(() => sim.close());

  /** Runs an operation on a fresh gateway (cold cache) and reports estimate and actual calls. */
  async function run(operation: BenchOperation, env: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const gateway = gatewayOver(sim, { PENNYLANE_RATE_LIMITS: 'token=1000/1s', ...env });
    try {
      sim.control.clearLog();
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      });
      return { answer: (await response.json()) as Answer, actual: sim.control.count() };
    } finally {
      await gateway.close();
    }
  }

  it('estimates exactly the calls the benchmark operations make on a cold cache', async () => {
    for (const operation of [
      INVOICES_WITH_CUSTOMERS,
      invoiceDetail(sim),
      CUSTOMERS_WITH_INVOICES,
      SUPPLIERS_WITH_INVOICES,
      TRANSACTIONS_WITH_CONTEXT,
      ledgerEntryDetail(sim),
    ]) {
      const { answer, actual } = await run(operation);
      expect(answer.errors, operation.name).toBeUndefined();
      expect(answer.extensions?.cost?.estimate?.calls, operation.name).toBe(actual);
      expect(answer.extensions?.cost?.upstreamCalls, operation.name).toBe(actual);
    }
  });

  it('bounds what it cannot know: clustered children stay between the estimate and its maximum', async () => {
    const { answer, actual } = await run(JOURNALS_WITH_ENTRIES);
    const estimate = answer.extensions!.cost!.estimate!;
    expect(estimate.calls).toBeLessThanOrEqual(actual);
    expect(actual).toBeLessThanOrEqual(estimate.maxCalls);
  });

  it('answers the estimate alone, without any upstream call, when asked', async () => {
    const { answer, actual } = await run(INVOICES_WITH_CUSTOMERS, {}, { 'x-pennylane-cost': 'estimate' });
    expect(actual).toBe(0);
    expect(answer.data).toBeNull();
    expect(answer.extensions?.cost?.estimate).toMatchObject({ calls: 2 });
  });

  it('refuses an operation above the budget, with the estimate in the message, before any call', async () => {
    const { answer, actual } = await run(invoiceDetail(sim), { PENNYLANE_MAX_OPERATION_CALLS: '3' });
    expect(actual).toBe(0);
    expect(answer.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_EXPENSIVE');
    expect(answer.errors?.[0]?.message).toMatch(/about 5 Pennylane calls .* allows 3/);
  });

  it('estimates the time the calls need at the token limits', async () => {
    const heavy: BenchOperation = {
      name: 'InvoicesWithLines',
      query: '{ customerInvoices(first: 60) { edges { node { lines(first: 10) { edges { node { label } } } } } } }',
      minimumReason: '',
      minimum: () => 61,
    };
    const { answer } = await run(heavy, { PENNYLANE_RATE_LIMITS: 'token=25/5s' }, { 'x-pennylane-cost': 'estimate' });
    // 61 calls: 25 at once, then 36 more at 5 per second.
    expect(answer.extensions?.cost?.estimate).toMatchObject({ calls: 61, timeMs: 7_200 });
  });
});
