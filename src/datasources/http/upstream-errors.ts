/**
 * Errors raised below the schema. None of them ever holds the token: they are built from
 * the status, the parsed body and the path only.
 */

import { cleanUpstreamName, cleanUpstreamText } from './upstream-message.js';

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

  /** True when no call was made: the scheduler remembered Pennylane refusing this credential (401). */
  remembered = false;

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

/** The fields Pennylane uses across its error envelopes (API.md §3.6), normalized. */
export interface UpstreamErrorBody {
  message: string;
  code: string | null;
  field: string | null;
}

/**
 * Pennylane's error fields, as far as they may reach a client: messages cleaned and bounded
 * (upstream-message.ts), a body that is not JSON (an HTML error page, a stack) never passed on.
 */
export function parseUpstreamErrorBody(body: unknown, status: number): UpstreamErrorBody {
  const unreadable = `Pennylane answered HTTP ${status} without a readable message`;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { message: unreadable, code: null, field: null };
  const record = body as Record<string, unknown>;
  const details = (record.details && typeof record.details === 'object' ? record.details : {}) as Record<string, unknown>;
  const message =
    cleanUpstreamText(record.message) ?? cleanUpstreamText(record.error) ?? cleanUpstreamText(details.issue) ?? cleanUpstreamText(record.details) ?? unreadable;
  return {
    message,
    code: cleanUpstreamName(record.code) ?? (cleanUpstreamText(record.message) ? cleanUpstreamName(record.error) : null),
    field: cleanUpstreamName(record.field) ?? cleanUpstreamName(details.field),
  };
}
