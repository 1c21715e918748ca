import { createFetch } from '@whatwg-node/fetch';
import { getOperationAST, GraphQLError } from 'graphql';
import { createYoga, handleStreamOrSingleExecutionResult, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { createContextFactory, type GatewayContext } from './context.js';
import { createEdge, type Edge } from './edge/index.js';
import { ResponseCache } from './datasources/cache/response-cache.js';
import { ttlResolver } from './datasources/cache/ttl.js';
import { PennylaneHttp } from './datasources/http/pennylane-http.js';
import type { UpstreamDeps } from './datasources/pennylane/client.js';
import { RateScheduler } from './datasources/scheduler/rate-scheduler.js';
import { slotHoldMs } from './datasources/scheduler/rate-limits.js';
import { RedisWindow } from './datasources/scheduler/redis/redis-window.js';
import { IdempotencyStore } from './datasources/writes/idempotency-store.js';
import { BulkRegistry } from './datasources/bulk/bulk-registry.js';
import { ChangePoller } from './datasources/changes/change-poller.js';
import { EXAMPLE_OPERATIONS } from './graphiql/example-operations.js';
import { graphiqlAsset, renderGraphiQLPage } from './graphiql/graphiql-page.js';
import type { Logger } from './logger.js';
import { createOps, type Ops } from './ops/index.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { gatewaySchema } from './schema/index.js';
import { estimateCost } from './schema/cost/estimate.js';
import { UPLOAD_MAX_BYTES, useUploadContentChecks } from './schema/scalars/file.js';

export interface Gateway {
  readonly yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  readonly upstream: UpstreamDeps;
  /** Client authentication and the rest of the edge (src/edge): reuse it to protect other routes. */
  readonly edge: Edge;
  /** Metrics, traces and the status page (src/ops). */
  readonly ops: Ops;
  /** Readiness turns false while draining (SIGTERM), so load balancers stop sending. */
  setDraining(draining: boolean): void;
  /** Stops: running bulk operations may finish until `deadline` (epoch ms; default in 20 s). */
  close(options?: { readonly deadline?: number }): Promise<void>;
}

export interface GatewayOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Where trace spans go instead of OTLP (tests); tracing still needs OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly spanExporter?: SpanExporter;
}

/**
 * Builds the gateway: the process-wide pieces (HTTP pools, scheduler, cache) once, and the
 * yoga server whose context factory builds the per-request pieces.
 */
