import type { GatewayContext } from '../../context.js';
import type { PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import { addSetCategoriesMutation } from '../analytics/category-weights.js';
import { builder } from '../builder.js';
import { uploadFile } from '../core/file-attachment-mutations.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, definePayload, type CreateMutation } from '../shared/mutation-fields.js';
import { decimalUnits, type InputChecks } from '../shared/validation.js';
import { SupplierInvoiceRef } from './refs.js';
import {
  cents,
  checkLine,
  checkLinesAddUp,
  checkTotals,
  lineBody,
  lineOpsBody,
  SupplierInvoiceLineInputRef,
  SupplierInvoiceLineOpsInputRef,
  type SupplierInvoiceLineInput,
  type SupplierInvoiceLineOpsInput,
} from './supplier-invoice-inputs.js';

/**
 * Supplier invoices: `POST /supplier_invoices/import` (after uploading the file), `PUT
 * /supplier_invoices/{id}`, `PUT /supplier_invoices/{id}/categories` (API.md §4.2).
 */

interface SupplierInvoiceFields {
  supplierId?: string | null;
  date?: string | null;
  deadline?: string | null;
  invoiceNumber?: string | null;
  label?: string | null;
  currency?: string | null;
  currencyAmountBeforeTax?: string | null;
  currencyTax?: string | null;
  currencyAmount?: string | null;
  amount?: string | null;
  tax?: string | null;
  externalReference?: string | null;
}

export interface ImportSupplierInvoiceInput extends SupplierInvoiceFields {
  file?: File | null;
  filename?: string | null;
  fileAttachmentId?: string | null;
  importAsIncomplete?: boolean | null;
  invoiceLines: SupplierInvoiceLineInput[];
}

export interface UpdateSupplierInvoiceInput extends SupplierInvoiceFields {
  invoiceLines?: SupplierInvoiceLineOpsInput | null;
}

const TOTAL = {
  currencyAmountBeforeTax: 'Total excluding tax, in the invoice currency (at most 2 decimals).',
  currencyTax: 'Total tax, in the invoice currency.',
  currencyAmount: 'Total including tax, in the invoice currency: exactly the amount before tax plus the tax.',
  amount: 'Total including tax in EUR, for an invoice in another currency (an EUR invoice has currencyAmount).',
  tax: 'Total tax in EUR, for an invoice in another currency (an EUR invoice has currencyTax).',
};

export const ImportSupplierInvoiceInputRef = builder.inputRef<ImportSupplierInvoiceInput>('ImportSupplierInvoiceInput').implement({
  description: 'A supplier invoice to import with its document: a `file` uploaded with this request, or a `fileAttachmentId` uploaded before.',
  fields: (t) => ({
    file: t.field({ type: 'File', required: false, description: 'The invoice document (PDF or image, up to 100 MB), uploaded first; or give fileAttachmentId.' }),
    filename: t.string({ required: false, description: 'Name to store the uploaded file under (with `file`).' }),
    fileAttachmentId: t.id({ required: false, description: 'An attachment uploaded before with `uploadFileAttachment`; or give file.' }),
    supplierId: t.id({ required: true, description: 'The supplier (global or Pennylane id).' }),
    date: t.field({ type: 'Date', required: true, description: 'Invoice date.' }),
    deadline: t.field({ type: 'Date', required: true, description: 'Payment deadline (not before the date).' }),
    invoiceNumber: t.string({ required: false, description: "The supplier's invoice number." }),
    label: t.string({ required: false, description: 'Label.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency; default EUR.' }),
    currencyAmountBeforeTax: t.field({ type: 'Decimal', required: true, description: TOTAL.currencyAmountBeforeTax }),
    currencyTax: t.field({ type: 'Decimal', required: true, description: TOTAL.currencyTax }),
    currencyAmount: t.field({ type: 'Decimal', required: true, description: TOTAL.currencyAmount }),
    amount: t.field({ type: 'Decimal', required: false, description: TOTAL.amount }),
    tax: t.field({ type: 'Decimal', required: false, description: TOTAL.tax }),
    importAsIncomplete: t.boolean({ required: false, description: 'True imports it as incomplete, to be finished in Pennylane (not booked yet).' }),
    externalReference: t.string({ required: false, description: 'Your own unique reference; also the default idempotency key.' }),
    invoiceLines: t.field({ type: [SupplierInvoiceLineInputRef], required: true, description: 'At least one line; they add up to the totals.' }),
  }),
});

export const UpdateSupplierInvoiceInputRef = builder.inputRef<UpdateSupplierInvoiceInput>('UpdateSupplierInvoiceInput').implement({
  description: 'Changes to a supplier invoice and its lines; fields left out keep their value. Its entry is booked again.',
  fields: (t) => ({
    supplierId: t.id({ required: false, description: 'The supplier (global or Pennylane id).' }),
    date: t.field({ type: 'Date', required: false, description: 'Invoice date.' }),
    deadline: t.field({ type: 'Date', required: false, description: 'Payment deadline.' }),
    invoiceNumber: t.string({ required: false, description: "The supplier's invoice number." }),
    label: t.string({ required: false, description: 'Label.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency.' }),
    currencyAmountBeforeTax: t.field({ type: 'Decimal', required: false, description: TOTAL.currencyAmountBeforeTax }),
    currencyTax: t.field({ type: 'Decimal', required: false, description: TOTAL.currencyTax }),
    currencyAmount: t.field({ type: 'Decimal', required: false, description: TOTAL.currencyAmount }),
    amount: t.field({ type: 'Decimal', required: false, description: TOTAL.amount }),
    tax: t.field({ type: 'Decimal', required: false, description: TOTAL.tax }),
    externalReference: t.string({ required: false, description: 'Your own unique reference.' }),
    invoiceLines: t.field({ type: SupplierInvoiceLineOpsInputRef, required: false, description: 'Lines to add, change and remove.' }),
  }),
});

export const SupplierInvoicePayload = definePayload<PennylaneSupplierInvoice>(
  'SupplierInvoicePayload',
  'supplierInvoice',
  SupplierInvoiceRef,
  'A supplier invoice as written.',
);

/** Booking an invoice writes its HA entry. */
export const PURCHASE_BOOKING_LISTS = ['/ledger_entries', '/ledger_entry_lines', '/trial_balance'];

function checkFields(input: SupplierInvoiceFields, checks: InputChecks): void {
  if (input.supplierId !== undefined) checks.entityId(['input', 'supplierId'], input.supplierId ?? '', ['Supplier']);
  checks.dateOrder(['input', 'deadline'], input.date, input.deadline, 'The deadline cannot be before the invoice date.');
  checks.currency(['input', 'currency'], input.currency);
  checkTotals(checks, ['input'], input);
  cents(checks, ['input', 'amount'], input.amount);
  cents(checks, ['input', 'tax'], input.tax);
  // In EUR the EUR totals are the document's own.
  if ((input.currency ?? 'EUR') === 'EUR') {
    for (const [eur, own] of [['amount', input.currencyAmount], ['tax', input.currencyTax]] as const) {
      const value = input[eur];
      if (value != null && own != null && decimalUnits(value) !== decimalUnits(own)) {
        checks.add(['input', eur], `An EUR invoice's ${eur} is its currency ${eur === 'amount' ? 'amount' : 'tax'} (${own}), got ${value}.`, 'INCOHERENT_TOTAL');
      }
    }
  }
  if (input.externalReference != null) checks.required(['input', 'externalReference'], input.externalReference, 'The external reference');
}

function checkImport(input: ImportSupplierInvoiceInput, checks: InputChecks): void {
  if (!input.file === !input.fileAttachmentId) {
    checks.add(['input', 'file'], 'Give the document once: either `file` or `fileAttachmentId`.', input.file ? 'AMBIGUOUS' : 'REQUIRED');
  }
  checks.file(['input', 'file'], input.file);
  if (input.fileAttachmentId) checks.entityId(['input', 'fileAttachmentId'], input.fileAttachmentId, ['FileAttachment']);
  checkFields(input, checks);
  checks.count(['input', 'invoiceLines'], input.invoiceLines, 1, 1_000, 'invoice lines');
  for (const [i, line] of input.invoiceLines.entries()) checkLine(checks, ['input', 'invoiceLines', i], line, true);
  checkLinesAddUp(checks, ['input'], input, input.invoiceLines);
}

function checkUpdate(input: UpdateSupplierInvoiceInput, checks: InputChecks): void {
  if (input.date === null || input.deadline === null) checks.add(['input', input.date === null ? 'date' : 'deadline'], 'Dates cannot be removed.', 'REQUIRED');
  checkFields(input, checks);
  const ops = input.invoiceLines;
  for (const [i, line] of (ops?.create ?? []).entries()) checkLine(checks, ['input', 'invoiceLines', 'create', i], line, true);
  for (const [i, line] of (ops?.update ?? []).entries()) {
    checks.entityId(['input', 'invoiceLines', 'update', i, 'id'], line.id, ['SupplierInvoiceLine']);
    checkLine(checks, ['input', 'invoiceLines', 'update', i], line, false);
  }
  for (const [i, id] of (ops?.delete ?? []).entries()) checks.entityId(['input', 'invoiceLines', 'delete', i], id, ['SupplierInvoiceLine']);
}

function fieldsBody(input: SupplierInvoiceFields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy: [keyof SupplierInvoiceFields, string][] = [
    ['date', 'date'],
    ['deadline', 'deadline'],
    ['invoiceNumber', 'invoice_number'],
    ['label', 'label'],
    ['currency', 'currency'],
    ['currencyAmountBeforeTax', 'currency_amount_before_tax'],
    ['currencyTax', 'currency_tax'],
    ['currencyAmount', 'currency_amount'],
    ['amount', 'amount'],
    ['tax', 'tax'],
    ['externalReference', 'external_reference'],
  ];
  for (const [from, to] of copy) if (input[from] != null) body[to] = input[from];
  if (input.label === null) body.label = null;
  if (input.supplierId) body.supplier_id = pennylaneIdOf(input.supplierId, ['Supplier']);
  return body;
}

/** The import body, after uploading the file when one came with the request. */
async function importBody(input: ImportSupplierInvoiceInput, externalReference: string, ctx: GatewayContext): Promise<Record<string, unknown>> {
  const fileAttachmentId = input.file
    ? (await uploadFile(ctx, input.file, input.filename)).id
    : pennylaneIdOf(input.fileAttachmentId!, ['FileAttachment']);
  return {
    ...fieldsBody(input),
    file_attachment_id: fileAttachmentId,
    ...(input.importAsIncomplete != null ? { import_as_incomplete: input.importAsIncomplete } : {}),
    external_reference: externalReference,
    invoice_lines: input.invoiceLines.map(lineBody),
  };
}

export const importSupplierInvoiceDef: CreateMutation<ImportSupplierInvoiceInput, PennylaneSupplierInvoice> = addCreateMutation<
  ImportSupplierInvoiceInput,
  PennylaneSupplierInvoice
>({
  name: 'importSupplierInvoice',
  description:
    'Imports a supplier invoice with its document (`POST /file_attachments` when a file comes with the request, then `POST /supplier_invoices/import`). Totals are stored as sent: the gateway checks before tax + tax = total and that the lines add up, before any call.',
  endpoint: 'POST /supplier_invoices/import',
  input: ImportSupplierInvoiceInputRef,
  payload: SupplierInvoicePayload,
  noun: 'supplier invoice',
  resource: 'supplier_invoices',
  path: '/supplier_invoices',
  postPath: '/supplier_invoices/import',
  alsoEndpoints: ['POST /file_attachments'],
  // Booked at once unless imported as incomplete.
  alsoChanges: (input) => (input.importAsIncomplete ? [] : PURCHASE_BOOKING_LISTS),
  check: (input, checks) => checkImport(input, checks),
  toBody: importBody,
  externalReferenceOf: (input) => input.externalReference,
});

addUpdateMutation<UpdateSupplierInvoiceInput, PennylaneSupplierInvoice>({
  name: 'updateSupplierInvoice',
  description:
    'Changes a supplier invoice and its lines (`PUT /supplier_invoices/{id}`); its entry is booked again. Not sent twice after a lost answer (added lines would be added again): you get OutcomeUnknownError instead.',
  endpoint: 'PUT /supplier_invoices/{id}',
  input: UpdateSupplierInvoiceInputRef,
  payload: SupplierInvoicePayload,
  noun: 'supplier invoice',
  resource: 'supplier_invoices',
  path: '/supplier_invoices',
  typenames: ['SupplierInvoice'],
  alsoChanges: PURCHASE_BOOKING_LISTS,
  // Its entry, named by the answer, is booked again.
  alsoChangesRecords: (_input, _id, answer) =>
    answer?.ledger_entry ? [{ resource: 'ledger_entries', path: '/ledger_entries', id: answer.ledger_entry.id }] : [],
  repeatable: false,
  check: (input, checks) => checkUpdate(input, checks),
  toBody: (input) => ({ ...fieldsBody(input), ...(input.invoiceLines ? { invoice_lines: lineOpsBody(input.invoiceLines) } : {}) }),
});

addSetCategoriesMutation<PennylaneSupplierInvoice>({
  name: 'setSupplierInvoiceCategories',
  endpoint: 'PUT /supplier_invoices/{id}/categories',
  description:
    "Replaces a supplier invoice's analytical categories (`PUT /supplier_invoices/{id}/categories`); its entry's expense lines follow.",
  payload: SupplierInvoicePayload,
  noun: 'supplier invoice',
  resource: 'supplier_invoices',
  path: '/supplier_invoices',
  typenames: ['SupplierInvoice'],
  alsoChanges: ['/ledger_entries', '/ledger_entry_lines'],
  alsoChangesRecords: (invoice) => (invoice.ledger_entry ? [{ resource: 'ledger_entries', path: '/ledger_entries', id: invoice.ledger_entry.id }] : []),
});
