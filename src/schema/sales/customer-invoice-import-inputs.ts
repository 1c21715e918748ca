import { builder, type BuilderTypes } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { decimalUnits, formatUnits, type InputChecks } from '../shared/validation.js';
import { InvoiceLanguageEnum, TransactionReferenceInputRef, transactionReferenceBody, type TransactionReferenceInput } from './customer-invoice-inputs.js';
import { CUSTOMER_TYPENAMES } from './refs.js';

/**
 * Imported invoices (`POST /customer_invoices/import`, `PUT …/{id}/update_imported`, API.md
 * §4.1, §5 rule 7): amounts are stored as sent, so the gateway checks they add up — before
 * tax + tax = total exactly, the lines' sums within a cent per line — before any call.
 */

type Path = (string | number)[];
type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

export interface ImportedLineInput {
  id?: string | null;
  label?: string | null;
  quantity?: string | null;
  unit?: string | null;
  rawCurrencyUnitPrice?: string | null;
  vatRate?: string | null;
  currencyAmount?: string | null;
  currencyTax?: string | null;
  description?: string | null;
  productId?: string | null;
}

/** Head fields of an import, all optional on update. */
export interface ImportedInvoiceInput {
  file?: File | null;
  fileAttachmentId?: string | null;
  customerId?: string | null;
  date?: string | null;
  deadline?: string | null;
  currencyAmountBeforeTax?: string | null;
  currencyAmount?: string | null;
  currencyTax?: string | null;
  importAsIncomplete?: boolean | null;
  creditedInvoiceId?: string | null;
  invoiceNumber?: string | null;
  currency?: string | null;
  amount?: string | null;
  tax?: string | null;
  transactionReference?: TransactionReferenceInput | null;
  externalReference?: string | null;
  label?: string | null;
  language?: string | null;
}

const lineFields = (t: InputFields, creating: boolean) => ({
  label: t.string({ required: false, description: 'Label (required without a product).' }),
  quantity: t.field({ type: 'Decimal', required: false, description: 'Quantity; default 1.' }),
  unit: t.string({ required: false, description: 'Unit, e.g. piece, hour.' }),
  rawCurrencyUnitPrice: t.field({ type: 'Decimal', required: false, description: 'Unit price excluding tax; default: derived from the amounts.' }),
  vatRate: t.string({ required: creating, description: 'VAT rate code, e.g. FR_200.' }),
  currencyAmount: t.field({ type: 'Decimal', required: creating, description: 'Line total including tax, in the invoice currency (at most 2 decimals).' }),
  currencyTax: t.field({ type: 'Decimal', required: creating, description: 'Line tax, in the invoice currency (at most 2 decimals).' }),
  description: t.string({ required: false, description: 'Longer description.' }),
  productId: t.id({ required: false, description: 'The product (global or Pennylane id).' }),
});

export const ImportedLineInputRef = builder.inputRef<ImportedLineInput>('ImportedInvoiceLineInput').implement({
  description: 'A line of an imported invoice, with its amounts as printed on the file.',
  fields: (t) => lineFields(t, true),
});

export const UpdateImportedLineInputRef = builder.inputRef<ImportedLineInput>('UpdateImportedInvoiceLineInput').implement({
  description: 'Fields of a line of an imported invoice to change; the others keep their value.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Pennylane id of the line.' }), ...lineFields(t, false) }),
});

export interface LineOpsInput {
  create?: ImportedLineInput[] | null;
  update?: ImportedLineInput[] | null;
  delete?: string[] | null;
}

export const LineOpsInputRef = builder.inputRef<LineOpsInput>('ImportedInvoiceLineChangesInput').implement({
  description: 'Changes to the lines of an imported invoice: lines to add, to change and to remove; the others stay.',
  fields: (t) => ({
    create: t.field({ type: [ImportedLineInputRef], required: false, description: 'Lines to add.' }),
    update: t.field({ type: [UpdateImportedLineInputRef], required: false, description: 'Lines to change, by id.' }),
    delete: t.idList({ required: false, description: 'Pennylane ids of the lines to remove.' }),
  }),
});

