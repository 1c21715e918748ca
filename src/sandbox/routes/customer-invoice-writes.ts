/**
 * POST/PUT/DELETE customer invoices and PUT …/finalize (API.md §4.1, §5 rules 1–2, 6, 9).
 * Drafts: full edit (lines and sections replaced when sent). Finalized: only
 * FINALIZED_EDITABLE fields, anything else → 422. DELETE and finalize: drafts only (422).
 */
import { unprocessable } from '../errors.js';
import { toCents } from '../money.js';
import type { CustomerInvoiceRecord, Discount, TransactionReference } from '../records.js';
import type { CompanyStore } from '../store.js';
import { bool, int, obj, str, validateBody, type Json, type Schema } from '../validate.js';
import { serializeCustomerInvoice } from './customer-invoice-serializers.js';
import { ok } from './helpers.js';
import { applyFinalize, checkCreditNote, checkFinalizable, settle } from './invoice-state.js';
import {
  checkSections, discountSchema, documentAmounts, inputsOf, priceLines, putLines, putSections, salesLinesSchema, sectionsSchema, storedRanks, totalsOf,
  type SalesLineInput, type SectionInput, type Totals,
} from './sales-lines.js';
import { ensureUniqueReference, keysOutside, mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

export const transactionReferenceSchema = obj({ banking_provider: str(), provider_field_name: str(), provider_field_value: str() }, ['banking_provider', 'provider_field_name', 'provider_field_value'], { nullable: true });

const props: Record<string, Schema> = {
  customer_id: int(),
  date: str({ format: 'date' }),
  deadline: str({ format: 'date' }),
  draft: bool(),
  currency: str({ minLength: 3, maxLength: 3 }),
  language: str({ enum: ['fr_FR', 'en_GB'] }),
  label: str({ nullable: true }),
  external_reference: str({ minLength: 1 }),
  customer_invoice_template_id: int({ nullable: true }),
  pdf_invoice_subject: str(),
  pdf_invoice_free_text: str(),
  pdf_description: str({ nullable: true }),
  special_mention: str({ nullable: true }),
  discount: discountSchema,
  transaction_reference: transactionReferenceSchema,
  invoice_line_sections: sectionsSchema,
  credited_invoice_id: int({ nullable: true }),
  invoice_lines: salesLinesSchema,
};
const createSchema = obj(props, ['customer_id', 'date', 'deadline', 'invoice_lines']);
const updateSchema = obj(Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'draft')));

/** What a finalized invoice still accepts on PUT (our choice; API.md: "limited fields"). */
export const FINALIZED_EDITABLE = ['label', 'pdf_invoice_subject', 'pdf_invoice_free_text', 'pdf_description', 'special_mention', 'external_reference', 'transaction_reference'] as const;
const TEXTS = ['label', 'pdf_invoice_subject', 'pdf_invoice_free_text', 'pdf_description', 'special_mention', 'external_reference'] as const;

function defaultTemplate(company: CompanyStore): number | null {
  return company.tables.customer_invoice_templates.all()[0]?.id ?? null;
}

/** A blank draft row for `customerId` (create, create_from_quote). */
export function blankInvoice(company: CompanyStore, id: number, customerId: number, date: string, deadline: string, now: string): CustomerInvoiceRecord {
  const customer = company.tables.customers.get(customerId);
  return {
    id, label: null, invoice_number: '', currency: 'EUR', exchange_rate: '1.0', currency_amount_before_tax: '0.00', currency_tax: '0.00', currency_amount: '0.00',
    amount_before_tax: '0.00', tax: '0.00', amount: '0.00', date, deadline, language: customer?.billing_language === 'fr_FR' || !customer ? 'fr_FR' : 'en_GB',
    paid: false, status: 'draft', draft: true, credit_note: false, discount: { type: 'relative', value: null }, ledger_entry_id: null, has_pdf: false,
    filename: null, remaining_amount_with_tax: null, remaining_amount_without_tax: null, special_mention: null, pdf_invoice_free_text: '', pdf_invoice_subject: '',
    pdf_description: null, customer_id: customerId, billing_subscription_id: null, credited_invoice_id: null, customer_invoice_template_id: defaultTemplate(company),
    transaction_reference: null, quote_id: null, flow_id: null, categories: [], external_reference: company.rng.uuid(), archived_at: null, e_invoicing: null,
    factur_x: false, schematron_validation_status: null, created_at: now, updated_at: now,
  };
}

/** Draft fields from a body (create or draft PUT); checks references; does not touch lines. */
function applyDraftFields(company: CompanyStore, row: CustomerInvoiceRecord, body: Json): void {
  if (typeof body['customer_id'] === 'number') row.customer_id = mustExist(company.tables.customers, body['customer_id'], 'Customer').id;
  for (const key of TEXTS) if (key in body) (row as unknown as Json)[key] = body[key];
  if (typeof body['date'] === 'string') row.date = body['date'];
  if (typeof body['deadline'] === 'string') row.deadline = body['deadline'];
  if ((row.deadline ?? '') < (row.date ?? '')) throw unprocessable('deadline must be on or after date');
  if (typeof body['currency'] === 'string') row.currency = body['currency'].toUpperCase();
  if (typeof body['language'] === 'string') row.language = body['language'] as CustomerInvoiceRecord['language'];
  if (body['discount']) row.discount = { ...(body['discount'] as Discount) };
  if ('customer_invoice_template_id' in body) {
    const t = body['customer_invoice_template_id'] as number | null;
    row.customer_invoice_template_id = t === null ? null : mustExist(company.tables.customer_invoice_templates, t, 'Customer invoice template').id;
  }
  if ('credited_invoice_id' in body) row.credited_invoice_id = body['credited_invoice_id'] as number | null;
  if ('transaction_reference' in body) {
    if (row.draft && body['transaction_reference'] !== null) throw unprocessable('transaction_reference cannot be set on a draft invoice');
    row.transaction_reference = body['transaction_reference'] as TransactionReference | null;
  }
}

