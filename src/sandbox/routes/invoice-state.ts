/**
 * Customer invoice life cycle (API.md §5 rules 1–6): numbering, finalisation
 * (number, VT entry, PDF later), remaining amount and status, credit notes.
 */
import { unprocessable } from '../errors.js';
import { formatCents, toCents } from '../money.js';
import type { CustomerInvoiceRecord, PaymentConditions } from '../records.js';
import { remainingWithoutTax } from '../seed/customer-invoices.js';
import type { CompanyStore } from '../store.js';
import { addDays } from '../time.js';
import { assertOpenPeriod, bookDocument, saleLines } from './bookkeeping.js';
import { pdfReadyAt } from './pdf.js';
import type { RuntimeSettings } from './types.js';

const DAYS: Readonly<Record<PaymentConditions, number>> = { upon_receipt: 0, custom: 30, '15_days': 15, '30_days': 30, '45_days': 45, '60_days': 60 };

/** Default deadline from the customer's payment conditions (`custom` counts as 30 days). */
export function deadlineFor(date: string, conditions: PaymentConditions): string {
  return addDays(date, DAYS[conditions]);
}

/** Σ totals (negative) of the finalized credit notes that credit `invoiceId`. */
export function creditsOf(company: CompanyStore, invoiceId: number): bigint {
  let sum = 0n;
  for (const n of company.tables.customer_invoices.all()) {
    if (n.credited_invoice_id === invoiceId && n.credit_note && !n.draft && n.status !== 'incomplete') sum += toCents(n.amount);
  }
  return sum;
}

/** Status, `paid` and remaining amounts from the stored remaining amount (rule 3, rule 6). */
export function settle(company: CompanyStore, inv: CustomerInvoiceRecord): void {
  if (inv.draft) {
    Object.assign(inv, { status: 'draft', paid: false, remaining_amount_with_tax: null, remaining_amount_without_tax: null });
    return;
  }
  if (inv.credit_note) {
    if (inv.status !== 'incomplete') inv.status = 'credit_note';
    Object.assign(inv, { paid: false, remaining_amount_with_tax: '0.00', remaining_amount_without_tax: '0.00' });
    return;
  }
  const total = toCents(inv.amount);
  const remaining = toCents(inv.remaining_amount_with_tax ?? inv.amount);
  inv.remaining_amount_without_tax = formatCents(remainingWithoutTax(remaining, toCents(inv.amount_before_tax), total));
  if (inv.status === 'incomplete' || inv.status === 'archived') {
    inv.paid = false;
    return;
  }
  const credits = creditsOf(company, inv.id);
  if (credits !== 0n && total + credits === 0n) inv.status = 'cancelled';
  else if (remaining === 0n) inv.status = 'paid';
  else if (credits !== 0n) inv.status = 'partially_cancelled';
  else inv.status = (inv.deadline ?? '9999-12-31') < company.todayDate() ? 'late' : 'upcoming';
  inv.paid = inv.status === 'paid';
}

/** Moves the remaining amount by `delta` cents, then settles; an `update` change event. */
export function shiftRemaining(company: CompanyStore, inv: CustomerInvoiceRecord, delta: bigint, at: string): void {
  inv.remaining_amount_with_tax = formatCents(toCents(inv.remaining_amount_with_tax ?? inv.amount) + delta);
  settle(company, inv);
  inv.updated_at = company.clock.after(at > inv.updated_at ? at : inv.updated_at);
  company.tables.customer_invoices.put(inv);
  company.recordChange('customer_invoices', inv, 'update');
}

