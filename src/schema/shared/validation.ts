import { ValidationError, type FieldError } from '../../datasources/writes/write-errors.js';
import { parseEntityId } from './ids.js';
import { uploadProblem } from '../scalars/file.js';

/**
 * Checks the gateway makes before any write, so bad input costs no call and comes back with
 * the path of every offending field at once (not one round trip per mistake).
 */
export class InputChecks {
  private readonly errors: FieldError[] = [];

  add(path: readonly (string | number)[], message: string, code = 'INVALID'): void {
    this.errors.push({ path: path.map(String), message, code });
  }

  required(path: readonly (string | number)[], value: unknown, what = 'This field'): void {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      this.add(path, `${what} is required.`, 'REQUIRED');
    }
  }

  vatRate(path: readonly (string | number)[], value: string | null | undefined, options: { allowAny?: boolean } = {}): void {
    if (value === null || value === undefined) return;
    if (!isVatRateCode(value, options.allowAny ?? false)) {
      this.add(path, `"${value}" is not a Pennylane VAT rate code (e.g. FR_200 for 20 %, FR_55, exempt, intracom_21).`, 'INVALID_VAT_RATE');
    }
  }

  currency(path: readonly (string | number)[], value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    if (!CURRENCIES.has(value)) this.add(path, `"${value}" is not an ISO 4217 currency code (e.g. EUR, USD).`, 'INVALID_CURRENCY');
  }

  dateOrder(path: readonly (string | number)[], from: string | null | undefined, to: string | null | undefined, message: string): void {
    if (from && to && to < from) this.add(path, message, 'INVALID_DATE_ORDER');
  }

  count(path: readonly (string | number)[], items: readonly unknown[] | null | undefined, min: number, max: number, what: string): void {
    const n = items?.length ?? 0;
    if (n < min) this.add(path, `At least ${min} ${what} ${min === 1 ? 'is' : 'are'} needed.`, 'TOO_FEW');
    if (n > max) this.add(path, `At most ${max} ${what} are accepted, got ${n}.`, 'TOO_MANY');
  }

  /** A file Pennylane will take (type and size, API.md §4.7). */
  file(path: readonly (string | number)[], file: File | null | undefined): void {
    if (!file) return;
    const problem = uploadProblem(file);
    if (problem) this.add(path, problem, 'INVALID_FILE');
  }

  /** A global or Pennylane id of one of `typenames`, as a number; null (and an error) otherwise. */
  entityId(path: readonly (string | number)[], value: unknown, typenames: readonly string[]): number | null {
    if (value === null || value === undefined) return null;
    const argument = path.join('.');
    try {
      return Number(parseEntityId(String(value), typenames, argument));
    } catch (error) {
      // The field error carries the path already: its message does not repeat it.
      const message = (error as Error).message.replace(`${argument}: `, '');
      this.add(path, message[0]!.toUpperCase() + message.slice(1), 'INVALID_ID');
      return null;
    }
  }

  /** Throws ValidationError (refused by the gateway) if anything was found. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError(this.errors, 'GATEWAY');
  }
}

const FRENCH_RATES = new Set([
  'FR_200', 'FR_100', 'FR_85', 'FR_55', 'FR_21', 'FR_09', 'FR_1_05', 'FR_1_75', 'FR_15_385', 'FR_196',
  'FR_85_construction', 'FR_100_construction', 'FR_200_construction',
]);
const SPECIAL_RATES = new Set(['exempt', 'extracom', 'intracom_21', 'intracom_55', 'intracom_85', 'intracom_100', 'crossborder']);

/**
 * API.md §3.4: French rates are a closed list; other countries follow `CC_rate` (DE_190,
 * BE_210...); `any` only exists on ledger accounts, `mixed` only on read.
 */
export function isVatRateCode(code: string, allowAny = false): boolean {
  if (FRENCH_RATES.has(code) || SPECIAL_RATES.has(code)) return true;
  if (allowAny && code === 'any') return true;
  return !code.startsWith('FR_') && /^[A-Z]{2}_\d{1,4}(_\d{1,4})?$/.test(code);
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An exact decimal string in millionths (Decimal allows up to 6 decimals), for sums. */
export function decimalUnits(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace(/^[-+]/, '').split('.');
  const units = BigInt(whole || '0') * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
  return negative ? -units : units;
}

export function formatUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const fraction = String(abs % 1_000_000n).padStart(6, '0').replace(/0{1,4}$/, '');
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${fraction.length < 2 ? fraction.padEnd(2, '0') : fraction}`;
}
