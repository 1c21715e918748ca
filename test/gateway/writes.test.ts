import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type MutationResult } from '../support/mutations.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProductInput!, $key: String) {
    createProduct(input: $input, idempotencyKey: $key) {
      __typename
      ... on ProductPayload { replayed product { id pennylaneId label price externalReference } }
      ... on MutationError { message refusedBy }
      ... on ValidationError { fieldErrors { path code message } }
      ... on OutcomeUnknownError { idempotencyKey }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      __typename
      ... on ProductPayload { product { pennylaneId label priceBeforeTax } }
      ... on MutationError { message refusedBy }
      ... on ValidationError { fieldErrors { path code } }
    }
  }
`;

const product = { label: 'Audit annuel', priceBeforeTax: '1200.00', vatRate: 'FR_200' };

describe('writes: checked, safe to retry, never lost, read back fresh', () => {
  const h = useHarness({ beforeEach: 'reset' });

  const create = async (input: Record<string, unknown>, key?: string) =>
    (await h.gql<{ createProduct: MutationResult }>(CREATE, { input, key })).data!.createProduct;
  const productsNamed = (label: string) => (h.sim.control.snapshot('products') as { label: string }[]).filter((p) => p.label === label);

  it('refuses bad input with every field path at once, before any call', async () => {
    const result = await create({ label: ' ', priceBeforeTax: '-5.00', vatRate: '20%', currency: 'EURO' });
    expect(result.__typename).toBe('ValidationError');
    expect(result.refusedBy).toBe('GATEWAY');
    expect(fieldErrorCodes(result)).toEqual([
      ['input.label', 'REQUIRED'],
      ['input.vatRate', 'INVALID_VAT_RATE'],
      ['input.currency', 'INVALID_CURRENCY'],
      ['input.priceBeforeTax', 'NEGATIVE'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a malformed Decimal as a clear input error, before any call', async () => {
    const res = await h.gql(CREATE, { input: { ...product, priceBeforeTax: '1200,00' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/"1200,00" is not a Decimal/);
    expect(h.sim.control.count()).toBe(0);
  });

  it('creates once per idempotency key and replays the first result', async () => {
    const first = await create(product, 'order-4711');
    const again = await create(product, 'order-4711');
    expect(first.__typename).toBe('ProductPayload');
    expect(again).toEqual({ ...first, replayed: true });
    expect(first.replayed).toBe(false);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(1);
    expect(productsNamed(product.label)).toHaveLength(1);

    const different = await create({ ...product, priceBeforeTax: '1300.00' }, 'order-4711');
    expect(different).toMatchObject({ __typename: 'ConflictError', refusedBy: 'GATEWAY' });
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(1);
  });

  it('uses the external reference as the default idempotency key', async () => {
    await create({ ...product, externalReference: 'SKU-1' });
    const again = await create({ ...product, externalReference: 'SKU-1' });
    expect(again.replayed).toBe(true);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(1);
  });

  it("returns Pennylane's 409 on a duplicate external reference as a typed ConflictError", async () => {
    const existing = (h.sim.control.snapshot('products') as { external_reference: string }[])[0]!;
    const result = await create({ ...product, externalReference: existing.external_reference });
    expect(result).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
  });

  it('resolves a connection reset after Pennylane processed the POST by looking the record up: exactly one product', async () => {
    h.sim.control.injectFault({ match: { route: 'POST /products' }, reset: 'after' });
    const result = await create(product, 'reset-after');
    expect(result.__typename).toBe('ProductPayload');
    expect(productsNamed(product.label)).toHaveLength(1);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(1);
    const [lookup] = h.sim.control.requests({ route: 'GET /products' });
    expect(lookup!.filter).toEqual([{ field: 'external_reference', operator: 'eq', value: (result.product as { externalReference: string }).externalReference }]);
  });

  it('sends again when the reset came before Pennylane processed it, and still creates one', async () => {
    h.sim.control.injectFault({ match: { route: 'POST /products' }, reset: 'before' });
    const result = await create(product, 'reset-before');
    expect(result.__typename).toBe('ProductPayload');
    expect(productsNamed(product.label)).toHaveLength(1);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(2);
  });

  it('reports OutcomeUnknownError when the record cannot be checked, and the retry with the same key does not duplicate', async () => {
    h.sim.control.injectFault({ match: { route: 'POST /products' }, reset: 'after' });
    h.sim.control.injectFault({ match: { route: 'GET /products' }, status: 503, times: 10 });
    const result = await create(product, 'unknown-1');
    expect(result).toMatchObject({ __typename: 'OutcomeUnknownError', idempotencyKey: 'unknown-1' });
    h.sim.control.clearFaults();
    const retry = await create(product, 'unknown-1');
    expect(retry.__typename).toBe('ProductPayload');
    expect(productsNamed(product.label)).toHaveLength(1);
  });

  it('reads after write: the new record costs nothing, the lists it joins are read again', async () => {
    await h.gql('{ products(first: 5) { edges { node { pennylaneId } } } }');
    const created = await create(product);
    const id = (created.product as { pennylaneId: string }).pennylaneId;
    h.sim.control.clearLog();

    const byId = await h.gql<{ product: { label: string } }>(`{ product(id: "${id}") { label } }`);
    expect(byId.data!.product.label).toBe(product.label);
    expect(h.sim.control.count()).toBe(0);

    const list = await h.gql<{ products: { edges: { node: { pennylaneId: string } }[] } }>('{ products(first: 5) { edges { node { pennylaneId } } } }');
    expect(list.data!.products.edges[0]!.node.pennylaneId).toBe(id);
    expect(h.sim.control.count({ route: 'GET /products' })).toBe(1);
  });

  it('updates, and a read in the same or a later request sees the new value without stale cache', async () => {
    const existing = (h.sim.control.snapshot('products') as { id: number }[])[0]!;
    await h.gql(`{ product(id: "${existing.id}") { label } }`);
    const res = await h.gql<{ updateProduct: MutationResult; after: { label: string } }>(
      `mutation($id: ID!) { updateProduct(id: $id, input: { label: "Renamed" }) { __typename } }`,
      { id: String(existing.id) },
    );
    expect(res.data!.updateProduct.__typename).toBe('ProductPayload');
    h.sim.control.clearLog();
    const after = await h.gql<{ product: { label: string } }>(`{ product(id: "${existing.id}") { label } }`);
    expect(after.data!.product.label).toBe('Renamed');
    expect(h.sim.control.count()).toBe(0);
  });

  it('answers NotFoundError for an unknown record and ValidationError for an id of another type', async () => {
    const missing = await h.gql<{ updateProduct: MutationResult }>(UPDATE, { id: '999999', input: { label: 'x' } });
    expect(missing.data!.updateProduct).toMatchObject({ __typename: 'NotFoundError', refusedBy: 'PENNYLANE' });
    const wrong = await h.gql<{ updateProduct: MutationResult }>(UPDATE, { id: Buffer.from('Customer:1').toString('base64'), input: { label: 'x' } });
    expect(wrong.data!.updateProduct).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['id'], code: 'INVALID_ID' }] });
  });
});
