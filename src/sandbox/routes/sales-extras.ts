/**
 * Sales sub-collections and settings (API.md §4.1): customer categories and
 * contacts, the other invoice sub-collections, templates and numberings.
 */
import { notFound } from '../errors.js';
import type { ListSpec } from '../list-engine.js';
import type { ContactRecord, CustomerInvoiceTemplateRecord, CustomHeaderFieldRecord, NumberingRecord } from '../records-sales.js';
import type { CompanyStore } from '../store.js';
import { serializeTransaction, transactionsOfInvoice } from './banking.js';
import { categoriesRoute } from './categories.js';
import { appendicesRoute, sectionsRoute } from './document-parts.js';
import { idParam, listRoute, ok, subListRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeContact(c: ContactRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: c.id, first_name: c.first_name, last_name: c.last_name, email: c.email, phone: c.phone, job_title: c.job_title,
    created_at: c.created_at, updated_at: c.updated_at,
  };
}

export function serializeCustomHeaderField(f: CustomHeaderFieldRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: f.id, name: f.name, value: f.value, created_at: f.created_at, updated_at: f.updated_at };
}

export function serializeTemplate(t: CustomerInvoiceTemplateRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: t.id, name: t.name, created_at: t.created_at, updated_at: t.updated_at };
}

export function serializeNumbering(n: NumberingRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: n.id, name: n.name, document_type: n.document_type, format: n.format, next_number: n.next_number, created_at: n.created_at, updated_at: n.updated_at };
}

export const templateResource: ResourceDef<CustomerInvoiceTemplateRecord> = {
  name: 'customer_invoice_templates',
  rows: (c) => c.tables.customer_invoice_templates.all(),
  serialize: serializeTemplate,
};
export const numberingResource: ResourceDef<NumberingRecord> = { name: 'numberings', rows: (c) => c.tables.numberings.all(), serialize: serializeNumbering };

/** `GET /numberings` accepts any sales read scope (API.md §1.4). */
export const SALES_READ_SCOPES = ['customers', 'customer_invoices', 'quotes', 'products', 'commercial_documents', 'billing_subscriptions'] as const;

const contactsList: ListSpec<ContactRecord> = {};
const headerFieldsList: ListSpec<CustomHeaderFieldRecord> = {};
const findCustomer = (c: CompanyStore, id: number) => c.tables.customers.get(id);
const findInvoice = (c: CompanyStore, id: number) => c.tables.customer_invoices.get(id);

export const salesExtraRoutes: readonly RouteSpec[] = [
  categoriesRoute('/customers/{id}/categories', 'customers', findCustomer, (c) => c.categories),
  subListRoute({
    path: '/customers/{id}/contacts', scope: 'customers', parent: findCustomer,
    rows: (c, customer) => c.tables.contacts.byGroup(customer.id), list: contactsList, serialize: serializeContact,
  }),
  {
    method: 'GET',
    path: '/customers/{id}/contacts/{contact_id}',
    scope: 'customers',
    handler: (ctx) => {
      const customer = findCustomer(ctx.company, idParam(ctx));
      const contact = ctx.company.tables.contacts.get(idParam(ctx, 'contact_id'));
      if (!customer || !contact || contact.customer_id !== customer.id) throw notFound();
      return ok(serializeContact(contact, ctx));
    },
  },
  sectionsRoute('/customer_invoices/{id}/invoice_line_sections', 'customer_invoices', findInvoice),
  subListRoute({
    path: '/customer_invoices/{id}/matched_transactions', scope: 'customer_invoices', parent: findInvoice,
    rows: (c, inv) => (inv.draft || inv.archived_at !== null || inv.status === 'archived' ? [] : transactionsOfInvoice(c, inv.id)),
    list: {}, serialize: serializeTransaction,
  }),
  appendicesRoute('/customer_invoices/{id}/appendices', 'customer_invoices', findInvoice),
  categoriesRoute('/customer_invoices/{id}/categories', 'customer_invoices', findInvoice, (inv) => (inv.draft ? [] : inv.categories)),
  subListRoute({
    path: '/customer_invoices/{id}/custom_header_fields', scope: 'customer_invoices', parent: findInvoice,
    rows: (c, inv) => c.tables.custom_header_fields.byGroup(inv.id), list: headerFieldsList, serialize: serializeCustomHeaderField,
  }),
  listRoute({ path: '/customer_invoice_templates', scope: 'customer_invoice_templates:readonly', rows: templateResource.rows, list: {}, serialize: serializeTemplate }),
  listRoute({ path: '/numberings', scope: SALES_READ_SCOPES, rows: numberingResource.rows, list: {}, serialize: serializeNumbering }),
];
