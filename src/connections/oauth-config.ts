import { ConfigError } from '../config-error.js';
import { isLoopback, type EnvReader } from '../edge/edge-config.js';
import { parseEncryptionKey } from './secret-box.js';

/**
 * OAuth 2.0 connections as configuration, parsed by `src/config.ts` (the only reader of the
 * environment). Null when no OAuth app is configured (the embedded demo fills one in against
 * the simulator: src/server.ts).
 */
export interface OAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** This gateway's `/oauth/callback`, exactly as registered with Pennylane; its origin is the gateway's public one. */
  readonly redirectUri: string;
  /** The authorization server (its metadata, or `/oauth/authorize`, `/oauth/token`, `/oauth/revoke` under it). */
  readonly serverUrl: string;
  /** Scopes asked when `/oauth/connect` names none. */
  readonly defaultScopes: readonly string[];
  /** 32-byte keys as hexadecimal: the first seals, all open (rotation). */
  readonly encryptionKeys: readonly string[];
  /** Where connections live without Redis. */
  readonly connectionsFile: string;
  /** Each call to the authorization server (token, revoke, metadata) gives up after this long. */
  readonly timeoutMs: number;
  /** Access tokens are refreshed this long before they expire. */
  readonly refreshLeewayMs: number;
  /** A `/oauth/connect` must come back to the callback within this long. */
  readonly stateTtlMs: number;
  /** Connections one `portfolio` query may span. */
  readonly portfolioMaxConnections: number;
  /** True for the embedded demo: a throwaway key and connection file, said so in the log. */
  readonly throwaway: boolean;
}

export const DEFAULT_OAUTH_SERVER_URL = 'https://app.pennylane.com';
export const DEFAULT_CONNECTIONS_FILE = '.pennylane-graphql/connections.json';

/** Read-only scopes of the main domains: writing needs scopes asked for on purpose (`?scope=`). */
export const DEFAULT_OAUTH_SCOPES: readonly string[] = [
  'customers:readonly',
  'customer_invoices:readonly',
  'products:readonly',
  'quotes:readonly',
  'suppliers:readonly',
  'supplier_invoices:readonly',
  'journals:readonly',
  'ledger_accounts:readonly',
  'ledger_entries:readonly',
  'trial_balance:readonly',
  'fiscal_years:readonly',
  'categories:readonly',
  'transactions:readonly',
  'bank_accounts:readonly',
];

const APP_VARIABLES = ['PENNYLANE_OAUTH_CLIENT_ID', 'PENNYLANE_OAUTH_CLIENT_SECRET', 'PENNYLANE_OAUTH_REDIRECT_URI'] as const;

/** The settings shared by a configured app and the embedded demo's. */
export interface OAuthTuning {
  readonly serverUrl: string;
  readonly defaultScopes: readonly string[];
  readonly encryptionKeys: readonly string[] | null;
  readonly connectionsFile: string;
  readonly timeoutMs: number;
  readonly refreshLeewayMs: number;
  readonly stateTtlMs: number;
  readonly portfolioMaxConnections: number;
}

export function parseOAuthConfig(env: EnvReader): { readonly app: OAuthConfig | null; readonly tuning: OAuthTuning } {
  const tuning: OAuthTuning = {
    serverUrl: httpUrl('PENNYLANE_OAUTH_SERVER_URL', env.read('PENNYLANE_OAUTH_SERVER_URL') ?? DEFAULT_OAUTH_SERVER_URL).replace(/\/+$/, ''),
    defaultScopes: scopes(env.read('PENNYLANE_OAUTH_SCOPES')) ?? DEFAULT_OAUTH_SCOPES,
    encryptionKeys: encryptionKeys(env),
    connectionsFile: env.read('PENNYLANE_CONNECTIONS_FILE') ?? DEFAULT_CONNECTIONS_FILE,
    timeoutMs: env.int('PENNYLANE_OAUTH_TIMEOUT_MS', 10_000, 100, 120_000),
    refreshLeewayMs: env.int('PENNYLANE_OAUTH_REFRESH_LEEWAY_SECONDS', 60, 0, 86_400) * 1_000,
    stateTtlMs: env.int('PENNYLANE_OAUTH_STATE_TTL_SECONDS', 600, 10, 86_400) * 1_000,
    portfolioMaxConnections: env.int('PENNYLANE_PORTFOLIO_MAX_CONNECTIONS', 50, 1, 1_000),
  };
  const given = APP_VARIABLES.filter((name) => env.read(name) !== undefined);
  if (given.length === 0) return { app: null, tuning };
  if (given.length < APP_VARIABLES.length) {
    const missing = APP_VARIABLES.filter((name) => env.read(name) === undefined);
    throw new ConfigError(missing[0]!, `an OAuth app needs ${APP_VARIABLES.join(', ')}; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
  }
  const redirectUri = httpUrl('PENNYLANE_OAUTH_REDIRECT_URI', env.read('PENNYLANE_OAUTH_REDIRECT_URI')!);
  if (new URL(redirectUri).pathname !== '/oauth/callback') {
    throw new ConfigError('PENNYLANE_OAUTH_REDIRECT_URI', `expected this gateway's callback, https://<gateway host>/oauth/callback, got "${redirectUri}"`);
  }
  if (!tuning.encryptionKeys) {
    throw new ConfigError(
      'GATEWAY_ENCRYPTION_KEY',
      'OAuth is configured, so tokens are stored and must be encrypted: set a 32-byte key as 64 hexadecimal characters or base64 (openssl rand -hex 32)',
    );
  }
  return {
    app: {
      ...tuning,
      clientId: env.read('PENNYLANE_OAUTH_CLIENT_ID')!,
      clientSecret: env.read('PENNYLANE_OAUTH_CLIENT_SECRET')!,
      redirectUri,
      encryptionKeys: tuning.encryptionKeys,
      throwaway: false,
    },
    tuning,
  };
}

function encryptionKeys(env: EnvReader): string[] | null {
  const current = env.read('GATEWAY_ENCRYPTION_KEY');
  const previous = env.read('GATEWAY_ENCRYPTION_KEY_PREVIOUS');
  if (current === undefined) {
    if (previous !== undefined) throw new ConfigError('GATEWAY_ENCRYPTION_KEY', 'GATEWAY_ENCRYPTION_KEY_PREVIOUS is set but the current key is not');
    return null;
  }
  const parse = (name: string, raw: string) => {
    try {
      return parseEncryptionKey(raw).toString('hex');
    } catch (error) {
      throw new ConfigError(name, (error as Error).message);
    }
  };
  return [
    parse('GATEWAY_ENCRYPTION_KEY', current),
    ...(previous ?? '').split(',').map((raw) => raw.trim()).filter(Boolean).map((raw) => parse('GATEWAY_ENCRYPTION_KEY_PREVIOUS', raw)),
  ];
}

function scopes(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const list = raw.split(/[\s,]+/).filter(Boolean);
  const bad = list.find((scope) => !/^[a-z_]+:[a-z_]+$/.test(scope));
  if (bad) throw new ConfigError('PENNYLANE_OAUTH_SCOPES', `expected Pennylane scopes such as customers:readonly, got "${bad}"`);
  return list;
}

function httpUrl(name: string, raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return raw;
  } catch {
    // reported below
  }
  throw new ConfigError(name, `expected an https URL (http only on loopback), got "${raw}"`);
}
