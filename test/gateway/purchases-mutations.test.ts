import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type FieldErrors, type MutationResult } from '../support/mutations.js';

/** Suppliers written through the gateway: create, update, categories. */

const ERRORS = `
  ... on MutationError { message refusedBy }
  ... on ValidationError { fieldErrors { path code message } }
`;
const SUPPLIER_FIELDS = `pennylaneId name establishmentNo iban emails supplierPaymentMethod supplierDueDateDelay supplierDueDateRule externalReference
  postalAddress { city countryAlpha2 } ledgerAccount { number }`;
const CREATE = `mutation($input: CreateSupplierInput!, $key: String) { createSupplier(input: $input, idempotencyKey: $key) {
  __typename ... on SupplierPayload { replayed supplier { ${SUPPLIER_FIELDS} } } ${ERRORS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateSupplierInput!) { updateSupplier(id: $id, input: $input) {
  __typename ... on SupplierPayload { supplier { ${SUPPLIER_FIELDS} } } ${ERRORS} } }`;
const CATEGORIES = `mutation($id: ID!, $categories: [CategoryWeightInput!]!) { setSupplierCategories(id: $id, categories: $categories) {
  __typename ... on SupplierPayload { supplier { pennylaneId categories { weight category { label } } } } ${ERRORS} } }`;

const supplier = {
  name: 'Imprimerie Duval',
  establishmentNo: '73282932000074',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  emails: ['compta@duval.fr'],
  postalAddress: { address: '12 rue des Presses', postalCode: '69002', city: 'Lyon', countryAlpha2: 'FR' },
  supplierPaymentMethod: 'MANUAL_TRANSFER',
  supplierDueDateDelay: 30,
  supplierDueDateRule: 'DAYS_OR_END_OF_MONTH',
};

