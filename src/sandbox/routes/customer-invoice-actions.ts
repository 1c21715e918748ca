/**
 * Customer invoice actions (API.md §4.1, §5 rules 4–6): mark_as_paid, send_by_email,
 * link_credit_note, create_from_quote; quotes' send_by_email shares the e-mail rules.
 */
import { unprocessable } from '../errors.js';
import { toCents } from '../money.js';
import type { Outbox } from '../outbox.js';
import type { CustomerInvoiceRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { arr, bool, int, obj, str, validateBody } from '../validate.js';
import { serializeCustomerInvoice } from './customer-invoice-serializers.js';
import { blankInvoice } from './customer-invoice-writes.js';
import { ok } from './helpers.js';
import { applyFinalize, checkCreditNote, checkFinalizable, deadlineFor, linkCredited, settle } from './invoice-state.js';
import { requirePdf } from './pdf.js';
import { ensureUniqueReference, mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const emailSchema = obj({ recipients: arr(str({ format: 'email' })) });

/** Rule 5: recipients default to the customer's emails (none at all → 422); the sending is recorded. */
export function sendEmail(ctx: RouteContext, resource: 'customer_invoices' | 'quotes', id: number, customerId: number | null): ApiResponse {
  const body = validateBody(emailSchema, ctx.body);
  const customer = customerId === null ? undefined : ctx.company.tables.customers.get(customerId);
  const recipients = (body['recipients'] as string[] | undefined) ?? customer?.emails ?? [];
  if (recipients.length === 0) throw unprocessable('No recipient: send "recipients" or give the customer an email');
  record(ctx.outbox, ctx.company, resource, id, recipients);
  return { status: 204 };
}

function record(outbox: Outbox, company: CompanyStore, resource: 'customer_invoices' | 'quotes', id: number, recipients: readonly string[]): void {
  outbox.record({ company: company.key, resource, id, recipients, at: company.clock.nowIso() });
}

function sendInvoice(ctx: RouteContext): ApiResponse {
  const inv = pathRecord(ctx, ctx.company.tables.customer_invoices);
  if (inv.draft) throw unprocessable('Only finalized or imported invoices can be sent: finalize the draft first');
  requirePdf(ctx.company, inv, 'invoice');
  return sendEmail(ctx, 'customer_invoices', inv.id, inv.customer_id);
}

function markAsPaid(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const inv = pathRecord(ctx, company.tables.customer_invoices);
  if (inv.draft) throw unprocessable('A draft invoice cannot be marked as paid: finalize it first');
  if (inv.credit_note) throw unprocessable('A credit note cannot be marked as paid');
  if (inv.status === 'cancelled') throw unprocessable('A cancelled invoice cannot be marked as paid');
  if (inv.status === 'incomplete') throw unprocessable('An incomplete imported invoice cannot be marked as paid: complete it first (update_imported)');
  if (inv.status === 'paid') return { status: 204 };
  inv.remaining_amount_with_tax = '0.00';
  settle(company, inv);
  inv.updated_at = company.clock.after(inv.updated_at);
  company.tables.customer_invoices.put(inv);
  company.recordChange('customer_invoices', inv, 'update');
  return { status: 204 };
}

const linkSchema = obj({ credit_note_id: int() }, ['credit_note_id']);

function linkCreditNote(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const inv = pathRecord(ctx, company.tables.customer_invoices);
  const body = validateBody(linkSchema, ctx.body);
  const note = mustExist(company.tables.customer_invoices, body['credit_note_id'] as number, 'Credit note');
  if (!note.credit_note || note.draft) throw unprocessable(`Invoice ${note.id} is not a finalized credit note`);
  if (note.credited_invoice_id === inv.id) return ok(serializeCustomerInvoice(note, ctx));
  if (note.credited_invoice_id !== null) throw unprocessable(`Credit note ${note.id} already credits invoice ${note.credited_invoice_id}`);
  checkCreditNote(company, note, inv.id, toCents(note.amount));
  note.credited_invoice_id = inv.id;
  note.updated_at = company.clock.after(note.updated_at);
  company.tables.customer_invoices.put(note);
  company.recordChange('customer_invoices', note, 'update');
  linkCredited(company, note, note.updated_at);
  return ok(serializeCustomerInvoice(note, ctx));
}

/** Pennylane changelog "V2 - Create Customer Invoice from Quote": quote_id and draft required. */
const fromQuoteSchema = obj({ quote_id: int(), draft: bool(), external_reference: str({ minLength: 1 }), customer_invoice_template_id: int() }, ['quote_id', 'draft']);

function createFromQuote(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(fromQuoteSchema, ctx.body);
  ensureUniqueReference(company.tables.customer_invoices, 'customer invoice', body['external_reference'], null);
  const quote = mustExist(company.tables.quotes, body['quote_id'] as number, 'Quote');
  if (quote.status === 'invoiced') throw unprocessable(`Quote ${quote.id} is already invoiced`);
  const template = body['customer_invoice_template_id'] === undefined ? undefined : mustExist(company.tables.customer_invoice_templates, body['customer_invoice_template_id'] as number, 'Customer invoice template');
  const customer = company.tables.customers.get(quote.customer_id);
  const now = company.clock.nowIso();
  const date = company.todayDate();
  const row: CustomerInvoiceRecord = blankInvoice(company, 0, quote.customer_id, date, deadlineFor(date, customer?.payment_conditions ?? '30_days'), now);
  Object.assign(row, {
    label: quote.label === null ? null : quote.label.replace(/^Devis\b/, 'Facture'), currency: quote.currency, exchange_rate: quote.exchange_rate,
    currency_amount_before_tax: quote.currency_amount_before_tax, currency_tax: quote.currency_tax, currency_amount: quote.currency_amount,
    amount_before_tax: quote.amount_before_tax, tax: quote.tax, amount: quote.amount, language: quote.language, discount: { ...quote.discount },
    special_mention: quote.special_mention, pdf_invoice_free_text: quote.pdf_invoice_free_text, pdf_invoice_subject: quote.pdf_invoice_subject,
    pdf_description: quote.pdf_description, quote_id: quote.id, credit_note: toCents(quote.amount) < 0n, draft: body['draft'] === true,
    ...(template ? { customer_invoice_template_id: template.id } : {}),
    ...(typeof body['external_reference'] === 'string' ? { external_reference: body['external_reference'] } : {}),
  });
  if (!row.draft) checkFinalizable(company, row, toCents(row.amount));
  row.id = company.ids.next('customer_invoices');
  const t = company.tables;
  for (const s of t.invoice_line_sections.byGroup(quote.id)) t.invoice_line_sections.put({ ...s, id: company.ids.next('invoice_line_sections'), parent_id: row.id, created_at: now, updated_at: now });
  for (const l of t.document_lines.byGroup(quote.id)) {
    t.invoice_lines.put({ ...l, discount: { ...l.discount }, imputation_dates: row.draft ? null : l.imputation_dates, id: company.ids.next('invoice_lines'), invoice_id: row.id, created_at: now, updated_at: now });
  }
  settle(company, row);
  if (!row.draft) applyFinalize(company, row, ctx.settings, now);
  t.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'insert');
  quote.status = 'invoiced';
  quote.updated_at = company.clock.after(quote.updated_at);
  t.quotes.put(quote);
  company.recordChange('quotes', quote, 'update');
  return ok(serializeCustomerInvoice(row, ctx), 201);
}

const scope = 'customer_invoices';

export const customerInvoiceActionRoutes: readonly RouteSpec[] = [
  { method: 'PUT', path: '/customer_invoices/{id}/mark_as_paid', scope, handler: markAsPaid },
  { method: 'POST', path: '/customer_invoices/{id}/send_by_email', scope, handler: sendInvoice },
  { method: 'POST', path: '/customer_invoices/{id}/link_credit_note', scope, handler: linkCreditNote },
  { method: 'POST', path: '/customer_invoices/create_from_quote', scope, handler: createFromQuote },
];
