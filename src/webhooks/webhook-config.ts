import { ConfigError } from '../config-error.js';
import type { EnvReader } from '../edge/edge-config.js';

/** Webhooks received from Pennylane (src/webhooks). */
export interface WebhookConfig {
  /**
   * GATEWAY_PUBLIC_URL: this gateway's origin as Pennylane reaches it, where
   * `createWebhookSubscription` points Pennylane (`<origin>/webhooks/pennylane/<hook id>`);
   * null: the mutation must be given one.
   */
  readonly publicUrl: string | null;
  /** How far a webhook's timestamp may be from this gateway's clock, either way. */
  readonly toleranceMs: number;
  /** Largest webhook body read; a longer one is refused (413) unread. */
  readonly maxBodyBytes: number;
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
  return {
    publicUrl,
    toleranceMs: int('PENNYLANE_WEBHOOK_TOLERANCE_SECONDS', 300, 1, 3_600) * 1_000,
    maxBodyBytes: int('PENNYLANE_WEBHOOK_MAX_BYTES', 256 * 1024, 1_024, 10 * 1024 * 1024),
    file: read('PENNYLANE_WEBHOOKS_FILE') ?? DEFAULT_WEBHOOKS_FILE,
  };
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

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
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return `Pennylane only calls https URLs (http is accepted for loopback hosts, for the simulator), got "${url.protocol}//${url.host}"`;
}
