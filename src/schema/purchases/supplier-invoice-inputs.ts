import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { decimalUnits, formatUnits, type InputChecks } from '../shared/validation.js';

/**
 * Lines and amounts of supplier invoice imports and updates (API.md §4.2, §4.1 import): amounts
 * are stored as sent (cents), so the gateway checks what Pennylane checks — before tax + tax =
 * total exactly, and the lines adding up to the totals within a cent per line.
 */

type Path = readonly (string | number)[];

export interface ImputationDatesInput {
  startDate: string;
  endDate: string;
}

export interface SupplierInvoiceLineInput {
  label: string;
  vatRate: string;
  currencyAmount: string;
  currencyTax: string;
  description?: string | null;
  ledgerAccountId?: string | null;
  imputationDates?: ImputationDatesInput | null;
}

export interface SupplierInvoiceLineUpdateInput {
  id: string;
  label?: string | null;
  vatRate?: string | null;
  currencyAmount?: string | null;
  currencyTax?: string | null;
  description?: string | null;
  ledgerAccountId?: string | null;
  imputationDates?: ImputationDatesInput | null;
}

export interface SupplierInvoiceLineOpsInput {
  create?: SupplierInvoiceLineInput[] | null;
  update?: SupplierInvoiceLineUpdateInput[] | null;
  delete?: string[] | null;
}

/** The three totals of a document, in its currency. */
export interface InvoiceTotals {
  currencyAmountBeforeTax?: string | null;
  currencyTax?: string | null;
  currencyAmount?: string | null;
}

const lineFields = <R extends boolean>(required: R) => ({
  label: { required, description: 'Label.' },
  vatRate: { required, description: 'VAT rate code, e.g. FR_200 for 20 %.' },
  currencyAmount: { required, description: 'Line total including tax, in the invoice currency (at most 2 decimals).' },
  currencyTax: { required, description: 'Tax of the line, in the invoice currency (at most 2 decimals).' },
});

export const ImputationDatesInputRef = builder.inputRef<ImputationDatesInput>('ImputationDatesInput').implement({
  description: 'The period an expense belongs to (prepaid expenses).',
  fields: (t) => ({
    startDate: t.field({ type: 'Date', required: true, description: 'First day.' }),
    endDate: t.field({ type: 'Date', required: true, description: 'Last day (not before the first).' }),
  }),
});

export const SupplierInvoiceLineInputRef = builder.inputRef<SupplierInvoiceLineInput>('SupplierInvoiceLineInput').implement({
  description: 'A line of a supplier invoice: an amount including tax and its tax, at one VAT rate.',
  fields: (t) => ({
    label: t.string(lineFields(true).label),
    vatRate: t.string(lineFields(true).vatRate),
    currencyAmount: t.field({ type: 'Decimal', ...lineFields(true).currencyAmount }),
    currencyTax: t.field({ type: 'Decimal', ...lineFields(true).currencyTax }),
    description: t.string({ required: false, description: 'Longer description.' }),
    ledgerAccountId: t.id({
      required: false,
      description: "Expense account (6…) the line is booked to (global or Pennylane id); default: the supplier's usual one.",
    }),
    imputationDates: t.field({ type: ImputationDatesInputRef, required: false, description: 'Expense period, for prepaid expenses.' }),
  }),
});

export const SupplierInvoiceLineUpdateInputRef = builder.inputRef<SupplierInvoiceLineUpdateInput>('SupplierInvoiceLineUpdateInput').implement({
  description: 'Changes to one line; fields left out keep their value.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The line (its Pennylane id).' }),
    label: t.string(lineFields(false).label),
    vatRate: t.string(lineFields(false).vatRate),
    currencyAmount: t.field({ type: 'Decimal', ...lineFields(false).currencyAmount }),
    currencyTax: t.field({ type: 'Decimal', ...lineFields(false).currencyTax }),
    description: t.string({ required: false, description: 'Longer description.' }),
    ledgerAccountId: t.id({ required: false, description: 'Expense account (6…) (global or Pennylane id).' }),
    imputationDates: t.field({ type: ImputationDatesInputRef, required: false, description: 'Expense period; null removes it.' }),
  }),
});

export const SupplierInvoiceLineOpsInputRef = builder.inputRef<SupplierInvoiceLineOpsInput>('SupplierInvoiceLineOpsInput').implement({
  description: 'Line operations on a supplier invoice; the totals must still add up afterwards.',
  fields: (t) => ({
    create: t.field({ type: [SupplierInvoiceLineInputRef], required: false, description: 'Lines to add.' }),
    update: t.field({ type: [SupplierInvoiceLineUpdateInputRef], required: false, description: 'Lines to change.' }),
    delete: t.idList({ required: false, description: 'Lines to remove (Pennylane ids).' }),
  }),
});

