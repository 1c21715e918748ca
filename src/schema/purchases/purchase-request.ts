import type { PennylanePurchaseRequest, PennylaneSupplier, PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import { builder } from '../builder.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addLookupField, byIdEdge, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { PurchaseRequestRef, SupplierInvoiceRef, SupplierRef } from './refs.js';

const PurchaseRequestStatus = defineOpenEnum('PurchaseRequestStatus', 'Where a purchase request stands.', {
  PENDING: { value: 'pending', description: 'Waiting for review.' },
  APPROVED: { value: 'approved', description: 'Approved.' },
  REJECTED: { value: 'rejected', description: 'Rejected.' },
});

builder.node(PurchaseRequestRef, {
  description: 'A purchase request (a purchase order awaiting or past review). Pennylane documents few of its fields.',
  id: { resolve: (request) => String(request.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylanePurchaseRequest>('purchase_requests').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { description: 'Label.' }),
    status: t.field({
      type: PurchaseRequestStatus.ref,
      description: 'Review status.',
      resolve: (r) => PurchaseRequestStatus.of(r.status) ?? '__other__',
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency.' }),
    amount: t.field({ type: 'Decimal', description: 'Requested amount.', resolve: (r) => r.amount }),
    userId: t.string({ nullable: true, description: 'Pennylane id of the user who asked.', resolve: (r) => (r.user ? String(r.user.id) : null) }),
    reviewedById: t.string({
      nullable: true,
      description: 'Pennylane id of the user who reviewed it.',
      resolve: (r) => (r.reviewed_by ? String(r.reviewed_by.id) : null),
    }),
    supplier: t.field({
      ...byIdEdge('suppliers'),
      type: SupplierRef,
      nullable: true,
      description: 'The supplier, batched.',
      resolve: (r, _args, ctx) => (r.supplier ? ctx.loaders.byId<PennylaneSupplier>('suppliers').load(String(r.supplier.id)) : null),
    }),
    externalReference: t.string({
      nullable: true,
      description: 'Your reference, set when the request was imported through the API.',
      resolve: (r) => r.external_reference ?? null,
    }),
    fileAttachmentId: t.string({
      nullable: true,
      description: 'Pennylane id of the purchase order document of an imported request.',
      resolve: (r) => (r.file_attachment ? String(r.file_attachment.id) : null),
    }),
    supplierInvoices: t.field({
      ...byIdEdge('supplier_invoices'),
      type: [SupplierInvoiceRef],
      description:
        'The supplier invoices this request became (linked with linkPurchaseRequestToSupplierInvoice). Batched: invoices of many requests cost one `id in` call per 100.',
      resolve: async (r, _args, ctx) => {
        const ids = (r.supplier_invoices ?? []).map((ref) => String(ref.id));
        const invoices = await ctx.loaders.byId<PennylaneSupplierInvoice>('supplier_invoices').loadMany(ids);
        return invoices.filter((invoice): invoice is PennylaneSupplierInvoice => invoice !== null && !(invoice instanceof Error));
      },
    }),
    ...timestampFields(t),
  }),
});

const purchaseRequestFilter = defineListFilter('PurchaseRequest', 'purchase_requests', {
  id: { field: 'id', kind: 'id', of: ['PurchaseRequest'], operators: ALL_OPERATORS, description: 'The request\'s id.' },
  reviewedById: { field: 'reviewed_by_id', kind: 'id', of: ['User'], operators: SET_OPERATORS, description: 'The reviewer.' },
  userId: { field: 'user_id', kind: 'id', of: ['User'], operators: SET_OPERATORS, description: 'The requester.' },
  supplierId: { field: 'supplier_id', kind: 'id', of: ['Supplier'], operators: SET_OPERATORS, description: 'The supplier.' },
});

const purchaseRequestSort = defineListSort('PurchaseRequest', 'purchase requests', ['id']);

const PurchaseRequestConnection = builder.connectionObject(
  { type: PurchaseRequestRef, name: 'PurchaseRequestConnection', description: 'A page of purchase requests.' },
  { name: 'PurchaseRequestEdge', description: 'One of a page of purchase requests.' },
);

addLookupField('purchaseRequest', {
  type: PurchaseRequestRef,
  typenames: ['PurchaseRequest'],
  resource: 'purchase_requests',
  description: 'A purchase request by id.',
  endpoints: ['GET /purchase_requests/{id}'],
});

/** The purchase request list, from which every connection over it is made. */

export const purchaseRequestList: ResourceList<PennylanePurchaseRequest> = {
  type: PurchaseRequestRef,
  connection: PurchaseRequestConnection,
  filter: purchaseRequestFilter,
  sort: purchaseRequestSort,
  path: '/purchase_requests',
  resource: 'purchase_requests',
};

addRootListField(
  purchaseRequestList,
  'purchaseRequests',
  'Purchase requests, newest first by default (`GET /purchase_requests`): one call per page.',
);

addChildListField(purchaseRequestList, SupplierRef, 'purchaseRequests', {
  description: "This supplier's purchase requests, through the `supplier_id` filter. First pages of many suppliers share one `supplier_id in [...]` call.",
  parentField: 'supplier_id',
  parentId: (supplier: PennylaneSupplier) => supplier.id,
  parentOf: (request) => request.supplier?.id,
});
