/** Shared state while generating one company's books. */
import type { Rng } from '../random.js';
import type { LedgerAccountRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { dateToMs, formatMicros, parseMicros } from '../time.js';

export interface BaseAccounts {
  customersGeneric: LedgerAccountRecord;
  services: LedgerAccountRecord;
  goods: LedgerAccountRecord;
  shipping: LedgerAccountRecord;
  vatCollected: LedgerAccountRecord;
  bank: LedgerAccountRecord;
}

export interface SeedContext {
  readonly rng: Rng;
  readonly today: string;
  readonly store: CompanyStore;
  /** Every seeded timestamp is before this instant (today, 06:00 UTC). */
  readonly nowMicros: number;
  /** When the company started using Pennylane. */
  readonly originDate: string;
  accounts: BaseAccounts;
}

export type SeedBase = Omit<SeedContext, 'accounts'>;

const HOUR_US = 3_600_000_000;

/** Microseconds at a random time between `fromHour` and `toHour` UTC on `date`. */
export function microsOn(rng: Rng, date: string, fromHour = 7, toHour = 18): number {
  const base = dateToMs(date) * 1000;
  const span = (toHour - fromHour) * HOUR_US;
  return base + fromHour * HOUR_US + Math.floor(rng.next() * span);
}

/** A timestamp on `date`, capped so it never reaches the seed's "now". */
export function stampOn(ctx: Pick<SeedContext, 'rng' | 'nowMicros'>, date: string, fromHour = 7, toHour = 18): number {
  const t = microsOn(ctx.rng, date, fromHour, toHour);
  return Math.min(t, ctx.nowMicros - 1_000_000 - ctx.rng.int(0, 999_999));
}

export function iso(micros: number): string {
  return formatMicros(micros);
}

/** Seeded "now": 06:00 UTC on `today`. */
export function seedNow(today: string): number {
  return dateToMs(today) * 1000 + 6 * HOUR_US;
}

/** When the changelog pipeline saw a change made at `timestamp` (0.2–3 s later). */
export function processedAfter(ctx: Pick<SeedContext, 'rng'>, timestamp: string): string {
  return formatMicros(parseMicros(timestamp) + ctx.rng.int(200_000, 3_000_000));
}
