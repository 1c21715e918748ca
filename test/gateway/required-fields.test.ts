import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';

interface FieldErrors {
  __typename: string;
  refusedBy?: string;
  message?: string;
  fieldErrors?: { path: string[]; code: string; message: string }[];
}
interface BulkResult {
  bulkOperation: {
    id: string;
    status: string;
    items: { edges: { node: { index: number; state: string; outcome: FieldErrors | null } }[] };
  };
}

const OUTCOMES = `items(first: 100) { edges { node { index state outcome { __typename ... on MutationError { refusedBy message } ... on ValidationError { fieldErrors { path code message } } } } } }`;

/**
 * What Pennylane requires to create a record is checked before the call in single creates,
 * bulk creates and upserts, and every path is the GraphQL input path (camelCase), also when
 * the refusal comes from Pennylane.
 */
describe('required fields and input paths', () => {
  const h = useHarness({ beforeEach: 'reset' });

  const settled = async (query: string, variables: Record<string, unknown>, field: string): Promise<BulkResult['bulkOperation']> => {
    const started = await h.gql<Record<string, { bulkOperation: { id: string } }>>(query, variables);
    expect(started.errors).toBeUndefined();
    const id = started.data![field]!.bulkOperation.id;
    for (let i = 0; i < 200; i++) {
      const { data } = await h.gql<{ bulkOperation: BulkResult['bulkOperation'] }>(`query($id: ID!) { bulkOperation(id: $id) { id status ${OUTCOMES} } }`, { id });
      if (data!.bulkOperation.status !== 'RUNNING') return data!.bulkOperation;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('bulk operation did not finish');
  };

  it('upsertCustomers: a new customer without a billing address is refused at inputs.N.billingAddress, with no create call', async () => {
    const address = { address: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryAlpha2: 'FR' };
    const inputs = [
      { customerType: 'COMPANY', externalReference: 'crm-ok-1', name: 'Atelier Lumière', billingAddress: address },
      { customerType: 'COMPANY', externalReference: 'crm-no-address', name: 'Sans Adresse SARL' },
      { customerType: 'INDIVIDUAL', externalReference: 'crm-no-name', lastName: 'Martin', billingAddress: address },
    ];
    const op = await settled(
      `mutation($inputs: [UpsertCustomerInput!]!) { upsertCustomers(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      { inputs },
      'upsertCustomers',
    );
    const byIndex = op.items.edges.map((edge) => edge.node);
    expect(byIndex[0]!.state).toBe('SUCCEEDED');
    expect(byIndex[1]).toMatchObject({ state: 'FAILED', outcome: { __typename: 'ValidationError', refusedBy: 'GATEWAY', fieldErrors: [{ path: ['inputs', '1', 'billingAddress'], code: 'REQUIRED' }] } });
    expect(byIndex[2]).toMatchObject({ state: 'FAILED', outcome: { fieldErrors: [{ path: ['inputs', '2', 'firstName'], code: 'REQUIRED' }] } });
    expect(h.sim.control.count({ route: 'POST /company_customers' })).toBe(1);
    expect(h.sim.control.count({ route: 'POST /individual_customers' })).toBe(0);
  });

  it('upsertProducts: a new product without a price or a VAT rate is refused at its input path; an existing one may omit them', async () => {
    const existing = (h.sim.control.snapshot('products') as { external_reference: string }[])[0]!.external_reference;
    const op = await settled(
      `mutation($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      {
        inputs: [
          { externalReference: existing, label: 'Renamed only' },
          { externalReference: 'shop-new-1', label: 'No price' },
          { externalReference: 'shop-new-2', priceBeforeTax: '10.00' },
        ],
      },
      'upsertProducts',
    );
    const items = op.items.edges.map((edge) => edge.node);
    expect(items[0]!.state).toBe('SUCCEEDED');
    expect(items[1]!.outcome!.fieldErrors!.map((e) => e.path.join('.')).sort()).toEqual(['inputs.1.priceBeforeTax', 'inputs.1.vatRate']);
    expect(items[2]!.outcome!.fieldErrors!.map((e) => e.path.join('.')).sort()).toEqual(['inputs.2.label', 'inputs.2.vatRate']);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(0);
  });

  it('maps the snake_case field of a Pennylane refusal back to the camelCase input path, in single and bulk writes', async () => {
    const single = await h.gql<{ createProduct: FieldErrors }>(
      `mutation { createProduct(input: { label: "Odd rate", priceBeforeTax: "10.00", vatRate: "DE_999" }) { __typename ... on MutationError { refusedBy } ... on ValidationError { fieldErrors { path code message } } } }`,
    );
    expect(single.data!.createProduct).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE', fieldErrors: [{ path: ['input', 'vatRate'] }] });
    const op = await settled(
      `mutation($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }`,
      {
        inputs: [
          { externalReference: 'shop-fine', label: 'Fine', priceBeforeTax: '1.00', vatRate: 'FR_200' },
          { externalReference: 'shop-odd', label: 'Odd', priceBeforeTax: '1.00', vatRate: 'DE_999' },
        ],
      },
      'upsertProducts',
    );
    expect(op.items.edges[0]!.node.state).toBe('SUCCEEDED');
    expect(op.items.edges[1]!.node.outcome).toMatchObject({ refusedBy: 'PENNYLANE', fieldErrors: [{ path: ['inputs', '1', 'vatRate'] }] });
  });

  it('says each mistake once: no doubled path, no ".;"', async () => {
    const answer = await h.gql<{ createLedgerEntry: FieldErrors }>(
      `mutation { createLedgerEntry(input: { journalId: "nope", date: "2026-11-01", label: "x", lines: [{ ledgerAccountId: "nope2", debit: "1.00", credit: "0.00" }, { ledgerAccountId: "nope3", debit: "0.00", credit: "1.00" }] }) { __typename ... on MutationError { message } ... on ValidationError { fieldErrors { path message } } } }`,
    );
    const result = answer.data!.createLedgerEntry;
    expect(result.__typename).toBe('ValidationError');
    expect(result.message).not.toMatch(/\.;/);
    expect(result.message).not.toMatch(/input\.journalId: input\.journalId:/);
    expect(result.message).toMatch(/^Invalid input: input\.journalId: "nope" is neither/);
    expect(result.fieldErrors![0]!.message).toMatch(/^"nope" is neither a Pennylane id nor a global id of Journal\.$/);
  });
});
