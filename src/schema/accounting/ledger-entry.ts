import type { PennylaneJournal, PennylaneLedgerEntry, PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import type { Ref } from '../../datasources/pennylane/common.js';
import type { GatewayContext } from '../../context.js';
import { builder } from '../builder.js';
import { SupplierInvoiceRef } from '../purchases/refs.js';
import { CustomerInvoiceRef } from '../sales/refs.js';
import { resolvePennylaneConnection } from '../shared/connection.js';
import { ALL_OPERATORS, COMPARISON_OPERATORS, defineListFilter } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { addLookupField, endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { LedgerEntryLineConnection } from './ledger-entry-line.js';
import { mustExist } from './must-exist.js';
import { JournalRef, LedgerEntryLineRef, LedgerEntryRef } from './refs.js';

/** Ledger entries: id-filtered (batched lookups); their lines are a per-entry sub-collection. */

function loadEntry(ctx: GatewayContext, ref: Ref | null | undefined): Promise<PennylaneLedgerEntry | null> | null {
  return ref ? ctx.loaders.byId<PennylaneLedgerEntry>('ledger_entries').load(String(ref.id)) : null;
}

/** The only filter of `GET /ledger_entries/{id}/ledger_entry_lines` (API.md §3.3). */
const entryLinesFilter = defineListFilter('LedgerEntryLinesOfEntry', 'ledger_entries/{id}/ledger_entry_lines', {
  ledgerAccountId: {
    field: 'ledger_account_id',
    kind: 'id',
    of: ['LedgerAccount'],
    operators: ALL_OPERATORS,
    description: 'The account the lines are booked to.',
  },
});

builder.node(LedgerEntryRef, {
  description: 'A balanced accounting entry (Σ debits = Σ credits) in a journal, made of ledger entry lines.',
  id: { resolve: (entry) => String(entry.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneLedgerEntry>('ledger_entries').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    date: t.field({ type: 'Date', description: 'Accounting date.', resolve: (e) => e.date }),
    pieceNumber: t.string({ nullable: true, description: 'Piece number (e.g. the invoice number).', resolve: (e) => e.piece_number ?? null }),
    ledgerAttachmentFilename: t.exposeString('ledger_attachment_filename', {
      nullable: true,
      description: 'File name of the attached document, if any.',
    }),
    ...timestampFields(t),
    lines: t.connection(
      {
        type: LedgerEntryLineRef,
        ...endpoints('GET /ledger_entries/{id}/ledger_entry_lines'),
        description:
          'The lines of this entry, oldest first. Pennylane has no `ledger_entry_id` filter on lines: one call per entry (and page). The lines are then known to the request, so their `letteredLines` and `ledgerEntryLine(id:)` lookups reuse them.',
        args: { filter: t.arg({ type: entryLinesFilter.ref, required: false, description: 'Conditions, AND-combined, re-sent with every page.' }) },
        resolve: (entry, args, ctx) => {
          const path = `/ledger_entries/${entry.id}/ledger_entry_lines`;
          const request = { list: path, filter: entryLinesFilter.toConditions(args.filter), sort: 'id' };
          return resolvePennylaneConnection(args, request, (params) =>
            ctx.pennylane.list<PennylaneLedgerEntryLine>(path, params, { resource: 'ledger_entry_lines' }),
          );
        },
      },
      LedgerEntryLineConnection,
    ),
  }),
});

export const ledgerEntryFilter = defineListFilter('LedgerEntry', 'ledger_entries', {
  id: { field: 'id', kind: 'id', of: ['LedgerEntry'], operators: ALL_OPERATORS, description: 'The entry\'s id.' },
  journalId: { field: 'journal_id', kind: 'id', of: ['Journal'], operators: ALL_OPERATORS, description: 'The journal.' },
  date: { field: 'date', kind: 'date', operators: COMPARISON_OPERATORS, description: 'Accounting date.' },
});

export const ledgerEntrySort = defineListSort('LedgerEntry', 'ledger entries', ['id', 'date']);

export const LedgerEntryConnection = builder.connectionObject(
  { type: LedgerEntryRef, name: 'LedgerEntryConnection', description: 'A page of ledger entries.' },
  { name: 'LedgerEntryEdge', description: 'One of a page of ledger entries.' },
);

addLookupField('ledgerEntry', {
  type: LedgerEntryRef,
  typenames: ['LedgerEntry'],
  resource: 'ledger_entries',
  description: 'A ledger entry by id.',
  endpoints: ['GET /ledger_entries/{id}'],
});

/** The ledger entry list, from which every connection over it is made. */
export const ledgerEntryList: ResourceList<PennylaneLedgerEntry> = {
  type: LedgerEntryRef,
  connection: LedgerEntryConnection,
  filter: ledgerEntryFilter,
  sort: ledgerEntrySort,
  path: '/ledger_entries',
  resource: 'ledger_entries',
};

addRootListField(
  ledgerEntryList,
  'ledgerEntries',
  'Ledger entries of every journal, newest first by default (`GET /ledger_entries`): one call per page.',
);

addChildListField(ledgerEntryList, JournalRef, 'ledgerEntries', {
  description:
    "This journal's entries, through the `journal_id` filter. First pages of many journals share one `journal_id in [...]` call.",
  parentField: 'journal_id',
  parentId: (journal: PennylaneJournal) => journal.id,
  parentOf: (entry) => entry.journal_id ?? entry.journal?.id,
});

const BATCHED = 'Batched: entries of many records cost one `id in` call per 100.';

builder.objectField(LedgerEntryLineRef, 'ledgerEntry', (t) =>
  t.field({
    type: LedgerEntryRef,
    ...endpoints('GET /ledger_entries'),
    description: `The entry this line belongs to. ${BATCHED}`,
    resolve: (line, _args, ctx) => mustExist(loadEntry(ctx, line.ledger_entry), `ledger entry ${line.ledger_entry.id}`),
  }),
);

builder.objectField(CustomerInvoiceRef, 'ledgerEntry', (t) =>
  t.field({
    type: LedgerEntryRef,
    nullable: true,
    ...endpoints('GET /ledger_entries'),
    description: `The entry generated when the invoice was finalized; null on drafts. ${BATCHED}`,
    resolve: (invoice, _args, ctx) => loadEntry(ctx, invoice.ledger_entry),
  }),
);

builder.objectField(SupplierInvoiceRef, 'ledgerEntry', (t) =>
  t.field({
    type: LedgerEntryRef,
    nullable: true,
    ...endpoints('GET /ledger_entries'),
    description: `The entry booking this invoice, if any. ${BATCHED}`,
    resolve: (invoice, _args, ctx) => loadEntry(ctx, invoice.ledger_entry),
  }),
);
