import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewayOver, startHarness, type Harness } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { multipart, pdfFile } from '../support/uploads.js';

type Json = Record<string, unknown>;

const STATUS = /* GraphQL */ `
  query Status($id: ID!) {
    bulkOperation(id: $id) {
      status total processed succeeded failed
      items(first: 1000) { edges { node { index state outcome {
        __typename
        ... on BulkItemSuccess { replayed record { __typename id } }
        ... on ValidationError { fieldErrors { path code } }
        ... on MutationError { message }
      } } } }
    }
  }
`;

interface Item {
  index: number;
  state: string;
  outcome: { __typename: string; replayed?: boolean; record?: { __typename: string }; fieldErrors?: { path: string[]; code: string }[] };
}

async function untilDone(h: Harness, id: string): Promise<{ status: string; succeeded: number; failed: number; items: Item[] }> {
  for (;;) {
    const res = await h.gql<{ bulkOperation: { status: string; succeeded: number; failed: number; items: { edges: { node: Item }[] } } }>(STATUS, { id });
    const op = res.data!.bulkOperation;
    if (op.status !== 'RUNNING') return { ...op, items: op.items.edges.map((e) => e.node) };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const started = (result: Json | undefined) => (result as { bulkOperation: { id: string } }).bulkOperation.id;

describe('bulk operations of every kind', () => {
  const h = useHarness({ simulator: { pdfDelayMs: 0 }, beforeEach: 'reset' });
  let customerId: string;
  beforeEach(() => {
    customerId = String((h.sim.control.snapshot('customers') as Json[])[0]!.id);
  });

  const invoice = (n: number) => ({
    customerId,
    date: '2026-11-10',
    deadline: '2026-12-10',
    draft: false,
    label: `Commande web ${n}`,
    invoiceLines: [{ label: `Article ${n}`, quantity: '2', rawCurrencyUnitPrice: '19.90', vatRate: 'FR_200', unit: 'piece' }],
  });
  const CREATE = `mutation($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {
    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) { ... on BulkOperationPayload { replayed bulkOperation { id } } }
  }`;
  const invoicesLabelled = (prefix: string) =>
    (h.sim.control.snapshot('customer_invoices') as { label: string | null }[]).filter((i) => i.label?.startsWith(prefix)).length;

  it('creates customer invoices in bulk; one bad item fails alone', async () => {
    const inputs = [invoice(1), { ...invoice(2), deadline: '2026-01-01' }, invoice(3)];
    const res = await h.gql<{ createCustomerInvoices: Json }>(CREATE, { inputs });
    const done = await untilDone(h, started(res.data!.createCustomerInvoices));
    expect(done).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', succeeded: 2, failed: 1 });
    expect(done.items[1]!.outcome.fieldErrors).toEqual([{ path: ['inputs', '1', 'deadline'], code: 'INVALID_DATE_ORDER' }]);
    expect(done.items[0]!.outcome.record!.__typename).toBe('CustomerInvoice');
    expect(invoicesLabelled('Commande web')).toBe(2);
  });

  it('resubmitted after a restart with the same key, writes only what is missing', async () => {
    const inputs = [invoice(1), invoice(2), invoice(3), invoice(4)];
    // The first run loses one answer (written, then the connection drops: found by lookup),
    // then its process goes away; a new process sees the same key again.
    h.sim.control.injectFault({ match: { route: 'POST /customer_invoices' }, reset: 'after', skip: 1, times: 1 });
    const first = await h.gql<{ createCustomerInvoices: Json }>(CREATE, { inputs, key: 'shop-batch-17' });
    await untilDone(h, started(first.data!.createCustomerInvoices));
    expect(invoicesLabelled('Commande web')).toBe(4);

    const restarted = gatewayOver(h.sim);
    try {
      const response = await restarted.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: CREATE, variables: { inputs, key: 'shop-batch-17' } }),
      });
      const body = (await response.json()) as { data: { createCustomerInvoices: Json } };
      const id = started(body.data.createCustomerInvoices);
      for (;;) {
        const status = await restarted.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: STATUS, variables: { id } }),
        });
        const op = ((await status.json()) as { data: { bulkOperation: { status: string; items: { edges: { node: Item }[] } } } }).data.bulkOperation;
        if (op.status === 'RUNNING') {
          // In-process fetches resolve in microtasks: give the event loop a turn for the writes.
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        expect(op.status).toBe('COMPLETED');
        expect(op.items.edges.every((e) => e.node.outcome.replayed === true)).toBe(true);
        break;
      }
    } finally {
      await restarted.close();
    }
    expect(invoicesLabelled('Commande web')).toBe(4);
  });

  it('pushes ledger entries in bulk; an unbalanced one fails at the gateway, the others are written', async () => {
    const journal = (h.sim.control.snapshot('journals') as Json[]).find((j) => j.code === 'OD')!;
    const accounts = h.sim.control.snapshot('ledger_accounts') as { id: number; number: string }[];
    const account = (prefix: string) => String(accounts.find((a) => a.number.startsWith(prefix))!.id);
    const entry = (n: number, credit = '100.00') => ({
      date: '2026-11-10',
      label: `Provision ${n}`,
      journalId: String(journal.id),
      lines: [
        { ledgerAccountId: account('6'), debit: '100.00' },
        { ledgerAccountId: account('401'), credit },
      ],
    });
    const res = await h.gql<{ createLedgerEntries: Json }>(
      `mutation($inputs: [CreateLedgerEntryInput!]!) { createLedgerEntries(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      { inputs: [entry(1), entry(2, '90.00'), entry(3)] },
    );
    const done = await untilDone(h, started(res.data!.createLedgerEntries));
    expect(done).toMatchObject({ succeeded: 2, failed: 1 });
    expect(done.items[1]!.outcome.fieldErrors?.[0]?.code).toBe('UNBALANCED');
    expect(h.sim.control.count({ route: 'POST /ledger_entries' })).toBe(2);
  });

  it('imports supplier invoices in bulk, each with its own uploaded file', async () => {
    const supplierId = String((h.sim.control.snapshot('suppliers') as Json[])[0]!.id);
    const item = (n: number) => ({
      file: null,
      supplierId,
      date: '2026-11-05',
      deadline: '2026-12-05',
      invoiceNumber: `FA-BULK-${n}`,
      currencyAmountBeforeTax: '100.00',
      currencyTax: '20.00',
      currencyAmount: '120.00',
      invoiceLines: [{ label: 'Fournitures', vatRate: 'FR_200', currencyAmount: '120.00', currencyTax: '20.00' }],
    });
    const res = await multipart<{ importSupplierInvoices: Json }>(
      h,
      `mutation($inputs: [ImportSupplierInvoiceInput!]!) { importSupplierInvoices(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      { inputs: [item(1), item(2)] },
      { 'variables.inputs.0.file': pdfFile('fa-1'), 'variables.inputs.1.file': pdfFile('fa-2') },
    );
    const done = await untilDone(h, started(res.data!.importSupplierInvoices));
    expect(done).toMatchObject({ status: 'COMPLETED', succeeded: 2 });
    expect(h.sim.control.count({ route: 'POST /file_attachments' })).toBe(2);
    expect(h.sim.control.count({ route: 'POST /supplier_invoices/import' })).toBe(2);
  });

  it('upserts customers: updates by external reference, creates the new, refuses a kind mismatch', async () => {
    const existing = (h.sim.control.snapshot('customers') as { external_reference: string; customer_type: string }[]).find(
      (c) => c.customer_type === 'company',
    )!;
    const address = { address: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryAlpha2: 'FR' };
    const res = await h.gql<{ upsertCustomers: Json }>(
      `mutation($inputs: [UpsertCustomerInput!]!) { upsertCustomers(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      {
        inputs: [
          { customerType: 'COMPANY', externalReference: existing.external_reference, notes: 'Synced from the CRM' },
          { customerType: 'COMPANY', externalReference: 'CRM-NEW-1', name: 'Nouvelle SARL', billingAddress: address },
          { customerType: 'INDIVIDUAL', externalReference: existing.external_reference, firstName: 'Ana', lastName: 'Lopes' },
        ],
      },
    );
    const done = await untilDone(h, started(res.data!.upsertCustomers));
    expect(done).toMatchObject({ succeeded: 2, failed: 1 });
    expect(done.items[2]!.outcome.fieldErrors?.[0]).toEqual({ path: ['inputs', '2', 'customerType'], code: 'KIND_MISMATCH' });
    expect(h.sim.control.count({ route: 'GET /customers' })).toBe(1);
    expect(h.sim.control.count({ route: 'PUT /company_customers/{id}' })).toBe(1);
    expect(h.sim.control.count({ route: 'POST /company_customers' })).toBe(1);
  });
});

describe('bulk work yields to interactive reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { rateLimit: { limit: 5, windowMs: 1_000 } },
      env: { PENNYLANE_RATE_LIMITS: 'token=5/1s', PENNYLANE_CACHE_MAX_BYTES: '0' },
    });
  });
  afterAll(() => h.close());

  it('answers a query started during a saturating bulk operation while the operation is still running', async () => {
    const inputs = Array.from({ length: 30 }, (_, n) => ({ externalReference: `PRIO-${n}`, label: `Prio ${n}`, priceBeforeTax: '1.00', vatRate: 'FR_200' }));
    const res = await h.gql<{ upsertProducts: Json }>(
      `mutation($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      { inputs },
    );
    const id = started(res.data!.upsertProducts);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the bulk work fill the queue
    const customer = (h.sim.control.snapshot('customers') as Json[])[0]!;
    const query = await h.gql<{ customer: { pennylaneId: string } }>(`{ customer(id: "${customer.id}") { pennylaneId } }`);
    expect(query.data!.customer.pennylaneId).toBe(String(customer.id));
    const progress = await h.gql<{ bulkOperation: { status: string; processed: number } }>(`{ bulkOperation(id: "${id}") { status processed } }`);
    // The read overtook the queued bulk writes instead of waiting behind all of them.
    expect(progress.data!.bulkOperation.status).toBe('RUNNING');
    expect(progress.data!.bulkOperation.processed).toBeLessThan(30);
    expect(h.sim.control.rateStats(h.sim.demoToken).throttled).toBe(0);
  });
});