export function createGateway({ config, logger, spanExporter }: GatewayOptions): Gateway {
  // First: a bad edge setting (e.g. a tampered trusted-documents manifest) stops start-up
  // before anything else is allocated.
  const edge = createEdge(config.edge, { logger, graphqlEndpoint: '/graphql', host: config.host, hasServerToken: config.pennylane.apiToken !== null });
  const edgeState = edge.describe();
  logger[edgeState.level](edgeState.fields, edgeState.message);
  const ops = createOps(config.ops, { logger, authenticator: edge.authenticator, authModes: config.edge.auth.modes, graphqlEndpoint: '/graphql', sharedBudget: config.redis.url !== null, spanExporter });
  const core: UpstreamDeps = {
    http: new PennylaneHttp({
      baseUrl: config.pennylane.baseUrl,
      connectTimeoutMs: config.pennylane.connectTimeoutMs,
      headersTimeoutMs: config.pennylane.headersTimeoutMs,
      bodyTimeoutMs: config.pennylane.bodyTimeoutMs,
      connections: config.pennylane.connections,
    }),
    scheduler: new RateScheduler({
      limits: config.rateLimits,
      maxRetries: config.pennylane.maxRetries,
      maxQueuedPerTenant: config.maxQueuedPerTenant,
      observer: ops.scheduler,
      ...(config.redis.url ? { shared: sharedWindow(config, logger, config.redis.url) } : {}),
    }),
    cache: new ResponseCache({ maxBytes: config.cache.maxBytes, ttlSeconds: ttlResolver(config.cache.ttlOverridesSeconds), observer: ops.cache }),
    inflight: new Map(),
    idempotency: new IdempotencyStore(),
  };
  // The poller reads changelogs through `core`, which does not watch (changelogs are never cached).
  const changes =
    config.changePollMs > 0 && config.cache.maxBytes > 0 ? new ChangePoller({ upstream: core, intervalMs: config.changePollMs, logger }) : undefined;
  const upstream: UpstreamDeps = { ...core, changes };
  let draining = false;
  const bulk = new BulkRegistry({ observer: ops.bulk });
  ops.attach({ scheduler: core.scheduler });

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: gatewaySchema(),
    // Uploads are parsed with Pennylane's limit, so an oversized file is refused while it streams.
    fetchAPI: createFetch({ formDataLimits: { fileSize: UPLOAD_MAX_BYTES, files: 10, fieldSize: config.edge.limits.maxBodyBytes } }),
    // The edge bounds bodies itself: one limit for documents, another for uploads (src/edge/limits.ts).
    maxRequestBodySize: false,
    cors: edge.cors,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: createContextFactory({
      upstream,
      serverToken: config.pennylane.apiToken,
      operationDeadlineMs: config.operationDeadlineMs,
      bulk,
    }),
    graphiql: edge.graphiql && {
      title: 'pennylane-graphql',
      defaultTabs: EXAMPLE_OPERATIONS.map((tab) => ({ query: tab.query, variables: tab.variables ?? null })),
      // GraphiQL streams subscriptions with GET: the header tells them from a cross-site request.
      additionalHeaders: { 'x-graphql-yoga-csrf': 'graphiql' },
    },
    renderGraphiQL: renderGraphiQLPage,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Yoga logs here every error it masks, one line each; the edge's line per operation
      // reports them instead (codes, counts, and the cause of our own faults).
      error: () => {},
    },
    maskedErrors: { maskError: edge.maskError },
    plugins: [
      ...ops.outerPlugins,
      ...edge.plugins,
      ...ops.plugins,
      ...(edge.graphiql ? [useGraphiQLAssets()] : []),
      useUploadContentChecks(),
      useOperationKind(),
      useCostPlanning(config),
      useCostExtension(),
      useReadinessCheck({ endpoint: '/ready', check: () => !draining }),
    ],
  });

  return {
    yoga,
    upstream,
    edge,
    ops,
    setDraining(value) {
      draining = value;
      if (value) ops.drain();
    },
    async close({ deadline = Date.now() + 20_000 } = {}) {
      // Let running bulk operations finish, within reason: what is left is recovered by
      // resubmitting with the same idempotency key.
      await Promise.race([bulk.drain(), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
      changes?.close();
      await upstream.scheduler.close();
      await upstream.http.close();
      upstream.cache.clear();
      await ops.close();
    },
  };
}

function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      // A newcomer opening the bare address lands in GraphiQL rather than on an empty 404.
      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        return endResponse(new Response(null, { status: 302, headers: { location: '/graphql' } }));
      }
      const response = await graphiqlAsset(url.pathname);
      if (response) endResponse(response);
    },
  };
}

/** Mutations are scheduled behind interactive queries; the kind is known once parsed. */
function useOperationKind(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation) args.contextValue.operation.kind = operation.operation;
    },
  };
}

/**
 * Plans every operation before it runs: the estimate goes in `extensions.cost.estimate`;
 * an operation above the budget is refused with it; `x-pennylane-cost: estimate` answers the
 * estimate alone, without any upstream call.
 */
function useCostPlanning(config: Config): Plugin<GatewayContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      const estimate = estimateCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName, config.rateLimits);
      context.meter.estimate = estimate;
      if (context.costMode === 'estimate') {
        setResultAndStopExecution({ data: null, extensions: { cost: { estimate } } });
      } else if (estimate.calls > config.maxOperationCalls) {
        const seconds = Math.ceil(estimate.timeMs / 1_000);
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `This operation would make about ${estimate.calls} Pennylane calls (about ${seconds} s at this token's limits); this gateway allows ${config.maxOperationCalls}. Ask for fewer records (first), fewer nested lists, or split it.`,
              { extensions: { code: 'OPERATION_TOO_EXPENSIVE', estimate } },
            ),
          ],
          extensions: { cost: { estimate } },
        });
      }
    },
  };
}

/** With REDIS_URL: the window every replica of this gateway spends each token's budget from. */
function sharedWindow(config: Config, logger: Logger, url: string): RedisWindow {
  const { token, families, marginMs } = config.rateLimits;
  const longestWindowMs = Math.max(...[token, ...Object.values(families)].map((rate) => slotHoldMs(rate, marginMs)));
  const redisHost = new URL(url).host;
  logger.info({ redis: redisHost, prefix: config.redis.prefix }, 'sharing the Pennylane rate budget with other replicas through Redis');
  return new RedisWindow({ url, prefix: config.redis.prefix, longestWindowMs, expectedReplicas: config.redis.expectedReplicas, logger });
}

/** Every response tells what it cost upstream, in `extensions.cost` (the edge logs it, once per operation). */
function useCostExtension(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            setResult({ ...result, extensions: { ...result.extensions, cost: context.meter.toJSON() } });
          });
        },
      };
    },
  };
}
