import { ConfigError } from '../config-error.js';
import { isLoopback, type EnvReader } from '../edge/edge-config.js';

/** Webhooks received from Pennylane (src/webhooks). */
export interface WebhookConfig {
  /**
   * GATEWAY_PUBLIC_URL: this gateway's origin as Pennylane reaches it, where
   * `createWebhookSubscription` points Pennylane (`<origin>/webhooks/pennylane/<hook id>`);
   * when set, a client's `publicUrl` must be this very origin. Null: the client's `publicUrl`
   * must be one of `allowedOrigins`.
   */
  readonly publicUrl: string | null;
  /**
   * GATEWAY_WEBHOOK_ORIGINS: the origins a client may name as `publicUrl` when GATEWAY_PUBLIC_URL
   * is not set. Empty: none (a client could otherwise point a company's events at any host).
   */
  readonly allowedOrigins: readonly string[];
  /** How far a webhook's timestamp may be from this gateway's clock, either way. */
  readonly toleranceMs: number;
  /** Largest webhook body read; a longer one is refused (413) unread. */
  readonly maxBodyBytes: number;
  /** How long a webhook body may take to arrive once its headers did (408 past it). */
  readonly readTimeoutMs: number;
  /** Where hooks (their sealed secrets) are kept without Redis, when an encryption key is set. */
  readonly file: string;
}

export const WEBHOOK_PATH = '/webhooks/pennylane';
export const DEFAULT_WEBHOOKS_FILE = '.pennylane-graphql/webhooks.json';

export function parseWebhookConfig({ read, int }: Pick<EnvReader, 'read' | 'int'>): WebhookConfig {
  const raw = read('GATEWAY_PUBLIC_URL');
  let publicUrl: string | null = null;
  if (raw !== undefined) {
    const problem = callbackOriginProblem(raw);
    if (problem) throw new ConfigError('GATEWAY_PUBLIC_URL', problem);
    publicUrl = new URL(raw).origin + new URL(raw).pathname.replace(/\/+$/, '');
  }
  const allowedOrigins = (read('GATEWAY_WEBHOOK_ORIGINS') ?? '').split(',').map((item) => item.trim()).filter(Boolean).map((origin) => {
    const problem = callbackOriginProblem(origin) ?? pathProblem(origin);
    if (problem) throw new ConfigError('GATEWAY_WEBHOOK_ORIGINS', problem);
    return new URL(origin).origin;
  });
  return {
    publicUrl,
    allowedOrigins,
    toleranceMs: int('PENNYLANE_WEBHOOK_TOLERANCE_SECONDS', 300, 1, 3_600) * 1_000,
    maxBodyBytes: int('PENNYLANE_WEBHOOK_MAX_BYTES', 256 * 1024, 1_024, 10 * 1024 * 1024),
    readTimeoutMs: int('PENNYLANE_WEBHOOK_READ_TIMEOUT_MS', 10_000, 50, 120_000),
    file: read('PENNYLANE_WEBHOOKS_FILE') ?? DEFAULT_WEBHOOKS_FILE,
  };
}

/**
 * Why a URL cannot be the gateway's public origin, or null: https, no credentials, no query
 * or fragment; http only to a loopback host (development against the simulator: real
 * Pennylane refuses anything but https).
 */
export function callbackOriginProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `expected an https URL such as https://gateway.example.com, got "${raw}"`;
  }
  if (url.username || url.password) return 'must not hold credentials';
  if (url.search || url.hash) return 'must not have a query or a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  return `Pennylane only calls https URLs (http is accepted for loopback hosts, for the simulator), got "${url.protocol}//${url.host}"`;
}

/** An origin is scheme, host and port: a path would let the callback land on any route of that host. */
export function pathProblem(raw: string): string | null {
  return new URL(raw).pathname.replace(/\/+$/, '') === '' ? null : `must be an origin only (scheme, host, port), without a path, got "${raw}"`;
}
