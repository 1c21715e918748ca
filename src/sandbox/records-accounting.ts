/**
 * Records of the accounting, banking and analytics domains (API.md §4.3–4.5).
 * References are plain ids; serializers turn them into links.
 */
import type { CategoryWeight, Timestamps } from './records.js';

/** Journal `type` [2026] (values undocumented upstream; our choice, see README). */
export const JOURNAL_TYPES = ['sales', 'purchases', 'bank', 'cash', 'miscellaneous', 'opening'] as const;
export type JournalType = (typeof JOURNAL_TYPES)[number];

/** Journals have no timestamps (API.md §6.18). */
export interface JournalRecord {
  id: number;
  code: string;
  label: string;
  type: JournalType;
}

export type FiscalYearStatus = 'open' | 'reopen' | 'closed' | 'frozen';

export interface FiscalYearRecord extends Timestamps {
  id: number;
  start: string;
  finish: string;
  status: FiscalYearStatus;
}

export interface LedgerEntryRecord extends Timestamps {
  id: number;
  label: string | null;
  date: string;
  journal_id: number;
  piece_number: string | null;
  ledger_attachment_filename: string | null;
  /** Set by POST/PUT /ledger_entries (a file attachment id; ledger attachments are dead in 2026). */
  ledger_attachment_id?: number | null;
  /** Currency of a run-time entry (default EUR). */
  currency?: string;
  /** Weighted categories of the entry (ledger_entries_categories changelog). */
  categories: CategoryWeight[];
}

export interface LedgerEntryLineRecord extends Timestamps {
  id: number;
  entry_id: number;
  /** Exactly one of debit / credit is "0.00". */
  debit: string;
  credit: string;
  label: string;
  /** The entry's date (denormalized for filters and the trial balance). */
  date: string;
  ledger_account_id: number;
  journal_id: number;
  /** Lettering group (internal key), null when unlettered. */
  lettering_id: number | null;
  categories: CategoryWeight[];
}

export interface BankEstablishmentRecord extends Timestamps {
  id: number;
  name: string;
}

export interface BankAccountRecord extends Timestamps {
  id: number;
  name: string;
  currency: string;
  journal_id: number;
  ledger_account_id: number;
  bank_establishment_id: number;
  /** Balance before the first seeded transaction (the AN opening entry holds it). */
  opening_balance: string;
}

/** One invoice reconciled with a transaction, and the amount allocated to it (signed like the transaction). */
export interface TransactionMatch {
  type: 'customer' | 'supplier';
  invoice_id: number;
  amount: string;
  /** The invoice payment created by a run-time match (removed when unmatched). */
  payment_id?: number;
}

export interface TransactionRecord extends Timestamps {
  id: number;
  label: string;
  date: string;
  currency: string;
  currency_amount: string;
  amount: string;
  currency_fee: string | null;
  fee: string | null;
  /** Left to reconcile: amount − Σ matches ("0.00" when fully matched). */
  outstanding_balance: string | null;
  journal_id: number;
  bank_account_id: number;
  /** Its entry in the bank journal. */
  entry_id: number | null;
  categories: CategoryWeight[];
  matches: TransactionMatch[];
  customer_id: number | null;
  supplier_id: number | null;
  attachment_required: boolean;
  archived_at: string | null;
}

export type CategoryDirection = 'cash_in' | 'cash_out';

export interface CategoryGroupRecord extends Timestamps {
  id: number;
  label: string;
}

export interface CategoryRecord extends Timestamps {
  id: number;
  label: string;
  direction: CategoryDirection | null;
  group_id: number;
  analytical_code: string | null;
}

export const EXPORT_KINDS = ['fecs', 'analytical_general_ledgers', 'general_ledgers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** An asynchronous export; its status is computed at read time from the clock. */
export interface ExportRecord {
  id: number;
  kind: ExportKind;
  period_start: string;
  period_end: string;
  mode: 'in_line' | 'in_column' | null;
  created_micros: number;
  /** Becomes ready at this instant (created + exportDelayMs) unless it failed. */
  ready_micros: number;
  /** Set when the export fails (control.failExport or an `exportError` fault). */
  failed_micros: number | null;
  /** Last time a GET handed out its file_url (the URL is valid 10 minutes). */
  url_issued_micros: number | null;
}
