import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createGateway, type Gateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sandbox/simulator.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: { upstreamCalls: number; cacheHits: number; retries: number; throttled: number; queuedMs: number } };
}

export interface Harness {
  readonly sim: Simulator;
  readonly gateway: Gateway;
  /** Sends a GraphQL document through the gateway's front door (yoga.fetch). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly simulator?: SimulatorOptions;
  /** Gateway environment, on top of the harness defaults (token and base URL of the simulator). */
  readonly env?: Record<string, string>;
  /** The gateway's logger (default: silent), e.g. one writing to memory to assert on log lines. */
  readonly logger?: Logger;
  /** Where trace spans go (with OTEL_EXPORTER_OTLP_ENDPOINT set), e.g. an in-memory exporter. */
  readonly spanExporter?: SpanExporter;
}


/**
 * A gateway wired to a fresh simulator on a loopback port: the upstream of every test.
 * Rate limits default to the token bucket only (the simulator enforces 25/5 s by default).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ ...options.simulator });
  const gateway = gatewayOver(sim, options.env, options.logger, options.spanExporter);
  return {
    sim,
    gateway,
    gql: graphqlOver(gateway, 'http://gateway.test/graphql'),
    async close() {
      await gateway.close();
      await sim.close();
    },
  };
}

/**
 * A gateway whose upstream is `sim`, configured like production except for the token,
 * the base URL, the token-only rate limit (the simulator's default 25/5 s) and silent logs.
 */
export function gatewayOver(sim: Pick<Simulator, 'baseUrl' | 'demoToken'>, env: Record<string, string> = {}, logger?: Logger, spanExporter?: SpanExporter): Gateway {
  const config = loadConfig({
    PENNYLANE_API_TOKEN: sim.demoToken,
    PENNYLANE_BASE_URL: sim.baseUrl,
    PENNYLANE_RATE_LIMITS: 'token=25/5s',
    // Off unless a test is about it: its background calls would blur exact call counts.
    PENNYLANE_CHANGE_POLL_SECONDS: '0',
    // Off unless a test is about it: most tests count what the REST layer (and its cache) does.
    PENNYLANE_RESPONSE_CACHE_MAX_BYTES: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return createGateway({ config, logger: logger ?? createLogger(env.LOG_LEVEL ?? 'silent'), ...(spanExporter ? { spanExporter } : {}) });
}

/** A JSON POST of a GraphQL document to `url` through the gateway's front door (yoga.fetch). */
export function graphqlOver(gateway: Gateway, url: string): Harness['gql'] {
  return async <T,>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await gateway.yoga.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

/** Every edge's node of a connection, for terse assertions. */
export function nodesOf<T>(connection: { edges: { node: T }[] } | null | undefined): T[] {
  return (connection?.edges ?? []).map((edge) => edge.node);
}
