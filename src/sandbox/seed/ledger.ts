/** Booking balanced entries, and lettering lines together. */
import { formatCents } from '../money.js';
import type { JournalRecord, LedgerEntryLineRecord, LedgerEntryRecord } from '../records-accounting.js';
import type { CategoryWeight } from '../records.js';
import type { CompanyStore } from '../store.js';
import { processedAfter } from './context.js';
import type { BooksContext } from './books-context.js';

export interface EntryLineSpec {
  readonly account: number;
  /** Signed cents: positive = debit, negative = credit; zero lines are skipped. */
  readonly cents: bigint;
  readonly label: string;
  readonly categories?: CategoryWeight[];
}

export interface EntrySpec {
  /** Preallocated id (customer invoices reserve theirs); a new one otherwise. */
  readonly id?: number;
  readonly journal: JournalRecord;
  readonly date: string;
  readonly label: string | null;
  readonly piece: string | null;
  readonly attachment: string | null;
  readonly createdAt: string;
  readonly categories?: CategoryWeight[];
  readonly lines: readonly EntryLineSpec[];
}

/** Stores a balanced entry and its lines (Σ debit = Σ credit, else throws); returns the lines. */
export function bookEntry(ctx: BooksContext, spec: EntrySpec): LedgerEntryLineRecord[] {
  const { store } = ctx;
  const balance = spec.lines.reduce((s, l) => s + l.cents, 0n);
  if (balance !== 0n) throw new Error(`unbalanced entry "${spec.label}" (${balance})`);
  const entry: LedgerEntryRecord = {
    id: spec.id ?? store.ids.next('ledger_entries'),
    label: spec.label,
    date: spec.date,
    journal_id: spec.journal.id,
    piece_number: spec.piece,
    ledger_attachment_filename: spec.attachment,
    categories: spec.categories ?? [],
    created_at: spec.createdAt,
    updated_at: spec.createdAt,
  };
  store.tables.ledger_entries.put(entry);
  if (entry.categories.length > 0) store.recordChange('ledger_entries_categories', entry, 'insert', processedAfter(ctx, entry.created_at));
  const lines: LedgerEntryLineRecord[] = [];
  for (const l of spec.lines) {
    if (l.cents === 0n) continue;
    const line: LedgerEntryLineRecord = {
      id: store.ids.next('ledger_entry_lines'),
      entry_id: entry.id,
      debit: l.cents > 0n ? formatCents(l.cents) : '0.00',
      credit: l.cents < 0n ? formatCents(-l.cents) : '0.00',
      label: l.label,
      date: spec.date,
      ledger_account_id: l.account,
      journal_id: spec.journal.id,
      lettering_id: null,
      categories: l.categories ? [...l.categories] : [],
      created_at: spec.createdAt,
      updated_at: spec.createdAt,
    };
    store.tables.ledger_entry_lines.put(line);
    store.recordChange('ledger_entry_lines', line, 'insert', processedAfter(ctx, line.created_at));
    if (line.categories.length > 0) store.recordChange('ledger_entry_lines_categories', line, 'insert', processedAfter(ctx, line.created_at));
    lines.push(line);
  }
  return lines;
}

/** Letters lines together at `at` (a new group); their updated_at moves to `at`. */
export function letter(ctx: BooksContext, lineIds: readonly number[], at: string): void {
  const { store } = ctx;
  const key = store.letterings.size + 1;
  const ids = [...new Set(lineIds)].sort((a, b) => a - b);
  store.letterings.set(key, ids);
  for (const id of ids) {
    const line = store.tables.ledger_entry_lines.get(id);
    if (!line) throw new Error(`unknown line ${id}`);
    line.lettering_id = key;
    if (at > line.updated_at) line.updated_at = at;
    store.recordChange('ledger_entry_lines', line, 'update', processedAfter(ctx, line.updated_at));
  }
}

/** Records that transaction `txId` is matched with invoice `invoiceId`. */
export function linkMatch(store: CompanyStore, invoiceId: number, txId: number): void {
  const list = store.invoiceTransactions.get(invoiceId) ?? [];
  list.push(txId);
  list.sort((a, b) => a - b);
  store.invoiceTransactions.set(invoiceId, list);
}
