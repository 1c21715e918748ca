import { GraphQLError } from 'graphql';

/**
 * Codes of refusals made at the edge, before any execution (each costs 0 upstream calls).
 * They sit beside the schema's codes (src/schema/shared/errors.ts) in `extensions.code`.
 */
export type EdgeErrorCode =
  | 'UNAUTHENTICATED'
  | 'AUTHENTICATION_UNAVAILABLE'
  | 'CSRF_HEADER_REQUIRED'
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'TRUSTED_DOCUMENT_REQUIRED'
  | 'GRAPHQL_VALIDATION_FAILED';

export function edgeError(
  message: string,
  code: EdgeErrorCode,
  status: number,
  extensions: Record<string, unknown> = {},
  headers?: Record<string, string>,
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status, ...(headers ? { headers } : {}) } } });
}
