/**
 * POST /customer_invoices/import and PUT …/{id}/update_imported (API.md §4.1, §5 rule 7):
 * an uploaded file (`file_attachment_id`) plus amounts stored as sent, checked for
 * coherence (422); duplicates (external_reference, or invoice_number + customer) → 409;
 * `import_as_incomplete` → status `incomplete` (no entry), else the VT entry is booked.
 */
import { conflict, unprocessable, validationError } from '../errors.js';
import { formatCents, formatDecMin, roundDiv, toCents } from '../money.js';
import type { CustomerInvoiceRecord, InvoiceLineRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { VAT_RATE_CODES } from '../vat-rates.js';
import { arr, bool, int, obj, str, validateBody, type Json } from '../validate.js';
import { assertOpenPeriod, bookDocument, saleLines } from './bookkeeping.js';
import { serializeCustomerInvoice } from './customer-invoice-serializers.js';
import { blankInvoice, transactionReferenceSchema } from './customer-invoice-writes.js';
import { ok } from './helpers.js';
import { amountCents, applyImportedHead, applyLineOps, lineOpsSchema, settleImportedAmounts, unitPriceOf, type LineOps } from './import-rules.js';
import { checkCreditNote, linkCredited, settle, shiftRemaining } from './invoice-state.js';
import { ensureUniqueReference, mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const dec = str({ format: 'decimal' });
const lineSchema = obj({
  label: str({ minLength: 1 }), quantity: dec, unit: str(), raw_currency_unit_price: dec, vat_rate: str({ enum: VAT_RATE_CODES }),
  currency_amount: dec, currency_tax: dec, description: str(), product_id: int(),
}, ['vat_rate', 'currency_amount', 'currency_tax']);
const headProps = {
  file_attachment_id: int(), date: str({ format: 'date' }), deadline: str({ format: 'date' }), customer_id: int(),
  currency_amount_before_tax: dec, currency_amount: dec, currency_tax: dec, import_as_incomplete: bool(), credited_invoice_id: int({ nullable: true }),
  invoice_number: str(), currency: str({ minLength: 3, maxLength: 3 }), amount: dec, tax: dec, transaction_reference: transactionReferenceSchema,
  external_reference: str({ minLength: 1 }), label: str({ nullable: true }), language: str({ enum: ['fr_FR', 'en_GB'] }),
};
const REQUIRED = ['file_attachment_id', 'date', 'deadline', 'customer_id', 'currency_amount_before_tax', 'currency_amount', 'currency_tax', 'invoice_lines'];
const importSchema = obj({ ...headProps, invoice_lines: arr(lineSchema, { minItems: 1 }) }, REQUIRED);
const updateSchema = obj({ ...headProps, invoice_lines: lineOpsSchema(lineSchema) });

interface ImportLine {
  id?: number;
  label?: string;
  quantity?: string;
  unit?: string;
  raw_currency_unit_price?: string;
  vat_rate: string;
  currency_amount: string;
  currency_tax: string;
  description?: string;
  product_id?: number;
}

function asImportLine(l: InvoiceLineRecord): ImportLine & { id: number } {
  return {
    id: l.id, label: l.label, quantity: l.quantity, ...(l.unit !== null ? { unit: l.unit } : {}), raw_currency_unit_price: l.raw_currency_unit_price,
    vat_rate: l.vat_rate, currency_amount: l.currency_amount, currency_tax: l.currency_tax, description: l.description, ...(l.product_id !== null ? { product_id: l.product_id } : {}),
  };
}

function lineRecords(company: CompanyStore, invoiceId: number, lines: readonly ImportLine[], at: string): InvoiceLineRecord[] {
  return lines.map((l, i) => {
    const where = `invoice_lines[${i}]`;
    const product = l.product_id === undefined ? undefined : mustExist(company.tables.products, l.product_id, 'Product');
    const label = l.label ?? product?.label;
    if (label === undefined) throw validationError(`"${where}.label" is required when "product_id" is not given`, `${where}.label`, 'NotExistRequiredKey');
    const amount = amountCents(l.currency_amount, `${where}.currency_amount`);
    const tax = amountCents(l.currency_tax, `${where}.currency_tax`);
    const quantity = l.quantity ?? '1';
    const [a, b, x] = [formatCents(amount), formatCents(amount - tax), formatCents(tax)];
    const existing = l.id === undefined ? undefined : company.tables.invoice_lines.get(l.id);
    return {
      id: l.id ?? 0, invoice_id: invoiceId, label, unit: l.unit ?? product?.unit ?? null, quantity, currency_amount_before_tax: b, currency_tax: x, currency_amount: a,
      amount_before_tax: b, tax: x, amount: a, description: l.description ?? '', product_id: product?.id ?? null, vat_rate: l.vat_rate,
      raw_currency_unit_price: l.raw_currency_unit_price ?? unitPriceOf(amount - tax, quantity), discount: { type: 'relative', value: null }, section_rank: null,
      imputation_dates: null, ledger_account_id: product?.ledger_account_id ?? null, created_at: existing?.created_at ?? at, updated_at: at,
    };
  });
}

function exchangeRate(currency: string, amount: bigint, currencyAmount: bigint): string {
  if (currency === 'EUR' || currencyAmount === 0n || amount === currencyAmount) return '1.0';
  return formatDecMin({ units: roundDiv(amount * 1_000_000n, currencyAmount), scale: 6 }, 1);
}

/** Head fields and amounts from a body onto `row`, checked; returns the line records to store. */
function applyImport(company: CompanyStore, row: CustomerInvoiceRecord, body: Json, lines: readonly ImportLine[], at: string): InvoiceLineRecord[] {
  if (typeof body['customer_id'] === 'number') row.customer_id = mustExist(company.tables.customers, body['customer_id'], 'Customer').id;
  applyImportedHead(company, row, body, ['date', 'deadline', 'invoice_number', 'external_reference', 'label', 'language']);
  const records = lineRecords(company, row.id, lines, at);
  const { amount, documentTotal } = settleImportedAmounts(row, body, records.map((l) => ({ amount: toCents(l.currency_amount), tax: toCents(l.currency_tax) })));
  row.exchange_rate = exchangeRate(row.currency, amount, documentTotal);
  row.credit_note = documentTotal < 0n;
  if (row.invoice_number !== '' && company.tables.customer_invoices.find((i) => i.id !== row.id && i.customer_id === row.customer_id && i.invoice_number === row.invoice_number)) {
    throw conflict(`An invoice numbered "${row.invoice_number}" already exists for this customer`);
  }
  return records;
}

function storeLines(company: CompanyStore, invoiceId: number, records: InvoiceLineRecord[]): void {
  const table = company.tables.invoice_lines;
  const keep = new Set(records.map((r) => r.id));
  for (const old of [...table.byGroup(invoiceId)]) if (!keep.has(old.id)) table.delete(old.id);
  for (const r of records) table.put({ ...r, id: r.id === 0 ? company.ids.next('invoice_lines') : r.id });
}

function book(company: CompanyStore, row: CustomerInvoiceRecord, at: string): void {
  if (row.status === 'incomplete') return;
  row.ledger_entry_id = bookDocument(company, row.ledger_entry_id, saleLines(company, row, company.tables.invoice_lines.byGroup(row.id)), at);
}

function importInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(importSchema, ctx.body);
  ensureUniqueReference(company.tables.customer_invoices, 'customer invoice', body['external_reference'], null);
  const now = company.clock.nowIso();
  const row = blankInvoice(company, 0, mustExist(company.tables.customers, body['customer_id'] as number, 'Customer').id, body['date'] as string, body['deadline'] as string, now);
  Object.assign(row, { draft: false, imported: true, has_pdf: true, pdf_ready_micros: 0 });
  const records = applyImport(company, row, body, body['invoice_lines'] as ImportLine[], now);
  const incomplete = body['import_as_incomplete'] === true;
  row.status = incomplete ? 'incomplete' : row.credit_note ? 'credit_note' : 'upcoming';
  row.credited_invoice_id = (body['credited_invoice_id'] as number | null | undefined) ?? null;
  if (row.credited_invoice_id !== null) checkCreditNote(company, { ...row, draft: true }, row.credited_invoice_id, toCents(row.amount));
  if (!incomplete) assertOpenPeriod(company, row.date ?? now.slice(0, 10));
  row.id = company.ids.next('customer_invoices');
  storeLines(company, row.id, records.map((r) => ({ ...r, invoice_id: row.id })));
  row.remaining_amount_with_tax = row.credit_note ? '0.00' : row.amount;
  settle(company, row);
  book(company, row, now);
  company.tables.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'insert');
  linkCredited(company, row, now);
  return ok(serializeCustomerInvoice(row, ctx), 201);
}

