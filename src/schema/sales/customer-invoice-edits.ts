import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import { builder } from '../builder.js';
import { encodeGlobalId, pennylaneIdOf } from '../shared/ids.js';
import { addUpdateMutation } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import { CustomerInvoicePayload, pdfTextFields, type InvoiceOptions, type InvoiceTexts } from './customer-invoice-mutations.js';
import {
  checkDiscount,
  checkLines,
  customerIdOf,
  DiscountInputRef,
  InvoiceLanguageEnum,
  checkSections,
  InvoiceLineInputRef,
  InvoiceLineSectionInputRef,
  lineBody,
  sectionBody,
  transactionReferenceBody,
  TransactionReferenceInputRef,
  type InvoiceLineInput,
  type SectionInput,
  type TransactionReferenceInput,
} from './customer-invoice-inputs.js';
import { CUSTOMER_TYPENAMES } from './refs.js';
import { checkNotNull } from './sales-checks.js';
import { addDeleteMutation, defineDeletePayload } from './sales-writes.js';

/**
 * Editing customer invoices (`PUT /customer_invoices/{id}`, API.md §4.1, §5 rules 1–2): a
 * draft can be edited whole (its lines replaced); a finalized invoice only in the few
 * fields that do not touch its amounts or its books; only a draft can be deleted.
 */

export interface UpdateDraftInvoiceInput extends InvoiceOptions {
  customerId?: string | null;
  date?: string | null;
  deadline?: string | null;
  invoiceLineSections?: SectionInput[] | null;
  invoiceLines?: InvoiceLineInput[] | null;
}

