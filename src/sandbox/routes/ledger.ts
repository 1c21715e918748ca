/** Ledger entries and entry lines, lettering and line categories (API.md §4.3). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import type { LedgerEntryLineRecord, LedgerEntryRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';
import { categoriesRoute } from './categories.js';
import { getRoute, link, listRoute, ref, subListRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeLedgerEntry(e: LedgerEntryRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: e.id,
    label: e.label,
    date: e.date,
    journal: ref(ctx, 'journals', e.journal_id),
    journal_id: e.journal_id,
    piece_number: e.piece_number,
    ledger_attachment_filename: e.ledger_attachment_filename,
    ledger_entry_lines: link(ctx, `/ledger_entries/${e.id}/ledger_entry_lines`),
    created_at: e.created_at,
    updated_at: e.updated_at,
  };
}

export function serializeLedgerEntryLine(l: LedgerEntryLineRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: l.id,
    debit: l.debit,
    credit: l.credit,
    label: l.label,
    date: l.date,
    ledger_account: ref(ctx, 'ledger_accounts', l.ledger_account_id),
    journal: ref(ctx, 'journals', l.journal_id),
    ledger_entry: { id: l.entry_id },
    lettered_ledger_entry_lines: {
      ids: [...ctx.company.letteredWith(l.lettering_id)],
      url: link(ctx, `/ledger_entry_lines/${l.id}/lettered_ledger_entry_lines`).url,
    },
    categories: link(ctx, `/ledger_entry_lines/${l.id}/categories`),
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

const entryFilters: FilterSpec<LedgerEntryRecord> = {
  id: { type: 'id', operators: ALL, get: (e) => e.id },
  journal_id: { type: 'id', operators: ALL, get: (e) => e.journal_id },
  date: { type: 'date', operators: ['lt', 'lteq', 'gt', 'gteq', 'eq', 'not_eq'], get: (e) => e.date },
};
const lineFilters: FilterSpec<LedgerEntryLineRecord> = {
  id: { type: 'id', operators: ALL, get: (l) => l.id },
  journal_id: { type: 'id', operators: ALL, get: (l) => l.journal_id },
  ledger_account_id: { type: 'id', operators: ALL, get: (l) => l.ledger_account_id },
  date: { type: 'date', operators: ALL, get: (l) => l.date },
};

export const ledgerEntriesList: ListSpec<LedgerEntryRecord> = { sort: { date: (e) => e.date }, filters: entryFilters };
export const ledgerEntryLinesList: ListSpec<LedgerEntryLineRecord> = { sort: { date: (l) => l.date }, filters: lineFilters };
const linesOfEntryList: ListSpec<LedgerEntryLineRecord> = {
  filters: { ledger_account_id: { type: 'id', operators: ALL, get: (l) => l.ledger_account_id } },
};
const letteredList: ListSpec<LedgerEntryLineRecord> = {};

/** Lines lettered with `line` (itself included); empty when unlettered. */
export function letteredLines(company: CompanyStore, line: LedgerEntryLineRecord): LedgerEntryLineRecord[] {
  return company.letteredWith(line.lettering_id).flatMap((id) => {
    const l = company.tables.ledger_entry_lines.get(id);
    return l ? [l] : [];
  });
}

export const ledgerEntryResource: ResourceDef<LedgerEntryRecord> = {
  name: 'ledger_entries',
  rows: (c) => c.tables.ledger_entries.all(),
  serialize: serializeLedgerEntry,
};
export const ledgerEntryLineResource: ResourceDef<LedgerEntryLineRecord> = {
  name: 'ledger_entry_lines',
  rows: (c) => c.tables.ledger_entry_lines.all(),
  serialize: serializeLedgerEntryLine,
};

const scope = 'ledger_entries';
const findEntry = (c: CompanyStore, id: number) => c.tables.ledger_entries.get(id);
const findLine = (c: CompanyStore, id: number) => c.tables.ledger_entry_lines.get(id);

export const ledgerRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/ledger_entries', scope, rows: ledgerEntryResource.rows, list: ledgerEntriesList, serialize: serializeLedgerEntry }),
  getRoute({ path: '/ledger_entries/{id}', scope, find: findEntry, serialize: serializeLedgerEntry }),
  subListRoute({
    path: '/ledger_entries/{id}/ledger_entry_lines', scope, parent: findEntry,
    rows: (c, e) => c.tables.ledger_entry_lines.byGroup(e.id), list: linesOfEntryList, serialize: serializeLedgerEntryLine,
  }),
  listRoute({ path: '/ledger_entry_lines', scope, rows: ledgerEntryLineResource.rows, list: ledgerEntryLinesList, serialize: serializeLedgerEntryLine }),
  getRoute({ path: '/ledger_entry_lines/{id}', scope, find: findLine, serialize: serializeLedgerEntryLine }),
  subListRoute({
    path: '/ledger_entry_lines/{id}/lettered_ledger_entry_lines', scope, parent: findLine,
    rows: letteredLines, list: letteredList, serialize: serializeLedgerEntryLine,
  }),
  categoriesRoute('/ledger_entry_lines/{id}/categories', scope, findLine, (l) => l.categories),
];
