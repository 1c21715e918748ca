/**
 * Errors raised below the schema. None of them ever holds the token: they are built from
 * the status, the parsed body and the path only.
 */

/** Pennylane answered with a non-2xx status (429 never reaches here: the scheduler absorbs it). */
export class UpstreamHttpError extends Error {
  override readonly name = 'UpstreamHttpError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly detail: UpstreamErrorBody,
  ) {
    super(`Pennylane answered ${status} to ${method} ${path}: ${detail.message}`);
  }

  /** For 403s: the scope Pennylane says is missing. */
  get missingScope(): string | null {
    return /scope\s+"([^"]+)"/.exec(this.detail.message)?.[1] ?? null;
  }
}

export type TransportFailure = 'connect' | 'timeout' | 'reset' | 'other';

/** The request failed below HTTP: no status came back. */
export class UpstreamTransportError extends Error {
  override readonly name = 'UpstreamTransportError';
  constructor(
    readonly failure: TransportFailure,
    readonly method: string,
    readonly path: string,
    /** False only when we know the request never left (refused, connect timeout). */
    readonly maybeSent: boolean,
    cause: unknown,
  ) {
    super(`${method} ${path} failed: ${failure}${maybeSent ? '' : ' (request not sent)'}`, { cause });
  }
}

/**
 * Pennylane's answer is larger than the gateway accepts (PENNYLANE_MAX_RESPONSE_BYTES). Not
 * a transport failure: asking again would download it again, so it is never retried.
 */
export class UpstreamBodyTooLargeError extends Error {
  override readonly name = 'UpstreamBodyTooLargeError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly limitBytes: number,
  ) {
    super(`Pennylane's answer to ${method} ${path} is larger than ${limitBytes} bytes, the most this gateway accepts`);
  }
}

/** Rate budget could not be found before the operation's deadline. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    message = `Pennylane rate limit: no request budget before the deadline; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
  ) {
    super(message);
  }
}

/** Pennylane answered, but with data the gateway will not pass on (e.g. an amount as a float). */
export class UpstreamDataError extends Error {
  override readonly name = 'UpstreamDataError';
}

/** The fields Pennylane uses across its error envelopes (API.md §3.6), normalised. */
export interface UpstreamErrorBody {
  message: string;
  code: string | null;
  field: string | null;
  details: unknown;
}

export function parseUpstreamErrorBody(body: unknown, status: number): UpstreamErrorBody {
  if (typeof body === 'string') {
    return { message: body.trim().slice(0, 500) || `HTTP ${status}`, code: null, field: null, details: null };
  }
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const message =
    text(record.message) ?? text(record.error) ?? text((record.details as Record<string, unknown>)?.issue) ?? `HTTP ${status}`;
  return {
    message,
    code: text(record.code) ?? (text(record.message) ? text(record.error) : null),
    field: text(record.field) ?? text((record.details as Record<string, unknown>)?.field),
    details: record.details ?? record.payload ?? null,
  };
}