/** A credit note's link (rule 6): the credited invoice must be a finalized invoice of the same customer with enough left to credit. */
export function checkCreditNote(company: CompanyStore, note: CustomerInvoiceRecord, creditedId: number, total: bigint): CustomerInvoiceRecord {
  const credited = company.tables.customer_invoices.get(creditedId);
  if (!credited) throw unprocessable(`Credited invoice ${creditedId} does not exist`);
  if (credited.draft || credited.credit_note) throw unprocessable(`Invoice ${creditedId} cannot be credited: only finalized invoices (not credit notes) can`);
  if (credited.customer_id !== note.customer_id) throw unprocessable(`Invoice ${creditedId} belongs to another customer`);
  if (total >= 0n) throw unprocessable('A credit note must have a negative total (negative quantities or unit prices)');
  const own = note.credited_invoice_id === creditedId && !note.draft ? toCents(note.amount) : 0n;
  const left = toCents(credited.amount) + creditsOf(company, creditedId) - own;
  if (-total > left) throw unprocessable(`The credit note (${formatCents(total)}) exceeds what is left to credit on invoice ${creditedId} (${formatCents(left)})`);
  return credited;
}

/** Next `F-YYYY-NNNN` / `AV-YYYY-NNNN` / `D-YYYY-NNNN` number for the year of `date`; the numbering's next_number follows. */
export function nextNumber(company: CompanyStore, prefix: 'F' | 'AV' | 'D', date: string, at: string): string {
  const year = date.slice(0, 4);
  const head = `${prefix}-${year}-`;
  const numbers = prefix === 'D' ? company.tables.quotes.all().map((q) => q.quote_number) : company.tables.customer_invoices.all().map((i) => i.invoice_number);
  const last = numbers.filter((n) => n.startsWith(head)).reduce((m, n) => Math.max(m, Number(n.slice(head.length)) || 0), 0);
  const numbering = company.tables.numberings.find((n) => n.format.startsWith(`${prefix}-`));
  if (numbering && year === company.todayDate().slice(0, 4)) {
    numbering.next_number = last + 2;
    numbering.updated_at = company.clock.after(at > numbering.updated_at ? at : numbering.updated_at);
    company.tables.numberings.put(numbering);
  }
  return `${head}${String(last + 1).padStart(4, '0')}`;
}

/** Checks that a draft can be finalized (period open, credit note coherent); throws 422s, changes nothing. */
export function checkFinalizable(company: CompanyStore, inv: CustomerInvoiceRecord, total: bigint): void {
  assertOpenPeriod(company, inv.date ?? company.todayDate());
  if (inv.credited_invoice_id !== null) checkCreditNote(company, { ...inv, draft: true }, inv.credited_invoice_id, total);
}

/** Finalizes (rule 2): number, filename, PDF after `pdfDelayMs`, VT entry, status; then the credited invoice follows. Call checkFinalizable first. */
export function applyFinalize(company: CompanyStore, inv: CustomerInvoiceRecord, settings: RuntimeSettings, at: string): void {
  const lines = company.tables.invoice_lines.byGroup(inv.id);
  inv.credit_note = toCents(inv.amount) < 0n;
  inv.draft = false;
  inv.invoice_number = nextNumber(company, inv.credit_note ? 'AV' : 'F', inv.date ?? company.todayDate(), at);
  const word = inv.credit_note ? 'Avoir' : 'Facture';
  inv.filename = `${word}_${inv.invoice_number}.pdf`;
  if (inv.label === null) {
    const name = inv.customer_id === null ? '' : (company.tables.customers.get(inv.customer_id)?.name ?? '');
    inv.label = `${word} ${name} - ${inv.invoice_number}`;
  }
  inv.has_pdf = true;
  inv.pdf_ready_micros = pdfReadyAt(company, settings);
  inv.status = 'upcoming';
  inv.remaining_amount_with_tax = inv.credit_note ? '0.00' : inv.amount;
  settle(company, inv);
  inv.ledger_entry_id = bookDocument(company, null, saleLines(company, inv, lines), at);
  company.tables.customer_invoices.put(inv);
  linkCredited(company, inv, at);
}

/** After a credit note is finalized/linked: the credited invoice's remaining drops by the credit (rule 6). */
export function linkCredited(company: CompanyStore, note: CustomerInvoiceRecord, at: string): void {
  if (note.credited_invoice_id === null || note.draft || !note.credit_note || note.status === 'incomplete') return;
  const credited = company.tables.customer_invoices.get(note.credited_invoice_id);
  if (credited) shiftRemaining(company, credited, toCents(note.amount), at);
}
