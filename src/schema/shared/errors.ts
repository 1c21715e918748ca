import { GraphQLError } from 'graphql';
import {
  RateLimitedError,
  UpstreamBodyTooLargeError,
  UpstreamDataError,
  UpstreamHttpError,
  UpstreamTransportError,
} from '../../datasources/http/upstream-errors.js';
import { BulkStateUnavailableError } from '../../jobs/bulk-jobs.js';

/**
 * Error codes a client can act on (in `errors[].extensions.code`). Anything not listed
 * here is masked as INTERNAL_SERVER_ERROR: unknown failures never leak internals.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNPROCESSABLE'
  | 'UPSTREAM_REJECTED'
  | 'UPSTREAM_INVALID_DATA'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_RESPONSE_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'CURSOR_EXPIRED'
  | 'CURSOR_UNKNOWN'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'SUBSCRIBER_TOO_SLOW'
  | 'INTERNAL_SERVER_ERROR';

export function userInputError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** Known failures become a GraphQLError with a code and what to do; null means "mask it". */
export function toClientError(error: unknown): GraphQLError | null {
  if (error instanceof RateLimitedError) {
    const retryAfter = Math.ceil(error.retryAfterMs / 1_000);
    return coded(error.message, 'RATE_LIMITED', { retryAfter });
  }
  if (error instanceof UpstreamDataError) return coded(error.message, 'UPSTREAM_INVALID_DATA');
  if (error instanceof BulkStateUnavailableError) return coded(error.message, 'SERVICE_UNAVAILABLE');
  if (error instanceof UpstreamTransportError) {
    return coded(
      error.failure === 'timeout'
        ? "Pennylane did not answer before the operation's deadline; retry later, or ask for less."
        : `Pennylane could not be reached (${error.failure}); retry later.`,
      'UPSTREAM_UNAVAILABLE',
      { failure: error.failure },
    );
  }
  if (error instanceof UpstreamBodyTooLargeError) {
    return coded(
      `Pennylane's answer to ${error.method} ${error.path} is larger than this gateway accepts (${error.limitBytes} bytes, PENNYLANE_MAX_RESPONSE_BYTES); ask for smaller pages (first).`,
      'UPSTREAM_RESPONSE_TOO_LARGE',
      { limitBytes: error.limitBytes },
    );
  }
  if (!(error instanceof UpstreamHttpError)) return null;
  const { status, detail } = error;
  switch (true) {
    case status === 401:
      return coded(
        'Pennylane rejected the API token (missing, invalid, expired or revoked: Pennylane does not say which). Check the token.',
        'UNAUTHENTICATED',
      );
    case status === 403: {
      const scope = error.missingScope;
      return coded(
        scope
          ? `The Pennylane token lacks the scope "${scope}". Generate a token with that scope.`
          : `Pennylane refused access: ${detail.message}`,
        'FORBIDDEN',
        { scope },
      );
    }
    case status === 404:
      return coded('Pennylane has no such record.', 'NOT_FOUND');
    case status === 409:
      return coded(`Pennylane reports a conflict: ${detail.message}`, 'CONFLICT');
    case status === 422:
      return coded(`Pennylane refused the change: ${detail.message}`, 'UNPROCESSABLE', { field: detail.field });
    case status === 400:
      return coded(`Pennylane rejected the request: ${detail.message}`, 'UPSTREAM_REJECTED', {
        field: detail.field,
        upstreamCode: detail.code,
      });
    case status >= 500:
      return coded(`Pennylane is failing (HTTP ${status}); retry later.`, 'UPSTREAM_UNAVAILABLE', { status });
    default:
      return null;
  }
}

function coded(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}): GraphQLError {
  const clean = Object.fromEntries(Object.entries(extensions).filter(([, value]) => value !== null && value !== undefined));
  return new GraphQLError(message, { extensions: { code, ...clean } });
}