function updateImported(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.customer_invoices);
  const body = validateBody(updateSchema, ctx.body);
  if (current.draft) throw unprocessable('Drafts are not imported invoices: use PUT /customer_invoices/{id}');
  if (!current.imported) throw unprocessable('Only imported invoices can be updated with update_imported');
  ensureUniqueReference(company.tables.customer_invoices, 'customer invoice', body['external_reference'], current.id);
  const row = structuredClone(current);
  const at = company.clock.after(current.updated_at);
  const lines = applyLineOps(company.tables.invoice_lines.byGroup(row.id).map(asImportLine), body['invoice_lines'] as LineOps<ImportLine> | undefined);
  const records = applyImport(company, row, body, lines, at);
  if (row.credit_note !== current.credit_note) throw unprocessable('An imported invoice cannot become a credit note (or stop being one)');
  if (body['import_as_incomplete'] === true && current.status !== 'incomplete') throw unprocessable('A complete invoice cannot be made incomplete again');
  const completing = current.status === 'incomplete' && body['import_as_incomplete'] === false;
  const credited = body['credited_invoice_id'];
  if (typeof credited === 'number' && credited !== current.credited_invoice_id) {
    if (current.credited_invoice_id !== null) throw unprocessable(`This credit note already credits invoice ${current.credited_invoice_id}`);
    checkCreditNote(company, row, credited, toCents(row.amount));
    row.credited_invoice_id = credited;
  }
  if (completing || row.status !== 'incomplete') assertOpenPeriod(company, row.date ?? at.slice(0, 10));
  storeLines(company, row.id, records);
  const delta = toCents(row.amount) - toCents(current.amount);
  if (completing) row.status = row.credit_note ? 'credit_note' : 'upcoming';
  if (!row.credit_note) row.remaining_amount_with_tax = formatCents(toCents(current.remaining_amount_with_tax ?? current.amount) + delta);
  settle(company, row);
  book(company, row, at);
  row.updated_at = at;
  company.tables.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'update');
  followCredit(company, current, row, at);
  return ok(serializeCustomerInvoice(row, ctx));
}

/** An imported credit note that changed (amount, completion, new link): its credited invoice follows. */
function followCredit(company: CompanyStore, before: CustomerInvoiceRecord, after: CustomerInvoiceRecord, at: string): void {
  if (!after.credit_note || after.credited_invoice_id === null || after.status === 'incomplete') return;
  const wasCounted = before.credited_invoice_id === after.credited_invoice_id && before.status !== 'incomplete';
  if (!wasCounted) return linkCredited(company, after, at);
  const delta = toCents(after.amount) - toCents(before.amount);
  const credited = company.tables.customer_invoices.get(after.credited_invoice_id);
  if (credited && delta !== 0n) shiftRemaining(company, credited, delta, at);
}

export const customerImportRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/customer_invoices/import', scope: 'customer_invoices', handler: importInvoice },
  { method: 'PUT', path: '/customer_invoices/{id}/update_imported', scope: 'customer_invoices', handler: updateImported },
];
