import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import { builder, type BuilderTypes } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addActionMutation, addCreateMutation, definePayload } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import {
  checkDiscount,
  checkLines,
  customerIdOf,
  DiscountInputRef,
  InvoiceLanguageEnum,
  InvoiceLineInputRef,
  lineBody,
  type DiscountInput,
  type InvoiceLineInput,
} from './customer-invoice-inputs.js';
import { CUSTOMER_TYPENAMES, CustomerInvoiceRef } from './refs.js';

/** Customer invoices and credit notes: create, finalize, mark as paid (API.md §4.1, §5). */

/** The texts of an invoice: given on create, still editable on a draft and on a finalized invoice. */
export interface InvoiceTexts {
  label?: string | null;
  pdfInvoiceSubject?: string | null;
  pdfInvoiceFreeText?: string | null;
  pdfDescription?: string | null;
  specialMention?: string | null;
  externalReference?: string | null;
}

/** What an invoice is given besides its customer, dates and lines: on create and on a draft edit alike. */
export interface InvoiceOptions extends InvoiceTexts {
  currency?: string | null;
  language?: string | null;
  templateId?: string | null;
  discount?: DiscountInput | null;
  creditedInvoiceId?: string | null;
}

export interface CreateCustomerInvoiceInput extends InvoiceOptions {
  customerId: string;
  date: string;
  deadline: string;
  draft?: boolean | null;
  invoiceLines: InvoiceLineInput[];
}

/** The texts printed on an invoice's PDF, as input fields: the same on create and on both edits. */
export const pdfTextFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  pdfInvoiceSubject: t.string({ required: false, description: 'Subject printed on the PDF.' }),
  pdfInvoiceFreeText: t.string({ required: false, description: 'Free text printed on the PDF.' }),
  pdfDescription: t.string({ required: false, description: 'Description printed on the PDF.' }),
  specialMention: t.string({ required: false, description: 'Special mention printed on the PDF.' }),
});

export const CreateCustomerInvoiceInputRef = builder.inputRef<CreateCustomerInvoiceInput>('CreateCustomerInvoiceInput').implement({
  description: 'A customer invoice, or a credit note (negative quantities, with creditedInvoiceId).',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer (global or Pennylane id).' }),
    date: t.field({ type: 'Date', required: true, description: 'Invoice date.' }),
    deadline: t.field({ type: 'Date', required: true, description: 'Payment deadline (not before the date).' }),
    draft: t.boolean({
      required: false,
      defaultValue: true,
      description: 'True (default) creates an editable draft; false finalizes at once (numbered, ledger entry, PDF).',
    }),
    currency: t.string({ required: false, description: 'ISO 4217 currency; default EUR.' }),
    language: t.field({ type: InvoiceLanguageEnum, required: false, description: 'Document language; default French.' }),
    label: t.string({ required: false, description: 'Label.' }),
    externalReference: t.string({ required: false, description: 'Your own unique reference; also the default idempotency key.' }),
    templateId: t.id({ required: false, description: 'Invoice template (global or Pennylane id).' }),
    ...pdfTextFields(t),
    discount: t.field({ type: DiscountInputRef, required: false, description: 'Invoice-level discount.' }),
    creditedInvoiceId: t.id({ required: false, description: 'For a credit note: the invoice it credits.' }),
    invoiceLines: t.field({ type: [InvoiceLineInputRef], required: true, description: 'At least one line.' }),
  }),
});

export const CustomerInvoicePayload = definePayload<PennylaneCustomerInvoice>(
  'CustomerInvoicePayload',
  'customerInvoice',
  CustomerInvoiceRef,
  'A customer invoice as written.',
);

