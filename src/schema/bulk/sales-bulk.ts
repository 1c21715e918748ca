import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import { builder } from '../builder.js';
import { createRecord, updateRecord } from '../shared/record-writes.js';
import { createCustomerInvoiceDef } from '../sales/customer-invoice-mutations.js';
import { checkProduct, checkProductCreatable, createProductDef, productBody, updateProductDef, type ProductInput } from '../sales/product-mutations.js';
import { addBulkCreateMutation, addBulkMutation, refuseUnlessCreatable } from './bulk-mutations.js';
import { upsertCalls, upsertItem, type UpsertTarget } from './upserts.js';

addBulkCreateMutation(
  'createCustomerInvoices',
  createCustomerInvoiceDef,
  'CustomerInvoice',
  'Creates many customer invoices (e.g. from an e-commerce back end as customers pay), each through createCustomerInvoice.',
);

type UpsertProductInput = ProductInput & { externalReference: string };

const UpsertProductInputRef = builder.inputRef<UpsertProductInput>('UpsertProductInput').implement({
  description: 'A product matched by its external reference: updated if it exists, created otherwise.',
  fields: (t) => ({
    externalReference: t.string({ required: true, description: 'Your reference, which identifies the product.' }),
    label: t.string({ required: false, description: 'Name shown on invoices (required to create).' }),
    priceBeforeTax: t.field({ type: 'Decimal', required: false, description: 'Unit price excluding tax (required to create).' }),
    vatRate: t.string({ required: false, description: 'VAT rate code, e.g. FR_200 (required to create).' }),
    description: t.string({ required: false, description: 'Longer description.' }),
    unit: t.string({ required: false, description: 'Unit, e.g. piece, hour.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency code.' }),
    reference: t.string({ required: false, description: 'Internal reference (SKU).' }),
    ledgerAccountId: t.id({ required: false, description: 'Revenue ledger account (global or Pennylane id).' }),
  }),
});

const PRODUCTS: UpsertTarget<UpsertProductInput, PennylaneProduct> = {
  path: '/products',
  resource: 'products',
  body: productBody,
  decimals: ['price_before_tax'],
  create: (ctx, input, key, index) => {
    refuseUnlessCreatable(index, (checks) => checkProductCreatable(input, checks));
    return createRecord(ctx, createProductDef, input, key, { referenceIsKey: false });
  },
  update: async (ctx, existing, input) => (await updateRecord(ctx, updateProductDef, existing.id, input)).record,
};

addBulkMutation<UpsertProductInput>({
  name: 'upsertProducts',
  description:
    'Syncs products from another tool: each item is matched by external reference (one `external_reference in` call per 100 items), then created, updated, or left alone when the product already holds its values (no call). Items naming the same product apply in input order: the last one wins.',
  endpoints: ['GET /products', 'POST /products', 'PUT /products/{id}'],
  input: UpsertProductInputRef,
  noun: 'product',
  check: (input, checks) => {
    checks.required(['input', 'externalReference'], input.externalReference, 'The external reference');
    checkProduct(input, checks, false);
  },
  backgroundCalls: upsertCalls,
  write: async (ctx, _input, key, index, all) => {
    const { record, change, replayed } = await upsertItem(ctx, PRODUCTS, all, index, key);
    return { record, typename: 'Product', replayed, change };
  },
});
