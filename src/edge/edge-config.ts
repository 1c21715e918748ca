import { ConfigError } from '../config-error.js';
import { parseApiKeys, type ApiKeyEntry } from './api-keys.js';
import type { TokenSource } from './principal.js';

/**
 * What a request meets before the schema, as configuration. Parsed by `src/config.ts` (the
 * only reader of the environment) through `parseEdgeConfig`, so every variable is checked at
 * start-up with a message naming it.
 */
export interface EdgeConfig {
  /** `production` when NODE_ENV=production: introspection, suggestions and GraphiQL default off. */
  readonly profile: 'production' | 'development';
  readonly auth: {
    /** How clients prove who they are; empty means no client authentication (GATEWAY_AUTH=none). */
    readonly modes: readonly AuthMode[];
    readonly apiKeys: readonly ApiKeyEntry[];
    readonly jwt: JwtSettings | null;
  };
  /** Whose Pennylane token a request uses, unless the client's credential says otherwise. */
  readonly tokenSource: TokenSource;
  readonly cors: {
    /** Exact origins (`https://app.example.com`) allowed to call from a browser, or `*`. */
    readonly origins: readonly string[] | '*';
    readonly credentials: boolean;
  };
  readonly limits: RequestLimits;
  readonly trustedDocuments: {
    /** Manifest files (`{ "<sha256>": "<document>" }`), e.g. examples/gql/persisted-documents.json. */
    readonly manifests: readonly string[];
    /** Only documents of the manifests, by hash; clients granted `ad-hoc` may still send their own. */
    readonly only: boolean;
  };
  /** Introspection for every client; when off, only clients granted `introspection`. */
  readonly introspection: boolean;
  /** graphql-js's "Did you mean …?" hints in validation errors. */
  readonly fieldSuggestions: boolean;
  readonly graphiql: boolean;
}

export type AuthMode = 'api-key' | 'jwt';

export interface JwtSettings {
  /** A shared HMAC secret (HS256/384/512), or null when keys come from a JWKS. */
  readonly secret: string | null;
  readonly jwksUrl: string | null;
  readonly issuer: string | null;
  readonly audience: string | null;
}

export interface RequestLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
  readonly maxRootFields: number;
  /** Bodies other than uploads: JSON, form-encoded, and the `operations` part of a multipart request. */
  readonly maxBodyBytes: number;
  /** A whole multipart (upload) request, files included. */
  readonly maxUploadRequestBytes: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxDepth: 25,
  maxAliases: 300,
  maxTokens: 10_000,
  maxDirectives: 50,
  maxRootFields: 300,
  maxBodyBytes: 2 * 1024 * 1024,
  maxUploadRequestBytes: 110 * 1024 * 1024,
};

/** The typed readers of `loadConfig`, so this file never touches the environment itself. */
export interface EnvReader {
  read(name: string): string | undefined;
  int(name: string, fallback: number, min: number, max?: number): number;
  bool(name: string, fallback: boolean): boolean;
}

export interface EdgeContext {
  readonly host: string;
  readonly allowClientTokens: boolean | undefined;
}

