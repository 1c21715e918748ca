import { isObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_LOOKUPS } from '../../src/schema/cost/node-costs.js';
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
import { multipart, pdfFile } from '../support/uploads.js';
import { useHarness } from '../support/use-harness.js';

interface Estimate {
  calls: number;
  maxCalls: number;
  timeMs: number;
  backgroundCalls: number;
  backgroundTimeMs: number;
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
    // 61 calls: 25 at once, then 36 more at 25 per 5.15 s (a slot comes back one window and
    // the 150 ms margin after it was spent).
    expect(answer.extensions?.cost?.estimate).toMatchObject({ calls: 61, timeMs: 7_416 });
  });
});

describe('cost planning: what the plan counts, and admission before the first call', () => {
  const h = useHarness({ beforeEach: 'reset', env: { PENNYLANE_RATE_LIMITS: 'token=1000/1s', PENNYLANE_CACHE_MAX_BYTES: '0' } });
  const globalId = (typename: string, id: number | string) => Buffer.from(`${typename}:${id}`).toString('base64');
  const estimateOf = (answer: Answer) => answer.extensions!.cost!.estimate!;

  it('counts nodes(ids:) by type: batched where an id filter exists, one GET each where not', async () => {
    const invoices = (h.sim.control.snapshot('customer_invoices') as { id: number }[]).slice(0, 150).map((i) => globalId('CustomerInvoice', i.id));
    const documents = (h.sim.control.snapshot('commercial_documents') as { id: number }[]).map((d) => globalId('CommercialDocument', d.id));
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on CustomerInvoice { customer { name } } ... on CommercialDocument { label } } }';
    const answer = (await h.gql(query, { ids: [...invoices, ...documents] })) as Answer;
    expect(answer.errors).toBeUndefined();
    // 2 invoice `id in` calls, their customers (≤ 100 distinct: 1 call), one GET per document.
    expect(estimateOf(answer).calls).toBe(2 + 2 + documents.length);
    expect(h.sim.control.count()).toBeLessThanOrEqual(estimateOf(answer).calls);
    expect(h.sim.control.count({ route: 'GET /commercial_documents/{id}' })).toBe(documents.length);
  });

  it('refuses nodes(ids:) of 1,000 commercial documents (1,000 GETs) before any call', async () => {
    const ids = Array.from({ length: 1_000 }, (_, n) => globalId('CommercialDocument', 9_000_000_000 + n));
    const answer = (await h.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })) as Answer;
    expect(answer.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_EXPENSIVE');
    expect(estimateOf(answer).calls).toBe(1_000);
    expect(h.sim.control.count()).toBe(0);
  });

  it('counts a write with its upload first, and an action with its read after', async () => {
    const customerId = String((h.sim.control.snapshot('customers')[2] as { id: number }).id);
    const lines = [{ label: 'Audit', vatRate: 'FR_200', currencyAmount: '120.00', currencyTax: '20.00' }];
    const input = { customerId, date: '2026-11-02', deadline: '2026-12-02', currencyAmountBeforeTax: '100.00', currencyTax: '20.00', currencyAmount: '120.00', invoiceLines: lines, file: null };
    const imported = (await multipart(
      h,
      'mutation($input: ImportCustomerInvoiceInput!) { importCustomerInvoice(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } } }',
      { input },
      { 'variables.input.file': pdfFile('plan.pdf') },
    )) as Answer;
    expect(imported.data).toMatchObject({ importCustomerInvoice: { __typename: 'CustomerInvoicePayload' } });
    expect(estimateOf(imported).calls).toBe(2);
    expect(h.sim.control.count()).toBe(2);

    const unpaid = (h.sim.control.snapshot('customer_invoices') as { id: number; status: string }[]).filter((i) => i.status === 'upcoming').slice(0, 10);
    h.sim.control.clearLog();
    const marked = (await h.gql(`mutation { ${unpaid.map((i, n) => `m${n}: markCustomerInvoiceAsPaid(id: "${i.id}") { __typename }`).join(' ')} }`)) as Answer;
    expect(Object.values(marked.data as Record<string, { __typename: string }>).every((r) => r.__typename === 'CustomerInvoicePayload')).toBe(true);
    expect(estimateOf(marked).calls).toBe(20);
    expect(h.sim.control.count()).toBe(20);
  });

  it('prices a bulk operation at its bulk pace in the background', async () => {
    const items = Array.from({ length: 50 }, (_, n) => ({ externalReference: `PLAN-${n}`, label: `Plan ${n}`, priceBeforeTax: '1.00', vatRate: 'FR_200' }));
    const answer = (await h.gql('mutation($i: [UpsertProductInput!]!) { upsertProducts(inputs: $i) { __typename } }', { i: items }, { 'x-pennylane-cost': 'estimate' })) as Answer;
    // One `external_reference in` lookup and 50 writes, handed over one per token interval
    // (1,030 ms hold / 1,000 slots: 2 ms) after the first.
    expect(answer.extensions?.cost?.estimate).toMatchObject({ calls: 0, backgroundCalls: 51, backgroundTimeMs: 50 * 2 });
  });
});

