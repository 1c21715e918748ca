import type { PennylanePayment } from '../../datasources/pennylane/customer-invoices.js';
import type {
  PennylaneSupplier,
  PennylaneSupplierInvoice,
  PennylaneSupplierInvoiceLine,
} from '../../datasources/pennylane/purchases.js';
import { builder } from '../builder.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addLookupField, byIdEdge, endpoints, pennylaneIdField, subCollectionResolver, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { PaymentConnection } from '../sales/payment.js';
import { PaymentRef } from '../sales/refs.js';
import { TransactionReferenceRef } from '../sales/transaction-reference.js';
import { SupplierInvoiceLineConnection } from './supplier-invoice-line.js';
import { SupplierInvoiceLineRef, SupplierInvoiceRef, SupplierRef } from './refs.js';

const AccountingStatus = defineOpenEnum('SupplierInvoiceAccountingStatus', 'Where a supplier invoice stands with the accountant.', {
  DRAFT: { value: 'draft', description: 'Not yet sent to the accountant.' },
  ENTRY: { value: 'entry', description: 'Incomplete.' },
  VALIDATION_NEEDED: { value: 'validation_needed', description: 'Waiting for validation.' },
  COMPLETE: { value: 'complete', description: 'Validated.' },
  ARCHIVED: { value: 'archived', description: 'Archived (terminal).' },
});

const PAYMENT_STATUSES = [
  'to_be_processed', 'to_be_paid', 'partially_paid', 'payment_error', 'payment_scheduled',
  'payment_in_progress', 'payment_emitted', 'payment_found', 'paid_offline', 'fully_paid',
] as const;

export const PaymentStatus = defineOpenEnum(
  'SupplierInvoicePaymentStatus',
  'Where the payment of a supplier invoice stands.',
  Object.fromEntries(PAYMENT_STATUSES.map((status) => [status.toUpperCase(), { value: status, description: `Pennylane status "${status}".` }])),
);

builder.node(SupplierInvoiceRef, {
  description:
    'A supplier invoice. Amounts are exact decimal strings: `amount`/`tax` in EUR, `currency*` in the invoice currency.',
  id: { resolve: (invoice) => String(invoice.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneSupplierInvoice>('supplier_invoices').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    invoiceNumber: t.exposeString('invoice_number', { nullable: true, description: 'The supplier\'s invoice number.' }),
    accountingStatus: t.field({
      type: AccountingStatus.ref,
      description: 'Accounting status.',
      resolve: (i) => AccountingStatus.of(i.accounting_status) ?? '__other__',
    }),
    paymentStatus: t.field({
      type: PaymentStatus.ref,
      description: 'Payment status.',
      resolve: (i) => PaymentStatus.of(i.payment_status) ?? '__other__',
    }),
    paid: t.boolean({ nullable: true, description: 'True once fully paid (2026 API).', resolve: (i) => i.paid ?? null }),
    reconciled: t.exposeBoolean('reconciled', { description: 'True once matched with bank transactions.' }),
    date: t.field({ type: 'Date', nullable: true, description: 'Invoice date.', resolve: (i) => i.date }),
    deadline: t.field({ type: 'Date', nullable: true, description: 'Payment deadline.', resolve: (i) => i.deadline }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the document.' }),
    exchangeRate: t.field({ type: 'Decimal', description: 'EUR per unit of `currency`.', resolve: (i) => i.exchange_rate }),
    currencyAmountBeforeTax: t.field({
      type: 'Decimal',
      description: 'Total excluding tax, in the invoice currency.',
      resolve: (i) => i.currency_amount_before_tax,
    }),
    currencyTax: t.field({ type: 'Decimal', description: 'Total tax, in the invoice currency.', resolve: (i) => i.currency_tax }),
    currencyAmount: t.field({ type: 'Decimal', description: 'Total including tax, in the invoice currency.', resolve: (i) => i.currency_amount }),
    amount: t.field({ type: 'Decimal', description: 'Total including tax, in EUR.', resolve: (i) => i.amount }),
    tax: t.field({ type: 'Decimal', description: 'Total tax, in EUR.', resolve: (i) => i.tax }),
    remainingAmountWithTax: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'What is left to pay, including tax.',
      resolve: (i) => i.remaining_amount_with_tax,
    }),
    remainingAmountWithoutTax: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'What is left to pay, excluding tax.',
      resolve: (i) => i.remaining_amount_without_tax,
    }),
    filename: t.exposeString('filename', { nullable: true, description: 'File name of the uploaded invoice.' }),
    publicFileUrl: t.exposeString('public_file_url', {
      nullable: true,
      description: 'Download URL of the invoice file. It expires: fetch it, do not store it.',
    }),
    externalReference: t.exposeString('external_reference', { nullable: true, description: 'Your own unique reference.' }),
    importSource: t.string({ nullable: true, description: 'How the invoice reached Pennylane.', resolve: (i) => i.import_source ?? null }),
    transactionReference: t.field({
      type: TransactionReferenceRef,
      nullable: true,
      description: 'Bank reference used for automatic matching.',
      resolve: (i) => i.transaction_reference,
    }),
    archivedAt: t.field({ type: 'DateTime', nullable: true, description: 'When archived.', resolve: (i) => i.archived_at }),
    ...timestampFields(t),
    supplier: t.field({
      ...byIdEdge('suppliers'),
      type: SupplierRef,
      nullable: true,
      description: 'The supplier. Batched: suppliers of many invoices cost one `id in` call per 100.',
      resolve: (i, _args, ctx) => (i.supplier ? ctx.loaders.byId<PennylaneSupplier>('suppliers').load(String(i.supplier.id)) : null),
    }),
    lines: t.connection(
      {
        type: SupplierInvoiceLineRef,
        ...endpoints('GET /supplier_invoices/{id}/invoice_lines'),
        description: 'Invoice lines. Pennylane only links them by URL: one call per invoice (and page).',
        resolve: subCollectionResolver<PennylaneSupplierInvoice, PennylaneSupplierInvoiceLine>({
          path: (invoice) => `/supplier_invoices/${invoice.id}/invoice_lines`,
          resource: 'invoice_lines',
          sort: 'id',
        }),
      },
      SupplierInvoiceLineConnection,
    ),
    payments: t.connection(
      {
        type: PaymentRef,
        ...endpoints('GET /supplier_invoices/{id}/payments'),
        description: 'Payments of this invoice. One call per invoice (and page). Do not add matched transactions to them: they double-count.',
        resolve: subCollectionResolver<PennylaneSupplierInvoice, PennylanePayment>({
          path: (invoice) => `/supplier_invoices/${invoice.id}/payments`,
          resource: 'payments',
        }),
      },
      PaymentConnection,
    ),
  }),
});

