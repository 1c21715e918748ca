import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type {
  PennylaneCustomerInvoice,
  PennylaneInvoiceLine,
  PennylanePayment,
} from '../../datasources/pennylane/customer-invoices.js';
import { builder } from '../builder.js';
import { addLookupField, byIdEdge, endpoints, pennylaneIdField, subCollectionResolver, timestampFields } from '../shared/resource-fields.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { DiscountRef } from './discount.js';
import { appendicesField, sectionsField } from './document-fields.js';
import { TransactionReferenceRef } from './transaction-reference.js';
import { InvoiceLineConnection } from './invoice-line.js';
import { PaymentConnection } from './payment.js';
import { CUSTOMER_TYPENAMES, CustomerInvoiceRef, CustomerRef, InvoiceLineRef, PaymentRef } from './refs.js';

export const CustomerInvoiceStatus = defineOpenEnum('CustomerInvoiceStatus', 'Life-cycle status of a customer invoice.', {
  DRAFT: { value: 'draft', description: 'Editable, not numbered, no ledger entry yet.' },
  UPCOMING: { value: 'upcoming', description: 'Finalized and unpaid, deadline not passed.' },
  LATE: { value: 'late', description: 'Finalized and unpaid after its deadline.' },
  PAID: { value: 'paid', description: 'Fully paid.' },
  PARTIALLY_CANCELLED: { value: 'partially_cancelled', description: 'Partly covered by credit notes.' },
  CANCELLED: { value: 'cancelled', description: 'Fully covered by credit notes.' },
  INCOMPLETE: { value: 'incomplete', description: 'Imported as incomplete.' },
  ARCHIVED: { value: 'archived', description: 'Archived.' },
  CREDIT_NOTE: { value: 'credit_note', description: 'A credit note (negative amounts).' },
});

builder.node(CustomerInvoiceRef, {
  description:
    'A customer invoice or credit note (credit notes share the collection, with negative amounts). Amounts are exact decimal strings: `amount`/`tax` in EUR, `currency*` in the invoice currency.',
  id: { resolve: (invoice) => String(invoice.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneCustomerInvoice>('customer_invoices').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    invoiceNumber: t.string({
      nullable: true,
      description: 'Number given at finalization (e.g. F-2026-0042); null on drafts.',
      resolve: (i) => (i.invoice_number ? i.invoice_number : null),
    }),
    status: t.field({
      type: CustomerInvoiceStatus.ref,
      description: 'Life-cycle status.',
      resolve: (i) => CustomerInvoiceStatus.of(i.status) ?? '__other__',
    }),
    draft: t.exposeBoolean('draft', { description: 'True while the invoice is a draft.' }),
    paid: t.exposeBoolean('paid', { description: 'True once nothing remains to be paid.' }),
    date: t.field({ type: 'Date', nullable: true, description: 'Invoice date.', resolve: (i) => i.date }),
    deadline: t.field({ type: 'Date', nullable: true, description: 'Payment deadline.', resolve: (i) => i.deadline }),
    language: t.exposeString('language', { description: 'Document language: fr_FR or en_GB.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the document.' }),
    exchangeRate: t.field({ type: 'Decimal', description: 'EUR per unit of `currency` ("1.0" for EUR).', resolve: (i) => i.exchange_rate }),
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
    discount: t.field({ type: DiscountRef, nullable: true, description: 'Invoice-level discount.', resolve: (i) => i.discount }),
    specialMention: t.exposeString('special_mention', { nullable: true, description: 'Special mention printed on the PDF.' }),
    pdfInvoiceFreeText: t.exposeString('pdf_invoice_free_text', { nullable: true, description: 'Free text printed on the PDF.' }),
    pdfInvoiceSubject: t.exposeString('pdf_invoice_subject', { nullable: true, description: 'Subject printed on the PDF.' }),
    pdfDescription: t.exposeString('pdf_description', { nullable: true, description: 'Description printed on the PDF.' }),
    publicFileUrl: t.exposeString('public_file_url', {
      nullable: true,
      description: 'PDF download URL. It expires 30 minutes after it was issued: fetch it, do not store it.',
    }),
    filename: t.exposeString('filename', { nullable: true, description: 'PDF file name.' }),
    externalReference: t.exposeString('external_reference', { nullable: true, description: 'Your own unique reference.' }),
    transactionReference: t.field({
      type: TransactionReferenceRef,
      nullable: true,
      description: 'Bank reference used for automatic matching.',
      resolve: (i) => i.transaction_reference,
    }),
    facturX: t.boolean({ nullable: true, description: 'Whether the PDF is a Factur-X e-invoice.', resolve: (i) => i.factur_x ?? null }),
    schematronValidationStatus: t.string({
      nullable: true,
      description: 'E-invoice validation status.',
      resolve: (i) => i.schematron_validation_status ?? null,
    }),
    archivedAt: t.field({ type: 'DateTime', nullable: true, description: 'When archived.', resolve: (i) => i.archived_at }),
    ...timestampFields(t),
    customer: t.field({
      ...byIdEdge('customers'),
      type: CustomerRef,
      nullable: true,
      description: 'The invoiced customer. Batched: customers of many invoices cost one `id in` call per 100.',
      resolve: (i, _args, ctx) =>
        i.customer ? ctx.loaders.byId<PennylaneCustomer>('customers').load(String(i.customer.id)) : null,
    }),
    creditedInvoice: t.field({
      ...byIdEdge('customer_invoices'),
      type: CustomerInvoiceRef,
      nullable: true,
      description: 'For a credit note: the invoice it credits. Batched.',
      resolve: (i, _args, ctx) =>
        i.credited_invoice
          ? ctx.loaders.byId<PennylaneCustomerInvoice>('customer_invoices').load(String(i.credited_invoice.id))
          : null,
    }),
    lines: t.connection(
      {
        type: InvoiceLineRef,
        description: 'Invoice lines. Pennylane only links them by URL: one call per invoice (and page).',
        ...endpoints('GET /customer_invoices/{id}/invoice_lines'),
        resolve: subCollectionResolver<PennylaneCustomerInvoice, PennylaneInvoiceLine>({
          path: (invoice) => `/customer_invoices/${invoice.id}/invoice_lines`,
          resource: 'invoice_lines',
          sort: 'id',
        }),
      },
      InvoiceLineConnection,
    ),
    payments: t.connection(
      {
        type: PaymentRef,
        description: 'Payments collected for this invoice (empty for drafts and credit notes). One call per invoice (and page).',
        ...endpoints('GET /customer_invoices/{id}/payments'),
        resolve: subCollectionResolver<PennylaneCustomerInvoice, PennylanePayment>({
          path: (invoice) => `/customer_invoices/${invoice.id}/payments`,
          resource: 'payments',
        }),
      },
      PaymentConnection,
    ),
    sections: sectionsField(t, '/customer_invoices', 'invoice'),
    appendices: appendicesField(t, '/customer_invoices', 'invoice'),
  }),
});