function checkInvoice(input: CreateCustomerInvoiceInput, checks: InputChecks): void {
  checks.entityId(['input', 'customerId'], input.customerId, CUSTOMER_TYPENAMES);
  checks.dateOrder(['input', 'deadline'], input.date, input.deadline, 'The deadline cannot be before the invoice date.');
  checks.currency(['input', 'currency'], input.currency);
  if (input.templateId) checks.entityId(['input', 'templateId'], input.templateId, ['CustomerInvoiceTemplate']);
  if (input.creditedInvoiceId) checks.entityId(['input', 'creditedInvoiceId'], input.creditedInvoiceId, ['CustomerInvoice']);
  checkDiscount(checks, ['input', 'discount'], input.discount);
  checkLines(checks, ['input', 'invoiceLines'], input.invoiceLines);
}

function invoiceBody(input: CreateCustomerInvoiceInput, externalReference: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    customer_id: customerIdOf(input.customerId),
    date: input.date,
    deadline: input.deadline,
    draft: input.draft ?? true,
    external_reference: externalReference,
    invoice_lines: input.invoiceLines.map(lineBody),
  };
  const optional: [keyof CreateCustomerInvoiceInput, string][] = [
    ['currency', 'currency'],
    ['language', 'language'],
    ['label', 'label'],
    ['pdfInvoiceSubject', 'pdf_invoice_subject'],
    ['pdfInvoiceFreeText', 'pdf_invoice_free_text'],
    ['pdfDescription', 'pdf_description'],
    ['specialMention', 'special_mention'],
  ];
  for (const [from, to] of optional) if (input[from] != null) body[to] = input[from];
  if (input.discount) body.discount = { ...input.discount };
  if (input.templateId) body.customer_invoice_template_id = pennylaneIdOf(input.templateId, ['CustomerInvoiceTemplate']);
  if (input.creditedInvoiceId) body.credited_invoice_id = pennylaneIdOf(input.creditedInvoiceId, ['CustomerInvoice']);
  return body;
}

/** Finalizing writes a ledger entry: entry and line lists change too. */
const ACCOUNTING_LISTS = ['/ledger_entries', '/ledger_entry_lines', '/trial_balance'];

export const createCustomerInvoiceDef = addCreateMutation<CreateCustomerInvoiceInput, PennylaneCustomerInvoice>({
  name: 'createCustomerInvoice',
  description:
    'Creates a customer invoice or credit note, as a draft or finalized (`POST /customer_invoices`). Totals are computed by Pennylane from the lines.',
  endpoint: 'POST /customer_invoices',
  input: CreateCustomerInvoiceInputRef,
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  alsoChanges: ACCOUNTING_LISTS,
  check: (input, checks) => checkInvoice(input, checks),
  toBody: invoiceBody,
  externalReferenceOf: (input) => input.externalReference,
});

addActionMutation<PennylaneCustomerInvoice>({
  name: 'finalizeCustomerInvoice',
  description:
    'Finalizes a draft (`PUT /customer_invoices/{id}/finalize`): it gets its number and ledger entry, and can no longer be edited or deleted. Its PDF follows a little later.',
  endpoint: 'PUT /customer_invoices/{id}/finalize',
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  alsoChanges: ACCOUNTING_LISTS,
  send: (ctx, id, _args, effects) => ctx.pennylane.write<PennylaneCustomerInvoice>('PUT', `/customer_invoices/${id}/finalize`, undefined, effects),
  answersWithRecord: true,
  done: (invoice) => !invoice.draft,
});

addActionMutation<PennylaneCustomerInvoice>({
  name: 'markCustomerInvoiceAsPaid',
  description:
    'Marks an invoice as paid (`PUT /customer_invoices/{id}/mark_as_paid`) without matching a bank transaction. Costs one more call to return the invoice.',
  endpoint: 'PUT /customer_invoices/{id}/mark_as_paid',
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  send: async (ctx, id, _args, effects) => {
    await ctx.pennylane.write('PUT', `/customer_invoices/${id}/mark_as_paid`, undefined, effects);
  },
  done: (invoice) => invoice.paid,
});