const UpdateDraftInputRef = builder.inputRef<UpdateDraftInvoiceInput>('UpdateDraftCustomerInvoiceInput').implement({
  description: 'Fields of a draft invoice to change; the others keep their value. `invoiceLines`, when given, replace all its lines.',
  fields: (t) => ({
    customerId: t.id({ required: false, description: 'The customer (global or Pennylane id).' }),
    date: t.field({ type: 'Date', required: false, description: 'Invoice date.' }),
    deadline: t.field({ type: 'Date', required: false, description: 'Payment deadline (not before the date).' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency.' }),
    language: t.field({ type: InvoiceLanguageEnum, required: false, description: 'Document language.' }),
    label: t.string({ required: false, description: 'Label.' }),
    externalReference: t.string({ required: false, description: 'Your own unique reference.' }),
    templateId: t.id({ required: false, description: 'Invoice template (global or Pennylane id).' }),
    ...pdfTextFields(t),
    discount: t.field({ type: DiscountInputRef, required: false, description: 'Invoice-level discount.' }),
    creditedInvoiceId: t.id({ required: false, description: 'For a credit note: the invoice it credits; null unlinks it.' }),
    invoiceLineSections: t.field({
      type: [InvoiceLineSectionInputRef],
      required: false,
      description: 'The new sections: they replace every section of the draft.',
    }),
    invoiceLines: t.field({
      type: [InvoiceLineInputRef],
      required: false,
      description: 'The new lines (1 to 1000): they replace every line of the draft.',
    }),
  }),
});

/** Text fields a finalized invoice accepts (API.md §4.1: "limited fields"). */
export interface UpdateFinalizedInvoiceInput extends InvoiceTexts {
  transactionReference?: TransactionReferenceInput | null;
}

const UpdateFinalizedInputRef = builder.inputRef<UpdateFinalizedInvoiceInput>('UpdateFinalizedCustomerInvoiceInput').implement({
  description:
    'Fields a finalized invoice still accepts: texts that change neither its amounts nor its entry. The others keep their value.',
  fields: (t) => ({
    label: t.string({ required: false, description: 'Label.' }),
    ...pdfTextFields(t),
    externalReference: t.string({ required: false, description: 'Your own unique reference.' }),
    transactionReference: t.field({
      type: TransactionReferenceInputRef,
      required: false,
      description: 'How the paying bank transaction is recognized; null removes it.',
    }),
  }),
});

const TEXTS: [keyof InvoiceTexts, string][] = [
  ['label', 'label'],
  ['pdfInvoiceSubject', 'pdf_invoice_subject'],
  ['pdfInvoiceFreeText', 'pdf_invoice_free_text'],
  ['pdfDescription', 'pdf_description'],
  ['specialMention', 'special_mention'],
  ['externalReference', 'external_reference'],
];

function copyTexts(input: InvoiceTexts, body: Record<string, unknown>): void {
  for (const [from, to] of TEXTS) if (input[from] !== undefined) body[to] = input[from];
}

/** Fields Pennylane cannot set to null (the others — label, description, mention, template, credited invoice — can be cleared). */
const NOT_NULL = ['customerId', 'date', 'deadline', 'currency', 'language', 'externalReference', 'pdfInvoiceSubject', 'pdfInvoiceFreeText', 'discount', 'invoiceLineSections', 'invoiceLines'];

function checkDraftEdit(input: UpdateDraftInvoiceInput, checks: InputChecks): void {
  checkNotNull(checks, input, NOT_NULL);
  if (input.customerId) checks.entityId(['input', 'customerId'], input.customerId, CUSTOMER_TYPENAMES);
  checks.dateOrder(['input', 'deadline'], input.date, input.deadline, 'The deadline cannot be before the invoice date.');
  checks.currency(['input', 'currency'], input.currency);
  if (input.templateId) checks.entityId(['input', 'templateId'], input.templateId, ['CustomerInvoiceTemplate']);
  if (input.externalReference !== undefined) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
  if (input.creditedInvoiceId) checks.entityId(['input', 'creditedInvoiceId'], input.creditedInvoiceId, ['CustomerInvoice']);
  checkDiscount(checks, ['input', 'discount'], input.discount);
  if (input.invoiceLines) checkLines(checks, ['input', 'invoiceLines'], input.invoiceLines);
  checkSections(checks, ['input', 'invoiceLineSections'], input.invoiceLineSections, input.invoiceLines, ['input', 'invoiceLines']);
}

function draftBody(input: UpdateDraftInvoiceInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  copyTexts(input, body);
  for (const [from, to] of [['date', 'date'], ['deadline', 'deadline'], ['currency', 'currency'], ['language', 'language']] as const) {
    if (input[from] != null) body[to] = input[from];
  }
  if (input.customerId) body.customer_id = customerIdOf(input.customerId);
  if (input.templateId !== undefined) {
    body.customer_invoice_template_id = input.templateId === null ? null : pennylaneIdOf(input.templateId, ['CustomerInvoiceTemplate']);
  }
  if (input.discount) body.discount = { ...input.discount };
  if (input.creditedInvoiceId !== undefined) {
    body.credited_invoice_id = input.creditedInvoiceId === null ? null : pennylaneIdOf(input.creditedInvoiceId, ['CustomerInvoice']);
  }
  if (input.invoiceLineSections) body.invoice_line_sections = input.invoiceLineSections.map(sectionBody);
  if (input.invoiceLines) body.invoice_lines = input.invoiceLines.map(lineBody);
  return body;
}

export const updateDraftCustomerInvoiceDef = addUpdateMutation<UpdateDraftInvoiceInput, PennylaneCustomerInvoice>({
  name: 'updateDraftCustomerInvoice',
  description:
    'Edits a draft invoice (`PUT /customer_invoices/{id}`): any field, and `invoiceLines` replace all its lines (totals are computed again by Pennylane). A finalized invoice is refused: see updateFinalizedCustomerInvoice.',
  endpoint: 'PUT /customer_invoices/{id}',
  input: UpdateDraftInputRef,
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  check: (input, checks) => checkDraftEdit(input, checks),
  toBody: draftBody,
});

export const updateFinalizedCustomerInvoiceDef = addUpdateMutation<UpdateFinalizedInvoiceInput, PennylaneCustomerInvoice>({
  name: 'updateFinalizedCustomerInvoice',
  description:
    'Changes what a finalized invoice still accepts (`PUT /customer_invoices/{id}`, limited body): its label, PDF texts, external reference and transaction reference. Its amounts, lines and dates cannot change.',
  endpoint: 'PUT /customer_invoices/{id}',
  input: UpdateFinalizedInputRef,
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  check: (input, checks) => {
    checkNotNull(checks, input, ['externalReference', 'pdfInvoiceSubject', 'pdfInvoiceFreeText']);
    if (input.externalReference !== undefined) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
  },
  toBody: (input) => {
    const body: Record<string, unknown> = {};
    copyTexts(input, body);
    if (input.transactionReference !== undefined) {
      body.transaction_reference = input.transactionReference && transactionReferenceBody(input.transactionReference);
    }
    return body;
  },
});

const DeleteInvoicePayload = defineDeletePayload(
  'DeleteCustomerInvoicePayload',
  'A draft invoice that was deleted.',
  'The global id of the deleted invoice.',
);

addDeleteMutation({
  name: 'deleteDraftCustomerInvoice',
  description:
    'Deletes a draft invoice (`DELETE /customer_invoices/{id}`). Pennylane refuses to delete a finalized invoice (ValidationError refused by PENNYLANE): cancel it with a credit note instead.',
  endpoint: 'DELETE /customer_invoices/{id}',
  noun: 'customer invoice',
  resource: 'customer_invoices',
  payload: DeleteInvoicePayload,
  args: (t) => ({ id: t.arg.id({ required: true, description: 'The draft invoice: global id or Pennylane id.' }) }),
  locate: (args, checks) => {
    const id = checks.entityId(['id'], args.id, ['CustomerInvoice']);
    if (id === null) return null;
    return {
      path: `/customer_invoices/${id}`,
      effects: { lists: ['/customer_invoices'], records: [{ resource: 'customer_invoices', path: '/customer_invoices', id }] },
      deleted: { deletedId: encodeGlobalId('CustomerInvoice', id), pennylaneId: String(id) },
    };
  },
});
