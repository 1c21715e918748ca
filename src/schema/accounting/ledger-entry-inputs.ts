import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { decimalUnits, formatUnits, type InputChecks } from '../shared/validation.js';

/**
 * Inputs of ledger entry writes (API.md §4.3, §5 rules 11–12): lines are a debit xor a credit
 * (the other sent as "0.00"), in cents, never negative; an entry balances exactly.
 */

type Path = readonly (string | number)[];

export const MAX_ENTRY_LINES = 1_000;

export interface LedgerEntryLineInput {
  ledgerAccountId: string;
  debit?: string | null;
  credit?: string | null;
  label?: string | null;
}

export interface LedgerEntryLineUpdateInput {
  id: string;
  ledgerAccountId?: string | null;
  debit?: string | null;
  credit?: string | null;
  label?: string | null;
}

export interface LedgerEntryLineOpsInput {
  create?: LedgerEntryLineInput[] | null;
  update?: LedgerEntryLineUpdateInput[] | null;
  delete?: string[] | null;
}

const AMOUNT = 'A decimal string with at most 2 decimals, not negative.';

export const LedgerEntryLineInputRef = builder.inputRef<LedgerEntryLineInput>('LedgerEntryLineInput').implement({
  description: 'A line of an entry: a debit or a credit (exactly one of them non-zero) on one ledger account.',
  fields: (t) => ({
    ledgerAccountId: t.id({ required: true, description: 'The account (global or Pennylane id).' }),
    debit: t.field({ type: 'Decimal', required: false, description: `Debit amount. ${AMOUNT}` }),
    credit: t.field({ type: 'Decimal', required: false, description: `Credit amount. ${AMOUNT}` }),
    label: t.string({ required: false, description: "Label; default: the entry's label." }),
  }),
});

export const LedgerEntryLineUpdateInputRef = builder.inputRef<LedgerEntryLineUpdateInput>('LedgerEntryLineUpdateInput').implement({
  description: 'Changes to one line of the entry; fields left out keep their value. Giving one side sets the other to "0.00".',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The line (global or Pennylane id).' }),
    ledgerAccountId: t.id({ required: false, description: 'The account (global or Pennylane id).' }),
    debit: t.field({ type: 'Decimal', required: false, description: `Debit amount. ${AMOUNT}` }),
    credit: t.field({ type: 'Decimal', required: false, description: `Credit amount. ${AMOUNT}` }),
    label: t.string({ required: false, description: 'Label.' }),
  }),
});

export const LedgerEntryLineOpsInputRef = builder.inputRef<LedgerEntryLineOpsInput>('LedgerEntryLineOpsInput').implement({
  description: 'Line operations on an entry (at most 1000 in all); the entry must still balance afterwards.',
  fields: (t) => ({
    create: t.field({ type: [LedgerEntryLineInputRef], required: false, description: 'Lines to add.' }),
    update: t.field({ type: [LedgerEntryLineUpdateInputRef], required: false, description: 'Lines to change.' }),
    delete: t.idList({ required: false, description: 'Lines to remove (global or Pennylane ids).' }),
  }),
});

/** A side as exact units, or null (and an error) when it is negative or finer than a cent. */
function side(checks: InputChecks, path: Path, value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return 0n;
  const units = decimalUnits(value);
  if (units < 0n) {
    checks.add(path, `An amount is never negative, got "${value}": use the other side.`, 'NEGATIVE');
    return null;
  }
  if (units % 10_000n !== 0n) {
    checks.add(path, `Ledger amounts are in cents: at most 2 decimals, got "${value}".`, 'TOO_PRECISE');
    return null;
  }
  return units;
}

