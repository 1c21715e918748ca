import type { PennylaneQuote } from '../../datasources/pennylane/sales-documents.js';
import { builder, type BuilderTypes } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addActionMutation, addCreateMutation, addUpdateMutation, definePayload, type MutationArgs } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import {
  checkDiscount,
  checkLines,
  checkSections,
  customerIdOf,
  DiscountInputRef,
  InvoiceLanguageEnum,
  InvoiceLineInputRef,
  InvoiceLineSectionInputRef,
  lineBody,
  sectionBody,
  type DiscountInput,
  type InvoiceLineInput,
  type SectionInput,
} from './customer-invoice-inputs.js';
import { addAppendixUploadMutation, addSendByEmailMutation } from './document-actions.js';
import { QuoteStatus } from './quote.js';
import { CUSTOMER_TYPENAMES, QuoteRef } from './refs.js';
import { checkNotNull } from './sales-checks.js';

/** Quotes [2026] (API.md §4.1): create, edit (until invoiced), change status, e-mail, append files. */

export interface QuoteInput {
  customerId?: string | null;
  date?: string | null;
  deadline?: string | null;
  currency?: string | null;
  templateId?: string | null;
  label?: string | null;
  pdfInvoiceSubject?: string | null;
  pdfInvoiceFreeText?: string | null;
  pdfDescription?: string | null;
  specialMention?: string | null;
  language?: string | null;
  externalReference?: string | null;
  discount?: DiscountInput | null;
  invoiceLineSections?: SectionInput[] | null;
  invoiceLines?: InvoiceLineInput[] | null;
}

type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

const quoteFields = (t: InputFields, creating: boolean) => ({
  customerId: t.id({ required: creating, description: 'The customer (global or Pennylane id).' }),
  date: t.field({ type: 'Date', required: creating, description: 'Quote date.' }),
  deadline: t.field({ type: 'Date', required: creating, description: 'Validity deadline (not before the date).' }),
  currency: t.string({ required: false, description: 'ISO 4217 currency; default EUR.' }),
  templateId: t.id({ required: false, description: 'Pennylane id of the quote template; null clears it.' }),
  label: t.string({ required: false, description: 'Label; null clears it.' }),
  pdfInvoiceSubject: t.string({ required: false, description: 'Subject printed on the PDF.' }),
  pdfInvoiceFreeText: t.string({ required: false, description: 'Free text printed on the PDF.' }),
  pdfDescription: t.string({ required: false, description: 'Description printed on the PDF; null clears it.' }),
  specialMention: t.string({ required: false, description: 'Special mention printed on the PDF; null clears it.' }),
  language: t.field({ type: InvoiceLanguageEnum, required: false, description: 'Document language.' }),
  externalReference: t.string({
    required: false,
    description: creating ? 'Your own unique reference; also the default idempotency key.' : 'Your own unique reference.',
  }),
  discount: t.field({ type: DiscountInputRef, required: false, description: 'Quote-level discount.' }),
  invoiceLineSections: t.field({
    type: [InvoiceLineSectionInputRef],
    required: false,
    description: creating ? 'Sections the lines can point at.' : 'The new sections: they replace every section.',
  }),
  invoiceLines: t.field({
    type: [InvoiceLineInputRef],
    required: creating,
    description: creating ? 'At least one line.' : 'The new lines (1 to 1000): they replace every line.',
  }),
});

const CreateQuoteInputRef = builder.inputRef<QuoteInput>('CreateQuoteInput').implement({
  description: 'A quote for a customer; totals are computed by Pennylane from the lines.',
  fields: (t) => quoteFields(t, true),
});

const UpdateQuoteInputRef = builder.inputRef<QuoteInput>('UpdateQuoteInput').implement({
  description: 'Fields of a quote to change; the others keep their value. Lines and sections, when given, replace the current ones.',
  fields: (t) => quoteFields(t, false),
});

export const QuotePayload = definePayload<PennylaneQuote>('QuotePayload', 'quote', QuoteRef, 'A quote as written.');

const NOT_NULL = ['customerId', 'date', 'deadline', 'currency', 'pdfInvoiceSubject', 'pdfInvoiceFreeText', 'language', 'externalReference', 'discount', 'invoiceLineSections', 'invoiceLines'];

function checkQuote(input: QuoteInput, checks: InputChecks, creating: boolean): void {
  checkNotNull(checks, input, NOT_NULL);
  if (input.customerId) checks.entityId(['input', 'customerId'], input.customerId, CUSTOMER_TYPENAMES);
  checks.dateOrder(['input', 'deadline'], input.date, input.deadline, 'The deadline cannot be before the quote date.');
  checks.currency(['input', 'currency'], input.currency);
  if (input.templateId) checks.entityId(['input', 'templateId'], input.templateId, ['QuoteTemplate']);
  if (input.externalReference != null) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
  checkDiscount(checks, ['input', 'discount'], input.discount);
  if (creating || input.invoiceLines) checkLines(checks, ['input', 'invoiceLines'], input.invoiceLines);
  checkSections(checks, ['input', 'invoiceLineSections'], input.invoiceLineSections ?? (creating ? [] : null), input.invoiceLines, ['input', 'invoiceLines']);
}

