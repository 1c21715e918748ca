/**
 * Supplier invoices (API.md §4.2, §5 rules 7, 10): POST …/import (uploaded file +
 * coherent amounts, 409 duplicates, HA entry unless incomplete), PUT /{id} (the import's
 * fields, all optional; lines as {create, update, delete}; archived → 422) and
 * PUT …/payment_status (`paid` | `to_be_paid` → 204), PUT …/validate_accounting.
 */
import { conflict, unprocessable } from '../errors.js';
import { formatCents, toCents } from '../money.js';
import type { SupplierInvoiceLineRecord, SupplierInvoiceRecord } from '../records-purchases.js';
import { remainingWithoutTax } from '../seed/customer-invoices.js';
import type { CompanyStore } from '../store.js';
import { VAT_RATE_CODES } from '../vat-rates.js';
import { arr, bool, int, obj, str, validateBody, type Json } from '../validate.js';
import { accountByNumber, assertOpenPeriod, bookDocument, purchaseLines } from './bookkeeping.js';
import { transactionReferenceSchema } from './customer-invoice-writes.js';
import { ok } from './helpers.js';
import { amountCents, applyImportedHead, applyLineOps, lineOpsSchema, settleImportedAmounts, type LineOps } from './import-rules.js';
import { serializeSupplierInvoice } from './supplier-invoices.js';
import { ensureUniqueReference, mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const dec = str({ format: 'decimal' });
const period = obj({ start_date: str({ format: 'date' }), end_date: str({ format: 'date' }) }, ['start_date', 'end_date'], { nullable: true });
const lineSchema = obj({
  label: str({ minLength: 1 }), vat_rate: str({ enum: VAT_RATE_CODES }), currency_amount: dec, currency_tax: dec, description: str(),
  imputation_dates: period, ledger_account_id: int(),
}, ['label', 'vat_rate', 'currency_amount', 'currency_tax']);
const headProps = {
  file_attachment_id: int(), supplier_id: int(), date: str({ format: 'date' }), deadline: str({ format: 'date' }),
  currency_amount_before_tax: dec, currency_amount: dec, currency_tax: dec, import_as_incomplete: bool(), invoice_number: str(),
  currency: str({ minLength: 3, maxLength: 3 }), amount: dec, tax: dec, transaction_reference: transactionReferenceSchema,
  external_reference: str({ minLength: 1 }), label: str({ nullable: true }),
};
const REQUIRED = ['file_attachment_id', 'supplier_id', 'date', 'deadline', 'currency_amount_before_tax', 'currency_amount', 'currency_tax', 'invoice_lines'];
const importSchema = obj({ ...headProps, invoice_lines: arr(lineSchema, { minItems: 1 }) }, REQUIRED);
const updateSchema = obj({ ...headProps, invoice_lines: lineOpsSchema(lineSchema) });
const paymentStatusSchema = obj({ payment_status: str({ enum: ['paid', 'to_be_paid'] }) }, ['payment_status']);

interface ImportLine {
  id?: number;
  label: string;
  vat_rate: string;
  currency_amount: string;
  currency_tax: string;
  description?: string;
  imputation_dates?: { start_date: string; end_date: string } | null;
  ledger_account_id?: number;
}

const asInput = (l: SupplierInvoiceLineRecord): ImportLine & { id: number } => ({
  id: l.id, label: l.label, vat_rate: l.vat_rate, currency_amount: l.currency_amount, currency_tax: l.currency_tax, description: l.description,
  imputation_dates: l.imputation_dates, ledger_account_id: l.ledger_account_id,
});

/** Expense account of a new line: the supplier's last one, else 604000. */
function defaultExpense(company: CompanyStore, supplierId: number): number {
  const last = company.tables.supplier_invoices.all().filter((i) => i.supplier_id === supplierId).at(-1);
  const line = last ? company.tables.supplier_invoice_lines.byGroup(last.id)[0] : undefined;
  return line?.ledger_account_id ?? accountByNumber(company, '604000').id;
}

function lineRecords(company: CompanyStore, row: SupplierInvoiceRecord, lines: readonly ImportLine[], at: string): SupplierInvoiceLineRecord[] {
  return lines.map((l, i) => {
    const where = `invoice_lines[${i}]`;
    const amount = amountCents(l.currency_amount, `${where}.currency_amount`);
    const tax = amountCents(l.currency_tax, `${where}.currency_tax`);
    const account = l.ledger_account_id === undefined ? defaultExpense(company, row.supplier_id) : mustExist(company.tables.ledger_accounts, l.ledger_account_id, 'Ledger account').id;
    if (l.imputation_dates && l.imputation_dates.end_date < l.imputation_dates.start_date) throw unprocessable(`${where}: imputation end_date is before start_date`);
    const [a, b, x] = [formatCents(amount), formatCents(amount - tax), formatCents(tax)];
    const existing = l.id === undefined ? undefined : company.tables.supplier_invoice_lines.get(l.id);
    return {
      id: l.id ?? 0, invoice_id: row.id, label: l.label, currency_amount_before_tax: b, currency_tax: x, currency_amount: a, amount_before_tax: b, tax: x, amount: a,
      description: l.description ?? '', vat_rate: l.vat_rate, imputation_dates: l.imputation_dates ? { ...l.imputation_dates } : null, ledger_account_id: account,
      created_at: existing?.created_at ?? at, updated_at: at,
    };
  });
}

function applyImport(company: CompanyStore, row: SupplierInvoiceRecord, body: Json, lines: readonly ImportLine[], at: string): SupplierInvoiceLineRecord[] {
  if (typeof body['supplier_id'] === 'number') row.supplier_id = mustExist(company.tables.suppliers, body['supplier_id'], 'Supplier').id;
  applyImportedHead(company, row, body, ['date', 'deadline', 'invoice_number', 'external_reference', 'label']);
  const records = lineRecords(company, row, lines, at);
  settleImportedAmounts(row, body, records.map((l) => ({ amount: toCents(l.currency_amount), tax: toCents(l.currency_tax) })));
  if (row.invoice_number !== '' && company.tables.supplier_invoices.find((i) => i.id !== row.id && i.supplier_id === row.supplier_id && i.invoice_number === row.invoice_number)) {
    throw conflict(`An invoice numbered "${row.invoice_number}" already exists for this supplier`);
  }
  return records;
}

function storeLines(company: CompanyStore, invoiceId: number, records: readonly SupplierInvoiceLineRecord[]): void {
  const table = company.tables.supplier_invoice_lines;
  const keep = new Set(records.map((r) => r.id));
  for (const old of [...table.byGroup(invoiceId)]) if (!keep.has(old.id)) table.delete(old.id);
  for (const r of records) table.put({ ...r, invoice_id: invoiceId, id: r.id === 0 ? company.ids.next('supplier_invoice_lines') : r.id });
}

function setRemaining(row: SupplierInvoiceRecord, remaining: bigint): void {
  row.remaining_amount_with_tax = formatCents(remaining);
  row.remaining_amount_without_tax = formatCents(remainingWithoutTax(remaining, toCents(row.amount_before_tax), toCents(row.amount)));
}

function book(company: CompanyStore, row: SupplierInvoiceRecord, at: string): void {
  if (row.accounting_status === 'entry' || row.accounting_status === 'draft') return;
  row.ledger_entry_id = bookDocument(company, row.ledger_entry_id, purchaseLines(company, row, company.tables.supplier_invoice_lines.byGroup(row.id)), at);
}

function importInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(importSchema, ctx.body);
  ensureUniqueReference(company.tables.supplier_invoices, 'supplier invoice', body['external_reference'], null);
  const now = company.clock.nowIso();
  const row: SupplierInvoiceRecord = {
    id: 0, label: null, invoice_number: '', currency: 'EUR', exchange_rate: '1.0', currency_amount_before_tax: '0.00', currency_tax: '0.00', currency_amount: '0.00',
    amount_before_tax: '0.00', tax: '0.00', amount: '0.00', date: null, deadline: null, reconciled: false, accounting_status: 'validation_needed', filename: '',
    remaining_amount_with_tax: '0.00', remaining_amount_without_tax: '0.00', ledger_entry_id: null, supplier_id: 0, transaction_reference: null,
    payment_status: 'to_be_paid', external_reference: company.rng.uuid(), archived_at: null, paid: false, import_source: 'api', flow_id: null, categories: [],
    file_attachment_id: 0, created_at: now, updated_at: now,
  };
  const records = applyImport(company, row, body, body['invoice_lines'] as ImportLine[], now);
  if (body['import_as_incomplete'] === true) row.accounting_status = 'entry';
  else assertOpenPeriod(company, row.date ?? now.slice(0, 10));
  row.id = company.ids.next('supplier_invoices');
  storeLines(company, row.id, records);
  setRemaining(row, toCents(row.amount));
  book(company, row, now);
  company.tables.supplier_invoices.put(row);
  company.recordChange('supplier_invoices', row, 'insert');
  return ok(serializeSupplierInvoice(row, ctx), 201);
}

