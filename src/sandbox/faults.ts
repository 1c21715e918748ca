/**
 * Injected faults: status bursts, latency, socket resets (before or after processing), hung
 * requests, answers trickling byte by byte, oversized answers, corrupted fields.
 */

export interface RequestMatch {
  readonly method?: string;
  /** `GET /customers/{id}` or just `/customers/{id}` (any method). */
  readonly route?: string;
  /** Exact path without the API prefix, or a RegExp tested against it. */
  readonly path?: string | RegExp;
}

export interface Fault {
  readonly match?: RequestMatch;
  /** How many matching requests are faulted (default 1; Infinity ok). */
  readonly times?: number;
  /** Let the first N matching requests through untouched. */
  readonly skip?: number;
  /** Answer this status with the API's body for it (429: text/plain + retry-after). */
  readonly status?: number;
  readonly retryAfter?: number;
  readonly latencyMs?: number;
  /** Destroy the socket before processing, or after processing (writes applied) without answering. */
  readonly reset?: 'before' | 'after';
  /**
   * Process normally, then overwrite these fields in the answered record (or in every item
   * of a list page): malformed data from upstream, e.g. `{ currency_amount: 12.5 }`.
   */
  readonly corrupt?: Readonly<Record<string, unknown>>;
  /** Process normally, but the export this request creates (POST /exports/…) ends in `error`. */
  readonly exportError?: boolean;
  /**
   * Answer `status` (default 200) with this body instead of the API's, without processing:
   * a string goes out as is (`contentType`, default `text/html; charset=utf-8`), anything else
   * as JSON. For hostile upstreams: a 400 whose body is a 5 MB HTML page, a 422 whose message
   * is a stack trace, a 200 that is not the JSON the endpoint promises.
   */
  readonly body?: unknown;
  readonly contentType?: string;
  /**
   * Hold the request this long without answering anything (no status line, no headers): a hung
   * upstream. See `hang` for when the request is processed.
   */
  readonly hangMs?: number;
  /**
   * `before` (default): hang, then process and answer — unless the client has gone by then, in
   * which case nothing is processed. `after`: process at once (writes applied), then hang before
   * answering: the client that gives up cannot know the write happened.
   */
  readonly hang?: 'before' | 'after';
  /** Send the status and headers at once, then the body this many bytes per second (1: a trickle). */
  readonly trickleBytesPerSecond?: number;
  /** Pad the answer (still valid JSON: trailing spaces) to at least this many bytes. */
  readonly bodyBytes?: number;
}

export interface FaultInfo {
  readonly id: string;
  readonly fault: Fault;
  readonly fired: number;
  readonly skipped: number;
}

export interface RequestKey {
  readonly method: string;
  readonly route: string;
  readonly path: string;
}

export function routeMatches(pattern: string, template: string): boolean {
  if (pattern.includes(' ')) return pattern === template;
  return template.slice(template.indexOf(' ') + 1) === pattern;
}

export function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern === 'string') return pattern === path;
  pattern.lastIndex = 0;
  return pattern.test(path);
}

export function requestMatches(match: RequestMatch | undefined, req: RequestKey): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== req.method) return false;
  if (match.route && !routeMatches(match.route, req.route)) return false;
  if (match.path !== undefined && !pathMatches(match.path, req.path)) return false;
  return true;
}

function checkFault(f: Fault): void {
  const nonNegative = (v: number | undefined, name: string, allowInfinity = false) => {
    if (v === undefined) return;
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || (!allowInfinity && !Number.isFinite(v))) {
      throw new Error(`fault.${name} must be a non-negative number`);
    }
  };
  nonNegative(f.times, 'times', true);
  nonNegative(f.skip, 'skip');
  nonNegative(f.latencyMs, 'latencyMs');
  nonNegative(f.retryAfter, 'retryAfter');
  nonNegative(f.hangMs, 'hangMs');
  nonNegative(f.bodyBytes, 'bodyBytes');
  if (f.trickleBytesPerSecond !== undefined && !(Number.isInteger(f.trickleBytesPerSecond) && f.trickleBytesPerSecond >= 1)) {
    throw new Error('fault.trickleBytesPerSecond must be a whole number of bytes, at least 1');
  }
  if (f.hang !== undefined && f.hang !== 'before' && f.hang !== 'after') throw new Error('fault.hang must be "before" or "after"');
  if (f.hang !== undefined && f.hangMs === undefined) throw new Error('fault.hang needs hangMs');
  if (f.status !== undefined && (!Number.isInteger(f.status) || f.status < 100 || f.status > 599)) {
    throw new Error('fault.status must be an HTTP status (100-599)');
  }
  if (f.reset !== undefined && f.reset !== 'before' && f.reset !== 'after') throw new Error('fault.reset must be "before" or "after"');
  if (f.corrupt !== undefined && (typeof f.corrupt !== 'object' || f.corrupt === null || Array.isArray(f.corrupt))) {
    throw new Error('fault.corrupt must be an object of fields to overwrite');
  }
  if (f.contentType !== undefined && (typeof f.contentType !== 'string' || typeof f.body !== 'string')) {
    throw new Error('fault.contentType must be a string, and goes with a string body');
  }
  if (f.body !== undefined && (f.status === 429 || f.corrupt !== undefined)) throw new Error('fault.body cannot go with a 429 or corrupt');
  const effects = [f.status, f.reset, f.latencyMs, f.corrupt, f.body, f.hangMs, f.trickleBytesPerSecond, f.bodyBytes];
  if (effects.every((effect) => effect === undefined) && f.exportError !== true) {
    throw new Error('a fault needs status, body, reset, latencyMs, corrupt, exportError, hangMs, trickleBytesPerSecond or bodyBytes');
  }
}

interface Active {
  readonly id: string;
  readonly fault: Fault;
  fired: number;
  skipped: number;
}

export class FaultRegistry {
  private active: Active[] = [];
  private counter = 0;

  add(fault: Fault): string {
    checkFault(fault);
    const id = `fault-${++this.counter}`;
    this.active.push({ id, fault: { ...fault }, fired: 0, skipped: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.active.length;
    this.active = this.active.filter((a) => a.id !== id);
    return this.active.length !== before;
  }

  clear(): void {
    this.active = [];
  }

  list(): FaultInfo[] {
    return this.active.map((a) => ({ id: a.id, fault: a.fault, fired: a.fired, skipped: a.skipped }));
  }

  /** The fault to apply to this request, if any (consumes one `times`). */
  take(req: RequestKey): { id: string; fault: Fault } | null {
    for (const a of this.active) {
      if (!requestMatches(a.fault.match, req)) continue;
      if (a.skipped < (a.fault.skip ?? 0)) {
        a.skipped++;
        continue;
      }
      a.fired++;
      if (a.fired >= (a.fault.times ?? 1)) this.remove(a.id);
      return { id: a.id, fault: a.fault };
    }
    return null;
  }
}

/** Applies a `corrupt` fault to a JSON body: the record itself, or each item of a page. */
export function corruptBody(body: unknown, fields: Readonly<Record<string, unknown>>): unknown {
  if (!body || typeof body !== 'object') return body;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.items)) return { ...record, items: record.items.map((item: unknown) => corruptBody(item, fields)) };
  return { ...record, ...fields };
}
