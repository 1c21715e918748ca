import { GraphQLError } from 'graphql';
import { API_KEY_HEADER, type Authenticator } from '../edge/authenticate.js';
import type { AuthMode } from '../edge/edge-config.js';

/**
 * Who may read `/metrics` and `/status/events`: a client the edge authenticates (API key or
 * JWT, as for GraphQL) whose credential grants `ops` (API key) or `gateway:ops` (JWT);
 * anyone when client authentication is off (loopback, or GATEWAY_AUTH=none said so).
 *
 * These routes never use a Pennylane token, so where only API keys are configured the key may
 * also come as `Authorization: Bearer <key>`: what every Prometheus can send
 * (`authorization: { credentials_file: … }`).
 */
export function opsAuthorizer(authenticator: Authenticator, modes: readonly AuthMode[]): (request: Request) => Promise<Response | null> {
  const bearerIsApiKey = modes.includes('api-key') && !modes.includes('jwt');
  return async (request) => {
    let principal;
    try {
      principal = await authenticator.authenticate(bearerIsApiKey ? apiKeyFromBearer(request) : request);
    } catch (error) {
      if (error instanceof GraphQLError) return authenticator.refusal(error);
      throw error;
    }
    if (principal.mayOperate) return null;
    return Response.json(
      {
        errors: [
          {
            message: `The client "${principal.name}" may not read the gateway's metrics or status: give its API key the "ops" grant (GATEWAY_API_KEYS), or its JWT the "gateway:ops" scope.`,
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      },
      { status: 403 },
    );
  };
}

function apiKeyFromBearer(request: Request): Request {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (!match || request.headers.has(API_KEY_HEADER)) return request;
  const headers = new Headers(request.headers);
  headers.delete('authorization');
  headers.set(API_KEY_HEADER, match[1]!);
  return new Request(request.url, { method: request.method, headers });
}
