import type { GatewayContext } from '../../context.js';
import type { PennylanePurchaseRequest } from '../../datasources/pennylane/purchases.js';
import { MAX_PAGE_SIZE, type Page } from '../../datasources/pennylane/common.js';
import { builder } from '../builder.js';
import { uploadFile } from '../core/file-attachment-mutations.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addActionMutation, addCreateMutation, definePayload } from '../shared/mutation-fields.js';
import { PurchaseRequestRef } from './refs.js';

/**
 * Purchase requests as far as Pennylane's API goes (API.md §4.2): import a purchase order as
 * an auto-validated request (`POST /purchase_requests/imports`), then link it to the supplier
 * invoice it became (`POST /supplier_invoices/{id}/linked_purchase_requests`, one per call).
 * Both bodies are unverified upstream; the choices are in src/sandbox/README.md.
 */
interface ImportPurchaseRequestInput {
  supplierId: string;
  label: string;
  amount: string;
  currency?: string | null;
  file?: File | null;
  filename?: string | null;
  fileAttachmentId?: string | null;
  externalReference?: string | null;
}

const ImportPurchaseRequestInputRef = builder.inputRef<ImportPurchaseRequestInput>('ImportPurchaseRequestInput').implement({
  description: 'A purchase order to import as a purchase request, with its document (a file, or a file attachment uploaded before).',
  fields: (t) => ({
    supplierId: t.id({ required: true, description: 'The supplier ordered from (global or Pennylane id).' }),
    label: t.string({ required: true, description: 'What is ordered, e.g. "PO-2026-118 laptops".' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Ordered amount including tax, a decimal string such as "2400.00".' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency code; default EUR.' }),
    file: t.field({ type: 'File', required: false, description: 'The purchase order document (PDF or image); uploaded first.' }),
    filename: t.string({ required: false, description: 'Name to store the uploaded file under; default: its own name.' }),
    fileAttachmentId: t.id({ required: false, description: 'A file attachment uploaded before, instead of `file`.' }),
    externalReference: t.string({ required: false, description: 'Your purchase order number; also the default idempotency key.' }),
  }),
});

const PurchaseRequestPayload = definePayload<PennylanePurchaseRequest>('PurchaseRequestPayload', 'purchaseRequest', PurchaseRequestRef, 'A purchase request as written.');

/** The supplier's purchase requests hold the one with this reference (the list has no reference filter). */
async function findImported(ctx: GatewayContext, externalReference: string, input: ImportPurchaseRequestInput): Promise<PennylanePurchaseRequest | null> {
  const supplierId = pennylaneIdOf(input.supplierId, ['Supplier']);
  let cursor: string | null = null;
  do {
    const page: Page<PennylanePurchaseRequest> = await ctx.pennylane.list<PennylanePurchaseRequest>(
      '/purchase_requests',
      { filter: [{ field: 'supplier_id', operator: 'eq', value: supplierId }], limit: MAX_PAGE_SIZE, cursor },
      { resource: 'purchase_requests', cacheResponse: false },
    );
    const found = page.items.find((request) => request.external_reference === externalReference);
    if (found) return found;
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor);
  return null;
}

addCreateMutation<ImportPurchaseRequestInput, PennylanePurchaseRequest>({
  name: 'importPurchaseRequest',
  description:
    'Imports a purchase order as a purchase request, validated on import (`POST /file_attachments` when a file comes with the request, then `POST /purchase_requests/imports`).',
  endpoint: 'POST /purchase_requests/imports',
  alsoEndpoints: ['POST /file_attachments'],
  input: ImportPurchaseRequestInputRef,
  payload: PurchaseRequestPayload,
  noun: 'purchase request',
  resource: 'purchase_requests',
  path: '/purchase_requests',
  postPath: '/purchase_requests/imports',
  check: (input, checks) => {
    checks.entityId(['input', 'supplierId'], input.supplierId, ['Supplier']);
    checks.required(['input', 'label'], input.label, 'The label');
    if (input.amount.startsWith('-')) checks.add(['input', 'amount'], 'An ordered amount cannot be negative.', 'NEGATIVE');
    checks.currency(['input', 'currency'], input.currency);
    if (!input.file === !input.fileAttachmentId) {
      checks.add(['input', 'file'], 'Give the purchase order once: either `file` or `fileAttachmentId`.', input.file ? 'AMBIGUOUS' : 'REQUIRED');
    }
    checks.file(['input', 'file'], input.file);
    if (input.fileAttachmentId) checks.entityId(['input', 'fileAttachmentId'], input.fileAttachmentId, ['FileAttachment']);
  },
  toBody: async (input, externalReference, ctx) => ({
    supplier_id: pennylaneIdOf(input.supplierId, ['Supplier']),
    label: input.label,
    amount: input.amount,
    ...(input.currency ? { currency: input.currency } : {}),
    file_attachment_id: input.file ? (await uploadFile(ctx, input.file, input.filename)).id : pennylaneIdOf(input.fileAttachmentId!, ['FileAttachment']),
    external_reference: externalReference,
  }),
  externalReferenceOf: (input) => input.externalReference,
  find: findImported,
});

addActionMutation<PennylanePurchaseRequest>({
  name: 'linkPurchaseRequestToSupplierInvoice',
  description:
    'Links a purchase request to the supplier invoice it became (`POST /supplier_invoices/{id}/linked_purchase_requests`, one link per call); the request then lists the invoice in `supplierInvoices`. Costs one more call to return the request.',
  endpoint: 'POST /supplier_invoices/{id}/linked_purchase_requests',
  payload: PurchaseRequestPayload,
  noun: 'purchase request',
  resource: 'purchase_requests',
  path: '/purchase_requests',
  typenames: ['PurchaseRequest'],
  args: (t) => ({
    supplierInvoiceId: t.arg.id({ required: true, description: 'The supplier invoice the request became (global or Pennylane id).' }),
  }),
  check: (args, checks) => {
    checks.entityId(['supplierInvoiceId'], args.supplierInvoiceId, ['SupplierInvoice']);
  },
  send: async (ctx, id, args, effects) => {
    const invoiceId = pennylaneIdOf(String(args.supplierInvoiceId), ['SupplierInvoice'], 'supplierInvoiceId');
    await ctx.pennylane.write('POST', `/supplier_invoices/${invoiceId}/linked_purchase_requests`, { purchase_request_id: id }, effects);
  },
  done: (request, args) => (request.supplier_invoices ?? []).some((ref) => String(ref.id) === pennylaneIdOf(String(args.supplierInvoiceId), ['SupplierInvoice']).toString()),
});
