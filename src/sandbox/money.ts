/**
 * Exact decimal arithmetic for amounts ("230.32") and quantities ("2.5").
 * Money is handled as integer cents in BigInt; nothing here uses floats.
 */
import { vatRateOf } from './vat-rates.js';

/** A decimal number: value = units / 10^scale. */
export interface Dec {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export function isDecimalString(s: string, maxScale = 6): boolean {
  if (!DECIMAL_RE.test(s)) return false;
  const dot = s.indexOf('.');
  return dot < 0 || s.length - dot - 1 <= maxScale;
}

export function parseDec(s: string): Dec {
  if (!DECIMAL_RE.test(s)) throw new Error(`Not a decimal string: ${s}`);
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const [intPart = '0', fracPart = ''] = body.split('.');
  const units = BigInt(intPart + fracPart);
  return { units: negative ? -units : units, scale: fracPart.length };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Integer division rounding half away from zero. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new Error('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Rescale a decimal to `scale` digits, rounding half away from zero. */
export function rescale(d: Dec, scale: number): bigint {
  if (d.scale === scale) return d.units;
  if (d.scale < scale) return d.units * pow10(scale - d.scale);
  return roundDiv(d.units, pow10(d.scale - scale));
}

/** "12.345" → 1235n (cents, rounded half away from zero). */
export function toCents(s: string): bigint {
  return rescale(parseDec(s), 2);
}

/** 1235n → "12.35"; -5n → "-0.05". Always two decimals. */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const int = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${int}.${frac}`;
}

/** Format a decimal without trailing zeros: 25n/1 → "2.5", 100n/2 → "1". */
export function formatDecTrimmed(d: Dec): string {
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  const digits = abs.toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Format a decimal with at least `minScale` decimals (keeps extra precision). */
export function formatDecMin(d: Dec, minScale = 2): string {
  const trimmed = formatDecTrimmed(d);
  const dot = trimmed.indexOf('.');
  const fracLen = dot < 0 ? 0 : trimmed.length - dot - 1;
  if (fracLen >= minScale) return trimmed;
  return (dot < 0 ? `${trimmed}.` : trimmed) + '0'.repeat(minScale - fracLen);
}

export function sumCents(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Tax on an amount (cents) for a VAT code, rounded to the cent. */
export function taxCents(beforeTaxCents: bigint, vatRate: string): bigint {
  const rate = vatRateOf(vatRate);
  if (!rate) throw new Error(`Unknown VAT rate ${vatRate}`);
  return roundDiv(beforeTaxCents * rate.num, rate.den);
}

/** Price incl. tax, two decimals, from a price before tax (≤ 6 decimals). */
export function priceWithTax(priceBeforeTax: string, vatRate: string): string {
  const rate = vatRateOf(vatRate);
  if (!rate) throw new Error(`Unknown VAT rate ${vatRate}`);
  const d = parseDec(priceBeforeTax);
  // price = units/10^scale * (den+num)/den, expressed in cents
  const n = d.units * (rate.den + rate.num) * 100n;
  const den = pow10(d.scale) * rate.den;
  return formatCents(roundDiv(n, den));
}

export interface LineDiscount {
  readonly type: 'absolute' | 'relative';
  readonly value: string | null;
}

export interface LineAmounts {
  readonly beforeTax: bigint;
  readonly tax: bigint;
  readonly total: bigint;
}

/**
 * Line amounts: before tax = round(quantity × unit price − discount), tax =
 * round(before × rate), total = before + tax. Relative discounts are percents,
 * absolute ones an amount off the line before tax.
 */
export function computeLine(
  quantity: string,
  unitPrice: string,
  vatRate: string,
  discount: LineDiscount | null,
): LineAmounts {
  const q = parseDec(quantity);
  const p = parseDec(unitPrice);
  const scale = q.scale + p.scale;
  let gross = q.units * p.units; // scaled by 10^scale
  if (discount && discount.value !== null) {
    const dv = parseDec(discount.value);
    if (discount.type === 'relative') {
      // gross × (100 − pct) / 100, keep exact by scaling the numerator
      gross = gross * (100n * pow10(dv.scale) - dv.units);
      const beforeTax = roundDiv(gross * 100n, pow10(scale) * 100n * pow10(dv.scale));
      const tax = taxCents(beforeTax, vatRate);
      return { beforeTax, tax, total: beforeTax + tax };
    }
    const grossCents = roundDiv(gross * 100n, pow10(scale));
    const beforeTax = grossCents - rescale(dv, 2);
    const tax = taxCents(beforeTax, vatRate);
    return { beforeTax, tax, total: beforeTax + tax };
  }
  const beforeTax = roundDiv(gross * 100n, pow10(scale));
  const tax = taxCents(beforeTax, vatRate);
  return { beforeTax, tax, total: beforeTax + tax };
}
