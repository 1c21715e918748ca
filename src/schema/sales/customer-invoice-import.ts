import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import { builder } from '../builder.js';
import { uploadFile } from '../core/file-attachment-mutations.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, type RecordRef } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import {
  checkHead,
  checkLine,
  headBody,
  headFields,
  ImportedLineInputRef,
  lineBody,
  LineOpsInputRef,
  type ImportedInvoiceInput,
  type ImportedLineInput,
  type LineOpsInput,
} from './customer-invoice-import-inputs.js';
import { CustomerInvoicePayload } from './customer-invoice-mutations.js';
import { checkNotNull } from './sales-checks.js';

/**
 * Invoices made elsewhere: imported with their file (`POST /customer_invoices/import`),
 * corrected (`PUT …/{id}/update_imported`), and invoices made from a quote
 * (`POST /customer_invoices/create_from_quote`). API.md §4.1, §5 rule 7.
 */

/** An imported or finalized invoice is booked: its entry and lines join the books. */
const ACCOUNTING_LISTS = ['/ledger_entries', '/ledger_entry_lines', '/trial_balance'];
const invoiceRecord = (id: number): RecordRef => ({ resource: 'customer_invoices', path: '/customer_invoices', id });
/** A credit note moves what is left to pay on the invoice it credits. */
const creditedRecords = (creditedInvoiceId: string | null | undefined): RecordRef[] =>
  creditedInvoiceId ? [invoiceRecord(pennylaneIdOf(creditedInvoiceId, ['CustomerInvoice']))] : [];

interface ImportInput extends ImportedInvoiceInput {
  invoiceLines: ImportedLineInput[];
}

const ImportInputRef = builder.inputRef<ImportInput>('ImportCustomerInvoiceInput').implement({
  description:
    'An invoice made elsewhere, with its file and its amounts as printed: they must add up (before tax + tax = total; the lines sum to the totals within a cent per line).',
  fields: (t) => ({
    file: t.field({ type: 'File', required: false, description: 'The invoice file, uploaded first (`POST /file_attachments`); or give `fileAttachmentId`.' }),
    ...headFields(t, true),
    invoiceLines: t.field({ type: [ImportedLineInputRef], required: true, description: 'The lines (1 to 1000).' }),
  }),
});

function checkImport(input: ImportInput, checks: InputChecks): void {
  if (!input.file === !input.fileAttachmentId) {
    checks.add(['input', 'file'], 'Give the file to import: either `file` or `fileAttachmentId`, not both.', input.file ? 'INVALID' : 'REQUIRED');
  }
  if (input.externalReference !== undefined) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
  checkNotNull(checks, input, ['importAsIncomplete', 'invoiceNumber', 'currency', 'amount', 'tax', 'language']);
  checks.count(['input', 'invoiceLines'], input.invoiceLines, 1, 1_000, 'invoice lines');
  for (const [index, line] of input.invoiceLines.entries()) checkLine(checks, ['input', 'invoiceLines', index], line, true);
  checkHead(checks, input, input.invoiceLines);
}

export const importCustomerInvoiceDef = addCreateMutation<ImportInput, PennylaneCustomerInvoice>({
  name: 'importCustomerInvoice',
  description:
    'Imports an invoice made elsewhere (`POST /customer_invoices/import`): a `file` is uploaded first (`POST /file_attachments`, multipart; once per create, not again on a replay), or an uploaded `fileAttachmentId` is used. Booked at once unless `importAsIncomplete`.',
  endpoint: 'POST /customer_invoices/import',
  alsoEndpoints: ['POST /file_attachments'],
  input: ImportInputRef,
  payload: CustomerInvoicePayload,
  noun: 'imported customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  postPath: '/customer_invoices/import',
  alsoChanges: (input) => (input.importAsIncomplete ? [] : ACCOUNTING_LISTS),
  alsoChangesRecords: (input) => creditedRecords(input.creditedInvoiceId),
  check: (input, checks) => checkImport(input, checks),
  toBody: async (input, externalReference, ctx) => {
    const fileAttachmentId = input.file ? (await uploadFile(ctx, input.file)).id : pennylaneIdOf(input.fileAttachmentId!, ['FileAttachment']);
    return {
      ...headBody(input),
      file_attachment_id: fileAttachmentId,
      external_reference: externalReference,
      invoice_lines: input.invoiceLines.map(lineBody),
    };
  },
  externalReferenceOf: (input) => input.externalReference,
});

interface UpdateImportedInput extends ImportedInvoiceInput {
  invoiceLines?: LineOpsInput | null;
}

const UpdateImportedInputRef = builder.inputRef<UpdateImportedInput>('UpdateImportedCustomerInvoiceInput').implement({
  description:
    'Fields of an imported invoice to change; the others keep their value. When the totals are given together they must add up; Pennylane checks the lines against them.',
  fields: (t) => ({
    ...headFields(t, false),
    invoiceLines: t.field({ type: LineOpsInputRef, required: false, description: 'Lines to add, change and remove.' }),
  }),
});