/** Only the fields given. */
function quoteBody(input: QuoteInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy: [keyof QuoteInput, string][] = [
    ['date', 'date'], ['deadline', 'deadline'], ['currency', 'currency'], ['label', 'label'], ['pdfInvoiceSubject', 'pdf_invoice_subject'],
    ['pdfInvoiceFreeText', 'pdf_invoice_free_text'], ['pdfDescription', 'pdf_description'], ['specialMention', 'special_mention'],
    ['language', 'language'], ['externalReference', 'external_reference'],
  ];
  for (const [from, to] of copy) if (input[from] !== undefined) body[to] = input[from];
  if (input.customerId) body.customer_id = customerIdOf(input.customerId);
  if (input.templateId !== undefined) body.quote_template_id = input.templateId === null ? null : pennylaneIdOf(input.templateId, ['QuoteTemplate']);
  if (input.discount) body.discount = { ...input.discount };
  if (input.invoiceLineSections) body.invoice_line_sections = input.invoiceLineSections.map(sectionBody);
  if (input.invoiceLines) body.invoice_lines = input.invoiceLines.map(lineBody);
  return body;
}

export const createQuoteDef = addCreateMutation<QuoteInput, PennylaneQuote>({
  name: 'createQuote',
  description: 'Creates a quote (`POST /quotes`), pending; its number is given at once and its PDF follows a little later.',
  endpoint: 'POST /quotes',
  input: CreateQuoteInputRef,
  payload: QuotePayload,
  noun: 'quote',
  resource: 'quotes',
  path: '/quotes',
  // Numbering a quote moves its numbering's next number.
  alsoChanges: ['/numberings'],
  check: (input, checks) => checkQuote(input, checks, true),
  toBody: (input, externalReference) => ({ ...quoteBody(input), external_reference: externalReference }),
  externalReferenceOf: (input) => input.externalReference,
});

export const updateQuoteDef = addUpdateMutation<QuoteInput, PennylaneQuote>({
  name: 'updateQuote',
  description: 'Edits a quote (`PUT /quotes/{id}`); its PDF is made again. Pennylane refuses an invoiced quote.',
  endpoint: 'PUT /quotes/{id}',
  input: UpdateQuoteInputRef,
  payload: QuotePayload,
  noun: 'quote',
  resource: 'quotes',
  path: '/quotes',
  typenames: ['Quote'],
  check: (input, checks) => checkQuote(input, checks, false),
  toBody: quoteBody,
});

const statusOf = (args: MutationArgs) => args.status as string;

addActionMutation<PennylaneQuote>({
  name: 'updateQuoteStatus',
  description:
    "Records the customer's answer to a quote (`PUT /quotes/{id}/update_status`): PENDING, ACCEPTED, DENIED or EXPIRED. A quote becomes INVOICED only through createCustomerInvoiceFromQuote; an invoiced quote no longer changes.",
  endpoint: 'PUT /quotes/{id}/update_status',
  payload: QuotePayload,
  noun: 'quote',
  resource: 'quotes',
  path: '/quotes',
  typenames: ['Quote'],
  args: (t) => ({ status: t.arg({ type: QuoteStatus.ref, required: true, description: 'The new status.' }) }),
  check: (args, checks) => {
    if (!['pending', 'accepted', 'denied', 'expired'].includes(statusOf(args))) {
      checks.add(['status'], 'A quote is set to PENDING, ACCEPTED, DENIED or EXPIRED; it becomes INVOICED through createCustomerInvoiceFromQuote.', 'INVALID');
    }
  },
  send: (ctx, id, args, effects) => ctx.pennylane.write<PennylaneQuote>('PUT', `/quotes/${id}/update_status`, { status: statusOf(args) }, effects),
  answersWithRecord: true,
  done: (quote, args) => quote.status === statusOf(args),
});

const QUOTE = { noun: 'quote', path: '/quotes', typename: 'Quote', pdfAfter: 'its creation or last edit' } as const;

addSendByEmailMutation<PennylaneQuote>('sendQuoteByEmail', QUOTE, QuotePayload, 'E-mails a quote with its PDF (`POST /quotes/{id}/send_by_email`).');

export const uploadQuoteAppendixDef = addAppendixUploadMutation(
  'uploadQuoteAppendix',
  QUOTE,
  'quoteId',
  "Appends a file to a quote's PDF (`POST /quotes/{id}/appendices`, multipart); appendices are not stored in the DMS.",
);
