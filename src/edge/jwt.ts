import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { JwtSettings } from './edge-config.js';
import { edgeError } from './edge-errors.js';
import type { Grants, TokenSource } from './principal.js';

/**
 * Claims this gateway reads, beside the registered ones (`sub` names the client; `exp` is
 * required):
 * - `scope` (space-separated) or `scp` (array): `graphql:introspection`, `graphql:ad-hoc`,
 *   `gateway:ops` (`/metrics` and the status page);
 * - `pennylane_token`: `server`, `client` or `client-or-server` (whose Pennylane token it uses);
 * - `pennylane_connections`: an array of OAuth connection ids, or `"*"`.
 */
export const JWT_CLAIMS = {
  tokenSource: 'pennylane_token',
  connections: 'pennylane_connections',
  introspectionScope: 'graphql:introspection',
  adHocScope: 'graphql:ad-hoc',
  opsScope: 'gateway:ops',
} as const;

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const PUBLIC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface VerifiedJwt {
  readonly name: string;
  readonly grants: Grants;
}

/** Verifies tokens with jose: signature, `exp`/`nbf` (5 s tolerance), and issuer/audience when configured. */
export function createJwtVerifier(settings: JwtSettings): (token: string) => Promise<VerifiedJwt> {
  const options: JWTVerifyOptions = {
    algorithms: settings.secret ? HMAC_ALGORITHMS : PUBLIC_KEY_ALGORITHMS,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: 5,
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  const secret = settings.secret ? new TextEncoder().encode(settings.secret) : null;
  // jose caches the key set, refetches it when a token names an unknown `kid` (at most
  // every 30 s), and times out a fetch after 5 s.
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 }) : null;

  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = (secret ? await jwtVerify(token, secret, options) : await jwtVerify(token, jwks!, options)).payload;
    } catch (error) {
      throw refusal(error);
    }
    return { name: clientName(payload.sub!), grants: grantsOf(payload) };
  };
}

function refusal(error: unknown) {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof Error && !(error instanceof errors.JOSEError))) {
    // The key set could not be fetched: not the client's fault, and nothing it can fix.
    return edgeError('Client authentication is unavailable (the JWT key set could not be fetched); retry later.', 'AUTHENTICATION_UNAVAILABLE', 503);
  }
  const reason =
    error instanceof errors.JWTExpired
      ? 'it has expired'
      : error instanceof errors.JWTClaimValidationFailed
        ? `its "${error.claim}" claim is not accepted (${error.reason})`
        : error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey
          ? 'its signature does not verify against the configured keys'
          : error instanceof errors.JOSEAlgNotAllowed
            ? 'its algorithm is not accepted'
            : 'it is not a well-formed signed JWT';
  return edgeError(`The JWT was refused: ${reason}.`, 'UNAUTHENTICATED', 401);
}

function grantsOf(payload: JWTPayload): Grants {
  const scopes = new Set<string>(
    typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? payload.scp.filter((s): s is string => typeof s === 'string') : [],
  );
  return {
    tokenSource: tokenSourceClaim(payload[JWT_CLAIMS.tokenSource]),
    introspection: scopes.has(JWT_CLAIMS.introspectionScope) || undefined,
    adHocDocuments: scopes.has(JWT_CLAIMS.adHocScope) || undefined,
    ops: scopes.has(JWT_CLAIMS.opsScope) || undefined,
    connections: connectionsClaim(payload[JWT_CLAIMS.connections]),
  };
}

function tokenSourceClaim(value: unknown): TokenSource | undefined {
  if (value === undefined) return undefined;
  if (value === 'server' || value === 'client' || value === 'client-or-server') return value;
  throw edgeError(`The JWT was refused: its "${JWT_CLAIMS.tokenSource}" claim must be "server", "client" or "client-or-server".`, 'UNAUTHENTICATED', 401);
}

function connectionsClaim(value: unknown): 'all' | string[] | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return 'all';
  if (Array.isArray(value) && value.every((id) => typeof id === 'string')) return value as string[];
  throw edgeError(`The JWT was refused: its "${JWT_CLAIMS.connections}" claim must be an array of connection ids or "*".`, 'UNAUTHENTICATED', 401);
}

/** `sub` as logs and metrics show it: kept when it is a plain identifier, else shortened. */
function clientName(sub: string): string {
  return /^[\w.@:|-]{1,128}$/.test(sub) ? sub : `sub:${sub.replace(/[^\w.@:|-]/g, '_').slice(0, 64)}`;
}