export function parseEdgeConfig(env: EnvReader, { host, allowClientTokens }: EdgeContext): EdgeConfig {
  const profile = env.read('NODE_ENV') === 'production' ? 'production' : 'development';
  const developing = profile === 'development';

  const apiKeys = parseApiKeys(env.read('GATEWAY_API_KEYS'));
  const jwt = parseJwt(env);
  const modes = parseAuthModes(env.read('GATEWAY_AUTH'), apiKeys.length > 0, jwt !== null);
  if (modes.length === 0 && env.read('GATEWAY_AUTH') === undefined && !isLoopback(host)) {
    throw new ConfigError(
      'GATEWAY_AUTH',
      `HOST=${host} is reachable from other machines and no client authentication is configured. Set GATEWAY_API_KEYS or GATEWAY_JWT_SECRET / GATEWAY_JWT_JWKS_URL, or GATEWAY_AUTH=none to let every client that reaches the port use the gateway`,
    );
  }

  const trustedOnly = env.bool('GATEWAY_TRUSTED_DOCUMENTS_ONLY', false);
  const manifests = list(env.read('GATEWAY_TRUSTED_DOCUMENTS'));
  if (trustedOnly && manifests.length === 0) {
    throw new ConfigError('GATEWAY_TRUSTED_DOCUMENTS_ONLY', 'needs GATEWAY_TRUSTED_DOCUMENTS (the manifest files of the documents to allow)');
  }

  const cors = parseCors(env);
  return {
    profile,
    auth: { modes, apiKeys, jwt },
    tokenSource: parseTokenSource(env.read('PENNYLANE_TOKEN_SOURCE'), allowClientTokens),
    cors,
    limits: {
      maxDepth: env.int('GATEWAY_MAX_DEPTH', DEFAULT_LIMITS.maxDepth, 1, 1_000),
      maxAliases: env.int('GATEWAY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 0, 100_000),
      maxTokens: env.int('GATEWAY_MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 10, 10_000_000),
      maxDirectives: env.int('GATEWAY_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0, 100_000),
      maxRootFields: env.int('GATEWAY_MAX_ROOT_FIELDS', DEFAULT_LIMITS.maxRootFields, 1, 100_000),
      maxBodyBytes: env.int('GATEWAY_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1_024),
      maxUploadRequestBytes: env.int('GATEWAY_MAX_UPLOAD_REQUEST_BYTES', DEFAULT_LIMITS.maxUploadRequestBytes, 1_024),
    },
    trustedDocuments: { manifests, only: trustedOnly },
    introspection: env.bool('GATEWAY_INTROSPECTION', developing),
    fieldSuggestions: env.bool('GATEWAY_FIELD_SUGGESTIONS', developing),
    graphiql: env.bool('GATEWAY_GRAPHIQL', developing),
  };
}

function parseAuthModes(raw: string | undefined, hasKeys: boolean, hasJwt: boolean): AuthMode[] {
  if (raw === undefined) return [...(hasKeys ? (['api-key'] as const) : []), ...(hasJwt ? (['jwt'] as const) : [])];
  const asked = list(raw.toLowerCase());
  if (asked.length === 1 && asked[0] === 'none') {
    if (hasKeys || hasJwt) throw new ConfigError('GATEWAY_AUTH', 'is "none" while GATEWAY_API_KEYS or GATEWAY_JWT_* are set: remove one or the other');
    return [];
  }
  const modes: AuthMode[] = [];
  for (const mode of asked) {
    if (mode !== 'api-key' && mode !== 'jwt') throw new ConfigError('GATEWAY_AUTH', `expected none, api-key, jwt or "api-key,jwt", got "${raw}"`);
    if (mode === 'api-key' && !hasKeys) throw new ConfigError('GATEWAY_AUTH', 'asks for api-key but GATEWAY_API_KEYS is empty');
    if (mode === 'jwt' && !hasJwt) throw new ConfigError('GATEWAY_AUTH', 'asks for jwt but neither GATEWAY_JWT_SECRET nor GATEWAY_JWT_JWKS_URL is set');
    if (!modes.includes(mode)) modes.push(mode);
  }
  return modes;
}

function parseJwt(env: EnvReader): JwtSettings | null {
  const secret = env.read('GATEWAY_JWT_SECRET') ?? null;
  const jwksUrl = env.read('GATEWAY_JWT_JWKS_URL') ?? null;
  const issuer = env.read('GATEWAY_JWT_ISSUER') ?? null;
  const audience = env.read('GATEWAY_JWT_AUDIENCE') ?? null;
  if (secret === null && jwksUrl === null) {
    if (issuer !== null || audience !== null) {
      throw new ConfigError('GATEWAY_JWT_ISSUER', 'is set but there is no key to verify tokens with (GATEWAY_JWT_SECRET or GATEWAY_JWT_JWKS_URL)');
    }
    return null;
  }
  if (secret !== null && jwksUrl !== null) throw new ConfigError('GATEWAY_JWT_SECRET', 'and GATEWAY_JWT_JWKS_URL are both set: choose one');
  if (secret !== null && Buffer.byteLength(secret) < 32) {
    throw new ConfigError('GATEWAY_JWT_SECRET', 'must be at least 32 bytes (e.g. `openssl rand -hex 32`)');
  }
  if (jwksUrl !== null) {
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new ConfigError('GATEWAY_JWT_JWKS_URL', `expected an https URL, got "${jwksUrl}"`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      throw new ConfigError('GATEWAY_JWT_JWKS_URL', 'must be https (plain http only on a loopback address)');
    }
  }
  return { secret, jwksUrl, issuer, audience };
}

function parseTokenSource(raw: string | undefined, allowClientTokens: boolean | undefined): TokenSource {
  if (raw === undefined) return allowClientTokens ? 'client' : 'server';
  const source = raw.toLowerCase();
  if (source !== 'server' && source !== 'client' && source !== 'client-or-server') {
    throw new ConfigError('PENNYLANE_TOKEN_SOURCE', `expected server, client or client-or-server, got "${raw}"`);
  }
  if (allowClientTokens === false && source !== 'server') {
    throw new ConfigError('PENNYLANE_TOKEN_SOURCE', `is "${source}" while PENNYLANE_ALLOW_CLIENT_TOKENS=false: remove one of them`);
  }
  return source;
}

function parseCors(env: EnvReader): EdgeConfig['cors'] {
  const raw = env.read('GATEWAY_CORS_ORIGINS');
  const credentials = env.bool('GATEWAY_CORS_CREDENTIALS', false);
  if (raw === '*') {
    if (credentials) throw new ConfigError('GATEWAY_CORS_CREDENTIALS', 'cannot be true with GATEWAY_CORS_ORIGINS=*: list the origins instead');
    return { origins: '*', credentials };
  }
  const origins = list(raw).map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError('GATEWAY_CORS_ORIGINS', `expected origins such as https://app.example.com, got "${origin}"`);
    }
    if (url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError('GATEWAY_CORS_ORIGINS', `"${origin}" is not an origin (scheme://host[:port], no path)`);
    }
    return url.origin;
  });
  return { origins, credentials };
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Loopback addresses: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}
