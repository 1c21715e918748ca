import type { GatewayContext } from '../../context.js';
import type { PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import type { PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import type { PennylaneAttachedCategory } from '../../datasources/pennylane/categories.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';
import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneSupplier, PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import { LedgerEntryLineRef } from '../accounting/refs.js';
import { TransactionRef } from '../banking/refs.js';
import { builder } from '../builder.js';
import { SupplierInvoiceRef, SupplierRef } from '../purchases/refs.js';
import { CustomerInvoiceRef, CustomerRef } from '../sales/refs.js';
import { endpoints, servedInline } from '../shared/resource-fields.js';
import { CategoryAssignmentRef, CategoryRef } from './refs.js';

/**
 * The analytical categories attached to a record, with their weights. Pennylane serves them
 * per record (`…/{id}/categories`), except on transactions where they come inline. A record
 * has a few categories, so the lists read one page of up to 100 and stop there.
 */

CategoryAssignmentRef.implement({
  description: 'An analytical category attached to a record, with the share of the record it takes.',
  fields: (t) => ({
    // The attached form is the category itself plus `weight`: no call needed.
    category: t.field({ type: CategoryRef, description: 'The category (built from what Pennylane attached: no extra call).', resolve: (a) => a }),
    weight: t.field({
      type: 'Decimal',
      description: 'Share of the record in this category, e.g. "0.5"; the weights of one group sum to "1".',
      resolve: (a) => a.weight,
    }),
  }),
});

const PER_RECORD = 'Oldest category first. One call per record; reads up to 100 categories (a record has a few), not further pages.';

async function attachedCategories(ctx: GatewayContext, path: string): Promise<PennylaneAttachedCategory[]> {
  const page = await ctx.pennylane.list<PennylaneAttachedCategory>(path, { limit: MAX_PAGE_SIZE, sort: 'id' }, { resource: 'categories', primeEntities: false });
  return [...page.items];
}

builder.objectField(CustomerInvoiceRef, 'categories', (t) =>
  t.field({
    type: [CategoryAssignmentRef],
    ...endpoints('GET /customer_invoices/{id}/categories'),
    description: `Analytical categories of this invoice (none on drafts). ${PER_RECORD}`,
    resolve: (invoice: PennylaneCustomerInvoice, _args, ctx) => attachedCategories(ctx, `/customer_invoices/${invoice.id}/categories`),
  }),
);

builder.objectField(SupplierInvoiceRef, 'categories', (t) =>
  t.field({
    type: [CategoryAssignmentRef],
    ...endpoints('GET /supplier_invoices/{id}/categories'),
    description: `Analytical categories of this invoice. ${PER_RECORD}`,
    resolve: (invoice: PennylaneSupplierInvoice, _args, ctx) => attachedCategories(ctx, `/supplier_invoices/${invoice.id}/categories`),
  }),
);

builder.interfaceField(CustomerRef, 'categories', (t) =>
  t.field({
    type: [CategoryAssignmentRef],
    ...endpoints('GET /customers/{id}/categories'),
    description: `Analytical categories of this customer. ${PER_RECORD}`,
    resolve: (customer: PennylaneCustomer, _args, ctx) => attachedCategories(ctx, `/customers/${customer.id}/categories`),
  }),
);

builder.objectField(SupplierRef, 'categories', (t) =>
  t.field({
    type: [CategoryAssignmentRef],
    ...endpoints('GET /suppliers/{id}/categories'),
    description: `Analytical categories of this supplier. ${PER_RECORD}`,
    resolve: (supplier: PennylaneSupplier, _args, ctx) => attachedCategories(ctx, `/suppliers/${supplier.id}/categories`),
  }),
);

builder.objectField(LedgerEntryLineRef, 'categories', (t) =>
  t.field({
    type: [CategoryAssignmentRef],
    ...endpoints('GET /ledger_entry_lines/{id}/categories'),
    description: `Analytical categories of this line. ${PER_RECORD}`,
    resolve: (line: PennylaneLedgerEntryLine, _args, ctx) => attachedCategories(ctx, `/ledger_entry_lines/${line.id}/categories`),
  }),
);

builder.objectField(TransactionRef, 'categories', (t) =>
  t.field({
    type: [CategoryAssignmentRef],
    ...servedInline('GET /transactions/{id}/categories'),
    description:
      'Analytical categories of this transaction. Pennylane sends them inline with the transaction, so this costs no call (it stands for `GET /transactions/{id}/categories`).',
    resolve: (transaction: PennylaneTransaction) => [...transaction.categories],
  }),
);
