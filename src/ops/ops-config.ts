import { ConfigError } from '../config-error.js';
import type { EnvReader } from '../edge/edge-config.js';

/** What an operator sees and how the process stops: metrics, traces, the status page, log format, drain. */
export interface OpsConfig {
  /** Prometheus metrics at `/metrics`. */
  readonly metrics: boolean;
  /**
   * Tenants (token hashes) that get a `tenant` label of their own, the first seen first; the
   * others are counted as `tenant="other"`. 0: no `tenant` label at all.
   */
  readonly metricsTenants: number;
  /** The live status page at `/status`. */
  readonly statusPage: boolean;
  /** How often the status page receives a new picture. */
  readonly statusIntervalMs: number;
  /** `json` (one object per line) for machines, `pretty` (pino-pretty) for a person at a terminal. */
  readonly logFormat: 'json' | 'pretty';
  /** OpenTelemetry traces over OTLP/HTTP; null when no endpoint is configured (tracing off). */
  readonly tracing: TracingConfig | null;
  /** The longest a stop (SIGTERM/SIGINT) may take: requests in flight, then running bulk work. */
  readonly drainMs: number;
}

export interface TracingConfig {
  /** Where spans are POSTed (`…/v1/traces`). */
  readonly tracesUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  /** Share of new traces recorded (a caller's sampled trace is always continued). */
  readonly sampleRatio: number;
}

export function parseOpsConfig(env: EnvReader): OpsConfig {
  const logFormat = env.read('LOG_FORMAT')?.toLowerCase() ?? 'json';
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new ConfigError('LOG_FORMAT', `expected json or pretty, got "${logFormat}"`);
  return {
    metrics: env.bool('GATEWAY_METRICS', true),
    metricsTenants: env.int('GATEWAY_METRICS_TENANTS', 0, 0, 1_000),
    statusPage: env.bool('GATEWAY_STATUS_PAGE', true),
    statusIntervalMs: env.int('GATEWAY_STATUS_INTERVAL_MS', 1_000, 100, 60_000),
    logFormat,
    tracing: parseTracing(env),
    drainMs: env.int('GATEWAY_DRAIN_SECONDS', 25, 1, 3_600) * 1_000,
  };
}

/** The standard OpenTelemetry variables, read here so the SDK never reads the environment itself. */
function parseTracing(env: EnvReader): TracingConfig | null {
  const base = env.read('OTEL_EXPORTER_OTLP_ENDPOINT');
  const traces = env.read('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (base === undefined && traces === undefined) return null;
  const name = traces !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  // The general endpoint is a base the signal's path is added to; the traces one is used as is.
  const tracesUrl = traces ?? `${base!.replace(/\/+$/, '')}/v1/traces`;
  try {
    const url = new URL(tracesUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(name, 'expected an http(s) URL, e.g. http://otel-collector:4318');
  }
  const ratioRaw = env.read('OTEL_TRACES_SAMPLER_ARG');
  const sampleRatio = ratioRaw === undefined ? 1 : Number(ratioRaw);
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1) {
    throw new ConfigError('OTEL_TRACES_SAMPLER_ARG', `expected a ratio between 0 and 1, got "${ratioRaw}"`);
  }
  return { tracesUrl, headers: parseHeaders(env.read('OTEL_EXPORTER_OTLP_HEADERS')), serviceName: env.read('OTEL_SERVICE_NAME') ?? 'pennylane-graphql', sampleRatio };
}

/** `key=value,key2=value2` (values URL-encoded), as the OpenTelemetry specification writes them. */
function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    // Never echo the value: it is usually a credential.
    if (!/^[\w-]+$/.test(key)) throw new ConfigError('OTEL_EXPORTER_OTLP_HEADERS', 'expected key=value pairs separated by commas');
    try {
      headers[key.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new ConfigError('OTEL_EXPORTER_OTLP_HEADERS', `the value of "${key}" is not URL-encoded correctly`);
    }
  }
  return headers;
}
