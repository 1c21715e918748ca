/**
 * Recipe (c): keep products and customers in sync both ways with another tool (a shop, a CRM).
 * Push: `upsertProducts` / `upsertCustomers` match your records by external reference, so
 * running the sync twice writes nothing new. Pull: the changelog feeds (`productChanges`,
 * `customerChanges`) say what changed in Pennylane since your last position, with each record
 * as it is now. Run: `npm start`, then `npx tsx examples/sync-catalog.ts [endpoint]`.
 */
import { graphql } from './gql/index.js';
import type { UpsertCustomerInput, UpsertProductInput } from './gql/graphql.js';
import { isMain, request, settle, type Gateway } from './client.js';

const PushProducts = graphql(`
  mutation RecipePushProducts($inputs: [UpsertProductInput!]!) {
    upsertProducts(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }
  }
`);

const PushCustomers = graphql(`
  mutation RecipePushCustomers($inputs: [UpsertCustomerInput!]!) {
    upsertCustomers(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }
  }
`);

const Outcome = graphql(`
  query RecipeSyncOutcome($id: ID!) {
    bulkOperation(id: $id) { status succeeded failed items(first: 100) { edges { node { index state outcome { __typename ... on MutationError { message } } } } } }
  }
`);

const Pull = graphql(`
  query RecipePullChanges($since: DateTime) {
    productChanges(first: 1000, since: $since) { edges { node { operation processedAt product { externalReference label priceBeforeTax } } } }
    customerChanges(first: 1000, since: $since) { edges { node { operation processedAt customer { externalReference name } } } }
  }
`);

const Count = graphql(`
  query RecipeCountSynced($refs: [String!]!) {
    products(first: 100, filter: { externalReference: { in: $refs } }) { edges { node { pennylaneId } } }
  }
`);

export interface SyncRound {
  readonly pushedProducts: number;
  readonly pushedCustomers: number;
  /** Products in Pennylane with our references: the same after any number of rounds. */
  readonly productsInPennylane: number;
  /** Changes Pennylane reported since `since`, for the local side to apply. */
  readonly pulled: { readonly products: number; readonly customers: number };
  /** Where the next round's pull starts. */
  readonly nextSince: string | null;
}

export async function run(gateway: Gateway, prefix = 'shop', since: string | null = null): Promise<SyncRound> {
  // The shop's catalogue and accounts: what it holds is the truth for these records.
  const products: UpsertProductInput[] = [
    { externalReference: `${prefix}-sku-1`, label: 'Espresso beans 1 kg', priceBeforeTax: '18.50', vatRate: 'FR_55', unit: 'piece' },
    { externalReference: `${prefix}-sku-2`, label: 'Milk frother', priceBeforeTax: '39.90', vatRate: 'FR_200', unit: 'piece' },
  ];
  const address = { address: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', countryAlpha2: 'FR' };
  const customers: UpsertCustomerInput[] = [
    { customerType: 'INDIVIDUAL', externalReference: `${prefix}-cust-1`, firstName: 'Chloé', lastName: 'Bernard', billingAddress: address, emails: ['chloe@example.com'] },
  ];
  const push = async (id: string) => {
    const done = await settle(async () => (await request(gateway, Outcome, { id })).bulkOperation);
    if (done.failed > 0) throw new Error(JSON.stringify(done.items));
    return done.succeeded;
  };
  const p = await request(gateway, PushProducts, { inputs: products });
  if (p.upsertProducts.__typename !== 'BulkOperationPayload') throw new Error(JSON.stringify(p.upsertProducts));
  const c = await request(gateway, PushCustomers, { inputs: customers });
  if (c.upsertCustomers.__typename !== 'BulkOperationPayload') throw new Error(JSON.stringify(c.upsertCustomers));
  const pushedProducts = await push(p.upsertProducts.bulkOperation.id);
  const pushedCustomers = await push(c.upsertCustomers.bulkOperation.id);

  const counted = await request(gateway, Count, { refs: products.map((product) => product.externalReference) });
  const pulled = await request(gateway, Pull, { since });
  const times = [...pulled.productChanges.edges, ...pulled.customerChanges.edges].map((edge) => edge.node.processedAt).sort();
  return {
    pushedProducts,
    pushedCustomers,
    productsInPennylane: counted.products.edges.length,
    pulled: { products: pulled.productChanges.edges.length, customers: pulled.customerChanges.edges.length },
    nextSince: times.at(-1) ?? since,
  };
}

if (isMain(import.meta.url)) {
  const endpoint = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const first = await run({ endpoint });
  const second = await run({ endpoint }, 'shop', first.nextSince);
  console.log('first round', first);
  console.log('second round (idempotent: the same products, nothing duplicated)', second);
}
