/**
 * Matching transactions with invoices (API.md §4.1, §4.2, §4.4; §5 rule 8): one
 * transaction per call, many-to-many, not on drafts (422), not on archived invoices.
 * A match allocates min(|outstanding|, |remaining|) when signs agree (else 0.00): the
 * transaction's outstanding_balance and the invoice's remaining amount move, and an
 * invoice payment records the money (payments and matches describe the same money, §6.8).
 */
import { notFound, unprocessable } from '../errors.js';
import { formatCents, toCents } from '../money.js';
import type { TransactionRecord } from '../records-accounting.js';
import type { SupplierInvoiceRecord } from '../records-purchases.js';
import type { Timestamps } from '../records.js';
import type { ChangelogResource, CompanyStore, Table } from '../store.js';
import { int, obj, validateBody } from '../validate.js';
import { remainingWithoutTax } from '../seed/customer-invoices.js';
import { linkMatch } from '../seed/ledger.js';
import { idParam } from './helpers.js';
import { shiftRemaining } from './invoice-state.js';
import { mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

type Kind = 'customer' | 'supplier';
const bodySchema = obj({ transaction_id: int() }, ['transaction_id']);

const abs = (x: bigint) => (x < 0n ? -x : x);

/** What is left to match on an invoice, signed like the money expected (customer > 0, supplier < 0; credit notes the other way). */
function openAmount(company: CompanyStore, kind: Kind, id: number): bigint {
  if (kind === 'supplier') {
    const inv = company.tables.supplier_invoices.get(id);
    return inv ? -toCents(inv.remaining_amount_with_tax) : 0n;
  }
  const inv = company.tables.customer_invoices.get(id);
  if (!inv) return 0n;
  if (!inv.credit_note) return toCents(inv.remaining_amount_with_tax ?? inv.amount);
  const matched = company.transactionsOf(id).reduce((s, txId) => {
    const m = company.tables.transactions.get(txId)?.matches.find((x) => x.invoice_id === id);
    return s + (m ? toCents(m.amount) : 0n);
  }, 0n);
  return toCents(inv.amount) - matched;
}

function touchTransaction(company: CompanyStore, tx: TransactionRecord, at: string): void {
  tx.updated_at = company.clock.after(at > tx.updated_at ? at : tx.updated_at);
  company.tables.transactions.put(tx);
  company.recordChange('transactions', tx, 'update');
}

/** Supplier side of rule 10's payment statuses after a (un)match. */
export function settleSupplier(company: CompanyStore, inv: SupplierInvoiceRecord, remaining: bigint, at: string): void {
  const total = toCents(inv.amount);
  inv.remaining_amount_with_tax = formatCents(remaining);
  inv.remaining_amount_without_tax = formatCents(remainingWithoutTax(remaining, toCents(inv.amount_before_tax), total));
  inv.payment_status = remaining === 0n ? 'fully_paid' : remaining === total ? 'to_be_paid' : 'partially_paid';
  inv.paid = remaining === 0n;
  inv.reconciled = company.transactionsOf(inv.id).length > 0 && remaining === 0n;
  inv.updated_at = company.clock.after(at > inv.updated_at ? at : inv.updated_at);
  company.tables.supplier_invoices.put(inv);
  company.recordChange('supplier_invoices', inv, 'update');
}

function invoiceOf(ctx: RouteContext, kind: Kind): { id: number; draft: boolean; archived: boolean; customerId: number | null; supplierId: number | null } {
  if (kind === 'customer') {
    const inv = pathRecord(ctx, ctx.company.tables.customer_invoices);
    return { id: inv.id, draft: inv.draft, archived: inv.archived_at !== null || inv.status === 'archived', customerId: inv.customer_id, supplierId: null };
  }
  const inv = pathRecord(ctx, ctx.company.tables.supplier_invoices);
  return { id: inv.id, draft: false, archived: inv.accounting_status === 'archived', customerId: null, supplierId: inv.supplier_id };
}

/** Moves the invoice's remaining by `allocated` (signed like the transaction) and adds/removes its payment. */
function applyToInvoice(company: CompanyStore, kind: Kind, invoiceId: number, allocated: bigint, at: string, label: string): number | undefined {
  if (allocated === 0n) {
    touchInvoice(company, kind, invoiceId, at);
    return undefined;
  }
  if (kind === 'customer') {
    const inv = company.tables.customer_invoices.get(invoiceId);
    if (!inv || inv.credit_note) return undefined;
    shiftRemaining(company, inv, -allocated, at);
  } else {
    const inv = company.tables.supplier_invoices.get(invoiceId);
    if (!inv) return undefined;
    settleSupplier(company, inv, toCents(inv.remaining_amount_with_tax) + allocated, at);
  }
  const payments = kind === 'customer' ? company.tables.payments : company.tables.supplier_payments;
  const payment = payments.put({
    id: company.ids.next('payments'), invoice_id: invoiceId, label, currency: 'EUR', currency_amount: formatCents(abs(allocated)), status: 'paid_out', created_at: at, updated_at: at,
  });
  return payment.id;
}

/** The invoice's matched transactions changed without moving money: an `update` all the same. */
function touchInvoice(company: CompanyStore, kind: Kind, invoiceId: number, at: string): void {
  if (kind === 'customer') bump(company, company.tables.customer_invoices, invoiceId, 'customer_invoices', at);
  else bump(company, company.tables.supplier_invoices, invoiceId, 'supplier_invoices', at);
}

function bump<R extends Timestamps & { id: number }>(company: CompanyStore, table: Table<R>, id: number, feed: ChangelogResource, at: string): void {
  const row = table.get(id);
  if (!row) return;
  row.updated_at = company.clock.after(at > row.updated_at ? at : row.updated_at);
  table.put(row);
  company.recordChange(feed, row, 'update');
}

function match(ctx: RouteContext, kind: Kind): ApiResponse {
  const { company } = ctx;
  const inv = invoiceOf(ctx, kind);
  const body = validateBody(bodySchema, ctx.body);
  if (inv.draft) throw unprocessable('Draft invoices cannot be matched with transactions: finalize the invoice first');
  if (inv.archived) throw unprocessable('Archived invoices cannot be matched with transactions');
  const tx = mustExist(company.tables.transactions, body['transaction_id'] as number, 'Transaction');
  if (tx.matches.some((m) => m.invoice_id === inv.id)) return { status: 204 };
  const outstanding = toCents(tx.outstanding_balance ?? tx.amount);
  const open = openAmount(company, kind, inv.id);
  const allocated = outstanding !== 0n && open !== 0n && outstanding > 0n === open > 0n ? (abs(outstanding) < abs(open) ? outstanding : open) : 0n;
  const at = company.clock.nowIso();
  linkMatch(company, inv.id, tx.id);
  const paymentId = applyToInvoice(company, kind, inv.id, allocated, at, `Paiement - ${tx.label}`);
  tx.matches.push({ type: kind, invoice_id: inv.id, amount: formatCents(allocated), ...(paymentId !== undefined ? { payment_id: paymentId } : {}) });
  tx.outstanding_balance = formatCents(outstanding - allocated);
  if (kind === 'customer' && tx.customer_id === null) tx.customer_id = inv.customerId;
  if (kind === 'supplier' && tx.supplier_id === null) tx.supplier_id = inv.supplierId;
  touchTransaction(company, tx, at);
  return { status: 204 };
}

function unmatch(ctx: RouteContext, kind: Kind): ApiResponse {
  const { company } = ctx;
  const inv = invoiceOf(ctx, kind);
  const tx = company.tables.transactions.get(idParam(ctx, 'transaction_id'));
  const found = tx?.matches.find((m) => m.invoice_id === inv.id);
  if (!tx || !found) throw notFound();
  const allocated = toCents(found.amount);
  const at = company.clock.nowIso();
  tx.matches = tx.matches.filter((m) => m !== found);
  tx.outstanding_balance = formatCents(toCents(tx.outstanding_balance ?? tx.amount) + allocated);
  company.invoiceTransactions.set(inv.id, company.transactionsOf(inv.id).filter((id) => id !== tx.id));
  const payments = kind === 'customer' ? company.tables.payments : company.tables.supplier_payments;
  const payment = found.payment_id !== undefined ? payments.get(found.payment_id) : payments.byGroup(inv.id).find((p) => p.currency_amount === formatCents(abs(allocated)));
  if (payment && allocated !== 0n) payments.delete(payment.id);
  if (allocated === 0n) touchInvoice(company, kind, inv.id, at);
  else if (kind === 'customer') {
    const row = company.tables.customer_invoices.get(inv.id);
    if (row && !row.credit_note) shiftRemaining(company, row, allocated, at);
  } else {
    const row = company.tables.supplier_invoices.get(inv.id);
    if (row) settleSupplier(company, row, toCents(row.remaining_amount_with_tax) + abs(allocated), at);
  }
  touchTransaction(company, tx, at);
  return { status: 204 };
}

export const matchingRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/customer_invoices/{id}/matched_transactions', scope: 'customer_invoices', handler: (ctx) => match(ctx, 'customer') },
  { method: 'DELETE', path: '/customer_invoices/{id}/matched_transactions/{transaction_id}', scope: 'customer_invoices', handler: (ctx) => unmatch(ctx, 'customer') },
  { method: 'POST', path: '/supplier_invoices/{id}/matched_transactions', scope: 'supplier_invoices', handler: (ctx) => match(ctx, 'supplier') },
  { method: 'DELETE', path: '/supplier_invoices/{id}/matched_transactions/{transaction_id}', scope: 'supplier_invoices', handler: (ctx) => unmatch(ctx, 'supplier') },
];
