/**
 * The Pennylane simulator: a real HTTP server speaking the Company API v2
 * dialect (2026 behaviour) over seeded, coherent demo books.
 */
import type { AddressInfo } from 'node:net';
import { SimulatorControl } from './control.js';
import type { Family } from './families.js';
import { createApiServer } from './http-server.js';
import { API_PREFIX } from './router.js';
import { SimulatorState, type ResolvedOptions } from './state.js';
import { isValidDate } from './time.js';
import { OAUTH_DEFAULTS, type OAuthClientOptions } from './oauth/authorization-server.js';

export { SimulatorControl } from './control.js';
export type { GrantInfo, OAuthClientOptions } from './oauth/authorization-server.js';
export type {
  AddTokenOptions, FamilyLimits, Fault, FaultInfo, RateLimitConfig, RateStats, RequestFilter, RequestLogEntry, SnapshotResource,
  SentEmail, StoredFileInfo,
} from './control.js';
export type { WebhookDelivery, WebhookEventResult } from './webhooks/webhook-control.js';

export interface SimulatorOptions {
  host?: string; // default '127.0.0.1'
  port?: number; // default 0 (random free port)
  seed?: number; // default 42
  today?: string; // reference date 'YYYY-MM-DD', default '2026-11-16'
  demoToken?: string; // default 'demo-token'; has every scope
  rateLimit?: { limit: number; windowMs: number } | false; // default {limit:25, windowMs:5000}
  familyLimits?: Partial<Record<Family, { limit: number; windowMs: number }>>; // default {}
  latencyMs?: number; // added to every API response, default 0
  exportDelayMs?: number; // simulated time before an export is ready, default 1500 (tests: 0)
  pdfDelayMs?: number; // simulated time between finalisation and the invoice/quote PDF, default 3000 (tests: 0)
  maxUploadBytes?: number; // largest multipart upload accepted, default 100 MiB
  /** The OAuth 2.0 authorization server: apps registered from the start, token lifetimes. */
  oauth?: {
    clients?: readonly OAuthClientOptions[];
    accessTokenTtlSeconds?: number; // default 3600
    codeTtlSeconds?: number; // default 60
  };
}

export interface Simulator {
  readonly url: string;
  readonly baseUrl: string;
  readonly demoToken: string;
  readonly control: SimulatorControl;
  close(): Promise<void>;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  seed: 42,
  today: '2026-11-16',
  demoToken: 'demo-token',
  rateLimit: { limit: 25, windowMs: 5000 },
  latencyMs: 0,
  exportDelayMs: 1500,
  pdfDelayMs: 3000,
  maxUploadBytes: 100 * 1024 * 1024,
} as const;

function resolve(options: SimulatorOptions): ResolvedOptions {
  const today = options.today ?? DEFAULTS.today;
  if (options.exportDelayMs !== undefined && !(options.exportDelayMs >= 0)) throw new Error('exportDelayMs must be >= 0');
  if (options.pdfDelayMs !== undefined && !(options.pdfDelayMs >= 0)) throw new Error('pdfDelayMs must be >= 0');
  if (options.maxUploadBytes !== undefined && !(options.maxUploadBytes > 0)) throw new Error('maxUploadBytes must be > 0');
  if (!isValidDate(today)) throw new Error(`today must be a YYYY-MM-DD date (got ${today})`);
  const accessTokenTtlSeconds = options.oauth?.accessTokenTtlSeconds ?? OAUTH_DEFAULTS.accessTokenTtlSeconds;
  const codeTtlSeconds = options.oauth?.codeTtlSeconds ?? OAUTH_DEFAULTS.codeTtlSeconds;
  if (!(accessTokenTtlSeconds > 0) || !(codeTtlSeconds > 0)) throw new Error('oauth token lifetimes must be > 0 seconds');
  return {
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? DEFAULTS.port,
    seed: (options.seed ?? DEFAULTS.seed) >>> 0,
    today,
    demoToken: options.demoToken ?? DEFAULTS.demoToken,
    rateLimit: options.rateLimit === undefined ? { ...DEFAULTS.rateLimit } : options.rateLimit,
    familyLimits: { ...(options.familyLimits ?? {}) },
    latencyMs: options.latencyMs ?? DEFAULTS.latencyMs,
    exportDelayMs: options.exportDelayMs ?? DEFAULTS.exportDelayMs,
    pdfDelayMs: options.pdfDelayMs ?? DEFAULTS.pdfDelayMs,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULTS.maxUploadBytes,
    oauth: { settings: { accessTokenTtlSeconds, codeTtlSeconds }, clients: [...(options.oauth?.clients ?? [])] },
  };
}

function originFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolve(options);
  const state = new SimulatorState(resolved);
  const control = new SimulatorControl(state);
  control.setRateLimit(resolved.rateLimit, resolved.familyLimits); // validates the options
  const api = createApiServer(state);
  await new Promise<void>((ok, fail) => {
    api.server.once('error', fail);
    api.server.listen(resolved.port, resolved.host, () => {
      api.server.off('error', fail);
      ok();
    });
  });
  const { port } = api.server.address() as AddressInfo;
  const url = originFor(resolved.host, port);
  state.links = { origin: url, base: `${url}${API_PREFIX}` };
  let closed: Promise<void> | null = null;
  return {
    url,
    baseUrl: state.links.base,
    demoToken: resolved.demoToken,
    control,
    close: () => (closed ??= api.close()),
  };
}
