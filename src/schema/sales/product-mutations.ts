import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, definePayload } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import { ProductRef } from './refs.js';

/** Products: `POST /products`, `PUT /products/{id}` (API.md §4.1). */
export interface ProductInput {
  label?: string | null;
  description?: string | null;
  externalReference?: string | null;
  priceBeforeTax?: string | null;
  vatRate?: string | null;
  unit?: string | null;
  currency?: string | null;
  reference?: string | null;
  ledgerAccountId?: string | null;
}

const fieldsOf = (required: boolean) => ({
  label: { required, description: 'Name shown on invoices.' },
  priceBeforeTax: { required, description: 'Unit price excluding tax, a decimal string such as "120.00".' },
  vatRate: { required, description: 'VAT rate code, e.g. FR_200 for 20 %, FR_55, exempt.' },
});

export const CreateProductInput = builder.inputRef<ProductInput>('CreateProductInput').implement({
  description: 'A new product. Its price including tax is computed by Pennylane.',
  fields: (t) => ({
    label: t.string({ ...fieldsOf(true).label }),
    priceBeforeTax: t.field({ type: 'Decimal', ...fieldsOf(true).priceBeforeTax }),
    vatRate: t.string({ ...fieldsOf(true).vatRate }),
    description: t.string({ required: false, description: 'Longer description.' }),
    externalReference: t.string({ required: false, description: 'Your own unique reference; also the default idempotency key.' }),
    unit: t.string({ required: false, description: 'Unit, e.g. piece, hour, day.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency code; default EUR.' }),
    reference: t.string({ required: false, description: 'Internal reference (SKU).' }),
    ledgerAccountId: t.id({ required: false, description: 'Revenue ledger account (global or Pennylane id).' }),
  }),
});

export const UpdateProductInput = builder.inputRef<ProductInput>('UpdateProductInput').implement({
  description: 'Fields of a product to change; the others keep their value.',
  fields: (t) => ({
    label: t.string({ ...fieldsOf(false).label }),
    priceBeforeTax: t.field({ type: 'Decimal', ...fieldsOf(false).priceBeforeTax }),
    vatRate: t.string({ ...fieldsOf(false).vatRate }),
    description: t.string({ required: false, description: 'Longer description.' }),
    externalReference: t.string({ required: false, description: 'Your own unique reference.' }),
    unit: t.string({ required: false, description: 'Unit, e.g. piece, hour, day.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency code.' }),
    reference: t.string({ required: false, description: 'Internal reference (SKU).' }),
    ledgerAccountId: t.id({ required: false, description: 'Revenue ledger account (global or Pennylane id).' }),
  }),
});

const ProductPayload = definePayload<PennylaneProduct>('ProductPayload', 'product', ProductRef, 'A product as written.');

export function checkProduct(input: ProductInput, checks: InputChecks, creating: boolean): void {
  if (creating) {
    checks.required(['input', 'label'], input.label, 'The label');
  } else if (input.label !== undefined) {
    checks.required(['input', 'label'], input.label, 'The label');
  }
  checks.vatRate(['input', 'vatRate'], input.vatRate);
  checks.currency(['input', 'currency'], input.currency);
  if (input.priceBeforeTax?.startsWith('-')) checks.add(['input', 'priceBeforeTax'], 'A price cannot be negative.', 'NEGATIVE');
  if (input.ledgerAccountId) checks.entityId(['input', 'ledgerAccountId'], input.ledgerAccountId, ['LedgerAccount']);
}

/** What Pennylane requires to create a product (API.md §4.1), for an upsert that turns out to be a create. */
export function checkProductCreatable(input: ProductInput, checks: InputChecks): void {
  checks.required(['input', 'label'], input.label, 'The label');
  checks.required(['input', 'priceBeforeTax'], input.priceBeforeTax, 'The price before tax');
  checks.required(['input', 'vatRate'], input.vatRate, 'The VAT rate');
}

/** Only the fields given: an update must not reset the others to null. */
export function productBody(input: ProductInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy = (from: keyof ProductInput, to: string) => {
    if (input[from] !== undefined) body[to] = input[from];
  };
  copy('label', 'label');
  copy('description', 'description');
  copy('externalReference', 'external_reference');
  copy('priceBeforeTax', 'price_before_tax');
  copy('vatRate', 'vat_rate');
  copy('unit', 'unit');
  copy('currency', 'currency');
  copy('reference', 'reference');
  if (input.ledgerAccountId !== undefined) {
    body.ledger_account_id = input.ledgerAccountId === null ? null : pennylaneIdOf(input.ledgerAccountId, ['LedgerAccount']);
  }
  return body;
}

export const createProductDef = addCreateMutation<ProductInput, PennylaneProduct>({
  name: 'createProduct',
  description: 'Creates a product (`POST /products`).',
  endpoint: 'POST /products',
  input: CreateProductInput,
  payload: ProductPayload,
  noun: 'product',
  resource: 'products',
  path: '/products',
  check: (input, checks) => checkProduct(input, checks, true),
  toBody: (input, externalReference) => ({ ...productBody(input), external_reference: externalReference }),
  externalReferenceOf: (input) => input.externalReference,
});

export const updateProductDef = addUpdateMutation<ProductInput, PennylaneProduct>({
  name: 'updateProduct',
  description: 'Changes a product (`PUT /products/{id}`).',
  endpoint: 'PUT /products/{id}',
  input: UpdateProductInput,
  payload: ProductPayload,
  noun: 'product',
  resource: 'products',
  path: '/products',
  typenames: ['Product'],
  check: (input, checks) => checkProduct(input, checks, false),
  toBody: productBody,
});
