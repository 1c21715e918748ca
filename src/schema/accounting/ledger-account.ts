import type { GatewayContext } from '../../context.js';
import type { PennylaneLedgerAccount } from '../../datasources/pennylane/accounting.js';
import type { Ref } from '../../datasources/pennylane/common.js';
import { builder } from '../builder.js';
import { BankAccountRef } from '../banking/refs.js';
import { SupplierRef } from '../purchases/refs.js';
import { CustomerRef, InvoiceLineRef, ProductRef } from '../sales/refs.js';
import { ALL_OPERATORS, defineListFilter } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { addLookupField, endpoints, pennylaneIdField } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addRootListField, type ResourceList } from '../shared/list-fields.js';
import { mustExist } from './must-exist.js';
import { LedgerAccountRef, LedgerEntryLineRef } from './refs.js';

/** Ledger accounts: the chart of accounts, id-filtered (batched lookups), pages up to 1000. */

const LEDGER_ACCOUNTS_PAGE = 1_000;

/** A ledger account through the request's `id in` batch (null when the ref is). */
export function loadLedgerAccount(ctx: GatewayContext, ref: Ref | null | undefined): Promise<PennylaneLedgerAccount | null> | null {
  return ref ? ctx.loaders.byId<PennylaneLedgerAccount>('ledger_accounts').load(String(ref.id)) : null;
}

builder.node(LedgerAccountRef, {
  description: 'An account of the chart of accounts (PCG): general (512000, 706000...) or auxiliary (411…, 401…).',
  id: { resolve: (account) => String(account.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneLedgerAccount>('ledger_accounts').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    number: t.exposeString('number', { description: 'Account number, e.g. 512000 or 411LUMIN (auxiliary accounts may hold letters).' }),
    label: t.exposeString('label', { description: 'Name.' }),
    vatRate: t.exposeString('vat_rate', {
      nullable: true,
      description: 'Default VAT rate code (e.g. FR_200, or `any`), not a percentage.',
    }),
    countryAlpha2: t.exposeString('country_alpha2', { nullable: true, description: 'Country code, or `any`.' }),
    enabled: t.exposeBoolean('enabled', { description: 'Whether the account can be used.' }),
    letterable: t.boolean({
      nullable: true,
      description: 'Whether lines of this account can be lettered; null where Pennylane does not say.',
      resolve: (a) => a.letterable ?? null,
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When created, where Pennylane says.', resolve: (a) => a.created_at ?? null }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'Last change, where Pennylane says.', resolve: (a) => a.updated_at ?? null }),
  }),
});

export const ledgerAccountFilter = defineListFilter('LedgerAccount', 'ledger_accounts', {
  id: { field: 'id', kind: 'id', of: ['LedgerAccount'], operators: ALL_OPERATORS, description: 'The account\'s id.' },
  number: { field: 'number', kind: 'string', operators: ['startWith', 'eq', 'in'], description: 'Account number (`startWith: "411"` for customer accounts).' },
  enabled: { field: 'enabled', kind: 'boolean', operators: ['eq'], description: 'Enabled accounts only (true) or disabled only (false).' },
});

const ledgerAccountSort = defineListSort('LedgerAccount', 'ledger accounts', ['id']);

export const LedgerAccountConnection = builder.connectionObject(
  { type: LedgerAccountRef, name: 'LedgerAccountConnection', description: 'A page of ledger accounts.' },
  { name: 'LedgerAccountEdge', description: 'One of a page of ledger accounts.' },
);

addLookupField('ledgerAccount', {
  type: LedgerAccountRef,
  typenames: ['LedgerAccount'],
  resource: 'ledger_accounts',
  description: 'A ledger account by id.',
  endpoints: ['GET /ledger_accounts/{id}'],
});

/** The ledger account list (the chart of accounts), from which every connection over it is made. */
export const ledgerAccountList: ResourceList<PennylaneLedgerAccount> = {
  type: LedgerAccountRef,
  connection: LedgerAccountConnection,
  filter: ledgerAccountFilter,
  sort: ledgerAccountSort,
  path: '/ledger_accounts',
  resource: 'ledger_accounts',
  maxPageSize: LEDGER_ACCOUNTS_PAGE,
};

addRootListField(
  ledgerAccountList,
  'ledgerAccounts',
  'The chart of accounts, newest first by default (`GET /ledger_accounts`): one call per page; `first` goes up to 1000 here.',
);

const BATCHED = 'Batched: the accounts of many records cost one `id in` call per 100.';

builder.interfaceField(CustomerRef, 'ledgerAccount', (t) =>
  t.field({
    type: LedgerAccountRef,
    nullable: true,
    ...endpoints('GET /ledger_accounts'),
    description: `The customer's auxiliary ledger account (411…). ${BATCHED}`,
    resolve: (customer, _args, ctx) => loadLedgerAccount(ctx, customer.ledger_account),
  }),
);

builder.objectField(SupplierRef, 'ledgerAccount', (t) =>
  t.field({
    type: LedgerAccountRef,
    nullable: true,
    ...endpoints('GET /ledger_accounts'),
    description: `The supplier's auxiliary ledger account (401…). ${BATCHED}`,
    resolve: (supplier, _args, ctx) => loadLedgerAccount(ctx, supplier.ledger_account),
  }),
);

builder.objectField(ProductRef, 'ledgerAccount', (t) =>
  t.field({
    type: LedgerAccountRef,
    nullable: true,
    ...endpoints('GET /ledger_accounts'),
    description: `The revenue account sales of this product are booked to. ${BATCHED}`,
    resolve: (product, _args, ctx) => loadLedgerAccount(ctx, product.ledger_account),
  }),
);

builder.objectField(InvoiceLineRef, 'ledgerAccount', (t) =>
  t.field({
    type: LedgerAccountRef,
    nullable: true,
    ...endpoints('GET /ledger_accounts'),
    description: `The revenue account this line is booked to. ${BATCHED}`,
    resolve: (line, _args, ctx) => loadLedgerAccount(ctx, line.ledger_account),
  }),
);

builder.objectField(BankAccountRef, 'ledgerAccount', (t) =>
  t.field({
    type: LedgerAccountRef,
    nullable: true,
    ...endpoints('GET /ledger_accounts'),
    description: `The bank account's ledger account (512…). ${BATCHED}`,
    resolve: (account, _args, ctx) => loadLedgerAccount(ctx, account.ledger_account),
  }),
);

builder.objectField(LedgerEntryLineRef, 'ledgerAccount', (t) =>
  t.field({
    type: LedgerAccountRef,
    ...endpoints('GET /ledger_accounts'),
    description: `The account the line is booked to. ${BATCHED}`,
    resolve: (line, _args, ctx) => mustExist(loadLedgerAccount(ctx, line.ledger_account), `ledger account ${line.ledger_account.id}`),
  }),
);
