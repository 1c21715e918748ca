/** Suppliers and purchase requests (API.md §4.2). */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import type { PurchaseRequestRecord, SupplierRecord } from '../records-purchases.js';
import type { CompanyStore } from '../store.js';
import { categoriesRoute } from './categories.js';
import { getRoute, link, listRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeSupplier(s: SupplierRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    establishment_no: s.establishment_no,
    vat_number: s.vat_number,
    ledger_account: s.ledger_account_id === null ? null : { id: s.ledger_account_id },
    emails: [...s.emails],
    iban: s.iban,
    postal_address: { ...s.postal_address },
    supplier_payment_method: s.supplier_payment_method,
    supplier_due_date_delay: s.supplier_due_date_delay,
    supplier_due_date_rule: s.supplier_due_date_rule,
    external_reference: s.external_reference,
    categories: link(ctx, `/suppliers/${s.id}/categories`),
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export function serializePurchaseRequest(p: PurchaseRequestRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: p.id,
    label: p.label,
    status: p.status,
    currency: p.currency,
    amount: p.amount,
    supplier: p.supplier_id === null ? null : { id: p.supplier_id },
    user: { id: p.user_id },
    reviewed_by: p.reviewed_by_id === null ? null : { id: p.reviewed_by_id },
    external_reference: p.external_reference ?? null,
    file_attachment: p.file_attachment_id ? { id: p.file_attachment_id } : null,
    supplier_invoices: (p.supplier_invoice_ids ?? []).map((id) => ({ id })),
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

const refOps = ['eq', 'not_eq', 'in', 'not_in'] as const;
const supplierFilters: FilterSpec<SupplierRecord> = {
  id: { type: 'id', operators: ALL, get: (s) => s.id },
  ledger_account_id: { type: 'id', operators: ['eq', 'not_eq'], get: (s) => s.ledger_account_id },
  name: { type: 'string', operators: ['start_with'], get: (s) => s.name },
  external_reference: { type: 'string', operators: refOps, get: (s) => s.external_reference },
  emails: { type: 'string', operators: ['in'], get: (s) => s.emails },
};
const purchaseRequestFilters: FilterSpec<PurchaseRequestRecord> = {
  id: { type: 'id', operators: ALL, get: (p) => p.id },
  reviewed_by_id: { type: 'id', operators: refOps, get: (p) => p.reviewed_by_id },
  user_id: { type: 'id', operators: refOps, get: (p) => p.user_id },
  supplier_id: { type: 'id', operators: refOps, get: (p) => p.supplier_id },
};

export const suppliersList: ListSpec<SupplierRecord> = { filters: supplierFilters };
export const purchaseRequestsList: ListSpec<PurchaseRequestRecord> = { filters: purchaseRequestFilters };

export const supplierResource: ResourceDef<SupplierRecord> = { name: 'suppliers', rows: (c) => c.tables.suppliers.all(), serialize: serializeSupplier };
export const purchaseRequestResource: ResourceDef<PurchaseRequestRecord> = {
  name: 'purchase_requests',
  rows: (c) => c.tables.purchase_requests.all(),
  serialize: serializePurchaseRequest,
};

const findSupplier = (c: CompanyStore, id: number) => c.tables.suppliers.get(id);

export const supplierRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/suppliers', scope: 'suppliers', rows: supplierResource.rows, list: suppliersList, serialize: serializeSupplier }),
  getRoute({ path: '/suppliers/{id}', scope: 'suppliers', find: findSupplier, serialize: serializeSupplier }),
  categoriesRoute('/suppliers/{id}/categories', 'suppliers', findSupplier, (s) => s.categories),
  listRoute({ path: '/purchase_requests', scope: 'purchase_requests', rows: purchaseRequestResource.rows, list: purchaseRequestsList, serialize: serializePurchaseRequest }),
  getRoute({ path: '/purchase_requests/{id}', scope: 'purchase_requests', find: (c, id) => c.tables.purchase_requests.get(id), serialize: serializePurchaseRequest }),
];
