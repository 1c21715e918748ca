/** Supplier invoices and their sub-collections (API.md §4.2). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import type { SupplierInvoiceLineRecord, SupplierInvoiceRecord } from '../records-purchases.js';
import type { PaymentRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { serializeTransaction, transactionsOfInvoice } from './banking.js';
import { categoriesRoute } from './categories.js';
import { serializePayment } from './customer-invoice-serializers.js';
import { getRoute, link, listRoute, ref, subListRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeSupplierInvoice(inv: SupplierInvoiceRecord, ctx: SerializeContext): Record<string, unknown> {
  const sub = (suffix: string) => link(ctx, `/supplier_invoices/${inv.id}/${suffix}`);
  return {
    id: inv.id,
    label: inv.label,
    invoice_number: inv.invoice_number,
    currency: inv.currency,
    amount: inv.amount,
    currency_amount: inv.currency_amount,
    currency_amount_before_tax: inv.currency_amount_before_tax,
    exchange_rate: inv.exchange_rate,
    currency_tax: inv.currency_tax,
    tax: inv.tax,
    date: inv.date,
    deadline: inv.deadline,
    reconciled: inv.reconciled,
    accounting_status: inv.accounting_status,
    filename: inv.filename,
    public_file_url: `${ctx.links.origin}/__files/supplier_invoices/${inv.id}.pdf`,
    remaining_amount_with_tax: inv.remaining_amount_with_tax,
    remaining_amount_without_tax: inv.remaining_amount_without_tax,
    ledger_entry: inv.ledger_entry_id === null ? null : { id: inv.ledger_entry_id },
    supplier: ref(ctx, 'suppliers', inv.supplier_id),
    invoice_lines: sub('invoice_lines'),
    categories: sub('categories'),
    payments: sub('payments'),
    matched_transactions: sub('matched_transactions'),
    transaction_reference: inv.transaction_reference ? { ...inv.transaction_reference } : null,
    payment_status: inv.payment_status,
    paid: inv.paid,
    import_source: inv.import_source,
    e_invoicing: inv.e_invoicing ?? null,
    external_reference: inv.external_reference,
    archived_at: inv.archived_at,
    created_at: inv.created_at,
    updated_at: inv.updated_at,
  };
}

export function serializeSupplierInvoiceLine(l: SupplierInvoiceLineRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: l.id,
    label: l.label,
    amount: l.amount,
    currency_amount: l.currency_amount,
    description: l.description,
    vat_rate: l.vat_rate,
    currency_amount_before_tax: l.currency_amount_before_tax,
    currency_tax: l.currency_tax,
    tax: l.tax,
    imputation_dates: l.imputation_dates ? { ...l.imputation_dates } : null,
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

const refOps = ['eq', 'not_eq', 'in', 'not_in'] as const;
const filters: FilterSpec<SupplierInvoiceRecord> = {
  id: { type: 'id', operators: ALL, get: (i) => i.id },
  supplier_id: { type: 'id', operators: ALL, get: (i) => i.supplier_id },
  date: { type: 'date', operators: ALL, get: (i) => i.date },
  invoice_number: { type: 'string', operators: refOps, get: (i) => i.invoice_number },
  external_reference: { type: 'string', operators: refOps, get: (i) => i.external_reference },
  category_id: { type: 'id', operators: ['in'], get: (i) => i.categories.map((c) => c.category_id) },
  flow_id: { type: 'id_or_string', operators: refOps, get: (i) => i.flow_id },
};

export const supplierInvoicesList: ListSpec<SupplierInvoiceRecord> = { sort: { date: (i) => i.date }, filters };
const linesList: ListSpec<SupplierInvoiceLineRecord> = {};
const paymentsList: ListSpec<PaymentRecord> = {};

export const supplierInvoiceResource: ResourceDef<SupplierInvoiceRecord> = {
  name: 'supplier_invoices',
  rows: (c) => c.tables.supplier_invoices.all(),
  serialize: serializeSupplierInvoice,
};

const scope = 'supplier_invoices';
const findInvoice = (c: CompanyStore, id: number) => c.tables.supplier_invoices.get(id);

export const supplierInvoiceRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/supplier_invoices', scope, rows: supplierInvoiceResource.rows, list: supplierInvoicesList, serialize: serializeSupplierInvoice }),
  getRoute({ path: '/supplier_invoices/{id}', scope, find: findInvoice, serialize: serializeSupplierInvoice }),
  subListRoute({
    path: '/supplier_invoices/{id}/invoice_lines', scope, parent: findInvoice,
    rows: (c, inv) => c.tables.supplier_invoice_lines.byGroup(inv.id), list: linesList, serialize: serializeSupplierInvoiceLine,
  }),
  subListRoute({
    path: '/supplier_invoices/{id}/payments', scope, parent: findInvoice,
    rows: (c, inv) => c.tables.supplier_payments.byGroup(inv.id), list: paymentsList, serialize: serializePayment,
  }),
  subListRoute({
    path: '/supplier_invoices/{id}/matched_transactions', scope, parent: findInvoice,
    rows: (c, inv) => (inv.accounting_status === 'archived' ? [] : transactionsOfInvoice(c, inv.id)),
    list: {}, serialize: serializeTransaction,
  }),
  categoriesRoute('/supplier_invoices/{id}/categories', scope, findInvoice, (i) => i.categories),
];
