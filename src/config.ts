import { parseRateLimits, type RateLimits } from './datasources/scheduler/rate-limits.js';
import { parseTtlOverrides } from './datasources/cache/ttl.js';
import { ConfigError } from './config-error.js';
import { parseEdgeConfig, type EdgeConfig } from './edge/edge-config.js';
import { parseOpsConfig, type OpsConfig } from './ops/ops-config.js';
import { parseLiveConfig, type LiveConfig } from './live/live-config.js';
import { parseWebhookConfig, type WebhookConfig } from './webhooks/webhook-config.js';
import { parseOAuthConfig, type OAuthConfig, type OAuthTuning } from './connections/oauth-config.js';

export { ConfigError };

/**
 * The only reader of `process.env`. Everything else receives a typed, frozen Config.
 * A bad value fails start-up with a message naming the variable, never with a stack trace
 * from deep inside the gateway.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly pennylane: {
    /** Server-side token; null means "no token configured". */
    readonly apiToken: string | null;
    /**
     * `simulator`: neither a token nor a base URL was set, so the embedded simulator is
     * started and used. `pennylane`: the configured server (never silently replaced).
     */
    readonly upstream: 'simulator' | 'pennylane';
    readonly baseUrl: string;
    /** Accept `Authorization: Bearer <pennylane token>` from clients, one tenant per token. */
    readonly allowClientTokens: boolean;
    /** How long a token Pennylane answered 401 is refused without asking again; 0: never. */
    readonly refusedTokenMs: number;
    readonly connectTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly bodyTimeoutMs: number;
    readonly connections: number;
    readonly maxRetries: number;
    /** Largest Pennylane answer accepted, in bytes. */
    readonly maxResponseBytes: number;
  };
  readonly rateLimits: RateLimits;
  readonly cache: {
    /** 0 disables the cache entirely. */
    readonly maxBytes: number;
    readonly ttlOverridesSeconds: Readonly<Record<string, number>>;
  };
  /** The GraphQL response cache (whole answers, in front of execution); see README. */
  readonly responseCache: {
    /** This replica's layer, in bytes; 0 turns the GraphQL response cache off. */
    readonly maxBytes: number;
    /** Larger answers are not stored. */
    readonly maxEntryBytes: number;
    /** One tenant's share of this replica's layer, in bytes; 0: a quarter of maxBytes. */
    readonly tenantMaxBytes: number;
    /** With REDIS_URL: share answers between replicas through Redis. */
    readonly redis: boolean;
    /** With Redis: answers kept per tenant (the oldest go first). */
    readonly redisEntriesPerTenant: number;
    /** Bound of one tenant's answers in Redis, in bytes. */
    readonly redisBytesPerTenant: number;
  };
  /** Longest time an operation may wait for rate budget before failing with RATE_LIMITED. */
  readonly operationDeadlineMs: number;
  /** Longest deadline a client may ask for with `x-pennylane-deadline-ms`. */
  readonly maxDeadlineMs: number;
  /** Operations the planner expects to make more Pennylane calls than this are refused. */
  readonly maxOperationCalls: number;
  /** Calls of one tenant allowed to wait for budget at once. */
  readonly maxQueuedPerTenant: number;
  /** How often changelogs are read to drop changed records from the cache; 0: never. */
  readonly changePollMs: number;
  /** Subscriptions on changes: limits, resume log, polling's share of the budget (src/live). */
  readonly live: LiveConfig;
  /** Webhooks received from Pennylane: the public URL they are registered at, tolerance, body limit (src/webhooks). */
  readonly webhooks: WebhookConfig;
  /** With a Redis URL, every replica shares each token's budget through Redis. */
  readonly redis: {
    readonly url: string | null;
    readonly prefix: string;
    /** Replicas assumed when sizing the local share before Redis ever reported them. */
    readonly expectedReplicas: number;
  };
  /** Bulk operations and other work that outlives a request (src/jobs). */
  readonly jobs: {
    /** How long an operation stays readable after its last change. */
    readonly bulkRetentionMs: number;
    /**
     * With Redis: how long work of a replica that stopped answering stays locked (bulk jobs,
     * writes in progress under an idempotency key). A killed replica's bulk job is taken over
     * within twice this.
     */
    readonly lockMs: number;
  };
  /**
   * GATEWAY_ENCRYPTION_KEY (and the previous keys still accepted), 32 bytes each as hex, current
   * first; null when unset. Seals every secret at rest: OAuth tokens, client tokens of bulk jobs.
   */
  readonly encryptionKeys: readonly string[] | null;
  readonly sandbox: {
    readonly port: number;
    readonly seed: number;
    /** Date the demo books are written up to (YYYY-MM-DD); null: the current date. */
    readonly today: string | null;
  };
  /** Client authentication, CSRF/CORS, request limits, trusted documents, production profile. */
  readonly edge: EdgeConfig;
  /** Metrics, traces, the status page, the log format and the drain on stop. */
  readonly ops: OpsConfig;
  /** OAuth 2.0 connections (src/connections): the app, or null; `tuning` also serves the embedded demo's app. */
  readonly oauth: { readonly app: OAuthConfig | null; readonly tuning: OAuthTuning };
}

