/**
 * Lines of sales documents (invoices, quotes, subscriptions): `quantity` required;
 * `product_id` (inherits label, price, VAT, unit, revenue account) or free `label` +
 * `raw_currency_unit_price` + `unit` + `vat_rate`. Amounts in BigInt cents; a document
 * `discount` is spread over the lines, so Σ lines = document totals exactly.
 */
import { unprocessable, validationError } from '../errors.js';
import { computeLine, formatCents, parseDec, roundDiv, taxCents, type LineAmounts } from '../money.js';
import type { DocumentAmounts, InvoiceLineSectionRecord } from '../records-sales.js';
import type { Discount, InvoiceLineRecord } from '../records.js';
import type { CompanyStore, Table } from '../store.js';
import { arr, int, obj, str } from '../validate.js';
import { VAT_RATE_CODES } from '../vat-rates.js';
import { mustExist } from './writes.js';
import type { LineDraft } from '../seed/invoice-lines.js';

export const discountSchema = obj({ type: str({ enum: ['absolute', 'relative'] }), value: str({ format: 'decimal', nullable: true }) }, ['type', 'value']);
const period = obj({ start_date: str({ format: 'date' }), end_date: str({ format: 'date' }) }, ['start_date', 'end_date'], { nullable: true });

export const salesLineSchema = obj({
  quantity: str({ format: 'decimal' }),
  product_id: int(),
  label: str({ minLength: 1 }),
  raw_currency_unit_price: str({ format: 'decimal' }),
  unit: str(),
  vat_rate: str({ enum: VAT_RATE_CODES }),
  description: str(),
  section_rank: int({ minimum: 1, nullable: true }),
  discount: discountSchema,
  ledger_account_id: int(),
  imputation_dates: period,
}, ['quantity']);

export const sectionSchema = obj({ title: str({ nullable: true }), description: str({ nullable: true }), rank: int({ minimum: 1 }) }, ['rank']);
export const salesLinesSchema = arr(salesLineSchema, { minItems: 1 });
export const sectionsSchema = arr(sectionSchema);

export interface SalesLineInput {
  quantity: string;
  product_id?: number;
  label?: string;
  raw_currency_unit_price?: string;
  unit?: string;
  vat_rate?: string;
  description?: string;
  section_rank?: number | null;
  discount?: Discount;
  ledger_account_id?: number;
  imputation_dates?: { start_date: string; end_date: string } | null;
}

export interface SectionInput {
  title?: string | null;
  description?: string | null;
  rank: number;
}

/** A seed line draft, placed in a section of the invoice. */
type PricedLine = LineDraft & { sectionRank: number | null };

export interface PriceOptions {
  /** Drafts refuse `imputation_dates` (Pennylane changelog "Create draft and finalized customer invoice"). */
  readonly draft: boolean;
  readonly sectionRanks: ReadonlySet<number>;
  readonly discount: Discount | null;
}

const NO_DISCOUNT: Discount = { type: 'relative', value: null };

function checkDiscount(d: Discount, where: string): void {
  if (d.value === null) return;
  const v = parseDec(d.value);
  if (v.units < 0n) throw unprocessable(`${where}: discount must not be negative`);
  if (d.type === 'relative' && v.units > 100n * 10n ** BigInt(v.scale)) throw unprocessable(`${where}: a relative discount is a percentage (0 to 100)`);
}

function priceOne(company: CompanyStore, l: SalesLineInput, i: number, opts: PriceOptions): PricedLine {
  const where = `invoice_lines[${i}]`;
  const product = l.product_id === undefined ? undefined : mustExist(company.tables.products, l.product_id, 'Product');
  const need = <T>(value: T | undefined, key: string): T => {
    if (value === undefined) throw validationError(`"${where}.${key}" is required when "product_id" is not given`, `${where}.${key}`, 'NotExistRequiredKey');
    return value;
  };
  if (parseDec(l.quantity).units === 0n) throw unprocessable(`${where}: quantity must not be zero`);
  const discount = l.discount ? { ...l.discount } : { ...NO_DISCOUNT };
  checkDiscount(discount, where);
  if (l.ledger_account_id !== undefined) mustExist(company.tables.ledger_accounts, l.ledger_account_id, 'Ledger account');
  const imputation = l.imputation_dates ?? null;
  if (imputation && opts.draft) throw unprocessable(`${where}: imputation_dates cannot be set on a draft`);
  if (imputation && imputation.end_date < imputation.start_date) throw unprocessable(`${where}: imputation end_date is before start_date`);
  const rank = l.section_rank ?? null;
  if (rank !== null && !opts.sectionRanks.has(rank)) throw unprocessable(`${where}: no section of rank ${rank}`);
  const unitPrice = l.raw_currency_unit_price ?? product?.price_before_tax;
  const vatRate = l.vat_rate ?? product?.vat_rate;
  return {
    label: need(l.label ?? product?.label, 'label'),
    unit: need(l.unit ?? product?.unit, 'unit'),
    quantity: l.quantity,
    unitPrice: need(unitPrice, 'raw_currency_unit_price'),
    vatRate: need(vatRate, 'vat_rate'),
    discount,
    productId: product?.id ?? null,
    description: l.description ?? '',
    ledgerAccountId: l.ledger_account_id ?? product?.ledger_account_id ?? null,
    sectionRank: rank,
    imputation,
    amounts: computeLine(l.quantity, need(unitPrice, 'raw_currency_unit_price'), need(vatRate, 'vat_rate'), discount),
  };
}

