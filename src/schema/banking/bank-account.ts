import type { GatewayContext } from '../../context.js';
import type { PennylaneBankAccount } from '../../datasources/pennylane/banking.js';
import { builder } from '../builder.js';
import { resolvePennylaneConnection } from '../shared/connection.js';
import { parseEntityId } from '../shared/ids.js';
import { endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { BankAccountRef, TransactionRef } from './refs.js';

/**
 * Bank accounts: a small list without filters, read whole once per request (cached), so
 * every `bankAccount` edge of a request costs one `GET /bank_accounts` at most.
 */

export function loadBankAccount(ctx: GatewayContext, id: number | string | null | undefined): Promise<PennylaneBankAccount | null> | null {
  return id === null || id === undefined ? null : ctx.loaders.fromWholeList<PennylaneBankAccount>('bank_accounts', id);
}

builder.node(BankAccountRef, {
  description: 'A bank account of the company, with its bank journal and 512… ledger account.',
  id: { resolve: (account) => String(account.id) },
  loadManyWithoutCache: (ids, ctx) => Promise.all(ids.map((id) => ctx.loaders.fromWholeList<PennylaneBankAccount>('bank_accounts', id))),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    name: t.exposeString('name', { description: 'Name.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the account.' }),
    balance: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Current balance, in the account currency; null where Pennylane does not say.',
      resolve: (a) => a.balance ?? null,
    }),
    ...timestampFields(t),
  }),
});

const bankAccountSort = defineListSort('BankAccount', 'bank accounts', ['id']);

export const BankAccountConnection = builder.connectionObject(
  { type: BankAccountRef, name: 'BankAccountConnection', description: 'A page of bank accounts.' },
  { name: 'BankAccountEdge', description: 'One of a page of bank accounts.' },
);

builder.queryField('bankAccount', (t) =>
  t.field({
    type: BankAccountRef,
    nullable: true,
    ...endpoints('GET /bank_accounts/{id}', 'GET /bank_accounts'),
    description:
      'A bank account by id, null if there is none. Served from the whole list of bank accounts (one `GET /bank_accounts` per request at most, cached): Pennylane has no id filter on them.',
    args: { id: t.arg.id({ required: true, description: 'Global id (`id`) or Pennylane id (`pennylaneId`).' }) },
    resolve: (_root, args, ctx) => loadBankAccount(ctx, parseEntityId(String(args.id), ['BankAccount'], 'id')),
  }),
);

builder.queryField('bankAccounts', (t) =>
  t.connection(
    {
      type: BankAccountRef,
      ...endpoints('GET /bank_accounts'),
      description: 'Bank accounts, newest first by default (`GET /bank_accounts`; Pennylane offers no filter here): one call per page.',
      args: { sort: t.arg({ type: bankAccountSort, required: false, description: 'Order; default ID_DESC (newest first).' }) },
      resolve: (_root, args, ctx) =>
        resolvePennylaneConnection(args, { list: '/bank_accounts', sort: args.sort ?? undefined }, (params) =>
          ctx.pennylane.list<PennylaneBankAccount>('/bank_accounts', params, { resource: 'bank_accounts' }),
        ),
    },
    BankAccountConnection,
  ),
);

builder.objectField(TransactionRef, 'bankAccount', (t) =>
  t.field({
    type: BankAccountRef,
    nullable: true,
    ...endpoints('GET /bank_accounts'),
    description:
      'The bank account the transaction was made on. Served from the whole list of bank accounts: one `GET /bank_accounts` per request at most.',
    resolve: (transaction, _args, ctx) => loadBankAccount(ctx, transaction.bank_account?.id),
  }),
);
