/** Journals, ledger accounts and fiscal years (API.md §4.3). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import { JOURNAL_TYPES, type FiscalYearRecord, type JournalRecord } from '../records-accounting.js';
import type { LedgerAccountRecord } from '../records.js';
import { getRoute, listRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeJournal(j: JournalRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: j.id, code: j.code, label: j.label, type: j.type };
}

/** 401… and 411… accounts (general and auxiliary) can be lettered. */
export function isLetterable(number: string): boolean {
  return number.startsWith('401') || number.startsWith('411');
}

export function serializeLedgerAccount(a: LedgerAccountRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: a.id,
    number: a.number,
    label: a.label,
    vat_rate: a.vat_rate,
    country_alpha2: a.country_alpha2,
    enabled: a.enabled,
    letterable: isLetterable(a.number),
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export function serializeFiscalYear(f: FiscalYearRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: f.id, start: f.start, finish: f.finish, status: f.status, created_at: f.created_at, updated_at: f.updated_at };
}

const journalFilters: FilterSpec<JournalRecord> = {
  type: { type: { enum: JOURNAL_TYPES }, operators: ['eq', 'not_eq', 'in', 'not_in'], get: (j) => j.type },
};
const ledgerAccountFilters: FilterSpec<LedgerAccountRecord> = {
  id: { type: 'id', operators: ALL, get: (a) => a.id },
  number: { type: 'string', operators: ['start_with', 'eq', 'in'], get: (a) => a.number },
  enabled: { type: 'boolean', operators: ['eq'], get: (a) => a.enabled },
};

export const journalsList: ListSpec<JournalRecord> = { filters: journalFilters };
export const ledgerAccountsList: ListSpec<LedgerAccountRecord> = { maxLimit: 1000, filters: ledgerAccountFilters };
export const fiscalYearsList: ListSpec<FiscalYearRecord> = { sort: { start: (f) => f.start } };

export const journalResource: ResourceDef<JournalRecord> = { name: 'journals', rows: (c) => c.tables.journals.all(), serialize: serializeJournal };
export const ledgerAccountResource: ResourceDef<LedgerAccountRecord> = {
  name: 'ledger_accounts',
  rows: (c) => c.tables.ledger_accounts.all(),
  serialize: serializeLedgerAccount,
};
export const fiscalYearResource: ResourceDef<FiscalYearRecord> = { name: 'fiscal_years', rows: (c) => c.tables.fiscal_years.all(), serialize: serializeFiscalYear };

export const accountingRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/journals', scope: 'journals', rows: journalResource.rows, list: journalsList, serialize: serializeJournal }),
  getRoute({ path: '/journals/{id}', scope: 'journals', find: (c, id) => c.tables.journals.get(id), serialize: serializeJournal }),
  listRoute({ path: '/ledger_accounts', scope: 'ledger_accounts', rows: ledgerAccountResource.rows, list: ledgerAccountsList, serialize: serializeLedgerAccount }),
  getRoute({ path: '/ledger_accounts/{id}', scope: 'ledger_accounts', find: (c, id) => c.tables.ledger_accounts.get(id), serialize: serializeLedgerAccount }),
  listRoute({ path: '/fiscal_years', scope: 'fiscal_years:readonly', rows: fiscalYearResource.rows, list: fiscalYearsList, serialize: serializeFiscalYear }),
];
