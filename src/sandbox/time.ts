/** Dates (YYYY-MM-DD), microsecond ISO timestamps and the simulator's clocks. */
import { performance } from 'node:perf_hooks';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function dateToMs(date: string): number {
  if (!isValidDate(date)) throw new Error(`Invalid date ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
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

/** Strictly increasing microsecond timestamps for records written at run time. */
export class MicroClock {
  private last = 0;

  nowMicros(): number {
    const t = Math.floor(nowMs() * 1000);
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
}