export const supplierInvoiceFilter = defineListFilter('SupplierInvoice', 'supplier_invoices', {
  id: { field: 'id', kind: 'id', of: ['SupplierInvoice'], operators: ALL_OPERATORS, description: 'The invoice\'s id.' },
  supplierId: { field: 'supplier_id', kind: 'id', of: ['Supplier'], operators: ALL_OPERATORS, description: 'The supplier.' },
  date: { field: 'date', kind: 'date', operators: ALL_OPERATORS, description: 'Invoice date.' },
  invoiceNumber: { field: 'invoice_number', kind: 'string', operators: SET_OPERATORS, description: 'Invoice number.' },
  externalReference: { field: 'external_reference', kind: 'string', operators: SET_OPERATORS, description: 'Your reference.' },
  categoryId: { field: 'category_id', kind: 'id', of: ['Category'], operators: ['in'], description: 'Analytical category.' },
  flowId: { field: 'flow_id', kind: 'id', of: ['Flow'], operators: SET_OPERATORS, description: 'E-invoicing flow.' },
});

export const supplierInvoiceSort = defineListSort('SupplierInvoice', 'supplier invoices', ['id', 'date']);

export const SupplierInvoiceConnection = builder.connectionObject(
  { type: SupplierInvoiceRef, name: 'SupplierInvoiceConnection', description: 'A page of supplier invoices.' },
  { name: 'SupplierInvoiceEdge', description: 'One of a page of supplier invoices.' },
);

addLookupField('supplierInvoice', {
  type: SupplierInvoiceRef,
  typenames: ['SupplierInvoice'],
  resource: 'supplier_invoices',
  description: 'A supplier invoice by id.',
  endpoints: ['GET /supplier_invoices/{id}'],
});

/** The supplier invoice list, from which every connection over it is made. */
export const supplierInvoiceList: ResourceList<PennylaneSupplierInvoice> = {
  type: SupplierInvoiceRef,
  connection: SupplierInvoiceConnection,
  filter: supplierInvoiceFilter,
  sort: supplierInvoiceSort,
  path: '/supplier_invoices',
  resource: 'supplier_invoices',
};

addRootListField(
  supplierInvoiceList,
  'supplierInvoices',
  'Supplier invoices, newest first by default (`GET /supplier_invoices`): one call per page.',
);

addChildListField(supplierInvoiceList, SupplierRef, 'invoices', {
  description: "This supplier's invoices, through the `supplier_id` filter. First pages of many suppliers share one `supplier_id in [...]` call.",
  parentField: 'supplier_id',
  parentId: (supplier: PennylaneSupplier) => supplier.id,
  parentOf: (invoice) => invoice.supplier?.id,
});
