import type { Link, Ref } from './common.js';

/** A journal (API.md §4.3): no timestamps; `type` [2026]. */
export interface PennylaneJournal {
  readonly id: number;
  readonly code: string;
  readonly label: string;
  readonly type?: string | null;
}

export interface PennylaneLedgerAccount {
  readonly id: number;
  readonly number: string;
  readonly label: string;
  readonly vat_rate: string | null;
  readonly country_alpha2: string | null;
  readonly enabled: boolean;
  readonly letterable?: boolean;
  readonly created_at?: string;
  readonly updated_at?: string;
}

export interface PennylaneLedgerEntry {
  readonly id: number;
  readonly label: string | null;
  readonly date: string;
  /** [legacy] list form; the 2026 form (and the simulator) also send `journal {id, url}`. */
  readonly journal_id?: number;
  readonly journal?: Ref;
  readonly piece_number?: string | null;
  readonly ledger_attachment_filename: string | null;
  readonly ledger_entry_lines?: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneLedgerEntryLine {
  readonly id: number;
  readonly debit: string;
  readonly credit: string;
  readonly label: string | null;
  readonly date: string;
  readonly ledger_account: Ref;
  readonly journal: Ref;
  readonly ledger_entry: Ref;
  readonly lettered_ledger_entry_lines: { readonly ids: readonly number[]; readonly url: string };
  readonly categories?: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A trial balance row: no id (API.md §4.3). */
export interface PennylaneTrialBalanceRow {
  readonly number: string;
  readonly formatted_number: string;
  readonly label: string;
  readonly debits: string;
  readonly credits: string;
}

export interface PennylaneFiscalYear {
  readonly id: number;
  readonly start: string;
  readonly finish: string;
  readonly status: string;
  readonly created_at?: string;
  readonly updated_at?: string;
}

/** An export (FEC, general ledger, analytical general ledger): started, then polled. */
export interface PennylaneExport {
  readonly id: number;
  /** `pending`, `ready` or `error`. */
  readonly status: string;
  /** Absent from the POST answer; null until ready; valid 10 minutes once handed out. */
  readonly file_url?: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}
