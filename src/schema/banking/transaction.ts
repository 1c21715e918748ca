import type { PennylaneBankAccount, PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneSupplier } from '../../datasources/pennylane/purchases.js';
import { builder } from '../builder.js';
import { SupplierRef } from '../purchases/refs.js';
import { CustomerRef } from '../sales/refs.js';
import { COMPARISON_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { addLookupField, endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { BankAccountRef, TransactionRef } from './refs.js';

/** Bank transactions: id-filtered (batched lookups), children of bank accounts via `bank_account_id in`. */

builder.node(TransactionRef, {
  description:
    'A bank transaction. Amounts are signed exact decimals: positive for money in, negative for money out. A transaction reconciles invoices through matching; an invoice\'s `payments` are another record of the same money, so never add payments and matched transactions together (they double-count).',
  id: { resolve: (transaction) => String(transaction.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneTransaction>('transactions').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { nullable: true, description: 'Bank label.' }),
    date: t.field({ type: 'Date', description: 'Value date.', resolve: (tx) => tx.date }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the transaction.' }),
    currencyAmount: t.field({
      type: 'Decimal',
      description: 'Signed amount in `currency` (negative when money goes out).',
      resolve: (tx) => tx.currency_amount,
    }),
    amount: t.field({ type: 'Decimal', description: 'Signed amount in EUR (negative when money goes out).', resolve: (tx) => tx.amount }),
    currencyFee: t.field({ type: 'Decimal', nullable: true, description: 'Bank fee, in `currency`.', resolve: (tx) => tx.currency_fee }),
    fee: t.field({ type: 'Decimal', nullable: true, description: 'Bank fee, in EUR.', resolve: (tx) => tx.fee }),
    outstandingBalance: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'What is left to reconcile: the amount not yet matched with invoices ("0.00" once fully matched).',
      resolve: (tx) => tx.outstanding_balance,
    }),
    attachmentRequired: t.boolean({
      nullable: true,
      description: 'Whether a receipt must be attached; null where Pennylane does not say.',
      resolve: (tx) => tx.attachment_required ?? null,
    }),
    archivedAt: t.field({ type: 'DateTime', nullable: true, description: 'When archived.', resolve: (tx) => tx.archived_at }),
    ...timestampFields(t),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      ...endpoints('GET /customers'),
      description: 'The customer the transaction was attributed to, if any. Batched: one `id in` call per 100.',
      resolve: (tx, _args, ctx) => (tx.customer ? ctx.loaders.byId<PennylaneCustomer>('customers').load(String(tx.customer.id)) : null),
    }),
    supplier: t.field({
      type: SupplierRef,
      nullable: true,
      ...endpoints('GET /suppliers'),
      description: 'The supplier the transaction was attributed to, if any. Batched: one `id in` call per 100.',
      resolve: (tx, _args, ctx) => (tx.supplier ? ctx.loaders.byId<PennylaneSupplier>('suppliers').load(String(tx.supplier.id)) : null),
    }),
  }),
});

export const transactionFilter = defineListFilter('Transaction', 'transactions', {
  id: { field: 'id', kind: 'id', of: ['Transaction'], operators: SET_OPERATORS, description: 'The transaction\'s id.' },
  bankAccountId: { field: 'bank_account_id', kind: 'id', of: ['BankAccount'], operators: SET_OPERATORS, description: 'The bank account.' },
  journalId: { field: 'journal_id', kind: 'id', of: ['Journal'], operators: SET_OPERATORS, description: 'The bank journal.' },
  date: { field: 'date', kind: 'date', operators: COMPARISON_OPERATORS, description: 'Value date.' },
});

export const transactionSort = defineListSort('Transaction', 'transactions', ['id']);

export const TransactionConnection = builder.connectionObject(
  { type: TransactionRef, name: 'TransactionConnection', description: 'A page of bank transactions.' },
  { name: 'TransactionEdge', description: 'One of a page of bank transactions.' },
);

addLookupField('transaction', {
  type: TransactionRef,
  typenames: ['Transaction'],
  resource: 'transactions',
  description: 'A bank transaction by id.',
  endpoints: ['GET /transactions/{id}'],
});

/** The bank transaction list, from which every connection over it is made. */
export const transactionList: ResourceList<PennylaneTransaction> = {
  type: TransactionRef,
  connection: TransactionConnection,
  filter: transactionFilter,
  sort: transactionSort,
  path: '/transactions',
  resource: 'transactions',
};

addRootListField(
  transactionList,
  'transactions',
  'Bank transactions of every account, newest first by default (`GET /transactions`): one call per page.',
);

addChildListField(transactionList, BankAccountRef, 'transactions', {
  description:
    "This account's transactions, through the `bank_account_id` filter. First pages of many accounts share one `bank_account_id in [...]` call.",
  parentField: 'bank_account_id',
  parentId: (account: PennylaneBankAccount) => account.id,
  parentOf: (transaction) => transaction.bank_account?.id,
});