function updateInvoice(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.supplier_invoices);
  const body = validateBody(updateSchema, ctx.body);
  if (current.accounting_status === 'archived') throw unprocessable('Archived supplier invoices cannot be updated');
  ensureUniqueReference(company.tables.supplier_invoices, 'supplier invoice', body['external_reference'], current.id);
  const row = structuredClone(current);
  const at = company.clock.after(current.updated_at);
  const lines = applyLineOps(company.tables.supplier_invoice_lines.byGroup(row.id).map(asInput), body['invoice_lines'] as LineOps<ImportLine> | undefined);
  const records = applyImport(company, row, body, lines, at);
  if (body['import_as_incomplete'] === true && current.accounting_status !== 'entry') throw unprocessable('A complete invoice cannot be made incomplete again');
  if (body['import_as_incomplete'] === false && current.accounting_status === 'entry') row.accounting_status = 'validation_needed';
  if (row.accounting_status !== 'entry' && row.accounting_status !== 'draft') assertOpenPeriod(company, row.date ?? at.slice(0, 10));
  storeLines(company, row.id, records);
  setRemaining(row, toCents(current.remaining_amount_with_tax) + toCents(row.amount) - toCents(current.amount));
  book(company, row, at);
  row.updated_at = at;
  company.tables.supplier_invoices.put(row);
  company.recordChange('supplier_invoices', row, 'update');
  return ok(serializeSupplierInvoice(row, ctx));
}

