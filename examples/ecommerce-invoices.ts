/**
 * Recipe (b): an e-commerce back end invoices customers as they pay. Orders are created in
 * bulk as draft invoices (one bulk operation, in the background, safe to resubmit with the
 * same key), followed until done, then each is finalized (numbered, booked) and marked paid.
 * Run: `npm start`, then `npx tsx examples/ecommerce-invoices.ts [endpoint]`.
 */
import { graphql } from './gql/index.js';
import type { CreateCustomerInvoiceInput } from './gql/graphql.js';
import { isMain, request, settle, type Gateway } from './client.js';

const Customers = graphql(`
  query RecipeShopCustomers($first: Int!) {
    customers(first: $first, filter: { customerType: { eq: INDIVIDUAL } }) { edges { node { pennylaneId name } } }
  }
`);

const CreateInvoices = graphql(`
  mutation RecipeCreateInvoices($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {
    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) {
      __typename
      ... on BulkOperationPayload { replayed bulkOperation { id } }
      ... on MutationError { message }
    }
  }
`);

const Progress = graphql(`
  query RecipeInvoiceProgress($id: ID!) {
    bulkOperation(id: $id) {
      status
      processed
      total
      items(first: 100) {
        edges { node { index state outcome { __typename ... on BulkItemSuccess { record { ... on CustomerInvoice { pennylaneId } } } ... on MutationError { message } } } }
      }
    }
  }
`);

const Finalize = graphql(`
  mutation RecipeFinalize($id: ID!) {
    finalizeCustomerInvoice(id: $id) {
      __typename
      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status } }
      ... on MutationError { message }
    }
  }
`);

const MarkPaid = graphql(`
  mutation RecipeMarkPaid($id: ID!) {
    markCustomerInvoiceAsPaid(id: $id) {
      __typename
      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status paid } }
      ... on MutationError { message }
    }
  }
`);

export interface PaidOrder {
  readonly order: string;
  readonly invoiceNumber: string;
  readonly status: string;
}

export async function run(gateway: Gateway, batch = `shop-${Date.now()}`, orders = 3): Promise<PaidOrder[]> {
  const customers = (await request(gateway, Customers, { first: orders })).customers.edges.map((edge) => edge.node);
  const inputs: CreateCustomerInvoiceInput[] = customers.map((customer, i) => ({
    customerId: customer.pennylaneId,
    externalReference: `${batch}-order-${i + 1}`,
    draft: true,
    date: '2026-11-20',
    deadline: '2026-11-20',
    label: `Order ${i + 1}`,
    invoiceLines: [{ label: 'Espresso beans 1 kg', quantity: String(i + 1), rawCurrencyUnitPrice: '18.50', unit: 'piece', vatRate: 'FR_55' }],
  }));
  const started = await request(gateway, CreateInvoices, { inputs, key: batch });
  if (started.createCustomerInvoices.__typename !== 'BulkOperationPayload') throw new Error(JSON.stringify(started.createCustomerInvoices));
  const id = started.createCustomerInvoices.bulkOperation.id;

  const done = await settle(async () => (await request(gateway, Progress, { id })).bulkOperation);
  const paid: PaidOrder[] = [];
  for (const { node } of done.items.edges) {
    const outcome = node.outcome;
    if (outcome?.__typename !== 'BulkItemSuccess' || !('pennylaneId' in outcome.record)) throw new Error(`order ${node.index}: ${JSON.stringify(outcome)}`);
    const invoiceId = outcome.record.pennylaneId;
    const finalized = await request(gateway, Finalize, { id: invoiceId });
    if (finalized.finalizeCustomerInvoice.__typename !== 'CustomerInvoicePayload') throw new Error(JSON.stringify(finalized.finalizeCustomerInvoice));
    const marked = await request(gateway, MarkPaid, { id: invoiceId });
    if (marked.markCustomerInvoiceAsPaid.__typename !== 'CustomerInvoicePayload') throw new Error(JSON.stringify(marked.markCustomerInvoiceAsPaid));
    const invoice = marked.markCustomerInvoiceAsPaid.customerInvoice;
    paid.push({ order: inputs[node.index]!.externalReference!, invoiceNumber: invoice.invoiceNumber ?? '', status: invoice.status });
  }
  return paid;
}

if (isMain(import.meta.url)) {
  for (const order of await run({ endpoint: process.argv[2] ?? 'http://127.0.0.1:4000/graphql' })) {
    console.log(`${order.order}: ${order.invoiceNumber} ${order.status}`);
  }
}