describe('admission against the deadline', () => {
  const h = useHarness({
    beforeEach: 'clearLog',
    // The edge's depth limit (25) would refuse the fan-out below before the planner sees it.
    env: { PENNYLANE_RATE_LIMITS: 'token=25/5s,sales_purchases=2/1s', PENNYLANE_MAX_DEADLINE_MS: '40000', PENNYLANE_CACHE_MAX_BYTES: '0', GATEWAY_MAX_DEPTH: '1000' },
  });
  const WIDE = '{ customers(first: 100) { edges { node { name invoices(first: 100) { edges { node { invoiceNumber } } } } } } }';

  it('refuses a plan that cannot finish before the deadline, before any call, saying what to do', async () => {
    const answer = (await h.gql(WIDE)) as Answer;
    const error = answer.errors?.[0];
    expect(error?.extensions?.code).toBe('OPERATION_TOO_SLOW');
    // 101 calls at the sales & purchases limit (2/s): about 51 s against 30 s.
    expect(error?.extensions?.estimate).toMatchObject({ calls: 101 });
    expect(error?.message).toMatch(/needs at least 51 s .*\(about 101 Pennylane calls\) and its deadline leaves 30 s/);
    expect(error?.message).not.toMatch(/x-pennylane-deadline-ms/); // even the maximum (40 s) is too short
    expect(answer.data).toBeUndefined();
    expect(h.sim.control.count()).toBe(0);
  });

  it('offers a longer deadline when the maximum allows it, and cuts a longer ask to the maximum', async () => {
    const ids = Array.from({ length: 70 }, (_, n) => 9_000_000_000 + n);
    const many = `{ ${ids.map((id, n) => `d${n}: commercialDocument(id: "${id}") { pennylaneId }`).join(' ')} }`;
    // 70 GETs at 2/s: about 35 s; the maximum is 40 s.
    const answer = (await h.gql(many)) as Answer;
    expect(answer.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_SLOW');
    expect(answer.errors?.[0]?.message).toMatch(/x-pennylane-deadline-ms: 40000 \(at most 40000\)/);
    const asked = (await h.gql(WIDE, undefined, { 'x-pennylane-deadline-ms': '999999999' })) as Answer;
    expect(asked.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_SLOW', maxDeadlineMs: 40_000 });
    expect(asked.errors?.[0]?.extensions?.deadlineMs).toBeLessThanOrEqual(40_000);
    expect(asked.errors?.[0]?.extensions?.deadlineMs).toBeGreaterThan(30_000);
    expect(h.sim.control.count()).toBe(0);
  });

  it('runs the same plan once the client asks for a deadline long enough', async () => {
    const ids = Array.from({ length: 6 }, (_, n) => 9_100_000_000 + n);
    const query = `{ ${ids.map((id, n) => `d${n}: commercialDocument(id: "${id}") { pennylaneId }`).join(' ')} }`;
    // 6 GETs at 2/s: 2 at once, then 4 more over about 2 s.
    const hurried = (await h.gql(query, undefined, { 'x-pennylane-deadline-ms': '1000' })) as Answer;
    expect(hurried.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_SLOW', estimate: { calls: 6, timeMs: 2_060 } });
    expect(h.sim.control.count()).toBe(0);
    const answer = (await h.gql(query, undefined, { 'x-pennylane-deadline-ms': '35000' })) as Answer;
    expect(answer.errors).toBeUndefined();
    expect(h.sim.control.count({ route: 'GET /commercial_documents/{id}' })).toBe(6);
  });

  it('plans a 24-level fragment fan-out without running it', async () => {
    let doc = 'query FanOut { customers(first: 2) { edges { node { ...F1 } } } }\n';
    for (let k = 1; k <= 24; k += 1) {
      const next = k < 24 ? `...F${k + 1}` : 'name';
      doc += `fragment F${k} on Customer { invoices(first: 2) { edges { node { customer { ${next} } } } } quotes(first: 2) { edges { node { customer { ${next} } } } } }\n`;
    }
    const answer = (await h.gql(doc)) as Answer;
    expect(answer.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_EXPENSIVE');
    expect(answer.errors?.[0]?.extensions?.estimate).toMatchObject({ calls: expect.any(Number) });
    expect(h.sim.control.count()).toBe(0);
  });

  it('knows how every Node type is looked up by node(id:) and nodes(ids:)', () => {
    const schema = h.gateway.yoga.getEnveloped().schema as GraphQLSchema;
    const nodeTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'));
    expect(nodeTypes.map((type) => type.name).filter((name) => !(name in NODE_LOOKUPS))).toEqual([]);
  });
});