/** `paid` → payment_status `paid_offline` (paid outside the bank feed; no entry, no transaction), remaining 0; `to_be_paid` → remaining = total (422 when reconciled). */
function paymentStatus(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const row = pathRecord(ctx, company.tables.supplier_invoices);
  const body = validateBody(paymentStatusSchema, ctx.body);
  if (row.accounting_status === 'archived') throw unprocessable('Archived supplier invoices cannot change payment status');
  if (body['payment_status'] === 'paid') {
    row.payment_status = 'paid_offline';
    row.paid = true;
    setRemaining(row, 0n);
  } else {
    if (row.reconciled || company.transactionsOf(row.id).length > 0) throw unprocessable('This invoice is matched with transactions: unmatch them before setting it to be paid');
    row.payment_status = 'to_be_paid';
    row.paid = false;
    setRemaining(row, toCents(row.amount));
  }
  row.updated_at = company.clock.after(row.updated_at);
  company.tables.supplier_invoices.put(row);
  company.recordChange('supplier_invoices', row, 'update');
  return { status: 204 };
}

/** Rule 10: `validation_needed` → `complete` (idempotent on complete); incomplete/draft or archived → 422. */
function validateAccounting(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const row = pathRecord(ctx, company.tables.supplier_invoices);
  if (row.accounting_status === 'archived') throw unprocessable('Archived supplier invoices cannot be validated');
  if (row.accounting_status === 'draft' || row.accounting_status === 'entry') throw unprocessable(`A supplier invoice in "${row.accounting_status}" cannot be validated: complete it first`);
  if (row.accounting_status !== 'complete') {
    row.accounting_status = 'complete';
    row.updated_at = company.clock.after(row.updated_at);
    company.tables.supplier_invoices.put(row);
    company.recordChange('supplier_invoices', row, 'update');
  }
  return ok(serializeSupplierInvoice(row, ctx));
}

const scope = 'supplier_invoices';

export const supplierInvoiceWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/supplier_invoices/import', scope, handler: importInvoice },
  { method: 'PUT', path: '/supplier_invoices/{id}', scope, handler: updateInvoice },
  { method: 'PUT', path: '/supplier_invoices/{id}/payment_status', scope, handler: paymentStatus },
  { method: 'PUT', path: '/supplier_invoices/{id}/validate_accounting', scope, handler: validateAccounting },
];
