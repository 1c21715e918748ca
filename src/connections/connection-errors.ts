import { GraphQLError } from 'graphql';
import type { ConnectionRecord } from './connection-store.js';

/**
 * What can go wrong with a connection, as GraphQL errors with a code and what to do (they
 * pass the gateway's error masking as they are). With `http`, a refusal made before
 * execution answers that status (0 upstream calls).
 */
export type ConnectionErrorCode =
  | 'FORBIDDEN'
  | 'CONNECTION_NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'OAUTH_NOT_CONFIGURED'
  | 'OAUTH_UNAVAILABLE'
  | 'CONNECTION_STORE_UNAVAILABLE'
  | 'BAD_USER_INPUT';

/** `extensions.reason` of the UNAUTHENTICATED answered for a connection Pennylane no longer accepts. */
export const REVOKED = 'CONNECTION_REVOKED';

export function connectionError(
  message: string,
  code: ConnectionErrorCode,
  extensions: Record<string, unknown> = {},
  status?: number,
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
}

export const forbiddenConnection = (id: string, status?: number) =>
  connectionError(
    `This client may not use the connection "${id}": its API key grant (connections=…) or JWT claim (pennylane_connections) does not list it.`,
    'FORBIDDEN',
    { connection: id },
    status,
  );

export const unknownConnection = (id: string, status?: number) =>
  connectionError(`There is no connection "${id}" on this gateway. List them with the \`connections\` query, or connect the company again.`, 'CONNECTION_NOT_FOUND', { connection: id }, status);

export const revokedConnection = (record: Pick<ConnectionRecord, 'id' | 'companyName'>, reconnectUrl: string, status?: number) =>
  connectionError(
    `Pennylane no longer accepts the connection "${record.id}" (${record.companyName}): its grant was revoked or has expired. Someone with access to the company must connect it again: open ${reconnectUrl}.`,
    'UNAUTHENTICATED',
    { reason: REVOKED, connection: record.id, reconnectUrl },
    status,
  );

export const oauthNotConfigured = (status?: number) =>
  connectionError(
    'This gateway has no OAuth app, so it has no connections: set PENNYLANE_OAUTH_CLIENT_ID, PENNYLANE_OAUTH_CLIENT_SECRET, PENNYLANE_OAUTH_REDIRECT_URI and GATEWAY_ENCRYPTION_KEY.',
    'OAUTH_NOT_CONFIGURED',
    {},
    status,
  );

export const storeUnavailable = (status?: number) =>
  connectionError('The connection store (Redis or the connections file) is not answering; retry shortly.', 'CONNECTION_STORE_UNAVAILABLE', {}, status);

export const renewalUnavailable = (id: string) =>
  connectionError(
    `The access token of the connection "${id}" has expired and Pennylane's authorization server could not renew it now (unreachable or failing); retry shortly.`,
    'OAUTH_UNAVAILABLE',
    { connection: id },
  );
