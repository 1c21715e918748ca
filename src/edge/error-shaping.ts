import { GraphQLError } from 'graphql';
import { toClientError } from '../schema/shared/errors.js';

const FAULT = Symbol('the gateway fault behind a masked error');

/**
 * Yoga's `maskError`: every error a client sees carries a code and says what to do.
 * 1. Errors that already have a code (ours, the edge's refusals, Yoga's 400s) pass as they are.
 * 2. Known upstream failures get theirs (src/schema/shared/errors.ts).
 * 3. Errors of the request itself, raised by graphql-js or Yoga before any resolver ran
 *    (variables missing, null or of the wrong type, bad enum values, arguments the document
 *    leaves invalid): BAD_USER_INPUT with graphql-js's own message.
 * 4. Anything else is the gateway's fault: masked as INTERNAL_SERVER_ERROR, with the original
 *    kept (out of the response) for the operation's log line.
 * Where it happened (path, locations) is kept in every case.
 */
export function maskError(error: unknown, message: string): Error {
  const located = error instanceof GraphQLError ? error : null;
  const original = located?.originalError ?? error;
  const at = (known: GraphQLError) =>
    new GraphQLError(known.message, {
      nodes: located?.nodes,
      source: located?.source,
      positions: located?.positions,
      path: located?.path,
      extensions: known.extensions,
    });
  if (original instanceof GraphQLError && typeof original.extensions.code === 'string') return at(original);
  const known = toClientError(original);
  if (known) return at(known);
  if (located && isRequestError(located)) {
    return at(new GraphQLError(located.message, { extensions: { ...located.extensions, code: 'BAD_USER_INPUT' } }));
  }
  const masked = at(new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
  Object.defineProperty(masked, FAULT, { value: original });
  return masked;
}

/** The gateway fault a masked error hides, if it is one. */
export function faultBehind(error: unknown): { readonly fault: unknown } | null {
  return error !== null && typeof error === 'object' && FAULT in error ? { fault: (error as Record<typeof FAULT, unknown>)[FAULT] } : null;
}

/**
 * graphql-js's errors about the request: they have no path (no resolver ran) and are either
 * its own (no original error, or a GraphQLError from a scalar's parseValue), or about a
 * variable (`Variable "$x" got invalid value …`, whatever the scalar threw).
 */
function isRequestError(error: GraphQLError): boolean {
  if (error.path !== undefined) return false;
  return error.originalError == null || error.originalError instanceof GraphQLError || /^Variable "\$/.test(error.message);
}
