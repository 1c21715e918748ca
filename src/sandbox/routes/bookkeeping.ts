/**
 * Booking at run time, like the seeded books (seed/ledger.ts, seed/sales-entries.ts):
 * VT entries of customer invoices, HA entries of supplier invoices, generic
 * balanced entries, and their change events.
 */
import { unprocessable } from '../errors.js';
import { formatCents, toCents } from '../money.js';
import type { JournalRecord, LedgerEntryLineRecord, LedgerEntryRecord } from '../records-accounting.js';
import type { SupplierInvoiceLineRecord, SupplierInvoiceRecord } from '../records-purchases.js';
import type { CategoryWeight, CustomerInvoiceRecord, InvoiceLineRecord, LedgerAccountRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { detach } from './letters.js';

export interface BookLine {
  readonly account: number;
  /** Signed cents: positive = debit, negative = credit; zero lines are skipped. */
  readonly cents: bigint;
  readonly label: string;
  readonly categories?: readonly CategoryWeight[];
}

export interface EntryHead {
  readonly journalId: number;
  readonly date: string;
  readonly label: string | null;
  readonly piece: string | null;
  readonly attachment: string | null;
  readonly categories?: readonly CategoryWeight[];
}

export function journalByCode(company: CompanyStore, code: string): JournalRecord {
  const journal = company.tables.journals.find((j) => j.code === code);
  if (!journal) throw unprocessable(`Journal ${code} does not exist`);
  return journal;
}

export function accountByNumber(company: CompanyStore, number: string): LedgerAccountRecord {
  const account = company.tables.ledger_accounts.find((a) => a.number === number);
  if (!account) throw unprocessable(`Ledger account ${number} does not exist`);
  return account;
}

/** Entries cannot be booked in a closed or frozen fiscal year (422). */
export function assertOpenPeriod(company: CompanyStore, date: string): void {
  const year = company.tables.fiscal_years.find((f) => f.start <= date && date <= f.finish);
  if (year && (year.status === 'closed' || year.status === 'frozen')) {
    throw unprocessable(`The fiscal year ${year.start} – ${year.finish} is ${year.status}: nothing can be booked on ${date}`);
  }
}

function putLines(company: CompanyStore, entry: LedgerEntryRecord, lines: readonly BookLine[], at: string): LedgerEntryLineRecord[] {
  const out: LedgerEntryLineRecord[] = [];
  for (const l of lines) {
    if (l.cents === 0n) continue;
    const line: LedgerEntryLineRecord = {
      id: company.ids.next('ledger_entry_lines'),
      entry_id: entry.id,
      debit: l.cents > 0n ? formatCents(l.cents) : '0.00',
      credit: l.cents < 0n ? formatCents(-l.cents) : '0.00',
      label: l.label,
      date: entry.date,
      ledger_account_id: l.account,
      journal_id: entry.journal_id,
      lettering_id: null,
      categories: l.categories ? l.categories.map((c) => ({ ...c })) : [],
      created_at: at,
      updated_at: at,
    };
    company.tables.ledger_entry_lines.put(line);
    company.recordChange('ledger_entry_lines', line, 'insert');
    if (line.categories.length > 0) company.recordChange('ledger_entry_lines_categories', line, 'insert');
    out.push(line);
  }
  return out;
}

/** Stores a balanced entry and its lines (an unbalanced one is a bug: throws). */
export function createEntry(company: CompanyStore, head: EntryHead, lines: readonly BookLine[], at: string, extra: Partial<LedgerEntryRecord> = {}): LedgerEntryRecord {
  if (lines.reduce((s, l) => s + l.cents, 0n) !== 0n) throw new Error(`unbalanced entry "${head.label ?? ''}"`);
  const entry: LedgerEntryRecord = {
    id: company.ids.next('ledger_entries'),
    label: head.label,
    date: head.date,
    journal_id: head.journalId,
    piece_number: head.piece,
    ledger_attachment_filename: head.attachment,
    categories: head.categories ? head.categories.map((c) => ({ ...c })) : [],
    created_at: at,
    updated_at: at,
    ...extra,
  };
  company.tables.ledger_entries.put(entry);
  if (entry.categories.length > 0) company.recordChange('ledger_entries_categories', entry, 'insert');
  putLines(company, entry, lines, at);
  return entry;
}

/** Deletes one line (unlettered first) with a `delete` change event. */
export function deleteLine(company: CompanyStore, line: LedgerEntryLineRecord, at: string): void {
  detach(company, line, at);
  company.tables.ledger_entry_lines.delete(line.id);
  company.recordChange('ledger_entry_lines', { ...line, updated_at: company.clock.after(at) }, 'delete');
}

/** Replaces every line of an entry (re-booking an edited invoice), head fields too. */
export function rebookEntry(company: CompanyStore, entry: LedgerEntryRecord, head: EntryHead, lines: readonly BookLine[], at: string): void {
  if (lines.reduce((s, l) => s + l.cents, 0n) !== 0n) throw new Error(`unbalanced entry "${head.label ?? ''}"`);
  for (const old of [...company.tables.ledger_entry_lines.byGroup(entry.id)]) deleteLine(company, old, at);
  Object.assign(entry, { label: head.label, date: head.date, journal_id: head.journalId, piece_number: head.piece, ledger_attachment_filename: head.attachment });
  entry.updated_at = company.clock.after(at);
  company.tables.ledger_entries.put(entry);
  putLines(company, entry, lines, entry.updated_at);
}

/** Lines on revenue (7…) and expense (6…) accounts carry the document's categories. */
function analytic(company: CompanyStore, line: LedgerEntryLineRecord): boolean {
  const n = company.tables.ledger_accounts.get(line.ledger_account_id)?.number ?? '';
  return n.startsWith('6') || n.startsWith('7');
}

/** A document was recategorised: its entry and its 6…/7… lines follow (categories changelogs). */
export function recategorizeEntry(company: CompanyStore, entryId: number | null, categories: readonly CategoryWeight[], at: string): void {
  const entry = entryId === null ? undefined : company.tables.ledger_entries.get(entryId);
  if (!entry) return;
  entry.categories = categories.map((c) => ({ ...c }));
  entry.updated_at = company.clock.after(at);
  company.tables.ledger_entries.put(entry);
  company.recordChange('ledger_entries_categories', entry, 'update');
  for (const line of company.tables.ledger_entry_lines.byGroup(entry.id)) {
    if (!analytic(company, line)) continue;
    line.categories = categories.map((c) => ({ ...c }));
    line.updated_at = company.clock.after(at);
    company.tables.ledger_entry_lines.put(line);
    company.recordChange('ledger_entry_lines_categories', line, 'update');
  }
}

/** Spreads `total` over per-line amounts: the residual (import rounding) goes to the last line. */
function withResidual(lines: BookLine[], total: bigint): BookLine[] {
  const sum = lines.reduce((s, l) => s + l.cents, 0n);
  const last = lines[lines.length - 1];
  if (!last || sum === total) return lines;
  return [...lines.slice(0, -1), { ...last, cents: last.cents + (total - sum) }];
}

/** VT lines of a customer invoice: debit 411 (TTC), credit revenue per line (HT), credit 445710 (tax). */
export function saleLines(company: CompanyStore, inv: CustomerInvoiceRecord, lines: readonly InvoiceLineRecord[]): { head: EntryHead; lines: BookLine[] } {
  const customer = inv.customer_id === null ? undefined : company.tables.customers.get(inv.customer_id);
  const party = customer?.ledger_account_id ?? accountByNumber(company, '411000').id;
  const services = accountByNumber(company, '706000').id;
  const label = inv.label ?? `Facture ${customer?.name ?? ''}`.trim();
  const revenue = lines.map((l) => ({ account: l.ledger_account_id ?? services, cents: -toCents(l.amount_before_tax), label: l.label, categories: inv.categories }));
  const head = { journalId: journalByCode(company, 'VT').id, date: inv.date ?? company.todayDate(), label, piece: inv.invoice_number, attachment: inv.filename, categories: inv.categories };
  return {
    head,
    lines: [
      { account: party, cents: toCents(inv.amount), label },
      ...withResidual(revenue, -(toCents(inv.amount) - toCents(inv.tax))),
      { account: accountByNumber(company, '445710').id, cents: -toCents(inv.tax), label: `TVA collectée - ${inv.invoice_number}` },
    ],
  };
}

/** HA lines of a supplier invoice: credit 401 (TTC), debit expenses per line (HT), debit 445660 (tax). */
export function purchaseLines(company: CompanyStore, inv: SupplierInvoiceRecord, lines: readonly SupplierInvoiceLineRecord[]): { head: EntryHead; lines: BookLine[] } {
  const supplier = company.tables.suppliers.get(inv.supplier_id);
  const party = supplier?.ledger_account_id ?? accountByNumber(company, '401000').id;
  const label = inv.label ?? `Facture ${supplier?.name ?? ''}`.trim();
  const expenses = lines.map((l) => ({ account: l.ledger_account_id, cents: toCents(l.amount_before_tax), label: l.label, categories: inv.categories }));
  const head = { journalId: journalByCode(company, 'HA').id, date: inv.date ?? company.todayDate(), label, piece: inv.invoice_number, attachment: inv.filename, categories: inv.categories };
  return {
    head,
    lines: [
      { account: party, cents: -toCents(inv.amount), label },
      ...withResidual(expenses, toCents(inv.amount) - toCents(inv.tax)),
      { account: accountByNumber(company, '445660').id, cents: toCents(inv.tax), label: `TVA déductible - ${inv.invoice_number}` },
    ],
  };
}

/** Books (or re-books) a document's entry; returns the entry id. */
export function bookDocument(company: CompanyStore, entryId: number | null, booking: { head: EntryHead; lines: BookLine[] }, at: string): number {
  const existing = entryId === null ? undefined : company.tables.ledger_entries.get(entryId);
  if (existing) {
    rebookEntry(company, existing, booking.head, booking.lines, at);
    return existing.id;
  }
  return createEntry(company, booking.head, booking.lines, at).id;
}
