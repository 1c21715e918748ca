/**
 * Shared rules of imported invoices (API.md §4.1 import, §4.2, §5 rule 7): amounts
 * stored as sent (≤ 2 decimals) but coherent — before tax + tax = total exactly,
 * Σ lines within 1 cent per line of the totals — else 422; and the
 * `{create, update, delete}` object that edits their lines.
 */
import { unprocessable, validationError } from '../errors.js';
import { formatCents, formatDecMin, parseDec, rescale, roundDiv } from '../money.js';
import { arr, int, obj, type ObjectSchema, type Schema } from '../validate.js';

/** Cents of an amount string; more than 2 decimals → 422. */
export function amountCents(value: string, field: string): bigint {
  const d = parseDec(value);
  const c = rescale(d, 2);
  if (d.scale > 2 && c * 10n ** BigInt(d.scale - 2) !== d.units) throw unprocessable(`${field} "${value}" has more than 2 decimals`);
  return c;
}

export interface DocumentCents {
  readonly before: bigint;
  readonly tax: bigint;
  readonly total: bigint;
}

export interface LineCents {
  readonly amount: bigint;
  readonly tax: bigint;
}

export function checkCoherence(doc: DocumentCents, lines: readonly LineCents[]): void {
  if (lines.length === 0) throw unprocessable('An imported invoice needs at least one line');
  if (doc.before + doc.tax !== doc.total) {
    throw unprocessable(`Incoherent amounts: currency_amount_before_tax + currency_tax (${formatCents(doc.before + doc.tax)}) must equal currency_amount (${formatCents(doc.total)})`);
  }
  const tolerance = BigInt(lines.length);
  const amount = lines.reduce((s, l) => s + l.amount, 0n);
  const tax = lines.reduce((s, l) => s + l.tax, 0n);
  const off = (a: bigint, b: bigint) => (a > b ? a - b : b - a) > tolerance;
  if (off(amount, doc.total)) throw unprocessable(`Incoherent amounts: the lines' currency_amount sum to ${formatCents(amount)}, the invoice says ${formatCents(doc.total)}`);
  if (off(tax, doc.tax)) throw unprocessable(`Incoherent amounts: the lines' currency_tax sum to ${formatCents(tax)}, the invoice says ${formatCents(doc.tax)}`);
}

/** Unit price (≤ 6 decimals) of an imported line from its amount before tax and quantity. */
export function unitPriceOf(beforeCents: bigint, quantity: string): string {
  const q = parseDec(quantity);
  if (q.units === 0n) throw unprocessable('quantity must not be zero');
  return formatDecMin({ units: roundDiv(beforeCents * 10n ** BigInt(q.scale) * 10_000n, q.units), scale: 6 }, 2);
}

/** `{create: [line], update: [{id, …line}], delete: [{id}]}` for a line schema. */
export function lineOpsSchema(line: ObjectSchema): ObjectSchema {
  const partial: Record<string, Schema> = { id: int(), ...line.properties };
  return obj({ create: arr(line), update: arr(obj(partial, ['id'])), delete: arr(obj({ id: int() }, ['id'])) });
}

export interface LineOps<L> {
  create?: L[];
  update?: Array<Partial<L> & { id: number }>;
  delete?: Array<{ id: number }>;
}

/**
 * The lines after applying `ops` to `current` (by id): kept and updated ones keep
 * their id, created ones have none. Unknown ids → 422; validation of the result is the caller's.
 */
export function applyLineOps<L>(current: ReadonlyArray<L & { id: number }>, ops: LineOps<L> | undefined): Array<L & { id?: number }> {
  if (!ops) return current.map((l) => ({ ...l }));
  const byId = new Map(current.map((l) => [l.id, l] as const));
  const own = (id: number) => {
    if (!byId.has(id)) throw unprocessable(`Invoice line ${id} does not belong to this invoice`);
  };
  const deleted = new Set<number>();
  for (const d of ops.delete ?? []) {
    own(d.id);
    deleted.add(d.id);
  }
  const patches = new Map<number, Partial<L>>();
  for (const u of ops.update ?? []) {
    own(u.id);
    if (deleted.has(u.id)) throw unprocessable(`Invoice line ${u.id} is both updated and deleted`);
    patches.set(u.id, u);
  }
  const out: Array<L & { id?: number }> = [];
  for (const l of current) {
    if (deleted.has(l.id)) continue;
    out.push({ ...l, ...(patches.get(l.id) ?? {}), id: l.id });
  }
  for (const c of ops.create ?? []) out.push({ ...c } as L & { id?: number });
  if (out.length === 0) throw validationError('"invoice_lines" would leave the invoice without lines', 'invoice_lines', 'LessThanMinItems');
  return out;
}
