import { parseRateLimits, type RateLimits } from './datasources/scheduler/rate-limits.js';
import { parseTtlOverrides } from './datasources/cache/ttl.js';
import { ConfigError } from './config-error.js';
import { parseEdgeConfig, type EdgeConfig } from './edge/edge-config.js';
import { parseOpsConfig, type OpsConfig } from './ops/ops-config.js';

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
    readonly connectTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly bodyTimeoutMs: number;
    readonly connections: number;
    readonly maxRetries: number;
  };
  readonly rateLimits: RateLimits;
  readonly cache: {
    /** 0 disables the cache entirely. */
    readonly maxBytes: number;
    readonly ttlOverridesSeconds: Readonly<Record<string, number>>;
  };
  /** Longest time an operation may wait for rate budget before failing with RATE_LIMITED. */
  readonly operationDeadlineMs: number;
  /** Operations the planner expects to make more Pennylane calls than this are refused. */
  readonly maxOperationCalls: number;
  /** Calls of one tenant allowed to wait for budget at once. */
  readonly maxQueuedPerTenant: number;
  /** How often changelogs are read to drop changed records from the cache; 0: never. */
  readonly changePollMs: number;
  /** With a Redis URL, every replica shares each token's budget through Redis. */
  readonly redis: {
    readonly url: string | null;
    readonly prefix: string;
    /** Replicas assumed when sizing the local share before Redis ever reported them. */
    readonly expectedReplicas: number;
  };
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
  // A base URL without a token used to be ignored in favour of the simulator: say so instead.
  if (baseUrlSet && apiToken === null && edge.tokenSource === 'server') {
    throw new ConfigError(
      'PENNYLANE_BASE_URL',
      'it is set but PENNYLANE_API_TOKEN is not. Set PENNYLANE_API_TOKEN to use that server; or PENNYLANE_ALLOW_CLIENT_TOKENS=true to serve only clients that send their own token to it; or unset PENNYLANE_BASE_URL to use the embedded simulator.',
    );
  }

  const config: Config = {
    host,
    port: int('PORT', 4000, 0, 65_535),
    logLevel: read('LOG_LEVEL') ?? 'info',
    pennylane: {
      apiToken,
      upstream: apiToken !== null || baseUrlSet ? 'pennylane' : 'simulator',
      baseUrl,
      allowClientTokens: edge.tokenSource !== 'server',
      connectTimeoutMs: int('PENNYLANE_CONNECT_TIMEOUT_MS', 5_000, 1),
      headersTimeoutMs: int('PENNYLANE_HEADERS_TIMEOUT_MS', 30_000, 1),
      bodyTimeoutMs: int('PENNYLANE_BODY_TIMEOUT_MS', 30_000, 1),
      connections: int('PENNYLANE_CONNECTIONS', 16, 1, 1_024),
      maxRetries: int('PENNYLANE_MAX_RETRIES', 3, 0, 10),
    },
    rateLimits,
    cache: {
      maxBytes: int('PENNYLANE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 0),
      ttlOverridesSeconds,
    },
    operationDeadlineMs: int('PENNYLANE_OPERATION_DEADLINE_MS', 30_000, 100),
    maxOperationCalls: int('PENNYLANE_MAX_OPERATION_CALLS', 300, 1),
    maxQueuedPerTenant: int('PENNYLANE_MAX_QUEUED_PER_TENANT', 1_000, 1),
    changePollMs: int('PENNYLANE_CHANGE_POLL_SECONDS', 60, 0, 86_400) * 1_000,
    redis: {
      url: redisUrl(read('REDIS_URL')),
      prefix: read('PENNYLANE_REDIS_PREFIX') ?? 'pennylane-graphql',
      expectedReplicas: int('PENNYLANE_REPLICAS', 3, 1, 1_000),
    },
    sandbox: {
      port: int('SANDBOX_PORT', 0, 0, 65_535),
      seed: int('SANDBOX_SEED', 42, 0),
      today: isoDate('SANDBOX_TODAY', read('SANDBOX_TODAY')),
    },
    edge,
    ops: parseOpsConfig({ read, int, bool }),
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
