import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneQuote } from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addLookupField, byIdEdge, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { customerInvoiceList } from './customer-invoice.js';
import { DiscountRef } from './discount.js';
import { amountFields, appendicesField, customerField, linesField, pdfTextFields, sectionsField } from './document-fields.js';
import { CUSTOMER_TYPENAMES, CustomerInvoiceRef, CustomerRef, QuoteRef } from './refs.js';

export const QuoteStatus = defineOpenEnum('QuoteStatus', 'Where a quote stands.', {
  PENDING: { value: 'pending', description: 'Sent or drafted, waiting for the customer\'s answer.' },
  ACCEPTED: { value: 'accepted', description: 'Accepted by the customer.' },
  DENIED: { value: 'denied', description: 'Refused by the customer.' },
  INVOICED: { value: 'invoiced', description: 'Turned into an invoice.' },
  EXPIRED: { value: 'expired', description: 'Its deadline passed without an answer.' },
});

builder.node(QuoteRef, {
  description:
    'A quote (estimate) sent to a customer; accepted quotes become customer invoices. Amounts are exact decimal strings, `currency*` in the quote currency.',
  id: { resolve: (quote) => String(quote.id) },
  loadManyWithoutCache: async (ids, ctx) => nodesOrRejections(await ctx.loaders.byId<PennylaneQuote>('quotes').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    quoteNumber: t.string({
      nullable: true,
      description: 'Quote number, e.g. D-2026-0012 (null when Pennylane has not numbered it).',
      resolve: (q) => (q.quote_number ? q.quote_number : null),
    }),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    status: t.field({
      type: QuoteStatus.ref,
      description: 'Where the quote stands.',
      resolve: (q) => QuoteStatus.of(q.status) ?? '__other__',
    }),
    date: t.field({ type: 'Date', description: 'Quote date.', resolve: (q) => q.date }),
    deadline: t.field({ type: 'Date', nullable: true, description: 'Validity deadline of the quote.', resolve: (q) => q.deadline }),
    language: t.exposeString('language', { description: 'Document language: fr_FR or en_GB.' }),
    ...amountFields(t, 'quote'),
    discount: t.field({ type: DiscountRef, nullable: true, description: 'Quote-level discount.', resolve: (q) => q.discount }),
    ...pdfTextFields(t),
    publicFileUrl: t.exposeString('public_file_url', {
      nullable: true,
      description: 'PDF download URL. It expires shortly after it was issued (30 minutes for Pennylane PDFs): fetch it, do not store it.',
    }),
    filename: t.exposeString('filename', { nullable: true, description: 'PDF file name.' }),
    externalReference: t.exposeString('external_reference', { nullable: true, description: 'Your own unique reference.' }),
    ...timestampFields(t),
    customer: customerField(t, 'quote'),
    lines: linesField(t, '/quotes', 'quote'),
    sections: sectionsField(t, '/quotes', 'quote'),
    appendices: appendicesField(t, '/quotes', 'quote'),
  }),
});

addChildListField(customerInvoiceList, QuoteRef, 'invoices', {
  description:
    'Customer invoices made from this quote, through the `quote_id` filter. First pages of many quotes share one `quote_id in [...]` call.',
  parentField: 'quote_id',
  parentId: (quote: PennylaneQuote) => quote.id,
  parentOf: (invoice) => invoice.quote?.id,
});

export const quoteFilter = defineListFilter('Quote', 'quotes', {
  id: { field: 'id', kind: 'id', of: ['Quote'], operators: ALL_OPERATORS, description: 'The quote\'s id.' },
  customerId: { field: 'customer_id', kind: 'id', of: CUSTOMER_TYPENAMES, operators: ALL_OPERATORS, description: 'The customer.' },
  status: { field: 'status', kind: 'enum', ref: QuoteStatus.ref, operators: SET_OPERATORS, description: 'Where the quote stands.' },
});

export const quoteSort = defineListSort('Quote', 'quotes', ['id']);

export const QuoteConnection = builder.connectionObject(
  { type: QuoteRef, name: 'QuoteConnection', description: 'A page of quotes.' },
  { name: 'QuoteEdge', description: 'One of a page of quotes.' },
);

addLookupField('quote', {
  type: QuoteRef,
  typenames: ['Quote'],
  resource: 'quotes',
  description: 'A quote by id.',
  endpoints: ['GET /quotes/{id}'],
});

/** The quote list, from which every connection over it is made. */
export const quoteList: ResourceList<PennylaneQuote> = {
  type: QuoteRef,
  connection: QuoteConnection,
  filter: quoteFilter,
  sort: quoteSort,
  path: '/quotes',
  resource: 'quotes',
};

addRootListField(quoteList, 'quotes', 'Quotes, newest first by default (`GET /quotes`): one call per page.');

builder.objectField(CustomerInvoiceRef, 'quote', (t) =>
  t.field({
    ...byIdEdge('quotes'),
    type: QuoteRef,
    nullable: true,
    description: 'The quote this invoice was made from. Batched: quotes of many invoices cost one `id in` call per 100.',
    resolve: (invoice, _args, ctx) => (invoice.quote ? ctx.loaders.byId<PennylaneQuote>('quotes').load(String(invoice.quote.id)) : null),
  }),
);

addChildListField(quoteList, CustomerRef, 'quotes', {
  description:
    "This customer's quotes, through the `customer_id` filter. First pages of many customers share one `customer_id in [...]` call.",
  parentField: 'customer_id',
  parentId: (customer: PennylaneCustomer) => customer.id,
  parentOf: (quote) => quote.customer?.id,
});
