/**
 * Quotes [2026] (API.md §4.1): POST, PUT (not once invoiced), PUT …/update_status
 * (pending | accepted | denied | expired; `invoiced` only through create_from_quote → 422),
 * POST …/send_by_email (409 until the PDF exists). Numbers `D-YYYY-NNNN`; the PDF
 * follows every creation or edit after `pdfDelayMs`.
 */
import { unprocessable } from '../errors.js';
import { QUOTE_STATUSES, type QuoteRecord, type QuoteStatus } from '../records-sales.js';
import type { Discount } from '../records.js';
import { int, obj, str, validateBody, type Json, type Schema } from '../validate.js';
import { sendEmail } from './customer-invoice-actions.js';
import { ok } from './helpers.js';
import { nextNumber } from './invoice-state.js';
import { pdfReadyAt, requirePdf } from './pdf.js';
import { serializeQuote } from './quotes.js';
import {
  checkSections, discountSchema, documentAmounts, inputsOf, priceLines, putLines, putSections, salesLinesSchema, sectionsSchema, storedRanks, totalsOf,
  type SalesLineInput, type SectionInput,
} from './sales-lines.js';
import { ensureUniqueReference, mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const props: Record<string, Schema> = {
  customer_id: int(),
  date: str({ format: 'date' }),
  deadline: str({ format: 'date' }),
  currency: str({ minLength: 3, maxLength: 3 }),
  quote_template_id: int({ nullable: true }),
  label: str({ nullable: true }),
  pdf_invoice_free_text: str(),
  pdf_invoice_subject: str(),
  pdf_description: str({ nullable: true }),
  special_mention: str({ nullable: true }),
  language: str({ enum: ['fr_FR', 'en_GB'] }),
  external_reference: str({ minLength: 1 }),
  discount: discountSchema,
  invoice_line_sections: sectionsSchema,
  invoice_lines: salesLinesSchema,
};
const createSchema = obj(props, ['customer_id', 'date', 'deadline', 'invoice_lines']);
const updateSchema = obj(props);
const statusSchema = obj({ status: str({ enum: QUOTE_STATUSES }) }, ['status']);
const TEXTS = ['date', 'deadline', 'label', 'pdf_invoice_free_text', 'pdf_invoice_subject', 'pdf_description', 'special_mention', 'language', 'external_reference'] as const;

/** Fields, lines and amounts of a quote from a body; all checks first, then lines and sections are stored. */
function applyQuote(ctx: RouteContext, row: QuoteRecord, body: Json, at: string, creating: boolean): void {
  const { company } = ctx;
  if (typeof body['customer_id'] === 'number') row.customer_id = mustExist(company.tables.customers, body['customer_id'], 'Customer').id;
  for (const key of TEXTS) if (key in body) (row as unknown as Json)[key] = body[key];
  if (row.deadline < row.date) throw unprocessable('deadline must be on or after date');
  if (typeof body['currency'] === 'string') row.currency = body['currency'].toUpperCase();
  if (body['discount']) row.discount = { ...(body['discount'] as Discount) };
  const sections = body['invoice_line_sections'] as SectionInput[] | undefined;
  const ranks = sections ? checkSections(sections) : storedRanks(company, row.id);
  const inputs = (body['invoice_lines'] as SalesLineInput[] | undefined) ?? inputsOf(company.tables.document_lines.byGroup(row.id));
  const lines = priceLines(company, inputs, { draft: false, sectionRanks: ranks, discount: row.discount });
  Object.assign(row, documentAmounts(totalsOf(lines), row.currency));
  if (creating) {
    row.id = company.ids.next('quotes');
    row.quote_number = nextNumber(company, 'D', row.date, at);
    row.filename = `Devis_${row.quote_number}.pdf`;
  }
  if (sections) putSections(company, row.id, sections, at);
  putLines(company, company.tables.document_lines, row.id, lines, at);
  row.pdf_ready_micros = pdfReadyAt(company, ctx.settings);
}

function createQuote(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createSchema, ctx.body);
  ensureUniqueReference(company.tables.quotes, 'quote', body['external_reference'], null);
  const customer = mustExist(company.tables.customers, body['customer_id'] as number, 'Customer');
  const now = company.clock.nowIso();
  const row: QuoteRecord = {
    id: 0, quote_number: '', label: null, date: body['date'] as string, deadline: body['deadline'] as string,
    language: customer.billing_language === 'fr_FR' ? 'fr_FR' : 'en_GB', status: 'pending', special_mention: null, filename: '', pdf_invoice_free_text: '',
    pdf_invoice_subject: '', pdf_description: null, customer_id: customer.id, discount: { type: 'relative', value: null }, external_reference: company.rng.uuid(),
    ...documentAmounts({ beforeTax: 0n, tax: 0n, total: 0n }, 'EUR'), created_at: now, updated_at: now,
  };
  applyQuote(ctx, row, body, now, true);
  company.tables.quotes.put(row);
  company.recordChange('quotes', row, 'insert');
  return ok(serializeQuote(row, ctx), 201);
}

function notInvoiced(row: QuoteRecord): void {
  if (row.status === 'invoiced') throw unprocessable('This quote is invoiced: it cannot change any more');
}

function updateQuote(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.quotes);
  const body = validateBody(updateSchema, ctx.body);
  notInvoiced(current);
  ensureUniqueReference(company.tables.quotes, 'quote', body['external_reference'], current.id);
  const row = structuredClone(current);
  const at = company.clock.after(current.updated_at);
  applyQuote(ctx, row, body, at, false);
  row.updated_at = at;
  company.tables.quotes.put(row);
  company.recordChange('quotes', row, 'update');
  return ok(serializeQuote(row, ctx));
}

function updateStatus(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const row = pathRecord(ctx, company.tables.quotes);
  const body = validateBody(statusSchema, ctx.body);
  const status = body['status'] as QuoteStatus;
  notInvoiced(row);
  if (status === 'invoiced') throw unprocessable('A quote becomes invoiced only through POST /customer_invoices/create_from_quote');
  if (row.status !== status) {
    row.status = status;
    row.updated_at = company.clock.after(row.updated_at);
    company.tables.quotes.put(row);
    company.recordChange('quotes', row, 'update');
  }
  return ok(serializeQuote(row, ctx));
}

function sendQuote(ctx: RouteContext): ApiResponse {
  const row = pathRecord(ctx, ctx.company.tables.quotes);
  requirePdf(ctx.company, row, 'quote');
  return sendEmail(ctx, 'quotes', row.id, row.customer_id);
}


export const quoteWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/quotes', scope: 'quotes', handler: createQuote },
  { method: 'PUT', path: '/quotes/{id}', scope: 'quotes', handler: updateQuote },
  { method: 'PUT', path: '/quotes/{id}/update_status', scope: 'quotes', handler: updateStatus },
  { method: 'POST', path: '/quotes/{id}/send_by_email', scope: 'quotes', handler: sendQuote },
];