/** Prices the lines (new ones, or the stored ones re-priced) and checks the credit note link; mutates nothing. */
function price(company: CompanyStore, row: CustomerInvoiceRecord, body: Json, sections: SectionInput[] | undefined) {
  const ranks = sections ? checkSections(sections) : storedRanks(company, row.id);
  const inputs = (body['invoice_lines'] as SalesLineInput[] | undefined) ?? inputsOf(company.tables.invoice_lines.byGroup(row.id));
  const lines = priceLines(company, inputs, { draft: row.draft, sectionRanks: ranks, discount: row.discount });
  const totals = totalsOf(lines);
  if (row.credited_invoice_id !== null) checkCreditNote(company, { ...row, draft: true }, row.credited_invoice_id, totals.total);
  return { lines, totals };
}

function storeAmounts(row: CustomerInvoiceRecord, totals: Totals): void {
  Object.assign(row, documentAmounts(totals, row.currency));
  row.credit_note = totals.total < 0n;
}

function createInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createSchema, ctx.body);
  ensureUniqueReference(company.tables.customer_invoices, 'customer invoice', body['external_reference'], null);
  const now = company.clock.nowIso();
  const customer = mustExist(company.tables.customers, body['customer_id'] as number, 'Customer');
  const row = blankInvoice(company, 0, customer.id, body['date'] as string, body['deadline'] as string, now);
  row.draft = body['draft'] === true;
  applyDraftFields(company, row, body);
  const sections = body['invoice_line_sections'] as SectionInput[] | undefined;
  const { lines, totals } = price(company, row, body, sections ?? []);
  storeAmounts(row, totals);
  if (!row.draft) checkFinalizable(company, row, totals.total);
  row.id = company.ids.next('customer_invoices');
  putSections(company, row.id, sections ?? [], now);
  putLines(company, company.tables.invoice_lines, row.id, lines, now);
  settle(company, row);
  if (!row.draft) applyFinalize(company, row, ctx.settings, now);
  company.tables.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'insert');
  return ok(serializeCustomerInvoice(row, ctx), 201);
}

function updateInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.customer_invoices);
  const body = validateBody(updateSchema, ctx.body);
  ensureUniqueReference(company.tables.customer_invoices, 'customer invoice', body['external_reference'], current.id);
  const row = structuredClone(current);
  const at = company.clock.after(current.updated_at);
  if (row.draft) {
    applyDraftFields(company, row, body);
    const sections = body['invoice_line_sections'] as SectionInput[] | undefined;
    const { lines, totals } = price(company, row, body, sections);
    storeAmounts(row, totals);
    if (sections) putSections(company, row.id, sections, at);
    putLines(company, company.tables.invoice_lines, row.id, lines, at);
  } else {
    const refused = keysOutside(body, FINALIZED_EDITABLE);
    if (refused.length > 0) throw unprocessable(`A finalized invoice can only be updated on ${FINALIZED_EDITABLE.join(', ')} (refused: ${refused.join(', ')})`);
    for (const key of FINALIZED_EDITABLE) if (key in body) (row as unknown as Json)[key] = body[key];
  }
  row.updated_at = at;
  company.tables.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'update');
  return ok(serializeCustomerInvoice(row, ctx));
}

function deleteInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const row = pathRecord(ctx, company.tables.customer_invoices);
  if (!row.draft) throw unprocessable('Only draft invoices can be deleted (finalized invoices are cancelled with a credit note)');
  const t = company.tables;
  for (const l of [...t.invoice_lines.byGroup(row.id)]) t.invoice_lines.delete(l.id);
  for (const s of [...t.invoice_line_sections.byGroup(row.id)]) t.invoice_line_sections.delete(s.id);
  for (const a of [...t.appendices.byGroup(row.id)]) {
    t.appendices.delete(a.id);
    company.files.delete(a.id);
  }
  for (const f of [...t.custom_header_fields.byGroup(row.id)]) t.custom_header_fields.delete(f.id);
  t.customer_invoices.delete(row.id);
  company.recordChange('customer_invoices', { ...row, updated_at: company.clock.after(row.updated_at) }, 'delete');
  return { status: 204 };
}

function finalizeInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.customer_invoices);
  if (!current.draft) throw unprocessable('Only draft invoices can be finalized: this invoice is already finalized');
  const row = structuredClone(current);
  checkFinalizable(company, row, toCents(row.amount));
  const at = company.clock.after(current.updated_at);
  applyFinalize(company, row, ctx.settings, at);
  row.updated_at = at;
  company.tables.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'update');
  return ok(serializeCustomerInvoice(row, ctx));
}

const scope = 'customer_invoices';

export const customerInvoiceWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/customer_invoices', scope, handler: createInvoice },
  { method: 'PUT', path: '/customer_invoices/{id}', scope, handler: updateInvoice },
  { method: 'DELETE', path: '/customer_invoices/{id}', scope, handler: deleteInvoice },
  { method: 'PUT', path: '/customer_invoices/{id}/finalize', scope, handler: finalizeInvoice },
];