/** Checks a new line; returns its signed amount (debit − credit) when valid. */
export function checkNewLine(checks: InputChecks, path: Path, line: LedgerEntryLineInput, labelRequired: boolean): bigint | null {
  checks.entityId([...path, 'ledgerAccountId'], line.ledgerAccountId, ['LedgerAccount']);
  if (labelRequired) checks.required([...path, 'label'], line.label, 'The label (the entry has none to default to)');
  const debit = side(checks, [...path, 'debit'], line.debit);
  const credit = side(checks, [...path, 'credit'], line.credit);
  if (debit === null || credit === null) return null;
  if ((debit === 0n) === (credit === 0n)) {
    checks.add(path, 'Exactly one of debit and credit must be non-zero.', 'DEBIT_XOR_CREDIT');
    return null;
  }
  return debit - credit;
}

export function checkLineUpdate(checks: InputChecks, path: Path, line: LedgerEntryLineUpdateInput): void {
  checks.entityId([...path, 'id'], line.id, ['LedgerEntryLine']);
  if (line.ledgerAccountId === null) checks.add([...path, 'ledgerAccountId'], 'A line needs an account.', 'REQUIRED');
  else checks.entityId([...path, 'ledgerAccountId'], line.ledgerAccountId, ['LedgerAccount']);
  if (line.label === null) checks.add([...path, 'label'], 'A label cannot be removed; give a new one.', 'REQUIRED');
  const debit = side(checks, [...path, 'debit'], line.debit);
  const credit = side(checks, [...path, 'credit'], line.credit);
  if (debit === null || credit === null || (line.debit == null && line.credit == null)) return;
  if ((debit === 0n) === (credit === 0n)) checks.add(path, 'Exactly one of debit and credit must be non-zero.', 'DEBIT_XOR_CREDIT');
}

/** Σ debit = Σ credit, exactly; the totals go in the message. */
export function checkBalanced(checks: InputChecks, path: Path, amounts: readonly bigint[]): void {
  const debits = amounts.filter((a) => a > 0n).reduce((s, a) => s + a, 0n);
  const credits = amounts.filter((a) => a < 0n).reduce((s, a) => s - a, 0n);
  if (debits === credits) return;
  checks.add(
    path,
    `The entry is not balanced: debits total ${formatUnits(debits)}, credits total ${formatUnits(credits)} (difference ${formatUnits(debits - credits)}).`,
    'UNBALANCED',
  );
}

const ZERO = '0.00';
const isZero = (value: string | null | undefined) => value == null || decimalUnits(value) === 0n;

/** Pennylane's line: both sides always, the zero one as "0.00". */
export function newLineBody(line: LedgerEntryLineInput, entryLabel: string | null | undefined): Record<string, unknown> {
  return {
    ledger_account_id: pennylaneIdOf(line.ledgerAccountId, ['LedgerAccount']),
    debit: isZero(line.debit) ? ZERO : line.debit,
    credit: isZero(line.credit) ? ZERO : line.credit,
    label: line.label ?? entryLabel ?? '',
  };
}

export function lineUpdateBody(line: LedgerEntryLineUpdateInput): Record<string, unknown> {
  const body: Record<string, unknown> = { id: pennylaneIdOf(line.id, ['LedgerEntryLine']) };
  if (line.ledgerAccountId) body.ledger_account_id = pennylaneIdOf(line.ledgerAccountId, ['LedgerAccount']);
  if (line.label != null) body.label = line.label;
  if (line.debit != null || line.credit != null) {
    body.debit = isZero(line.debit) ? ZERO : line.debit;
    body.credit = isZero(line.credit) ? ZERO : line.credit;
  }
  return body;
}

export function lineOpsBody(ops: LedgerEntryLineOpsInput, entryLabel: string | null | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (ops.create?.length) body.create = ops.create.map((line) => newLineBody(line, entryLabel));
  if (ops.update?.length) body.update = ops.update.map(lineUpdateBody);
  if (ops.delete?.length) body.delete = ops.delete.map((id) => ({ id: pennylaneIdOf(id, ['LedgerEntryLine']) }));
  return body;
}
