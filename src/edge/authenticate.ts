import { GraphQLError } from 'graphql';
import { findApiKey } from './api-keys.js';
import type { EdgeConfig } from './edge-config.js';
import { edgeError } from './edge-errors.js';
import { createJwtVerifier } from './jwt.js';
import { principalOf, type Principal, type PrincipalDefaults } from './principal.js';

/** Header of API keys, and of client Pennylane tokens when `Authorization` carries a JWT. */
export const API_KEY_HEADER = 'x-api-key';
export const PENNYLANE_TOKEN_HEADER = 'x-pennylane-token';
/** Names the OAuth connection (src/connections) a request works with, instead of a token. */
export const PENNYLANE_CONNECTION_HEADER = 'x-pennylane-connection';

export interface Authenticator {
  /**
   * The client a request comes from, from its headers alone (no body is read): for GraphQL
   * requests and for any other route of the edge (`/metrics`, `/status`). Throws a GraphQLError
   * (`UNAUTHENTICATED`, HTTP 401 with `www-authenticate`) when the credential is missing or wrong.
   */
  authenticate(request: Request): Promise<Principal>;
  /**
   * Which Pennylane token this client's request uses: the client's (returned), or the
   * gateway's own (null). Throws 401 when the request does not match the client's token source.
   */
  pennylaneTokenOf(request: Request, principal: Principal): string | null;
  /** A refusal as the HTTP response the GraphQL endpoint would give, for routes outside GraphQL. */
  refusal(error: GraphQLError): Response;
}

export function createAuthenticator(
  config: EdgeConfig,
  options: { readonly hasServerToken: boolean; readonly servesConnections?: boolean },
): Authenticator {
  const { modes, apiKeys, jwt } = config.auth;
  const verifyJwt = jwt && modes.includes('jwt') ? createJwtVerifier(jwt) : null;
  const defaults: PrincipalDefaults = {
    tokenSource: config.tokenSource,
    introspection: config.introspection,
    trustedDocumentsOnly: config.trustedDocuments.only,
  };
  const anonymous = principalOf('anonymous', 'none', {}, defaults);
  const challenge = [
    ...(modes.includes('api-key') ? [`ApiKey header="${API_KEY_HEADER}"`] : []),
    ...(verifyJwt ? ['Bearer realm="pennylane-graphql"'] : []),
  ].join(', ');
  const refuse = (message: string) => edgeError(message, 'UNAUTHENTICATED', 401, {}, { 'www-authenticate': challenge });
  const expected = [
    ...(modes.includes('api-key') ? [`your API key as ${API_KEY_HEADER}`] : []),
    ...(verifyJwt ? ['a JWT as "Authorization: Bearer <jwt>"'] : []),
  ].join(' or ');
  // With JWTs, Authorization is the gateway's credential; a client's Pennylane token then
  // travels in its own header, so the two can never be mistaken for each other.
  const clientTokenHint = verifyJwt ? `"${PENNYLANE_TOKEN_HEADER}: <Pennylane API token>"` : '"Authorization: Bearer <Pennylane API token>"';

  return {
    async authenticate(request) {
      if (modes.length === 0) return anonymous;
      const key = request.headers.get(API_KEY_HEADER);
      const bearer = verifyJwt ? bearerOf(request.headers.get('authorization')) : null;
      if (key !== null && bearer !== null) throw refuse(`Send one gateway credential, not both: ${expected}.`);
      if (key !== null) {
        if (!modes.includes('api-key')) throw refuse(`This gateway does not take API keys: send ${expected}.`);
        const entry = findApiKey(apiKeys, key.trim());
        if (!entry) throw refuse(`The API key in ${API_KEY_HEADER} is not one this gateway knows. Check it, or ask for a new one.`);
        return principalOf(entry.name, 'api-key', entry.grants, defaults);
      }
      if (bearer === undefined) throw refuse('The Authorization header must be "Bearer <jwt>".');
      if (bearer !== null && verifyJwt) {
        const verified = await verifyJwt(bearer).catch((error: unknown) => {
          // The verifier says why; the refusal also names the credentials this gateway takes.
          throw error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED' ? refuse(error.message) : error;
        });
        return principalOf(verified.name, 'jwt', verified.grants, defaults);
      }
      throw refuse(`This gateway requires client authentication: send ${expected}.`);
    },

    pennylaneTokenOf(request, principal) {
      const fromHeader = request.headers.get(PENNYLANE_TOKEN_HEADER)?.trim() || null;
      const authorization = verifyJwt ? null : request.headers.get('authorization');
      const fromAuthorization = authorization === null ? null : bearerOf(authorization);
      const sent = fromHeader !== null || authorization !== null;
      // A connection is the request's Pennylane identity (src/connections checks the client may use it).
      if (request.headers.get(PENNYLANE_CONNECTION_HEADER) !== null) {
        if (!options.servesConnections) {
          throw edgeError(`This gateway has no OAuth connections: remove ${PENNYLANE_CONNECTION_HEADER}.`, 'BAD_REQUEST', 400);
        }
        if (sent) throw refuse(`Send ${PENNYLANE_CONNECTION_HEADER} or a Pennylane token, not both.`);
        return null;
      }
      if (principal.tokenSource === 'server') {
        if (sent) {
          throw refuse(
            'This gateway does not accept client Pennylane tokens (PENNYLANE_ALLOW_CLIENT_TOKENS is off, or this client is set to the gateway token). Remove the token header to use the gateway token.',
          );
        }
        // With connections, a request may name no company (to list them, or for a portfolio).
        if (!options.hasServerToken && !options.servesConnections) throw refuse('No Pennylane token: this gateway has none of its own.');
        return null;
      }
      if (fromAuthorization === undefined) throw refuse('The Authorization header must be "Bearer <Pennylane API token>".');
      if (fromHeader !== null && fromAuthorization !== null) throw refuse(`Send the Pennylane token once: in ${PENNYLANE_TOKEN_HEADER} or in Authorization, not both.`);
      const token = fromHeader ?? fromAuthorization;
      if (token !== null) return token;
      if (principal.tokenSource === 'client' || !options.hasServerToken) {
        throw refuse(`No Pennylane token: this gateway serves each client with its own. Send ${clientTokenHint}.`);
      }
      return null;
    },

    refusal(error) {
      const http = (error.extensions.http ?? {}) as { status?: number; headers?: Record<string, string> };
      return new Response(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] }), {
        status: http.status ?? 401,
        headers: { 'content-type': 'application/json; charset=utf-8', ...http.headers },
      });
    },
  };
}

/** The token of "Bearer <token>"; null when the header is absent, undefined when malformed. */
function bearerOf(header: string | null): string | null | undefined {
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : undefined;
}