function checkLineOps(checks: InputChecks, ops: LineOpsInput | null | undefined): void {
  if (!ops) return;
  const at = ['input', 'invoiceLines'];
  const count = (ops.create?.length ?? 0) + (ops.update?.length ?? 0) + (ops.delete?.length ?? 0);
  if (count > 1_000) checks.add(at, `At most 1000 line changes are accepted, got ${count}.`, 'TOO_MANY');
  for (const [index, line] of (ops.create ?? []).entries()) checkLine(checks, [...at, 'create', index], line, true);
  const updated = new Set<number>();
  for (const [index, line] of (ops.update ?? []).entries()) {
    const id = checks.entityId([...at, 'update', index, 'id'], line.id, ['InvoiceLine']);
    if (id !== null) updated.add(id);
    checkLine(checks, [...at, 'update', index], line, false);
  }
  for (const [index, value] of (ops.delete ?? []).entries()) {
    const id = checks.entityId([...at, 'delete', index], value, ['InvoiceLine']);
    if (id !== null && updated.has(id)) checks.add([...at, 'delete', index], `Line ${id} is both changed and removed.`, 'CONFLICTING');
  }
}

export const updateImportedCustomerInvoiceDef = addUpdateMutation<UpdateImportedInput, PennylaneCustomerInvoice>({
  name: 'updateImportedCustomerInvoice',
  description:
    'Corrects an imported invoice (`PUT /customer_invoices/{id}/update_imported`): head fields, and lines added, changed or removed; `importAsIncomplete: false` completes an incomplete one (its entry is booked). Not for drafts. Adding lines twice would not land in the same state: an unknown outcome is reported, never sent again.',
  endpoint: 'PUT /customer_invoices/{id}/update_imported',
  input: UpdateImportedInputRef,
  payload: CustomerInvoicePayload,
  noun: 'imported customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  action: '/update_imported',
  typenames: ['CustomerInvoice'],
  repeatable: false,
  alsoChanges: ACCOUNTING_LISTS,
  alsoChangesRecords: (input, _id, answer) => [
    ...creditedRecords(input.creditedInvoiceId),
    ...(answer?.credited_invoice ? [invoiceRecord(answer.credited_invoice.id)] : []),
  ],
  check: (input, checks) => {
    checkNotNull(checks, input, ['fileAttachmentId', 'customerId', 'date', 'deadline', 'currencyAmountBeforeTax', 'currencyAmount', 'currencyTax', 'importAsIncomplete', 'invoiceNumber', 'currency', 'amount', 'tax', 'externalReference', 'language', 'creditedInvoiceId', 'invoiceLines']);
    if (input.externalReference !== undefined) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
    if (input.importAsIncomplete === true) checks.add(['input', 'importAsIncomplete'], 'An imported invoice cannot be made incomplete again.', 'INVALID');
    checkHead(checks, input, null);
    checkLineOps(checks, input.invoiceLines);
  },
  toBody: (input) => {
    const body = headBody(input);
    const ops = input.invoiceLines;
    if (ops) {
      body.invoice_lines = {
        ...(ops.create ? { create: ops.create.map(lineBody) } : {}),
        ...(ops.update ? { update: ops.update.map((line) => ({ id: pennylaneIdOf(line.id!, ['InvoiceLine']), ...lineBody(line) })) } : {}),
        ...(ops.delete ? { delete: ops.delete.map((id) => ({ id: pennylaneIdOf(id, ['InvoiceLine']) })) } : {}),
      };
    }
    return body;
  },
});

interface FromQuoteInput {
  quoteId: string;
  draft?: boolean | null;
  externalReference?: string | null;
  templateId?: string | null;
}

const FromQuoteInputRef = builder.inputRef<FromQuoteInput>('CreateCustomerInvoiceFromQuoteInput').implement({
  description: 'An invoice made from a quote: it takes the quote\'s customer, lines, sections, discount and texts; dated today.',
  fields: (t) => ({
    quoteId: t.id({ required: true, description: 'The quote (global or Pennylane id); it must not be invoiced already.' }),
    draft: t.boolean({
      required: false,
      defaultValue: true,
      description: 'True (default) makes an editable draft; false finalizes it at once (numbered, ledger entry, PDF).',
    }),
    externalReference: t.string({ required: false, description: 'Your own unique reference; also the default idempotency key.' }),
    templateId: t.id({ required: false, description: 'Invoice template (global or Pennylane id); default: the company\'s.' }),
  }),
});

export const createCustomerInvoiceFromQuoteDef = addCreateMutation<FromQuoteInput, PennylaneCustomerInvoice>({
  name: 'createCustomerInvoiceFromQuote',
  description:
    'Makes an invoice from a quote (`POST /customer_invoices/create_from_quote`): the quote becomes invoiced. Pennylane refuses a quote that is already invoiced.',
  endpoint: 'POST /customer_invoices/create_from_quote',
  input: FromQuoteInputRef,
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  postPath: '/customer_invoices/create_from_quote',
  // Finalized at once, it is numbered (its numbering moves) and booked.
  alsoChanges: (input) => ['/quotes', ...(input.draft === false ? ['/numberings', ...ACCOUNTING_LISTS] : [])],
  alsoChangesRecords: (input) => [{ resource: 'quotes', path: '/quotes', id: pennylaneIdOf(input.quoteId, ['Quote']) }],
  check: (input, checks) => {
    checks.entityId(['input', 'quoteId'], input.quoteId, ['Quote']);
    if (input.templateId) checks.entityId(['input', 'templateId'], input.templateId, ['CustomerInvoiceTemplate']);
    checkNotNull(checks, input, ['draft', 'externalReference']);
    if (input.externalReference !== undefined) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
  },
  toBody: (input, externalReference) => ({
    quote_id: pennylaneIdOf(input.quoteId, ['Quote']),
    draft: input.draft ?? true,
    external_reference: externalReference,
    ...(input.templateId ? { customer_invoice_template_id: pennylaneIdOf(input.templateId, ['CustomerInvoiceTemplate']) } : {}),
  }),
  externalReferenceOf: (input) => input.externalReference,
});
