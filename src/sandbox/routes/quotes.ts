/** Quotes (API.md §4.1 [2026]). `linked_invoices` is a link only (use customer_invoices' `quote_id` filter). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import { QUOTE_STATUSES, type QuoteRecord } from '../records-sales.js';
import type { InvoiceLineRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { serializeInvoiceLine } from './customer-invoice-serializers.js';
import { appendicesRoute, sectionsRoute } from './document-parts.js';
import { getRoute, link, listRoute, ref, subListRoute } from './helpers.js';
import { pdfReady } from './pdf.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeQuote(q: QuoteRecord, ctx: SerializeContext): Record<string, unknown> {
  const sub = (suffix: string) => link(ctx, `/quotes/${q.id}/${suffix}`);
  return {
    id: q.id,
    quote_number: q.quote_number,
    label: q.label,
    date: q.date,
    deadline: q.deadline,
    currency: q.currency,
    amount: q.amount,
    currency_amount: q.currency_amount,
    currency_amount_before_tax: q.currency_amount_before_tax,
    exchange_rate: q.exchange_rate,
    currency_tax: q.currency_tax,
    tax: q.tax,
    language: q.language,
    status: q.status,
    special_mention: q.special_mention,
    public_file_url: pdfReady(ctx.company, q) ? `${ctx.links.origin}/__files/quotes/${q.id}.pdf` : null,
    filename: q.filename,
    pdf_invoice_free_text: q.pdf_invoice_free_text,
    pdf_invoice_subject: q.pdf_invoice_subject,
    pdf_description: q.pdf_description,
    customer: ref(ctx, 'customers', q.customer_id),
    discount: { ...q.discount },
    external_reference: q.external_reference,
    invoice_lines: sub('invoice_lines'),
    invoice_line_sections: sub('invoice_line_sections'),
    appendices: sub('appendices'),
    linked_invoices: sub('linked_invoices'),
    created_at: q.created_at,
    updated_at: q.updated_at,
  };
}

const filters: FilterSpec<QuoteRecord> = {
  id: { type: 'id', operators: ALL, get: (q) => q.id },
  customer_id: { type: 'id', operators: ALL, get: (q) => q.customer_id },
  status: { type: { enum: QUOTE_STATUSES }, operators: ['eq', 'not_eq', 'in', 'not_in'], get: (q) => q.status },
};
export const quotesList: ListSpec<QuoteRecord> = { filters };
const linesList: ListSpec<InvoiceLineRecord> = {};

export const quoteResource: ResourceDef<QuoteRecord> = { name: 'quotes', rows: (c) => c.tables.quotes.all(), serialize: serializeQuote };

/** Lines of a quote, commercial document or subscription. */
export function documentLines(company: CompanyStore, parent: { id: number }): readonly InvoiceLineRecord[] {
  return company.tables.document_lines.byGroup(parent.id);
}

const scope = 'quotes';
const findQuote = (c: CompanyStore, id: number) => c.tables.quotes.get(id);

export const quoteRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/quotes', scope, rows: quoteResource.rows, list: quotesList, serialize: serializeQuote }),
  getRoute({ path: '/quotes/{id}', scope, find: findQuote, serialize: serializeQuote }),
  subListRoute({ path: '/quotes/{id}/invoice_lines', scope, parent: findQuote, rows: documentLines, list: linesList, serialize: serializeInvoiceLine }),
  sectionsRoute('/quotes/{id}/invoice_line_sections', scope, findQuote),
  appendicesRoute('/quotes/{id}/appendices', scope, findQuote),
];
