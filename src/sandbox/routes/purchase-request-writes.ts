/**
 * Purchase requests (API.md §4.2): `POST /purchase_requests/imports` imports a purchase order
 * (its document uploaded first, like supplier invoices) as an auto-validated request, and
 * `POST /supplier_invoices/{id}/linked_purchase_requests` links one request to the invoice it
 * became (one link per call). Bodies are unverified upstream: see README "Choices".
 */
import { conflict, unprocessable } from '../errors.js';
import type { PurchaseRequestRecord } from '../records-purchases.js';
import { int, obj, str, validateBody } from '../validate.js';
import { ok } from './helpers.js';
import { serializePurchaseRequest } from './suppliers.js';
import { pathRecord, touch } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const importSchema = obj(
  {
    file_attachment_id: int(),
    supplier_id: int(),
    label: str({ minLength: 1 }),
    amount: str({ format: 'decimal' }),
    currency: str({ minLength: 3, maxLength: 3 }),
    external_reference: str({ minLength: 1 }),
  },
  ['file_attachment_id', 'supplier_id', 'label', 'amount'],
);
const linkSchema = obj({ purchase_request_id: int() }, ['purchase_request_id']);

/** The company's user: an imported purchase order is validated on import, by the token's user. */
const COMPANY_USER_ID = 1;

function importPurchaseRequest(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(importSchema, ctx.body);
  const fileId = body['file_attachment_id'] as number;
  if (!company.tables.file_attachments.get(fileId)) throw unprocessable(`File attachment ${fileId} does not exist`);
  const supplierId = body['supplier_id'] as number;
  if (!company.tables.suppliers.get(supplierId)) throw unprocessable(`Supplier ${supplierId} does not exist`);
  const reference = body['external_reference'];
  if (typeof reference === 'string' && company.tables.purchase_requests.find((row) => row.external_reference === reference)) {
    throw conflict(`A purchase request with external_reference "${reference}" already exists`);
  }
  const now = company.clock.nowIso();
  const row: PurchaseRequestRecord = {
    id: company.ids.next('purchase_requests'),
    label: body['label'] as string,
    status: 'approved',
    currency: (body['currency'] as string | undefined) ?? 'EUR',
    amount: body['amount'] as string,
    supplier_id: supplierId,
    user_id: COMPANY_USER_ID,
    reviewed_by_id: COMPANY_USER_ID,
    external_reference: (body['external_reference'] as string | undefined) ?? company.rng.uuid(),
    file_attachment_id: fileId,
    supplier_invoice_ids: [],
    created_at: now,
    updated_at: now,
  };
  company.tables.purchase_requests.put(row);
  return ok(serializePurchaseRequest(row, ctx), 201);
}

function linkPurchaseRequest(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const invoice = pathRecord(ctx, company.tables.supplier_invoices);
  const body = validateBody(linkSchema, ctx.body);
  const request = company.tables.purchase_requests.get(body['purchase_request_id'] as number);
  if (!request) throw unprocessable(`Purchase request ${String(body['purchase_request_id'])} does not exist`);
  if (request.supplier_id !== null && invoice.supplier_id !== request.supplier_id) {
    throw unprocessable('The purchase request and the supplier invoice have different suppliers');
  }
  const linked = request.supplier_invoice_ids ?? [];
  if (!linked.includes(invoice.id)) {
    request.supplier_invoice_ids = [...linked, invoice.id];
    touch(company, request);
    company.tables.purchase_requests.put(request);
  }
  return { status: 204 };
}

export const purchaseRequestWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/purchase_requests/imports', scope: 'purchase_requests', handler: importPurchaseRequest },
  { method: 'POST', path: '/supplier_invoices/{id}/linked_purchase_requests', scope: 'supplier_invoices', handler: linkPurchaseRequest },
];
