/** Commercial documents and billing subscriptions (API.md §4.1 [2026]). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import { SUBSCRIPTION_STATUSES, type BillingSubscriptionRecord, type CommercialDocumentRecord } from '../records-sales.js';
import type { InvoiceLineRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { serializeInvoiceLine } from './customer-invoice-serializers.js';
import { appendicesRoute, sectionsRoute } from './document-parts.js';
import { getRoute, link, listRoute, ref, subListRoute } from './helpers.js';
import { documentLines } from './quotes.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeCommercialDocument(d: CommercialDocumentRecord, ctx: SerializeContext): Record<string, unknown> {
  const sub = (suffix: string) => link(ctx, `/commercial_documents/${d.id}/${suffix}`);
  return {
    id: d.id,
    document_type: d.document_type,
    document_number: d.document_number,
    date: d.date,
    deadline: d.deadline,
    label: d.label,
    currency: d.currency,
    currency_amount: d.currency_amount,
    currency_amount_before_tax: d.currency_amount_before_tax,
    currency_tax: d.currency_tax,
    amount: d.amount,
    tax: d.tax,
    customer: ref(ctx, 'customers', d.customer_id),
    external_reference: d.external_reference,
    invoice_lines: sub('invoice_lines'),
    invoice_line_sections: sub('invoice_line_sections'),
    appendices: sub('appendices'),
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}

export function serializeBillingSubscription(s: BillingSubscriptionRecord, ctx: SerializeContext): Record<string, unknown> {
  const sub = (suffix: string) => link(ctx, `/billing_subscriptions/${s.id}/${suffix}`);
  return {
    id: s.id,
    label: s.label,
    status: s.status,
    start: s.start,
    finish: s.finish,
    recurring_rule: { type: s.rule_type ?? 'monthly', interval: s.interval ?? 1, day_of_month: s.day_of_month },
    mode: s.mode,
    payment_conditions: s.payment_conditions,
    currency: s.currency,
    currency_amount: s.currency_amount,
    currency_amount_before_tax: s.currency_amount_before_tax,
    currency_tax: s.currency_tax,
    next_occurrence: s.next_occurrence,
    customer: ref(ctx, 'customers', s.customer_id),
    invoice_lines: sub('invoice_lines'),
    invoice_line_sections: sub('invoice_line_sections'),
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

/** No filter table upstream; we accept `id` (all operators). */
export const commercialDocumentsList: ListSpec<CommercialDocumentRecord> = { filters: { id: { type: 'id', operators: ALL, get: (d) => d.id } } };
const subscriptionFilters: FilterSpec<BillingSubscriptionRecord> = {
  id: { type: 'id', operators: ALL, get: (s) => s.id },
  start: { type: 'date', operators: ALL, get: (s) => s.start },
  customer_id: { type: 'id', operators: ALL, get: (s) => s.customer_id },
  status: { type: { enum: SUBSCRIPTION_STATUSES }, operators: ['eq', 'not_eq', 'in', 'not_in'], get: (s) => s.status },
};
export const billingSubscriptionsList: ListSpec<BillingSubscriptionRecord> = { filters: subscriptionFilters };
const linesList: ListSpec<InvoiceLineRecord> = {};

export const commercialDocumentResource: ResourceDef<CommercialDocumentRecord> = {
  name: 'commercial_documents',
  rows: (c) => c.tables.commercial_documents.all(),
  serialize: serializeCommercialDocument,
};
export const billingSubscriptionResource: ResourceDef<BillingSubscriptionRecord> = {
  name: 'billing_subscriptions',
  rows: (c) => c.tables.billing_subscriptions.all(),
  serialize: serializeBillingSubscription,
};

const findDocument = (c: CompanyStore, id: number) => c.tables.commercial_documents.get(id);
const findSubscription = (c: CompanyStore, id: number) => c.tables.billing_subscriptions.get(id);
const docs = 'commercial_documents';
const subs = 'billing_subscriptions';

export const salesDocumentRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/commercial_documents', scope: docs, rows: commercialDocumentResource.rows, list: commercialDocumentsList, serialize: serializeCommercialDocument }),
  getRoute({ path: '/commercial_documents/{id}', scope: docs, find: findDocument, serialize: serializeCommercialDocument }),
  subListRoute({ path: '/commercial_documents/{id}/invoice_lines', scope: docs, parent: findDocument, rows: documentLines, list: linesList, serialize: serializeInvoiceLine }),
  sectionsRoute('/commercial_documents/{id}/invoice_line_sections', docs, findDocument),
  appendicesRoute('/commercial_documents/{id}/appendices', docs, findDocument),
  listRoute({ path: '/billing_subscriptions', scope: subs, rows: billingSubscriptionResource.rows, list: billingSubscriptionsList, serialize: serializeBillingSubscription }),
  getRoute({ path: '/billing_subscriptions/{id}', scope: subs, find: findSubscription, serialize: serializeBillingSubscription }),
  subListRoute({ path: '/billing_subscriptions/{id}/invoice_lines', scope: subs, parent: findSubscription, rows: documentLines, list: linesList, serialize: serializeInvoiceLine }),
  sectionsRoute('/billing_subscriptions/{id}/invoice_line_sections', subs, findSubscription),
];
