/**
 * Shared rules of imported invoices (API.md §4.1 import, §4.2, §5 rule 7): amounts
 * stored as sent (≤ 2 decimals) but coherent — before tax + tax = total exactly,
 * Σ lines within 1 cent per line of the totals — else 422; and the
 * `{create, update, delete}` object that edits their lines.
 */
import { unprocessable, validationError } from '../errors.js';
import { formatCents, formatDecMin, parseDec, rescale, roundDiv, toCents } from '../money.js';
import type { TransactionReference } from '../records.js';
import type { CompanyStore } from '../store.js';
import { arr, int, obj, type Json, type ObjectSchema, type Schema } from '../validate.js';
import { mustExist } from './writes.js';

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

/** The fields an imported invoice (customer or supplier) shares. */
export interface ImportedInvoice {
  id: number;
  date: string | null;
  deadline: string | null;
  currency: string;
  transaction_reference: TransactionReference | null;
  file_attachment_id?: number | null;
  filename?: string | null;
  currency_amount_before_tax: string;
  currency_amount: string;
  currency_tax: string;
  amount: string;
  tax: string;
  amount_before_tax: string;
}

/**
 * Head fields of an import body onto `row` (`copied`: the plain fields of that kind of
 * invoice): the file, dates (deadline not before date), currency, transaction reference
 * and the amounts in the invoice's currency, as sent.
 */
export function applyImportedHead(company: CompanyStore, row: ImportedInvoice, body: Json, copied: readonly string[]): void {
  if (typeof body['file_attachment_id'] === 'number') {
    const file = mustExist(company.tables.file_attachments, body['file_attachment_id'], 'File attachment');
    row.file_attachment_id = file.id;
    row.filename = file.filename;
  }
  for (const key of copied) if (key in body) (row as unknown as Json)[key] = body[key];
  if ((row.deadline ?? '') < (row.date ?? '')) throw unprocessable('deadline must be on or after date');
  if (typeof body['currency'] === 'string') row.currency = body['currency'].toUpperCase();
  if ('transaction_reference' in body) row.transaction_reference = body['transaction_reference'] as TransactionReference | null;
  for (const key of ['currency_amount_before_tax', 'currency_amount', 'currency_tax'] as const) {
    if (typeof body[key] === 'string') row[key] = formatCents(amountCents(body[key], key));
  }
}

/**
 * Checks the lines against the document amounts (422), then sets the EUR amounts: as sent;
 * else the document's (EUR, or no rate known), or kept on an update that does not resend
 * them. Returns the EUR and document totals.
 */
export function settleImportedAmounts(row: ImportedInvoice, body: Json, lines: readonly LineCents[]): { amount: bigint; documentTotal: bigint } {
  const doc = { before: toCents(row.currency_amount_before_tax), tax: toCents(row.currency_tax), total: toCents(row.currency_amount) };
  checkCoherence(doc, lines);
  const eur = (key: 'amount' | 'tax', source: 'currency_amount' | 'currency_tax', fallback: bigint) =>
    typeof body[key] === 'string' ? amountCents(body[key], key) : row.currency === 'EUR' || source in body || row.id === 0 ? fallback : toCents(row[key]);
  const amount = eur('amount', 'currency_amount', doc.total);
  const tax = eur('tax', 'currency_tax', doc.tax);
  if (row.currency === 'EUR' && (amount !== doc.total || tax !== doc.tax)) {
    throw unprocessable('For EUR invoices amount and tax must equal currency_amount and currency_tax');
  }
  Object.assign(row, { amount: formatCents(amount), tax: formatCents(tax), amount_before_tax: formatCents(amount - tax) });
  return { amount, documentTotal: doc.total };
}
