import { describe, expect, it } from 'vitest';
import { gatewayOver, type Harness } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

const UPSERT = /* GraphQL */ `
  mutation Upsert($inputs: [UpsertProductInput!]!, $key: String) {
    upsertProducts(inputs: $inputs, idempotencyKey: $key) {
      __typename
      ... on BulkOperationPayload { replayed bulkOperation { id status total } }
      ... on MutationError { message }
    }
  }
`;

const STATUS = /* GraphQL */ `
  query Status($id: ID!) {
    bulkOperation(id: $id) {
      status total processed succeeded failed finishedAt
      items(first: 1000) { edges { node {
        index state
        outcome {
          __typename
          ... on BulkItemSuccess { replayed change record { __typename ... on Product { pennylaneId label priceBeforeTax externalReference } } }
          ... on MutationError { message }
          ... on ValidationError { fieldErrors { path code } }
        }
      } } }
    }
  }
`;

interface Status {
  status: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  items: {
    edges: {
      node: {
        index: number;
        state: string;
        outcome: {
          __typename: string;
          replayed?: boolean;
          change?: string;
          record?: { pennylaneId: string; label: string; priceBeforeTax: string; externalReference: string };
          fieldErrors?: { path: string[]; code: string }[];
        } | null;
      };
    }[];
  };
}

async function untilDone(h: Harness, id: string): Promise<Status> {
  for (;;) {
    const res = await h.gql<{ bulkOperation: Status }>(STATUS, { id });
    if (res.data!.bulkOperation.status !== 'RUNNING') return res.data!.bulkOperation;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const item = (n: number) => ({ externalReference: `SYNC-${n}`, label: `Synced ${n}`, priceBeforeTax: `${10 + n}.00`, vatRate: 'FR_200' });

describe('bulk operations', () => {
  const h = useHarness({ beforeEach: 'reset' });

  it('upserts products: one lookup per 100 items, updates the known, creates the new, fails only the bad item', async () => {
    const existing = (h.sim.control.snapshot('products') as { id: number; external_reference: string }[]).slice(0, 5);
    const inputs = [
      ...existing.map((p) => ({ externalReference: p.external_reference, label: `Renamed ${p.id}` })),
      ...Array.from({ length: 10 }, (_, n) => item(n)),
      { ...item(99), vatRate: '20%' },
    ];
    const started = await h.gql<{ upsertProducts: { bulkOperation: { id: string; total: number } } }>(UPSERT, { inputs });
    expect(started.data!.upsertProducts.bulkOperation.total).toBe(16);

    const done = await untilDone(h, started.data!.upsertProducts.bulkOperation.id);
    expect(done).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', total: 16, processed: 16, succeeded: 15, failed: 1 });
    const items = done.items.edges.map((e) => e.node);
    expect(items.map((i) => i.index)).toEqual([...Array(16).keys()]);
    expect(items[0]!.outcome!.record!.label).toBe(`Renamed ${existing[0]!.id}`);
    expect(items[5]!.outcome!.record!.externalReference).toBe('SYNC-0');
    expect(items[15]).toMatchObject({
      state: 'FAILED',
      outcome: { __typename: 'ValidationError', fieldErrors: [{ path: ['inputs', '15', 'vatRate'], code: 'INVALID_VAT_RATE' }] },
    });

    expect(h.sim.control.count({ route: 'GET /products' })).toBe(1);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(10);
    expect(h.sim.control.count({ route: 'PUT /products/{id}' })).toBe(5);
  });

  it('returns the same operation for a repeated idempotency key', async () => {
    const inputs = [item(1), item(2)];
    const first = await h.gql<{ upsertProducts: { replayed: boolean; bulkOperation: { id: string } } }>(UPSERT, { inputs, key: 'nightly-sync' });
    const again = await h.gql<{ upsertProducts: { replayed: boolean; bulkOperation: { id: string } } }>(UPSERT, { inputs, key: 'nightly-sync' });
    expect(again.data!.upsertProducts).toMatchObject({ replayed: true, bulkOperation: { id: first.data!.upsertProducts.bulkOperation.id } });
    await untilDone(h, first.data!.upsertProducts.bulkOperation.id);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(2);
  });

  it('streams progress over server-sent events until the operation finishes', async () => {
    const inputs = Array.from({ length: 8 }, (_, n) => item(n));
    const started = await h.gql<{ upsertProducts: { bulkOperation: { id: string } } }>(UPSERT, { inputs });
    const id = started.data!.upsertProducts.bulkOperation.id;
    const response = await h.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: `subscription($id: ID!) { bulkOperation(id: $id) { status processed succeeded } }`, variables: { id } }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { data?: { bulkOperation: { status: string; processed: number } } })
      .filter((event) => event.data);
    const processed = events.map((e) => e.data!.bulkOperation.processed);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
    expect(events.at(-1)!.data!.bulkOperation).toMatchObject({ status: 'COMPLETED', processed: 8 });
  });

  it('never writes an item twice when resubmitted after a restart with the same key', async () => {
    const withRefs = Array.from({ length: 4 }, (_, n) => ({ ...item(n), externalReference: `RUN-${n}` }));
    const first = await h.gql<{ upsertProducts: { bulkOperation: { id: string } } }>(UPSERT, { inputs: withRefs, key: 'resume-me' });
    await untilDone(h, first.data!.upsertProducts.bulkOperation.id);
    const before = h.sim.control.snapshot('products').length;

    const restarted = gatewayOver(h.sim);
    try {
      const res = await restarted.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: UPSERT, variables: { inputs: withRefs, key: 'resume-me' } }),
      });
      const body = (await res.json()) as { data: { upsertProducts: { replayed: boolean; bulkOperation: { id: string } } } };
      // A fresh process does not know the key: it runs again, matching every item to what exists.
      expect(body.data.upsertProducts.replayed).toBe(false);
    } finally {
      await restarted.close();
    }
    expect(h.sim.control.snapshot('products').length).toBe(before);
  });
});

