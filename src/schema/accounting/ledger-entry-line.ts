import type { PennylaneJournal, PennylaneLedgerAccount, PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import { builder } from '../builder.js';
import { costExtension } from '../cost/cost-kinds.js';
import { ALL_OPERATORS, defineListFilter } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { addLookupField, endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { JournalRef, LedgerAccountRef, LedgerEntryLineRef } from './refs.js';

/** Ledger entry lines: id-filtered, filterable by journal and account (both accept `in`). */

builder.node(LedgerEntryLineRef, {
  description: 'One line of a ledger entry: a debit or a credit (the other is "0.00") on one ledger account.',
  id: { resolve: (line) => String(line.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneLedgerEntryLine>('ledger_entry_lines').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    debit: t.field({ type: 'Decimal', description: 'Debit amount ("0.00" on a credit line).', resolve: (l) => l.debit }),
    credit: t.field({ type: 'Decimal', description: 'Credit amount ("0.00" on a debit line).', resolve: (l) => l.credit }),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    date: t.field({ type: 'Date', description: 'Date of the line\'s entry.', resolve: (l) => l.date }),
    ...timestampFields(t),
    isLettered: t.boolean({
      description: 'Whether the line belongs to a lettering group (matched with other lines, e.g. an invoice and its payment).',
      resolve: (l) => l.lettered_ledger_entry_lines.ids.length > 0,
    }),
    letteredLines: t.field({
      type: [LedgerEntryLineRef],
      // Served from the inline ids, batched by id, rather than one lettered-lines call per line.
      extensions: {
        ...endpoints('GET /ledger_entry_lines/{id}/lettered_ledger_entry_lines', 'GET /ledger_entry_lines').extensions,
        ...costExtension('byId', 'ledger_entry_lines'),
      },
      description:
        'Every line of this line\'s lettering group, this one included (as Pennylane lists it); empty when unlettered. Served from the ids Pennylane sends inline with the line, at no extra call beyond one batched `id in` lookup per 100 lines not already known to the request (never one call per line).',
      resolve: async (line, _args, ctx) => {
        const loader = ctx.loaders.byId<PennylaneLedgerEntryLine>('ledger_entry_lines');
        const lines = await Promise.all(
          line.lettered_ledger_entry_lines.ids.map((id) => (id === line.id ? line : loader.load(String(id)))),
        );
        return lines.filter((l): l is PennylaneLedgerEntryLine => l !== null);
      },
    }),
  }),
});

export const ledgerEntryLineFilter = defineListFilter('LedgerEntryLine', 'ledger_entry_lines', {
  id: { field: 'id', kind: 'id', of: ['LedgerEntryLine'], operators: ALL_OPERATORS, description: 'The line\'s id.' },
  journalId: { field: 'journal_id', kind: 'id', of: ['Journal'], operators: ALL_OPERATORS, description: 'The journal.' },
  ledgerAccountId: { field: 'ledger_account_id', kind: 'id', of: ['LedgerAccount'], operators: ALL_OPERATORS, description: 'The ledger account.' },
  date: { field: 'date', kind: 'date', operators: ALL_OPERATORS, description: 'Date of the line\'s entry.' },
});

export const ledgerEntryLineSort = defineListSort('LedgerEntryLine', 'ledger entry lines', ['id', 'date']);

export const LedgerEntryLineConnection = builder.connectionObject(
  { type: LedgerEntryLineRef, name: 'LedgerEntryLineConnection', description: 'A page of ledger entry lines.' },
  { name: 'LedgerEntryLineEdge', description: 'One of a page of ledger entry lines.' },
);

addLookupField('ledgerEntryLine', {
  type: LedgerEntryLineRef,
  typenames: ['LedgerEntryLine'],
  resource: 'ledger_entry_lines',
  description: 'A ledger entry line by id.',
  endpoints: ['GET /ledger_entry_lines/{id}'],
});

/** The ledger entry line list, from which every connection over it is made. */
export const ledgerEntryLineList: ResourceList<PennylaneLedgerEntryLine> = {
  type: LedgerEntryLineRef,
  connection: LedgerEntryLineConnection,
  filter: ledgerEntryLineFilter,
  sort: ledgerEntryLineSort,
  path: '/ledger_entry_lines',
  resource: 'ledger_entry_lines',
};

addRootListField(
  ledgerEntryLineList,
  'ledgerEntryLines',
  'Ledger entry lines of every journal, newest first by default (`GET /ledger_entry_lines`): one call per page.',
);

addChildListField(ledgerEntryLineList, JournalRef, 'ledgerEntryLines', {
  description:
    "This journal's lines, through the `journal_id` filter. First pages of many journals share one `journal_id in [...]` call.",
  parentField: 'journal_id',
  parentId: (journal: PennylaneJournal) => journal.id,
  parentOf: (line) => line.journal?.id,
});

addChildListField(ledgerEntryLineList, LedgerAccountRef, 'ledgerEntryLines', {
  description:
    'Lines booked to this account (its ledger), through the `ledger_account_id` filter. First pages of many accounts share one `ledger_account_id in [...]` call.',
  parentField: 'ledger_account_id',
  parentId: (account: PennylaneLedgerAccount) => account.id,
  parentOf: (line) => line.ledger_account?.id,
});
