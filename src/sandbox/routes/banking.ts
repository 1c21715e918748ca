/** Bank accounts, bank establishments and transactions (API.md §4.4). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import { formatCents, toCents } from '../money.js';
import type { BankAccountRecord, BankEstablishmentRecord, TransactionRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';
import { categoriesRoute, inlineCategories } from './categories.js';
import { getRoute, link, listRoute, ref, subListRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

/** Opening balance plus every transaction of the account. */
export function balanceOf(company: CompanyStore, account: BankAccountRecord): string {
  let cents = toCents(account.opening_balance);
  for (const t of company.tables.transactions.byGroup(account.id)) cents += toCents(t.amount);
  return formatCents(cents);
}

export function serializeBankAccount(a: BankAccountRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    currency: a.currency,
    journal: ref(ctx, 'journals', a.journal_id),
    ledger_account: ref(ctx, 'ledger_accounts', a.ledger_account_id),
    bank_establishment: { id: a.bank_establishment_id },
    balance: balanceOf(ctx.company, a),
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export function serializeBankEstablishment(b: BankEstablishmentRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: b.id, name: b.name, created_at: b.created_at, updated_at: b.updated_at };
}

export function serializeTransaction(t: TransactionRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: t.id,
    label: t.label,
    date: t.date,
    outstanding_balance: t.outstanding_balance,
    currency: t.currency,
    currency_amount: t.currency_amount,
    amount: t.amount,
    currency_fee: t.currency_fee,
    fee: t.fee,
    journal: ref(ctx, 'journals', t.journal_id),
    bank_account: ref(ctx, 'bank_accounts', t.bank_account_id),
    categories: inlineCategories(ctx, t.categories),
    matched_invoices: link(ctx, `/transactions/${t.id}/matched_invoices`),
    customer: t.customer_id === null ? null : { id: t.customer_id },
    supplier: t.supplier_id === null ? null : { id: t.supplier_id },
    attachment_required: t.attachment_required,
    archived_at: t.archived_at,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

/** An item of `GET /transactions/{id}/matched_invoices`. */
export interface MatchedInvoice {
  readonly id: number;
  readonly type: 'customer' | 'supplier';
}

export function serializeMatchedInvoice(m: MatchedInvoice, ctx: SerializeContext): Record<string, unknown> {
  return { id: m.id, type: m.type, url: ref(ctx, m.type === 'customer' ? 'customer_invoices' : 'supplier_invoices', m.id).url };
}

/** Transactions matched with an invoice (customer or supplier), ascending id. */
export function transactionsOfInvoice(company: CompanyStore, invoiceId: number): TransactionRecord[] {
  return company.transactionsOf(invoiceId).flatMap((id) => {
    const t = company.tables.transactions.get(id);
    return t ? [t] : [];
  });
}

const ids = ['eq', 'not_eq', 'in', 'not_in'] as const;
const transactionFilters: FilterSpec<TransactionRecord> = {
  id: { type: 'id', operators: ids, get: (t) => t.id },
  bank_account_id: { type: 'id', operators: ids, get: (t) => t.bank_account_id },
  journal_id: { type: 'id', operators: ids, get: (t) => t.journal_id },
  date: { type: 'date', operators: ['eq', 'not_eq', 'gt', 'lt', 'lteq', 'gteq'], get: (t) => t.date },
};
export const transactionsList: ListSpec<TransactionRecord> = { filters: transactionFilters };
const bankAccountsList: ListSpec<BankAccountRecord> = {};
const establishmentsList: ListSpec<BankEstablishmentRecord> = { filters: { id: { type: 'id', operators: ALL, get: (b) => b.id } } };
const matchedList: ListSpec<MatchedInvoice> = {};

export const bankAccountResource: ResourceDef<BankAccountRecord> = { name: 'bank_accounts', rows: (c) => c.tables.bank_accounts.all(), serialize: serializeBankAccount };
export const bankEstablishmentResource: ResourceDef<BankEstablishmentRecord> = {
  name: 'bank_establishments',
  rows: (c) => c.tables.bank_establishments.all(),
  serialize: serializeBankEstablishment,
};
export const transactionResource: ResourceDef<TransactionRecord> = { name: 'transactions', rows: (c) => c.tables.transactions.all(), serialize: serializeTransaction };

const findTransaction = (c: CompanyStore, id: number) => c.tables.transactions.get(id);

export const bankingRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/bank_accounts', scope: 'bank_accounts', rows: bankAccountResource.rows, list: bankAccountsList, serialize: serializeBankAccount }),
  getRoute({ path: '/bank_accounts/{id}', scope: 'bank_accounts', find: (c, id) => c.tables.bank_accounts.get(id), serialize: serializeBankAccount }),
  listRoute({
    path: '/bank_establishments', scope: 'bank_establishments:readonly', rows: bankEstablishmentResource.rows,
    list: establishmentsList, serialize: serializeBankEstablishment,
  }),
  listRoute({ path: '/transactions', scope: 'transactions', rows: transactionResource.rows, list: transactionsList, serialize: serializeTransaction }),
  getRoute({ path: '/transactions/{id}', scope: 'transactions', find: findTransaction, serialize: serializeTransaction }),
  categoriesRoute('/transactions/{id}/categories', 'transactions', findTransaction, (t) => t.categories),
  subListRoute({
    path: '/transactions/{id}/matched_invoices', scope: 'transactions', parent: findTransaction,
    rows: (_c, t) => t.matches.map((m) => ({ id: m.invoice_id, type: m.type })), list: matchedList, serialize: serializeMatchedInvoice,
  }),
];
