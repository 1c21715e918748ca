/** Shared state while generating the accounting books (after customers, products and invoices). */
import type { CategoryRecord, JournalRecord } from '../records-accounting.js';
import type { LedgerAccountRecord } from '../records.js';
import type { SeedContext } from './context.js';

export interface Journals {
  VT: JournalRecord;
  HA: JournalRecord;
  BQ1: JournalRecord;
  BQ2: JournalRecord;
  OD: JournalRecord;
  AN: JournalRecord;
}

/** Categories by group label ("Département", "Projet", "Canal"). */
export type CategoryGroups = ReadonlyMap<string, readonly CategoryRecord[]>;

export interface BooksContext extends SeedContext {
  readonly journals: Journals;
  readonly categoryGroups: CategoryGroups;
  /** First day of the first fiscal year (the AN opening entry's date). */
  readonly booksStart: string;
  /** Invoice id (customer or supplier) → its 411/401 line in the sales/purchase entry. */
  readonly partyLine: Map<number, number>;
  /** Invoice id → 411/401 lines of the entries that settled it (bank or OD). */
  readonly settlementLines: Map<number, number[]>;
  /** A ledger account by number (throws if missing). */
  account(number: string): LedgerAccountRecord;
}
