import { createFetch } from '@whatwg-node/fetch';
import { getOperationAST, printSchema } from 'graphql';
import { createYoga, handleStreamOrSingleExecutionResult, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { createBackgroundContextFactory, createContextFactory, type ContextFactoryOptions, type GatewayContext } from './context.js';
import { createEdge, type Edge } from './edge/index.js';
import { createConnections, type Connections } from './connections/index.js';
import { ResponseCache } from './datasources/cache/response-cache.js';
import { dropInvalidated } from './datasources/cache/invalidation.js';
import { ttlResolver } from './datasources/cache/ttl.js';
import { GraphQLCacheStore } from './datasources/cache/graphql-cache-store.js';
import { RedisAnswers } from './datasources/cache/graphql-cache-redis.js';
import { cacheGeneration, useGraphQLCache } from './datasources/cache/graphql-cache-plugin.js';
import { Tenant } from './datasources/tenant.js';
import { PennylaneHttp } from './datasources/http/pennylane-http.js';
import type { UpstreamDeps } from './datasources/pennylane/client.js';
import { SharedGets } from './datasources/pennylane/shared-gets.js';
import { RateScheduler } from './datasources/scheduler/rate-scheduler.js';
import { slotHoldMs } from './datasources/scheduler/rate-limits.js';
import { RedisWindow } from './datasources/scheduler/redis/redis-window.js';
import { ChangePoller } from './datasources/changes/change-poller.js';
import { createBulkJobs } from './jobs/create-bulk-jobs.js';
import { createSharedState } from './state/shared-state.js';
import type { RedisHealth } from './state/redis-health.js';
import { ITEM_ERRORS, writeBulkItem } from './schema/bulk/bulk-items.js';
import { EXAMPLE_OPERATIONS } from './graphiql/example-operations.js';
import { graphiqlAsset, renderGraphiQLPage } from './graphiql/graphiql-page.js';
import type { Logger } from './logger.js';
import { createOps, type Ops } from './ops/index.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { gatewaySchema } from './schema/index.js';
import { estimateCost } from './schema/cost/estimate.js';
import { admissionRefusal } from './schema/cost/admission.js';
import { UPLOAD_MAX_BYTES, useUploadContentChecks } from './schema/scalars/file.js';

export interface Gateway {
  readonly yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  readonly upstream: UpstreamDeps;
  /** Client authentication and the rest of the edge (src/edge): reuse it to protect other routes. */
  readonly edge: Edge;
  /** OAuth connections (src/connections), or null without an OAuth app. */
  readonly connections: Connections | null;
  /** Metrics, traces and the status page (src/ops). */
  readonly ops: Ops;
  /** The GraphQL response cache (whole answers), or null when PENNYLANE_RESPONSE_CACHE_MAX_BYTES=0. */
  readonly responseCache: GraphQLCacheStore | null;
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
  const edge = createEdge(config.edge, {
    logger,
    graphqlEndpoint: '/graphql',
    host: config.host,
    hasServerToken: config.pennylane.apiToken !== null,
    servesConnections: config.oauth.app !== null,
  });
  const edgeState = edge.describe();
  logger[edgeState.level](edgeState.fields, edgeState.message);
  // What must outlive this process (idempotency, invalidation, leases, bulk jobs): Redis with REDIS_URL, memory without.
  const state = createSharedState(config, logger);
  const ops = createOps(config, { logger, authenticator: edge.authenticator, graphqlEndpoint: '/graphql', state, spanExporter });
  const responseCache =
    config.responseCache.maxBytes > 0
      ? new GraphQLCacheStore({
          maxBytes: config.responseCache.maxBytes,
          maxEntryBytes: config.responseCache.maxEntryBytes,
          shared: state.redis && config.responseCache.redis ? new RedisAnswers(state.redis, { maxEntriesPerTenant: config.responseCache.redisEntriesPerTenant }) : undefined,
          observer: ops.cache,
        })
      : null;
  const core: UpstreamDeps = {
    http: new PennylaneHttp({
      baseUrl: config.pennylane.baseUrl,
      connectTimeoutMs: config.pennylane.connectTimeoutMs,
      headersTimeoutMs: config.pennylane.headersTimeoutMs,
      bodyTimeoutMs: config.pennylane.bodyTimeoutMs,
      connections: config.pennylane.connections,
      maxBodyBytes: config.pennylane.maxResponseBytes,
    }),
    scheduler: new RateScheduler({
      limits: config.rateLimits,
      maxRetries: config.pennylane.maxRetries,
      maxQueuedPerTenant: config.maxQueuedPerTenant,
      refusedTokenMs: config.pennylane.refusedTokenMs,
      observer: ops.scheduler,
      ...(config.redis.url ? { shared: sharedWindow(config, logger, config.redis.url, state.health) } : {}),
    }),
    cache: new ResponseCache({ maxBytes: config.cache.maxBytes, ttlSeconds: ttlResolver(config.cache.ttlOverridesSeconds), observer: ops.cache }),
    inflight: new SharedGets(),
    idempotency: state.idempotency,
    // Writes and changelog events drop the shared answers of the GraphQL cache before the other replicas hear of them.
    invalidations: responseCache ? responseCache.sharing(state.invalidations) : state.invalidations,
  };
  state.invalidations.subscribe((event) => dropInvalidated(core.cache, event));
  responseCache?.listen(state.invalidations);
  // The poller reads changelogs through `core`, which does not watch (changelogs are never cached).
  const changes =
    config.changePollMs > 0 && (config.cache.maxBytes > 0 || responseCache)
      ? new ChangePoller({ upstream: core, intervalMs: config.changePollMs, logger, leases: state.leases, positions: state.changePositions })
      : undefined;
  const upstream: UpstreamDeps = { ...core, changes };
  const oauth = config.oauth.app
    ? createConnections({ config: config.oauth.app, logger, upstream, redis: config.redis, requireTicket: config.edge.auth.modes.length > 0 })
    : null;
  let draining = false;
  // Bulk items run in contexts of their own (bulk priority), on whichever replica runs the job.
  let background: ReturnType<typeof createBackgroundContextFactory> | null = null;
  const bulk = createBulkJobs({
    config,
    logger,
    redis: state.redis,
    errors: ITEM_ERRORS,
    work: { write: writeBulkItem, contextFor: (tenant, scope) => background!(tenant, scope), concurrency: 4, observer: ops.bulk },
    connections: oauth?.connections ?? null,
  });
  const contextOptions: ContextFactoryOptions = {
    upstream,
    serverToken: config.pennylane.apiToken,
    operationDeadlineMs: config.operationDeadlineMs,
    maxDeadlineMs: config.maxDeadlineMs,
    bulk,
    connections: oauth?.connections ?? null,
    cacheEpochOf: responseCache ? (tenantId) => responseCache.epochOf(tenantId) : undefined,
  };
  background = createBackgroundContextFactory(contextOptions);
  ops.attach({ scheduler: core.scheduler });

  const schema = gatewaySchema();
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    // Uploads are parsed with Pennylane's limit, so an oversized file is refused while it streams.
    fetchAPI: createFetch({ formDataLimits: { fileSize: UPLOAD_MAX_BYTES, files: 10, fieldSize: config.edge.limits.maxBodyBytes } }),
    // The edge bounds bodies itself: one limit for documents, another for uploads (src/edge/limits.ts).
    maxRequestBodySize: false,
    cors: edge.cors,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: createContextFactory(contextOptions),
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
      ...(oauth?.plugins ?? []),
      ...(edge.graphiql ? [useGraphiQLAssets()] : []),
      useUploadContentChecks(),
      useOperationKind(),
      useCostPlanning(config),
      useCostExtension(),
      ...(responseCache
        ? useGraphQLCache({
            store: responseCache,
            serverTenant: config.pennylane.apiToken ? new Tenant(config.pennylane.apiToken) : null,
            // A stored answer (in Redis) outlives a deploy: a new schema or edge setting starts afresh.
            generation: cacheGeneration(printSchema(schema), JSON.stringify([config.edge.limits, config.edge.trustedDocuments, config.edge.introspection, config.edge.fieldSuggestions])),
            changes,
          })
        : []),
      useReadinessCheck({ endpoint: '/ready', check: () => !draining }),
    ],
  });

  return {
    yoga,
    upstream,
    edge,
    connections: oauth?.connections ?? null,
    ops,
    responseCache,
    setDraining(value) {
      draining = value;
      if (value) ops.drain();
    },
    async close({ deadline = Date.now() + 20_000 } = {}) {
      // Running bulk items finish (until the deadline); with Redis their jobs go to another
      // replica, without it what is left is recovered by resubmitting with the same idempotency key.
      await Promise.race([bulk.close(), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
      changes?.close();
      await upstream.scheduler.close();
      await upstream.http.close();
      await oauth?.close();
      await state.close();
      upstream.cache.clear();
      responseCache?.clear();
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
 * an operation whose plan does not fit (too many calls, or more time than its deadline
 * leaves) is refused with it before any call (schema/cost/admission.ts);
 * `x-pennylane-cost: estimate` answers the estimate alone, without any upstream call.
 */
function useCostPlanning(config: Config): Plugin<GatewayContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      const estimate = estimateCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName, config.rateLimits, {
        portfolioConnections: context.connections?.knownCount(context.principal) ?? 0,
      });
      context.meter.estimate = estimate;
      if (context.costMode === 'estimate') {
        setResultAndStopExecution({ data: null, extensions: { cost: { estimate } } });
        return;
      }
      const refusal = admissionRefusal(estimate, {
        maxOperationCalls: config.maxOperationCalls,
        deadline: context.deadline,
        maxDeadlineMs: config.maxDeadlineMs,
      });
      if (refusal) setResultAndStopExecution({ errors: [refusal], extensions: { cost: { estimate } } });
    },
  };
}

/** With REDIS_URL: the window every replica of this gateway spends each token's budget from. */
function sharedWindow(config: Config, logger: Logger, url: string, health: RedisHealth): RedisWindow {
  const { token, families, marginMs } = config.rateLimits;
  const longestWindowMs = Math.max(...[token, ...Object.values(families)].map((rate) => slotHoldMs(rate, marginMs)));
  const redisHost = new URL(url).host;
  logger.info({ redis: redisHost, prefix: config.redis.prefix }, 'sharing the Pennylane rate budget with other replicas through Redis');
  return new RedisWindow({ url, prefix: config.redis.prefix, longestWindowMs, expectedReplicas: config.redis.expectedReplicas, health });
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
