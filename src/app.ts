import { createFetch } from '@whatwg-node/fetch';
import { printSchema } from 'graphql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
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
import { PollBudget, pollCallsPerMinute } from './datasources/changes/poll-budget.js';
import { LiveInterest } from './live/interest.js';
import { LiveChanges } from './live/live-changes.js';
import { createBulkJobs } from './jobs/create-bulk-jobs.js';
import { createSharedState } from './state/shared-state.js';
import { settledBy } from './state/closing.js';
import type { ChangeHub } from './live/change-hub.js';
import { createWebhooks, type Webhooks } from './webhooks/webhooks.js';
import type { RedisHealth } from './state/redis-health.js';
import { ITEM_ERRORS, writeBulkItem } from './schema/bulk/bulk-items.js';
import { EXAMPLE_OPERATIONS } from './graphiql/example-operations.js';
import { renderGraphiQLPage } from './graphiql/graphiql-page.js';
import type { Logger } from './logger.js';
import { createOps, type Ops } from './ops/index.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { gatewaySchema } from './schema/index.js';
import { useCostExtension, useCostPlanning, useGraphiQLAssets, useOperationKind, useSubscriptionExtensions } from './gateway-plugins.js';
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
  /** Live change events to subscriptions on every replica (src/live); webhooks publish here too. */
  readonly changeHub: ChangeHub;
  /** Webhooks from Pennylane: the hooks' secrets and `POST /webhooks/pennylane/<hook id>` (src/webhooks). */
  readonly webhooks: Webhooks;
  /** The GraphQL response cache (whole answers), or null when PENNYLANE_RESPONSE_CACHE_MAX_BYTES=0. */
  readonly responseCache: GraphQLCacheStore | null;
  /** Readiness turns false while draining (SIGTERM), so load balancers stop sending. */
  setDraining(draining: boolean): void;
  /** Stops: running bulk operations may finish until `deadline` (epoch ms; default in 20 s). */
  /** Whether everything finished by the deadline (false: bulk items, webhooks or Pennylane calls were cut off). */
  close(options?: { readonly deadline?: number }): Promise<boolean>;
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
          tenantMaxBytes: config.responseCache.tenantMaxBytes,
          shared: state.redis && config.responseCache.redis ? new RedisAnswers(state.redis, { maxEntriesPerTenant: config.responseCache.redisEntriesPerTenant, maxBytesPerTenant: config.responseCache.redisBytesPerTenant }) : undefined,
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
  const interest = new LiveInterest(state.liveInterest, 3 * Math.max(config.changePollMs, 1_000));
  const maxPollCallsPerMinute = pollCallsPerMinute(config.live.maxPollSharePercent, config.rateLimits.token);
  const changes =
    config.changePollMs > 0
      ? new ChangePoller({
          upstream: core,
          intervalMs: config.changePollMs,
          logger,
          leases: state.leases,
          positions: state.changePositions,
          hub: state.changeHub,
          interest,
          budget: new PollBudget(maxPollCallsPerMinute),
          forCache: config.cache.maxBytes > 0 || responseCache !== null,
          observer: ops.live,
        })
      : undefined;
  const live = new LiveChanges({
    hub: state.changeHub,
    poller: changes ?? null,
    interest,
    config: config.live,
    maxPollCallsPerMinute,
    tokenCallsPerMinute: pollCallsPerMinute(100, config.rateLimits.token),
    ...(ops.live ? { observer: ops.live } : {}),
  });
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
  const webhooks = createWebhooks({
    config: config.webhooks,
    encryptionKeys: config.encryptionKeys,
    redis: state.redis,
    // The bus writes publish on: whatever a write's invalidation empties first (shared cache layers), a webhook's does too.
    invalidations: core.invalidations,
    hub: state.changeHub,
    logger,
    observer: ops.webhooks,
  });
  const contextOptions: ContextFactoryOptions = {
    upstream,
    serverToken: config.pennylane.apiToken,
    operationDeadlineMs: config.operationDeadlineMs,
    maxDeadlineMs: config.maxDeadlineMs,
    bulk,
    connections: oauth?.connections ?? null,
    webhooks,
    live,
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
      webhooks.plugin,
      ...(oauth?.plugins ?? []),
      ...(edge.graphiql ? [useGraphiQLAssets()] : []),
      useUploadContentChecks(),
      useOperationKind(),
      useCostPlanning(config),
      useCostExtension(),
      useSubscriptionExtensions(),
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
    changeHub: state.changeHub,
    webhooks,
    responseCache,
    setDraining(value) {
      draining = value;
      if (value) ops.drain();
    },
    async close({ deadline = Date.now() + 20_000 } = {}) {
      // Running bulk items finish (until the deadline); with Redis their jobs go to another
      // replica, without it what is left is recovered by resubmitting with the same idempotency key.
      // Past the deadline, nothing more is waited for: calls still in flight to Pennylane are cut
      // off, and every Redis client is dropped after a bounded goodbye (src/state/closing.ts), so
      // a close ends at most three goodbyes (1.5 s) past its deadline.
      const finished = [await bulk.close(deadline)];
      changes?.close();
      finished.push(await settledBy(webhooks.receiver.idle(), deadline));
      // The scheduler first: calls still queued are refused rather than sent to closing pools.
      await upstream.scheduler.close();
      finished.push(await upstream.http.close(deadline));
      await Promise.all([oauth?.close(), state.close()]);
      upstream.cache.clear();
      responseCache?.clear();
      await ops.close();
      return finished.every(Boolean);
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
