import type {
  PennylaneExport,
  PennylaneFiscalYear,
  PennylaneJournal,
  PennylaneLedgerAccount,
  PennylaneLedgerEntry,
  PennylaneLedgerEntryLine,
  PennylaneTrialBalanceRow,
} from '../../datasources/pennylane/accounting.js';
import { builder } from '../builder.js';

/** Type references of the accounting domain (implemented in their own files). */
export const JournalRef = builder.objectRef<PennylaneJournal>('Journal');
export const LedgerAccountRef = builder.objectRef<PennylaneLedgerAccount>('LedgerAccount');
export const LedgerEntryRef = builder.objectRef<PennylaneLedgerEntry>('LedgerEntry');
export const LedgerEntryLineRef = builder.objectRef<PennylaneLedgerEntryLine>('LedgerEntryLine');
export const TrialBalanceRowRef = builder.objectRef<PennylaneTrialBalanceRow>('TrialBalanceRow');
export const FiscalYearRef = builder.objectRef<PennylaneFiscalYear>('FiscalYear');
export const ExportRef = builder.objectRef<PennylaneExport & { kind: ExportKind }>('Export');

export type ExportKind = 'fecs' | 'general_ledgers' | 'analytical_general_ledgers';