export const DEFAULT_BASE_URL = 'https://app.pennylane.com/api/external/v2';
export const DEFAULT_RATE_LIMITS = 'token=25/5s,sales_purchases=2/1s,accounting=4/1s';

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) throw new ConfigError(name, `expected ${min}..${max}, got ${value}`);
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new ConfigError(name, `expected true or false, got "${raw}"`);
  };

  const baseUrlSet = read('PENNYLANE_BASE_URL') !== undefined;
  const baseUrl = (read('PENNYLANE_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError('PENNYLANE_BASE_URL', `expected an http(s) URL, got "${baseUrl}"`);
  }

  let rateLimits: RateLimits;
  try {
    rateLimits = parseRateLimits(read('PENNYLANE_RATE_LIMITS') ?? DEFAULT_RATE_LIMITS, {
      marginMs: int('PENNYLANE_RATE_MARGIN_MS', 150, 0, 10_000),
    });
  } catch (error) {
    throw new ConfigError('PENNYLANE_RATE_LIMITS', (error as Error).message);
  }

  let ttlOverridesSeconds: Record<string, number>;
  try {
    ttlOverridesSeconds = parseTtlOverrides(read('PENNYLANE_CACHE_TTLS') ?? '');
  } catch (error) {
    throw new ConfigError('PENNYLANE_CACHE_TTLS', (error as Error).message);
  }

  const host = read('HOST') ?? '127.0.0.1';
  const allowClientTokens = read('PENNYLANE_ALLOW_CLIENT_TOKENS') === undefined ? undefined : bool('PENNYLANE_ALLOW_CLIENT_TOKENS', false);
  const edge = parseEdgeConfig({ read, int, bool }, { host, allowClientTokens });
  const apiToken = read('PENNYLANE_API_TOKEN') ?? null;
  const oauth = parseOAuthConfig({ read, int, bool });
  // A base URL without a token used to be ignored in favour of the simulator: say so instead.
  if (baseUrlSet && apiToken === null && edge.tokenSource === 'server' && oauth.app === null) {
    throw new ConfigError(
      'PENNYLANE_BASE_URL',
      'it is set but PENNYLANE_API_TOKEN is not. Set PENNYLANE_API_TOKEN to use that server; or PENNYLANE_ALLOW_CLIENT_TOKENS=true to serve only clients that send their own token to it; or unset PENNYLANE_BASE_URL to use the embedded simulator.',
    );
  }

  const operationDeadlineMs = int('PENNYLANE_OPERATION_DEADLINE_MS', 30_000, 100);
  // Keys of GATEWAY_ENCRYPTION_KEY (current first, then GATEWAY_ENCRYPTION_KEY_PREVIOUS): one parse, for every secret at rest.
  const encryptionKeys = oauth.tuning.encryptionKeys;
  if (read('REDIS_URL') !== undefined && edge.tokenSource !== 'server' && encryptionKeys === null) {
    throw new ConfigError(
      'GATEWAY_ENCRYPTION_KEY',
      'it is required when REDIS_URL is set and clients send their own Pennylane tokens: any replica may run a client\'s bulk operation, so its token is kept with the job, encrypted with this key. Give every replica the same 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -hex 32`).',
    );
  }

  const config: Config = {
    host,
    port: int('PORT', 4000, 0, 65_535),
    logLevel: read('LOG_LEVEL') ?? 'info',
    pennylane: {
      apiToken,
      // An OAuth app reaches real Pennylane too (its tokens would mean nothing to the simulator).
      upstream: apiToken !== null || baseUrlSet || oauth.app !== null ? 'pennylane' : 'simulator',
      baseUrl,
      allowClientTokens: edge.tokenSource !== 'server',
      refusedTokenMs: int('PENNYLANE_REFUSED_TOKEN_SECONDS', 60, 0, 86_400) * 1_000,
      connectTimeoutMs: int('PENNYLANE_CONNECT_TIMEOUT_MS', 5_000, 1),
      headersTimeoutMs: int('PENNYLANE_HEADERS_TIMEOUT_MS', 30_000, 1),
      bodyTimeoutMs: int('PENNYLANE_BODY_TIMEOUT_MS', 30_000, 1),
      connections: int('PENNYLANE_CONNECTIONS', 16, 1, 1_024),
      maxRetries: int('PENNYLANE_MAX_RETRIES', 3, 0, 10),
      maxResponseBytes: int('PENNYLANE_MAX_RESPONSE_BYTES', 50 * 1024 * 1024, 1_024),
    },
    rateLimits,
    cache: {
      maxBytes: int('PENNYLANE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 0),
      ttlOverridesSeconds,
    },
    responseCache: {
      // PENNYLANE_CACHE_MAX_BYTES=0 says "no caching": whole answers are not cached either unless asked.
      maxBytes: int('PENNYLANE_RESPONSE_CACHE_MAX_BYTES', int('PENNYLANE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 0) === 0 ? 0 : 32 * 1024 * 1024, 0),
      maxEntryBytes: int('PENNYLANE_RESPONSE_CACHE_MAX_ENTRY_BYTES', 1024 * 1024, 1_024),
      // 0: a quarter of maxBytes (graphql-cache-store.ts).
      tenantMaxBytes: int('PENNYLANE_RESPONSE_CACHE_TENANT_MAX_BYTES', 0, 0),
      redis: bool('PENNYLANE_RESPONSE_CACHE_REDIS', true),
      redisEntriesPerTenant: int('PENNYLANE_RESPONSE_CACHE_REDIS_ENTRIES', 10_000, 1, 10_000_000),
      redisBytesPerTenant: int('PENNYLANE_RESPONSE_CACHE_REDIS_TENANT_MAX_BYTES', 64 * 1024 * 1024, 1_024),
    },
    operationDeadlineMs,
    maxDeadlineMs: int('PENNYLANE_MAX_DEADLINE_MS', Math.max(120_000, operationDeadlineMs), operationDeadlineMs),
    maxOperationCalls: int('PENNYLANE_MAX_OPERATION_CALLS', 300, 1),
    maxQueuedPerTenant: int('PENNYLANE_MAX_QUEUED_PER_TENANT', 1_000, 1),
    changePollMs: int('PENNYLANE_CHANGE_POLL_SECONDS', 60, 0, 86_400) * 1_000,
    live: parseLiveConfig({ int }),
    webhooks: parseWebhookConfig({ read, int }),
    redis: {
      url: redisUrl(read('REDIS_URL')),
      prefix: read('PENNYLANE_REDIS_PREFIX') ?? 'pennylane-graphql',
      expectedReplicas: int('PENNYLANE_REPLICAS', 3, 1, 1_000),
    },
    jobs: {
      bulkRetentionMs: int('PENNYLANE_BULK_RETENTION_SECONDS', 86_400, 60) * 1_000,
      lockMs: int('PENNYLANE_JOB_LOCK_MS', 15_000, 200, 600_000),
    },
    encryptionKeys,
    sandbox: {
      port: int('SANDBOX_PORT', 0, 0, 65_535),
      seed: int('SANDBOX_SEED', 42, 0),
      today: isoDate('SANDBOX_TODAY', read('SANDBOX_TODAY')),
    },
    edge,
    ops: parseOpsConfig({ read, int, bool }),
    oauth,
  };
  return deepFreeze(config);
}

function isoDate(name: string, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
    throw new ConfigError(name, `expected a date YYYY-MM-DD, got "${raw}"`);
  }
  return raw;
}

function redisUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    if (url.protocol === 'redis:' || url.protocol === 'rediss:') return raw;
  } catch {
    // reported below, without echoing a URL that may hold a password
  }
  throw new ConfigError('REDIS_URL', 'expected redis://[user:password@]host:port[/db] or rediss://…');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