describe('upserts lose nothing', () => {
  const h = useHarness({ beforeEach: 'reset' });
  const run = async (inputs: Record<string, unknown>[], key?: string) => {
    const started = await h.gql<{ upsertProducts: { bulkOperation: { id: string } } }>(UPSERT, { inputs, key });
    return untilDone(h, started.data!.upsertProducts.bulkOperation.id);
  };
  const outcomes = (done: Status) => done.items.edges.map((e) => e.node.outcome);
  const productsWith = (ref: string) => (h.sim.control.snapshot('products') as { external_reference: string | null; label: string }[]).filter((p) => p.external_reference === ref);

  it('applies items naming the same new record in input order, with or without an idempotency key: the last one wins', async () => {
    for (const key of ['twice-new', undefined]) {
      h.sim.control.reset();
      const done = await run([{ ...item(1), label: 'First' }, { ...item(1), label: 'Second', priceBeforeTax: '12.50' }], key);
      expect(done).toMatchObject({ status: 'COMPLETED', succeeded: 2 });
      expect(outcomes(done)).toMatchObject([
        { __typename: 'BulkItemSuccess', change: 'CREATED', replayed: false },
        { __typename: 'BulkItemSuccess', change: 'UPDATED', replayed: false, record: { label: 'Second', priceBeforeTax: '12.50' } },
      ]);
      expect(productsWith('SYNC-1')).toMatchObject([{ label: 'Second' }]);
      expect(h.sim.control.count({ route: 'POST /products' })).toBe(1);
      expect(h.sim.control.count({ route: 'PUT /products/{id}' })).toBe(1);
    }
  });

  it('keeps input order for one record among many items written side by side', async () => {
    const existing = (h.sim.control.snapshot('products') as { external_reference: string }[])[0]!.external_reference;
    const inputs = Array.from({ length: 12 }, (_, n) => (n % 3 === 0 ? { externalReference: existing, label: `Step ${n}` } : item(n)));
    const done = await run(inputs);
    expect(done.status).toBe('COMPLETED');
    expect(productsWith(existing)).toMatchObject([{ label: 'Step 9' }]);
    expect(outcomes(done).filter((_, n) => n % 3 === 0).map((o) => o?.change)).toEqual(['UPDATED', 'UPDATED', 'UPDATED', 'UPDATED']);
  });

  it('writes nothing for items the records already hold: a sync that changes nothing costs only its lookups', async () => {
    const inputs = Array.from({ length: 6 }, (_, n) => item(n));
    await run(inputs);
    h.sim.control.clearLog();
    // The same values again; prices written differently but equal ("10.00" and "10").
    const again = await run(inputs.map((input, n) => (n === 0 ? { ...input, priceBeforeTax: '10' } : input)));
    expect(outcomes(again).map((o) => o?.change)).toEqual(Array(6).fill('UNCHANGED'));
    expect(h.sim.control.count({ method: 'POST' }) + h.sim.control.count({ method: 'PUT' })).toBe(0);
    expect(h.sim.control.count()).toBe(1);
  });

  it('reports created, updated and unchanged customers, and refuses a kind that contradicts an earlier item', async () => {
    const address = { address: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryAlpha2: 'FR' };
    const company = { customerType: 'COMPANY', externalReference: 'CRM-1', name: 'Zénith SARL', billingAddress: address };
    const query = `mutation($inputs: [UpsertCustomerInput!]!) { upsertCustomers(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`;
    const CUSTOMERS = `query($id: ID!) { bulkOperation(id: $id) { status items(first: 10) { edges { node { outcome {
      __typename ... on BulkItemSuccess { change } ... on ValidationError { fieldErrors { code } } } } } } } }`;
    const runCustomers = async (inputs: Record<string, unknown>[]) => {
      const started = await h.gql<{ upsertCustomers: { bulkOperation: { id: string } } }>(query, { inputs });
      for (;;) {
        const res = await h.gql<{ bulkOperation: { status: string; items: { edges: { node: { outcome: Record<string, unknown> } }[] } } }>(CUSTOMERS, {
          id: started.data!.upsertCustomers.bulkOperation.id,
        });
        if (res.data!.bulkOperation.status !== 'RUNNING') return res.data!.bulkOperation.items.edges.map((e) => e.node.outcome);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    expect(await runCustomers([company, { ...company, name: 'Zénith SAS' }, { customerType: 'INDIVIDUAL', externalReference: 'CRM-1', firstName: 'A', lastName: 'B' }])).toMatchObject([
      { change: 'CREATED' },
      { change: 'UPDATED' },
      { __typename: 'ValidationError', fieldErrors: [{ code: 'KIND_MISMATCH' }] },
    ]);
    h.sim.control.clearLog();
    expect(await runCustomers([{ ...company, name: 'Zénith SAS' }])).toMatchObject([{ change: 'UNCHANGED' }]);
    expect(h.sim.control.count({ method: 'PUT' })).toBe(0);
  });
});
