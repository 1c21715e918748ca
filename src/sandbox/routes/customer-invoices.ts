/** Customer invoices and credit notes (API.md §4.1): reads of this round. */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import type { CustomerInvoiceRecord, InvoiceLineRecord, PaymentRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { serializeCustomerInvoice, serializeInvoiceLine, serializePayment } from './customer-invoice-serializers.js';
import { getRoute, listRoute, subListRoute } from './helpers.js';
import type { ResourceDef, RouteSpec } from './types.js';

const filters: FilterSpec<CustomerInvoiceRecord> = {
  id: { type: 'id', operators: ALL, get: (i) => i.id },
  date: { type: 'date', operators: ALL, get: (i) => i.date },
  customer_id: { type: 'id', operators: ALL, get: (i) => i.customer_id },
  billing_subscription_id: { type: 'id', operators: ALL, get: (i) => i.billing_subscription_id },
  quote_id: { type: 'id', operators: ALL, get: (i) => i.quote_id },
  invoice_number: { type: 'string', operators: ['eq', 'not_eq', 'in', 'not_in'], get: (i) => i.invoice_number },
  draft: { type: 'boolean', operators: ['eq'], get: (i) => i.draft },
  credit_note: { type: 'boolean', operators: ['eq'], get: (i) => i.credit_note },
  external_reference: { type: 'string', operators: ['eq'], get: (i) => i.external_reference },
  flow_id: { type: 'id_or_string', operators: ['eq', 'not_eq', 'in', 'not_in'], get: (i) => i.flow_id },
  category_id: { type: 'id', operators: ['in'], get: (i) => i.categories.map((c) => c.category_id) },
};

export const customerInvoicesList: ListSpec<CustomerInvoiceRecord> = {
  sort: { date: (i) => i.date },
  filters,
};

/** Sub-collections: sortable by id only, no filters, default -id. */
const linesList: ListSpec<InvoiceLineRecord> = {};
const paymentsList: ListSpec<PaymentRecord> = {};

export function invoiceLinesOf(company: CompanyStore, invoice: CustomerInvoiceRecord): readonly InvoiceLineRecord[] {
  return company.tables.invoice_lines.byGroup(invoice.id);
}

/** Payments: always empty for drafts and credit notes (API.md §5.8). */
export function paymentsOf(company: CompanyStore, invoice: CustomerInvoiceRecord): readonly PaymentRecord[] {
  if (invoice.draft || invoice.credit_note) return [];
  return company.tables.payments.byGroup(invoice.id);
}

export const customerInvoiceResource: ResourceDef<CustomerInvoiceRecord> = {
  name: 'customer_invoices',
  rows: (company) => company.tables.customer_invoices.all(),
  serialize: serializeCustomerInvoice,
};

const scope = 'customer_invoices';
const findInvoice = (c: CompanyStore, id: number) => c.tables.customer_invoices.get(id);

export const customerInvoiceRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/customer_invoices', scope, rows: customerInvoiceResource.rows, list: customerInvoicesList, serialize: serializeCustomerInvoice }),
  getRoute({ path: '/customer_invoices/{id}', scope, find: findInvoice, serialize: serializeCustomerInvoice }),
  subListRoute({ path: '/customer_invoices/{id}/invoice_lines', scope, parent: findInvoice, rows: invoiceLinesOf, list: linesList, serialize: serializeInvoiceLine }),
  subListRoute({ path: '/customer_invoices/{id}/payments', scope, parent: findInvoice, rows: paymentsOf, list: paymentsList, serialize: serializePayment }),
];