/** The head fields (`creating`: the required ones are required). */
export function headFields(t: InputFields, creating: boolean) {
  return {
    fileAttachmentId: t.id({
      required: false,
      description: creating ? 'An uploaded file attachment (or send `file`).' : 'Another uploaded file attachment.',
    }),
    customerId: t.id({ required: creating, description: 'The customer (global or Pennylane id).' }),
    date: t.field({ type: 'Date', required: creating, description: 'Invoice date.' }),
    deadline: t.field({ type: 'Date', required: creating, description: 'Payment deadline (not before the date).' }),
    currencyAmountBeforeTax: t.field({ type: 'Decimal', required: creating, description: 'Total before tax, in the invoice currency.' }),
    currencyAmount: t.field({ type: 'Decimal', required: creating, description: 'Total including tax: before tax + tax, exactly.' }),
    currencyTax: t.field({ type: 'Decimal', required: creating, description: 'Total tax, in the invoice currency.' }),
    importAsIncomplete: t.boolean({
      required: false,
      description: creating ? 'True imports it as incomplete (no entry until completed).' : 'False completes an incomplete invoice (its entry is booked).',
    }),
    creditedInvoiceId: t.id({ required: false, description: 'For a credit note (negative total): the invoice it credits.' }),
    invoiceNumber: t.string({ required: false, description: 'Number printed on the file (unique per customer).' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency; default EUR.' }),
    amount: t.field({ type: 'Decimal', required: false, description: 'Total in EUR (foreign-currency invoices); for EUR, equal to currencyAmount.' }),
    tax: t.field({ type: 'Decimal', required: false, description: 'Tax in EUR (foreign-currency invoices); for EUR, equal to currencyTax.' }),
    transactionReference: t.field({ type: TransactionReferenceInputRef, required: false, description: 'How the paying bank transaction is recognized.' }),
    externalReference: t.string({
      required: false,
      description: creating ? 'Your own unique reference; also the default idempotency key.' : 'Your own unique reference.',
    }),
    label: t.string({ required: false, description: 'Label.' }),
    language: t.field({ type: InvoiceLanguageEnum, required: false, description: 'Document language.' }),
  };
}

/** At most 2 decimals (amounts are stored as sent, in cents). */
function checkCents(checks: InputChecks, path: Path, value: string | null | undefined): void {
  if (value && /\.\d{3,}$/.test(value) && !/\.\d{2}0+$/.test(value)) checks.add(path, 'An imported amount has at most 2 decimals.', 'TOO_PRECISE');
}

const sign = (value: string | null | undefined) => (value ? Math.sign(Number(decimalUnits(value))) : 0);

export function checkLine(checks: InputChecks, at: Path, line: ImportedLineInput, creating: boolean): void {
  if (line.label != null) checks.required([...at, 'label'], line.label, 'The label');
  else if (creating && !line.productId) checks.add([...at, 'label'], 'A line without a product needs a label.', 'REQUIRED');
  if (line.productId) checks.entityId([...at, 'productId'], line.productId, ['Product']);
  checks.vatRate([...at, 'vatRate'], line.vatRate);
  if (line.quantity && decimalUnits(line.quantity) === 0n) checks.add([...at, 'quantity'], 'The quantity cannot be zero.', 'INVALID');
  checkCents(checks, [...at, 'currencyAmount'], line.currencyAmount);
  checkCents(checks, [...at, 'currencyTax'], line.currencyTax);
  if (sign(line.currencyTax) * sign(line.currencyAmount) < 0) checks.add([...at, 'currencyTax'], 'A line\'s tax and total have the same sign.', 'SIGN');
}

/** Head checks; `lines` (the full set, on import) are summed against the totals. */
export function checkHead(checks: InputChecks, input: ImportedInvoiceInput, lines: readonly ImportedLineInput[] | null): void {
  if (input.customerId) checks.entityId(['input', 'customerId'], input.customerId, CUSTOMER_TYPENAMES);
  if (input.fileAttachmentId) checks.entityId(['input', 'fileAttachmentId'], input.fileAttachmentId, ['FileAttachment']);
  if (input.creditedInvoiceId) checks.entityId(['input', 'creditedInvoiceId'], input.creditedInvoiceId, ['CustomerInvoice']);
  checks.file(['input', 'file'], input.file);
  checks.dateOrder(['input', 'deadline'], input.date, input.deadline, 'The deadline cannot be before the invoice date.');
  checks.currency(['input', 'currency'], input.currency);
  for (const field of ['currencyAmountBeforeTax', 'currencyAmount', 'currencyTax', 'amount', 'tax'] as const) checkCents(checks, ['input', field], input[field]);
  const { currencyAmountBeforeTax: before, currencyTax: tax, currencyAmount: total } = input;
  if (before && tax && total && decimalUnits(before) + decimalUnits(tax) !== decimalUnits(total)) {
    const sum = formatUnits(decimalUnits(before) + decimalUnits(tax));
    checks.add(['input', 'currencyAmount'], `Before tax + tax is ${sum}, not ${total}: the totals must add up exactly.`, 'UNBALANCED');
  }
  if (sign(before) * sign(total) < 0 || sign(tax) * sign(total) < 0) {
    checks.add(['input', 'currencyAmount'], 'The totals before tax, tax and including tax have the same sign.', 'SIGN');
  }
  if (input.creditedInvoiceId && total && sign(total) >= 0) {
    checks.add(['input', 'currencyAmount'], 'A credit note (with creditedInvoiceId) has a negative total.', 'SIGN');
  }
  if ((input.currency ?? 'EUR') === 'EUR') {
    if (input.amount && total && decimalUnits(input.amount) !== decimalUnits(total)) checks.add(['input', 'amount'], 'For EUR invoices, amount equals currencyAmount.', 'INVALID');
    if (input.tax && tax && decimalUnits(input.tax) !== decimalUnits(tax)) checks.add(['input', 'tax'], 'For EUR invoices, tax equals currencyTax.', 'INVALID');
  }
  if (lines && total && tax) checkLineSums(checks, lines, total, tax);
}

/** Σ lines against the totals, a cent of rounding per line tolerated (as Pennylane does). */
function checkLineSums(checks: InputChecks, lines: readonly ImportedLineInput[], total: string, tax: string): void {
  const tolerance = 10_000n * BigInt(lines.length);
  const sum = (pick: (l: ImportedLineInput) => string | null | undefined) => lines.reduce((s, l) => s + decimalUnits(pick(l) ?? '0'), 0n);
  const off = (a: bigint, b: bigint) => (a > b ? a - b : b - a) > tolerance;
  const amounts = sum((l) => l.currencyAmount);
  const taxes = sum((l) => l.currencyTax);
  if (off(amounts, decimalUnits(total))) {
    checks.add(['input', 'invoiceLines'], `The lines' currencyAmount sum to ${formatUnits(amounts)}, the invoice total is ${total}.`, 'UNBALANCED');
  }
  if (off(taxes, decimalUnits(tax))) {
    checks.add(['input', 'invoiceLines'], `The lines' currencyTax sum to ${formatUnits(taxes)}, the invoice tax is ${tax}.`, 'UNBALANCED');
  }
}

export function lineBody(line: ImportedLineInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy: [keyof ImportedLineInput, string][] = [
    ['label', 'label'], ['quantity', 'quantity'], ['unit', 'unit'], ['rawCurrencyUnitPrice', 'raw_currency_unit_price'], ['vatRate', 'vat_rate'],
    ['currencyAmount', 'currency_amount'], ['currencyTax', 'currency_tax'], ['description', 'description'],
  ];
  for (const [from, to] of copy) if (line[from] != null) body[to] = line[from];
  if (line.productId) body.product_id = pennylaneIdOf(line.productId, ['Product']);
  return body;
}

export function headBody(input: ImportedInvoiceInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy: [keyof ImportedInvoiceInput, string][] = [
    ['date', 'date'], ['deadline', 'deadline'], ['currencyAmountBeforeTax', 'currency_amount_before_tax'], ['currencyAmount', 'currency_amount'],
    ['currencyTax', 'currency_tax'], ['importAsIncomplete', 'import_as_incomplete'], ['invoiceNumber', 'invoice_number'], ['currency', 'currency'],
    ['amount', 'amount'], ['tax', 'tax'], ['externalReference', 'external_reference'], ['label', 'label'], ['language', 'language'],
  ];
  for (const [from, to] of copy) if (input[from] != null) body[to] = input[from];
  if (input.label === null) body.label = null;
  if (input.customerId) body.customer_id = pennylaneIdOf(input.customerId, CUSTOMER_TYPENAMES);
  if (input.fileAttachmentId) body.file_attachment_id = pennylaneIdOf(input.fileAttachmentId, ['FileAttachment']);
  if (input.creditedInvoiceId) body.credited_invoice_id = pennylaneIdOf(input.creditedInvoiceId, ['CustomerInvoice']);
  if (input.transactionReference !== undefined) body.transaction_reference = input.transactionReference && transactionReferenceBody(input.transactionReference);
  return body;
}