/** The document discount, spread over the lines (relative: per line; absolute: pro rata, residual on the largest line). */
function applyDocumentDiscount(lines: PricedLine[], d: Discount | null): void {
  if (!d || d.value === null) return;
  checkDiscount(d, 'discount');
  const v = parseDec(d.value);
  const before = lines.map((l) => l.amounts.beforeTax);
  let after: bigint[];
  if (d.type === 'relative') {
    const whole = 100n * 10n ** BigInt(v.scale);
    after = before.map((b) => roundDiv(b * (whole - v.units), whole));
  } else {
    const off = roundDiv(v.units * 100n, 10n ** BigInt(v.scale));
    const sum = before.reduce((s, b) => s + b, 0n);
    const abs = sum < 0n ? -sum : sum;
    if (off > abs) throw unprocessable('discount: the absolute discount exceeds the amount before tax');
    if (abs === 0n) return;
    const mag = (x: bigint | undefined) => (x === undefined ? -1n : x < 0n ? -x : x);
    const largest = before.reduce((best, b, i) => (mag(b) > mag(before[best]) ? i : best), 0);
    const shares = before.map((b) => roundDiv(off * b, abs));
    const rest = (sum < 0n ? -off : off) - shares.reduce((s, x, i) => (i === largest ? s : s + x), 0n);
    after = before.map((b, i) => b - (i === largest ? rest : (shares[i] ?? 0n)));
  }
  lines.forEach((l, i) => {
    const beforeTax = after[i] ?? l.amounts.beforeTax;
    const tax = taxCents(beforeTax, l.vatRate);
    l.amounts = { beforeTax, tax, total: beforeTax + tax };
  });
}

export function priceLines(company: CompanyStore, inputs: readonly SalesLineInput[], opts: PriceOptions): PricedLine[] {
  const lines = inputs.map((l, i) => priceOne(company, l, i, opts));
  applyDocumentDiscount(lines, opts.discount);
  return lines;
}

export interface Totals {
  readonly beforeTax: bigint;
  readonly tax: bigint;
  readonly total: bigint;
}

export function totalsOf(lines: ReadonlyArray<{ amounts: LineAmounts }>): Totals {
  let beforeTax = 0n;
  let tax = 0n;
  for (const l of lines) {
    beforeTax += l.amounts.beforeTax;
    tax += l.amounts.tax;
  }
  return { beforeTax, tax, total: beforeTax + tax };
}

/** Amounts of a document (no FX in the simulator: EUR amounts = currency amounts, exchange_rate "1.0"). */
export function documentAmounts(t: Totals, currency: string): DocumentAmounts {
  const [b, x, a] = [formatCents(t.beforeTax), formatCents(t.tax), formatCents(t.total)];
  return { currency, exchange_rate: '1.0', currency_amount_before_tax: b, currency_tax: x, currency_amount: a, amount_before_tax: b, tax: x, amount: a };
}

/** Replaces the lines of a document in `table` (invoice_lines or document_lines). */
export function putLines(company: CompanyStore, table: Table<InvoiceLineRecord>, parentId: number, lines: readonly PricedLine[], at: string): InvoiceLineRecord[] {
  for (const old of [...table.byGroup(parentId)]) table.delete(old.id);
  return lines.map((l) => {
    const a = l.amounts;
    const [b, x, t] = [formatCents(a.beforeTax), formatCents(a.tax), formatCents(a.total)];
    return table.put({
      id: company.ids.next('invoice_lines'), invoice_id: parentId, label: l.label, unit: l.unit, quantity: l.quantity,
      currency_amount_before_tax: b, currency_tax: x, currency_amount: t, amount_before_tax: b, tax: x, amount: t,
      description: l.description, product_id: l.productId, vat_rate: l.vatRate, raw_currency_unit_price: l.unitPrice,
      discount: { ...l.discount }, section_rank: l.sectionRank, imputation_dates: l.imputation ? { ...l.imputation } : null,
      ledger_account_id: l.ledgerAccountId, created_at: at, updated_at: at,
    });
  });
}

/** Stored lines back to inputs (to re-price a document whose discount changed). */
export function inputsOf(lines: readonly InvoiceLineRecord[]): SalesLineInput[] {
  return lines.map((l) => ({
    quantity: l.quantity, label: l.label, raw_currency_unit_price: l.raw_currency_unit_price, vat_rate: l.vat_rate, description: l.description,
    discount: { ...l.discount }, section_rank: l.section_rank, imputation_dates: l.imputation_dates, ...(l.unit !== null ? { unit: l.unit } : { unit: '' }),
    ...(l.product_id !== null ? { product_id: l.product_id } : {}), ...(l.ledger_account_id !== null ? { ledger_account_id: l.ledger_account_id } : {}),
  }));
}

/** Section ranks of a body (422 when a rank is used twice). */
export function checkSections(sections: readonly SectionInput[]): Set<number> {
  const ranks = new Set<number>();
  for (const s of sections) {
    if (ranks.has(s.rank)) throw unprocessable(`invoice_line_sections: rank ${s.rank} is used twice`);
    ranks.add(s.rank);
  }
  return ranks;
}

/** Replaces the sections of a document. */
export function putSections(company: CompanyStore, parentId: number, sections: readonly SectionInput[], at: string): InvoiceLineSectionRecord[] {
  checkSections(sections);
  const table = company.tables.invoice_line_sections;
  for (const old of [...table.byGroup(parentId)]) table.delete(old.id);
  return sections.map((s) => table.put({ id: company.ids.next('invoice_line_sections'), parent_id: parentId, title: s.title ?? null, description: s.description ?? null, rank: s.rank, created_at: at, updated_at: at }));
}

/** Ranks of a document's stored sections. */
export function storedRanks(company: CompanyStore, parentId: number): Set<number> {
  return new Set(company.tables.invoice_line_sections.byGroup(parentId).map((s) => s.rank));
}
