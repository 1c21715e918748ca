import type { GatewayContext } from '../../context.js';
import type { PennylaneJournal } from '../../datasources/pennylane/accounting.js';
import type { PennylaneBankAccount, PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import { builder } from '../builder.js';
import { BankAccountRef, TransactionRef } from '../banking/refs.js';
import { defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { parseEntityId } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { endpoints, pennylaneIdField } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addRootListField, type ResourceList } from '../shared/list-fields.js';
import { JournalRef, LedgerEntryLineRef, LedgerEntryRef } from './refs.js';

/**
 * Journals: a small list without an id filter, read whole once per request (and cached an
 * hour), so every `journal` edge of a request costs one `GET /journals` at most.
 */

export const JournalType = defineOpenEnum('JournalType', 'What a journal records (Pennylane 2026 `type`).', {
  SALES: { value: 'sales', description: 'Sales: customer invoices and credit notes.' },
  PURCHASES: { value: 'purchases', description: 'Purchases: supplier invoices.' },
  BANK: { value: 'bank', description: 'A bank account\'s movements.' },
  CASH: { value: 'cash', description: 'Cash movements.' },
  MISCELLANEOUS: { value: 'miscellaneous', description: 'Miscellaneous operations (OD).' },
  OPENING: { value: 'opening', description: 'Opening balances (à-nouveaux).' },
});

/** A journal from the request's whole list (null if absent). */
export function loadJournal(ctx: GatewayContext, id: number | string | null | undefined): Promise<PennylaneJournal | null> | null {
  return id === null || id === undefined ? null : ctx.loaders.fromWholeList<PennylaneJournal>('journals', id);
}

builder.node(JournalRef, {
  description: 'An accounting journal (sales, purchases, bank...). Journals have no timestamps.',
  id: { resolve: (journal) => String(journal.id) },
  loadManyWithoutCache: (ids, ctx) => Promise.all(ids.map((id) => ctx.loaders.fromWholeList<PennylaneJournal>('journals', id))),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    code: t.exposeString('code', { description: 'Short code, 2 to 5 letters (e.g. VT, HA, BQ1).' }),
    label: t.exposeString('label', { description: 'Name.' }),
    type: t.field({
      type: JournalType.ref,
      nullable: true,
      description: 'What the journal records; null where Pennylane does not say.',
      resolve: (j) => JournalType.of(j.type),
    }),
  }),
});

export const journalFilter = defineListFilter('Journal', 'journals', {
  type: { field: 'type', kind: 'enum', ref: JournalType.ref, operators: SET_OPERATORS, description: 'Journal type.' },
});

const journalSort = defineListSort('Journal', 'journals', ['id']);

export const JournalConnection = builder.connectionObject(
  { type: JournalRef, name: 'JournalConnection', description: 'A page of journals.' },
  { name: 'JournalEdge', description: 'One of a page of journals.' },
);

builder.queryField('journal', (t) =>
  t.field({
    type: JournalRef,
    nullable: true,
    ...endpoints('GET /journals/{id}', 'GET /journals'),
    description:
      'A journal by id, null if there is none. Served from the whole journal list (one `GET /journals` per request at most, cached): Pennylane has no id filter on journals.',
    args: { id: t.arg.id({ required: true, description: 'Global id (`id`) or Pennylane id (`pennylaneId`).' }) },
    resolve: (_root, args, ctx) => loadJournal(ctx, parseEntityId(String(args.id), ['Journal'], 'id')),
  }),
);

/** The journal list, from which every connection over it is made. */
export const journalList: ResourceList<PennylaneJournal> = {
  type: JournalRef,
  connection: JournalConnection,
  filter: journalFilter,
  sort: journalSort,
  path: '/journals',
  resource: 'journals',
};

addRootListField(journalList, 'journals', 'Journals, newest first by default (`GET /journals`): one call per page.');

const JOURNAL_EDGE = 'Served from the whole journal list: one `GET /journals` per request at most, whatever the number of records.';

builder.objectField(LedgerEntryRef, 'journal', (t) =>
  t.field({
    type: JournalRef,
    nullable: true,
    ...endpoints('GET /journals'),
    description: `The journal the entry is booked in. ${JOURNAL_EDGE}`,
    resolve: (entry, _args, ctx) => loadJournal(ctx, entry.journal_id ?? entry.journal?.id),
  }),
);

builder.objectField(LedgerEntryLineRef, 'journal', (t) =>
  t.field({
    type: JournalRef,
    nullable: true,
    ...endpoints('GET /journals'),
    description: `The journal of the line's entry. ${JOURNAL_EDGE}`,
    resolve: (line, _args, ctx) => loadJournal(ctx, line.journal?.id),
  }),
);

builder.objectField(BankAccountRef, 'journal', (t) =>
  t.field({
    type: JournalRef,
    nullable: true,
    ...endpoints('GET /journals'),
    description: `The bank journal of this account. ${JOURNAL_EDGE}`,
    resolve: (account: PennylaneBankAccount, _args, ctx) => loadJournal(ctx, account.journal?.id),
  }),
);

builder.objectField(TransactionRef, 'journal', (t) =>
  t.field({
    type: JournalRef,
    nullable: true,
    ...endpoints('GET /journals'),
    description: `The journal the transaction is booked in. ${JOURNAL_EDGE}`,
    resolve: (transaction: PennylaneTransaction, _args, ctx) => loadJournal(ctx, transaction.journal?.id ?? transaction.journal_id),
  }),
);
