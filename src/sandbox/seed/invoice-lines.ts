/** Drafting invoice lines (product-based or free) with exact amounts. */
import { computeLine, formatCents, parseDec, rescale, type LineAmounts } from '../money.js';
import type { CustomerRecord, Discount, ProductRecord } from '../records.js';
import { addDays } from '../time.js';
import type { SeedContext } from './context.js';
import { FREE_LINE_LABELS } from './names.js';

export interface LineDraft {
  label: string;
  unit: string | null;
  quantity: string;
  unitPrice: string;
  vatRate: string;
  discount: Discount;
  productId: number | null;
  description: string;
  ledgerAccountId: number | null;
  imputation: { start_date: string; end_date: string } | null;
  amounts: LineAmounts;
}

export interface Totals {
  beforeTax: bigint;
  tax: bigint;
  total: bigint;
}

export const NO_DISCOUNT: Discount = { type: 'relative', value: null };
const OUTSIDE_EU = new Set(['GB', 'CH']);

function quantityFor(ctx: SeedContext, unit: string): string {
  const { rng } = ctx;
  switch (unit) {
    case 'jour':
      return rng.pick(['0.5', '1', '1', '1.5', '2', '3', '5', '10']);
    case 'heure':
      return rng.chance(0.2) ? rng.pick(['1.5', '2.5', '3.75']) : String(rng.int(1, 20));
    case 'mot':
      return String(rng.int(10, 80) * 50);
    case 'km':
      return String(rng.int(20, 600));
    case 'personne':
      return String(rng.int(8, 40));
    case 'kg':
      return rng.chance(0.3) ? rng.pick(['0.5', '2.5']) : String(rng.int(1, 10));
    case 'pièce':
      return String(rng.int(1, 12));
    case 'page':
      return String(rng.int(1, 15));
    default:
      return String(rng.int(1, 3));
  }
}

function monthSpan(date: string): { start_date: string; end_date: string } {
  const start = `${date.slice(0, 7)}-01`;
  const next = addDays(start, 32);
  return { start_date: start, end_date: addDays(`${next.slice(0, 7)}-01`, -1) };
}

export function makeLine(parts: Omit<LineDraft, 'amounts'>): LineDraft {
  return { ...parts, amounts: computeLine(parts.quantity, parts.unitPrice, parts.vatRate, parts.discount) };
}

export function drawLines(
  ctx: SeedContext,
  products: readonly ProductRecord[],
  customer: CustomerRecord,
  date: string,
): LineDraft[] {
  const { rng } = ctx;
  const count = rng.weighted([[1, 30], [2, 25], [3, 18], [4, 10], [5, 7], [6, 5], [7, 3], [8, 2]] as const);
  const exportSale = OUTSIDE_EU.has(customer.billing_address.country_alpha2);
  const lines: LineDraft[] = [];
  for (let i = 0; i < count; i++) {
    const discount: Discount = rng.chance(0.1) ? { type: 'relative', value: rng.pick(['5', '10', '15', '20']) } : NO_DISCOUNT;
    if (rng.chance(0.78)) {
      const product = rng.pick(products);
      lines.push(makeLine({
        label: product.label,
        unit: product.unit,
        quantity: quantityFor(ctx, product.unit),
        unitPrice: product.price_before_tax,
        vatRate: exportSale ? 'extracom' : product.vat_rate,
        discount,
        productId: product.id,
        description: rng.chance(0.6) ? product.description : '',
        ledgerAccountId: product.ledger_account_id,
        imputation: product.unit === 'mois' ? monthSpan(date) : null,
      }));
    } else {
      const label = rng.pick(FREE_LINE_LABELS);
      const shipping = label === 'Frais de port';
      const cents = shipping ? rng.int(99, 299) * 10 : rng.int(15, 500) * 100;
      lines.push(makeLine({
        label,
        unit: shipping ? 'forfait' : rng.pick(['forfait', 'pièce', null]),
        quantity: String(rng.int(1, 3)),
        unitPrice: formatCents(BigInt(cents)),
        vatRate: exportSale ? 'extracom' : 'FR_200',
        discount: NO_DISCOUNT,
        productId: null,
        description: '',
        ledgerAccountId: shipping ? ctx.accounts.shipping.id : ctx.accounts.services.id,
        imputation: null,
      }));
    }
  }
  return lines;
}

function negate(price: string): string {
  return price.startsWith('-') ? price.slice(1) : `-${price}`;
}

/** Lines of a credit note: all lines negated (full) or part of them (partial). */
export function creditLines(ctx: SeedContext, source: readonly LineDraft[], full: boolean): LineDraft[] {
  if (full) return source.map((l) => makeLine({ ...l, unitPrice: negate(l.unitPrice) }));
  if (source.length >= 2) {
    const keep = ctx.rng.int(1, source.length - 1);
    return source.slice(0, keep).map((l) => makeLine({ ...l, unitPrice: negate(l.unitPrice) }));
  }
  const [only] = source;
  if (!only) return [];
  // A commercial gesture: 30 % of the unit price back.
  const price = rescale(parseDec(only.unitPrice), 2);
  const gesture = (price * 30n) / 100n || 1n;
  return [makeLine({ ...only, label: `Geste commercial - ${only.label}`, unitPrice: formatCents(-gesture) })];
}

export function totalsOf(lines: readonly LineDraft[]): Totals {
  let beforeTax = 0n;
  let tax = 0n;
  for (const l of lines) {
    beforeTax += l.amounts.beforeTax;
    tax += l.amounts.tax;
  }
  return { beforeTax, tax, total: beforeTax + tax };
}