const CENT = 10_000n;

/** An amount in cents, or null (and an error) when finer than a cent. */
export function cents(checks: InputChecks, path: Path, value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const units = decimalUnits(value);
  if (units % CENT === 0n) return units;
  checks.add(path, `Amounts are in cents: at most 2 decimals, got "${value}".`, 'TOO_PRECISE');
  return null;
}

/** before tax + tax = total, exactly (when all three are given). */
export function checkTotals(checks: InputChecks, path: Path, totals: InvoiceTotals): void {
  const before = cents(checks, [...path, 'currencyAmountBeforeTax'], totals.currencyAmountBeforeTax);
  const tax = cents(checks, [...path, 'currencyTax'], totals.currencyTax);
  const total = cents(checks, [...path, 'currencyAmount'], totals.currencyAmount);
  if (before === null || tax === null || total === null || before + tax === total) return;
  checks.add(
    [...path, 'currencyAmount'],
    `The total (${formatUnits(total)}) is not the amount before tax (${formatUnits(before)}) plus the tax (${formatUnits(tax)}) = ${formatUnits(before + tax)}.`,
    'INCOHERENT_TOTAL',
  );
}

export function checkLine(checks: InputChecks, path: Path, line: SupplierInvoiceLineInput | SupplierInvoiceLineUpdateInput, creating: boolean): void {
  if (creating || line.label !== undefined) checks.required([...path, 'label'], line.label, 'The label');
  if (!creating && (line.vatRate === null || line.currencyAmount === null || line.currencyTax === null)) {
    checks.add(path, 'A line keeps a VAT rate and amounts: give new values instead of null.', 'REQUIRED');
  }
  checks.vatRate([...path, 'vatRate'], line.vatRate);
  cents(checks, [...path, 'currencyAmount'], line.currencyAmount);
  cents(checks, [...path, 'currencyTax'], line.currencyTax);
  if (line.ledgerAccountId) checks.entityId([...path, 'ledgerAccountId'], line.ledgerAccountId, ['LedgerAccount']);
  const period = line.imputationDates;
  if (period) checks.dateOrder([...path, 'imputationDates', 'endDate'], period.startDate, period.endDate, 'The period cannot end before it starts.');
}

/** The lines add up to the totals, within one cent per line (Pennylane's tolerance for rounding). */
export function checkLinesAddUp(checks: InputChecks, path: Path, totals: InvoiceTotals, lines: readonly SupplierInvoiceLineInput[]): void {
  const tolerance = CENT * BigInt(lines.length);
  const sum = (pick: (l: SupplierInvoiceLineInput) => string) => lines.reduce((s, l) => s + decimalUnits(pick(l)), 0n);
  const compare = (field: 'currencyAmount' | 'currencyTax', total: string | null | undefined) => {
    if (total == null) return;
    const lineSum = sum((l) => l[field]);
    const gap = lineSum - decimalUnits(total);
    if (gap > tolerance || -gap > tolerance) {
      checks.add(
        [...path, field],
        `The lines' ${field} sum to ${formatUnits(lineSum)}, the invoice says ${total} (at most one cent per line of rounding is accepted).`,
        'LINES_DO_NOT_ADD_UP',
      );
    }
  };
  compare('currencyAmount', totals.currencyAmount);
  compare('currencyTax', totals.currencyTax);
}

export function lineBody(line: SupplierInvoiceLineInput | SupplierInvoiceLineUpdateInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if ('id' in line) body.id = pennylaneIdOf(line.id, ['SupplierInvoiceLine']);
  if (line.label != null) body.label = line.label;
  if (line.vatRate != null) body.vat_rate = line.vatRate;
  if (line.currencyAmount != null) body.currency_amount = line.currencyAmount;
  if (line.currencyTax != null) body.currency_tax = line.currencyTax;
  if (line.description !== undefined) body.description = line.description ?? '';
  if (line.ledgerAccountId) body.ledger_account_id = pennylaneIdOf(line.ledgerAccountId, ['LedgerAccount']);
  if (line.imputationDates !== undefined) {
    const period = line.imputationDates;
    body.imputation_dates = period === null ? null : { start_date: period.startDate, end_date: period.endDate };
  }
  return body;
}

export function lineOpsBody(ops: SupplierInvoiceLineOpsInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (ops.create?.length) body.create = ops.create.map(lineBody);
  if (ops.update?.length) body.update = ops.update.map(lineBody);
  if (ops.delete?.length) body.delete = ops.delete.map((id) => ({ id: pennylaneIdOf(id, ['SupplierInvoiceLine']) }));
  return body;
}
