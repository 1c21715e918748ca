/** Dates (YYYY-MM-DD), microsecond ISO timestamps and the simulator's clocks. */
import { performance } from 'node:perf_hooks';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

export function dateToMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m || !isValidDate(date)) throw new Error(`Invalid date ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function msToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return msToDate(dateToMs(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((dateToMs(to) - dateToMs(from)) / DAY_MS);
}

/** Microseconds since the epoch → `2023-08-30T10:08:08.146343Z`. */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const rest = micros - ms * 1000;
  const iso = new Date(ms).toISOString(); // 2023-08-30T10:08:08.146Z
  return `${iso.slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}

export function parseMicros(iso: string): number {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(iso);
  if (!m) throw new Error(`Invalid timestamp ${iso}`);
  const frac = (m[2] ?? '').padEnd(6, '0');
  return Date.parse(`${m[1]}Z`) * 1000 + Number(frac);
}

/** Wall-clock milliseconds with sub-millisecond precision. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The simulator clock: strictly increasing microsecond timestamps. Anchored
 * (e.g. at the seed's "now", `today` 06:00 UTC) it starts there and advances
 * with real elapsed time; `advance()` jumps ahead. Without an anchor it is the
 * wall clock.
 */
export class MicroClock {
  private last = 0;
  private offsetMicros: number;

  constructor(anchorMicros?: number) {
    this.offsetMicros = anchorMicros === undefined ? 0 : anchorMicros - Math.floor(nowMs() * 1000);
  }

  /** The current instant without consuming a tick (not necessarily > the last stamp handed out). */
  peekMicros(): number {
    return Math.max(Math.floor(nowMs() * 1000) + this.offsetMicros, this.last);
  }

  nowMicros(): number {
    const t = Math.floor(nowMs() * 1000) + this.offsetMicros;
    this.last = t > this.last ? t : this.last + 1;
    return this.last;
  }

  nowIso(): string {
    return formatMicros(this.nowMicros());
  }

  /** A timestamp strictly after `iso` (and after every previous one). */
  after(iso: string): string {
    const floor = parseMicros(iso);
    if (this.last < floor) this.last = floor;
    return this.nowIso();
  }

  /** Restart at `anchorMicros` (forgets every stamp handed out). */
  reanchor(anchorMicros: number): void {
    this.offsetMicros = anchorMicros - Math.floor(nowMs() * 1000);
    this.last = 0;
  }

  /** Move forward (never back) so that the clock now reads at least `micros`. */
  advanceTo(micros: number): void {
    const now = Math.floor(nowMs() * 1000) + this.offsetMicros;
    if (now < micros) this.offsetMicros += micros - now;
  }

  /** Jump ahead by `ms` milliseconds (simulated time only). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('advance: ms must be >= 0');
    this.offsetMicros += Math.round(ms * 1000);
  }
}