export const customerInvoiceFilter = defineListFilter('CustomerInvoice', 'customer_invoices', {
  id: { field: 'id', kind: 'id', of: ['CustomerInvoice'], operators: ALL_OPERATORS, description: 'The invoice\'s id.' },
  date: { field: 'date', kind: 'date', operators: ALL_OPERATORS, description: 'Invoice date.' },
  customerId: { field: 'customer_id', kind: 'id', of: CUSTOMER_TYPENAMES, operators: ALL_OPERATORS, description: 'The customer.' },
  billingSubscriptionId: {
    field: 'billing_subscription_id',
    kind: 'id',
    of: ['BillingSubscription'],
    operators: ALL_OPERATORS,
    description: 'The billing subscription that generated it.',
  },
  quoteId: { field: 'quote_id', kind: 'id', of: ['Quote'], operators: ALL_OPERATORS, description: 'The quote it came from.' },
  invoiceNumber: { field: 'invoice_number', kind: 'string', operators: SET_OPERATORS, description: 'Invoice number.' },
  draft: { field: 'draft', kind: 'boolean', operators: ['eq'], description: 'Drafts only (true) or finalized only (false).' },
  creditNote: { field: 'credit_note', kind: 'boolean', operators: ['eq'], description: 'Credit notes only (true) or invoices only (false).' },
  externalReference: { field: 'external_reference', kind: 'string', operators: ['eq'], description: 'Your reference.' },
  flowId: { field: 'flow_id', kind: 'id', of: ['Flow'], operators: SET_OPERATORS, description: 'E-invoicing flow.' },
  categoryId: { field: 'category_id', kind: 'id', of: ['Category'], operators: ['in'], description: 'Analytical category.' },
});

export const customerInvoiceSort = defineListSort('CustomerInvoice', 'customer invoices', ['id', 'date']);

export const CustomerInvoiceConnection = builder.connectionObject(
  {
    type: CustomerInvoiceRef,
    name: 'CustomerInvoiceConnection',
    description: 'A page of customer invoices.',
  },
  { name: 'CustomerInvoiceEdge', description: 'One of a page of customer invoices.' },
);

addLookupField('customerInvoice', {
  type: CustomerInvoiceRef,
  typenames: ['CustomerInvoice'],
  resource: 'customer_invoices',
  description: 'A customer invoice or credit note by id.',
  endpoints: ['GET /customer_invoices/{id}'],
});

/** The customer invoice list, from which every connection over it is made. */
export const customerInvoiceList: ResourceList<PennylaneCustomerInvoice> = {
  type: CustomerInvoiceRef,
  connection: CustomerInvoiceConnection,
  filter: customerInvoiceFilter,
  sort: customerInvoiceSort,
  path: '/customer_invoices',
  resource: 'customer_invoices',
};

addRootListField(
  customerInvoiceList,
  'customerInvoices',
  'Customer invoices and credit notes, newest first by default (`GET /customer_invoices`): one call per page.',
);

addChildListField(customerInvoiceList, CustomerRef, 'invoices', {
  description:
    "This customer's invoices and credit notes, through the `customer_id` filter. First pages of many customers share one `customer_id in [...]` call.",
  parentField: 'customer_id',
  parentId: (customer: PennylaneCustomer) => customer.id,
  parentOf: (invoice) => invoice.customer?.id,
});