describe('supplier mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });

  const create = async (input: Record<string, unknown>, key?: string) => (await h.gql<{ createSupplier: MutationResult }>(CREATE, { input, key })).data!.createSupplier;

  it('creates a supplier with its 401 account in one call; the lists it joins are read again', async () => {
    await h.gql('{ suppliers(first: 1) { edges { node { name } } } }');
    h.sim.control.clearLog();
    const result = await create(supplier);
    expect(result).toMatchObject({
      __typename: 'SupplierPayload',
      replayed: false,
      supplier: {
        name: 'Imprimerie Duval',
        iban: 'FR7630006000011234567890189',
        supplierPaymentMethod: 'MANUAL_TRANSFER',
        supplierDueDateRule: 'DAYS_OR_END_OF_MONTH',
        postalAddress: { city: 'Lyon', countryAlpha2: 'FR' },
        ledgerAccount: { number: expect.stringMatching(/^401/) },
      },
    });
    expect(h.sim.control.count({ route: 'POST /suppliers' })).toBe(1);
    const [post] = h.sim.control.requests({ route: 'POST /suppliers' });
    expect(post!.externalReference).toMatch(/^pgql-/);
    const id = (result.supplier as { pennylaneId: string }).pennylaneId;
    h.sim.control.clearLog();
    const read = await h.gql<{ supplier: { name: string }; suppliers: { edges: { node: { pennylaneId: string } }[] } }>(
      `{ supplier(id: "${id}") { name } suppliers(first: 1) { edges { node { pennylaneId } } } }`,
    );
    expect(read.data!.supplier.name).toBe('Imprimerie Duval');
    expect(read.data!.suppliers.edges[0]!.node.pennylaneId).toBe(id);
    expect(h.sim.control.count()).toBe(1);
    expect(h.sim.control.count({ route: 'GET /suppliers' })).toBe(1);
  });

  it('refuses every bad field at once, with its path, before any call', async () => {
    const result = await create({
      name: ' ',
      establishmentNo: '7328293200007',
      iban: 'FR76 3000 6000 0112 3456 7890 188',
      emails: ['ok@duval.fr', 'not-an-email'],
      postalAddress: { address: '1 rue', postalCode: '', city: 'Lyon', countryAlpha2: 'fr' },
      supplierPaymentMethod: 'OTHER',
      supplierDueDateDelay: -5,
      ledgerAccountId: 'abc',
    });
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY' });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.establishmentNo', 'INVALID_SIRET'],
      ['input.iban', 'INVALID_IBAN'],
      ['input.emails.1', 'INVALID_EMAIL'],
      ['input.postalAddress.postalCode', 'REQUIRED'],
      ['input.postalAddress.countryAlpha2', 'INVALID_COUNTRY'],
      ['input.supplierPaymentMethod', 'INVALID'],
      ['input.supplierDueDateDelay', 'NEGATIVE'],
      ['input.ledgerAccountId', 'INVALID_ID'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it("returns Pennylane's 409 on a duplicate external reference and 422 on a non-supplier account, typed", async () => {
    const existing = (h.sim.control.snapshot('suppliers') as { external_reference: string }[])[0]!;
    const dup = await create({ name: 'Doublon', externalReference: existing.external_reference });
    expect(dup).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
    const bank = (h.sim.control.snapshot('ledger_accounts') as { id: number; number: string }[]).find((a) => a.number === '512000')!;
    const wrong = await create({ name: 'Mauvais compte', ledgerAccountId: String(bank.id) });
    expect(wrong).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    expect(wrong.message).toMatch(/not a supplier account/);
  });

  it('replays a create with the same idempotency key', async () => {
    const first = await create(supplier, 'supplier-1');
    const again = await create(supplier, 'supplier-1');
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.sim.control.count({ route: 'POST /suppliers' })).toBe(1);
  });

  it('updates only the fields given; a read after sees them', async () => {
    const existing = (h.sim.control.snapshot('suppliers') as { id: number; name: string; emails: string[] }[])[0]!;
    await h.gql(`{ supplier(id: "${existing.id}") { name } }`);
    const res = await h.gql<{ updateSupplier: MutationResult }>(UPDATE, {
      id: String(existing.id),
      input: { supplierDueDateDelay: 45, supplierPaymentMethod: null, iban: 'DE89 3704 0044 0532 0130 00' },
    });
    expect(res.data!.updateSupplier).toMatchObject({
      supplier: { name: existing.name, emails: existing.emails, supplierDueDateDelay: 45, supplierPaymentMethod: null, iban: 'DE89370400440532013000' },
    });
    h.sim.control.clearLog();
    const after = await h.gql<{ supplier: { supplierDueDateDelay: number } }>(`{ supplier(id: "${existing.id}") { supplierDueDateDelay } }`);
    expect(after.data!.supplier.supplierDueDateDelay).toBe(45);
    expect(h.sim.control.count()).toBe(0);
    const bad = await h.gql<{ updateSupplier: MutationResult }>(UPDATE, { id: String(existing.id), input: { name: null, iban: 'FR00' } });
    expect(fieldErrorCodes(bad.data!.updateSupplier)).toEqual([['input.name', 'REQUIRED'], ['input.iban', 'INVALID_IBAN']]);
  });

  it('sets categories: weights per group must sum to 1 (0 calls when the categories are known), then reads them back', async () => {
    const existing = (h.sim.control.snapshot('suppliers') as { id: number }[])[0]!;
    const categories = h.sim.control.snapshot('categories') as { id: number; label: string; category_group: { id: number } }[];
    const groups = [...new Set(categories.map((c) => c.category_group.id))];
    const [a, b] = categories.filter((c) => c.category_group.id === groups[0]);
    const [c] = categories.filter((x) => x.category_group.id === groups[1]);
    await h.gql('{ categories(first: 100) { edges { node { pennylaneId } } } }');
    h.sim.control.clearLog();
    const bad = await h.gql<{ setSupplierCategories: MutationResult }>(CATEGORIES, {
      id: String(existing.id),
      categories: [{ categoryId: String(a!.id), weight: '0.6' }, { categoryId: String(b!.id), weight: '0.6' }, { categoryId: String(c!.id), weight: '1' }],
    });
    expect(fieldErrorCodes(bad.data!.setSupplierCategories)).toEqual([['categories', 'WEIGHTS_NOT_ONE']]);
    expect((bad.data!.setSupplierCategories.fieldErrors as FieldErrors)[0]!.message).toMatch(/sum to 1\.20/);
    expect(h.sim.control.count()).toBe(0);

    const ok = await h.gql<{ setSupplierCategories: MutationResult }>(CATEGORIES, {
      id: String(existing.id),
      categories: [{ categoryId: String(a!.id), weight: '0.4' }, { categoryId: String(b!.id), weight: '0.6' }, { categoryId: String(c!.id), weight: '1' }],
    });
    const written = ok.data!.setSupplierCategories.supplier as { categories: { weight: string; category: { label: string } }[] };
    expect(written.categories.map((x) => [x.category.label, x.weight]).sort()).toEqual(
      [
        [a!.label, '0.4'],
        [b!.label, '0.6'],
        [c!.label, '1'],
      ].sort(),
    );
    expect(h.sim.control.count({ route: 'PUT /suppliers/{id}/categories' })).toBe(1);
  });
});
