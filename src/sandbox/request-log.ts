/** The request log behind control.requests()/count()/counters()/rateStats(). */
import { createHash } from 'node:crypto';
import type { Family } from './families.js';
import { pathMatches, routeMatches } from './faults.js';

export interface RequestLogEntry {
  readonly seq: number;
  /** ms since the epoch (fractional) when the request was processed. */
  readonly at: number;
  readonly method: string;
  /** Path without the /api/external/v2 prefix, without query. */
  readonly path: string;
  /** Route template, e.g. `GET /customers/{id}` (`GET <unmatched>` for unknown routes). */
  readonly route: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed `filter` parameter when it was valid JSON. */
  readonly filter?: unknown;
  /** Answered status; 0 when the socket was reset by a fault. */
  readonly status: number;
  readonly family: Family | null;
  /** sha256 prefix of the bearer token ('' when none was sent); never the raw token. */
  readonly tokenHash: string;
  /** Extra: whether the request took a slot in the rate-limit window. */
  readonly counted: boolean;
  /** Extra: true when the rate limiter answered 429. */
  readonly throttled: boolean;
  /** Extra: id of the injected fault applied to it, if any. */
  readonly fault: string | null;
  /** The JSON body's `external_reference`, when it had one (tells retried writes apart). */
  readonly externalReference?: string;
}

export interface RequestFilter {
  readonly method?: string;
  readonly route?: string;
  readonly path?: string | RegExp;
  readonly status?: number;
  /** Raw token; compared by hash. */
  readonly token?: string;
  /** Only entries with seq > since. */
  readonly since?: number;
  /** Only entries whose body carried this `external_reference`. */
  readonly externalReference?: string;
}

export interface RateStats {
  readonly accepted: number;
  readonly throttled: number;
  readonly maxInAnyWindow: number;
}

export function hashToken(token: string): string {
  if (token === '') return '';
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** Oldest entries are dropped beyond this many (counters are kept exactly). */
export const MAX_LOG_ENTRIES = 200_000;

function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  private readonly routeCounters = new Map<string, number>();

  append(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full: RequestLogEntry = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.splice(0, Math.ceil(MAX_LOG_ENTRIES / 10));
    this.routeCounters.set(entry.route, (this.routeCounters.get(entry.route) ?? 0) + 1);
    return full;
  }

  /** Sequence numbers never restart, so remote pollers can use `since`. */
  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
    this.routeCounters.clear();
  }

  query(filter: RequestFilter = {}): RequestLogEntry[] {
    const hash = filter.token === undefined ? undefined : hashToken(filter.token);
    return this.entries.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.route === undefined || routeMatches(filter.route, e.route)) &&
        (filter.path === undefined || pathMatches(filter.path, e.path)) &&
        (filter.status === undefined || e.status === filter.status) &&
        (hash === undefined || e.tokenHash === hash) &&
        (filter.externalReference === undefined || e.externalReference === filter.externalReference),
    );
  }

  count(filter: RequestFilter = {}): number {
    return this.query(filter).length;
  }

  counters(): Record<string, number> {
    return Object.fromEntries([...this.routeCounters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Per token (or the worst token when none is given), from the log. */
  rateStats(token: string | undefined, windowMs: number): RateStats {
    const hash = token === undefined ? undefined : hashToken(token);
    const byToken = new Map<string, number[]>();
    let accepted = 0;
    let throttled = 0;
    for (const e of this.entries) {
      if (hash !== undefined && e.tokenHash !== hash) continue;
      if (e.throttled) throttled++;
      if (!e.counted) continue;
      accepted++;
      const list = byToken.get(e.tokenHash) ?? [];
      list.push(e.at);
      byToken.set(e.tokenHash, list);
    }
    let maxInAnyWindow = 0;
    for (const times of byToken.values()) maxInAnyWindow = Math.max(maxInAnyWindow, maxInWindow(times, windowMs));
    return { accepted, throttled, maxInAnyWindow };
  }
}
