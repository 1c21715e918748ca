import { createFetch } from '@whatwg-node/fetch';
import { getOperationAST, GraphQLError } from 'graphql';
import { createYoga, handleStreamOrSingleExecutionResult, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { createBackgroundContextFactory, createContextFactory, type ContextFactoryOptions, type GatewayContext } from './context.js';
import { ResponseCache } from './datasources/cache/response-cache.js';
import { dropInvalidated } from './datasources/cache/invalidation.js';
import { ttlResolver } from './datasources/cache/ttl.js';
import { PennylaneHttp } from './datasources/http/pennylane-http.js';
import type { UpstreamDeps } from './datasources/pennylane/client.js';
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
import { gatewaySchema } from './schema/index.js';
import { toClientError } from './schema/shared/errors.js';
import { estimateCost } from './schema/cost/estimate.js';
import { UPLOAD_MAX_BYTES, useUploadContentChecks } from './schema/scalars/file.js';

export interface Gateway {
  readonly yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  readonly upstream: UpstreamDeps;
  /** Readiness turns false while draining (SIGTERM), so load balancers stop sending. */
  setDraining(draining: boolean): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  readonly config: Config;
  readonly logger: Logger;
}

/**
 * Builds the gateway: the process-wide pieces (HTTP pools, scheduler, cache) once, and the
 * yoga server whose context factory builds the per-request pieces.
 */
export function createGateway({ config, logger }: GatewayOptions): Gateway {
  // What must outlive this process (idempotency, invalidation, leases, bulk jobs): Redis with REDIS_URL, memory without.
  const state = createSharedState(config, logger);
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
      ...(config.redis.url ? { shared: sharedWindow(config, logger, config.redis.url, state.health) } : {}),
    }),
    cache: new ResponseCache({ maxBytes: config.cache.maxBytes, ttlSeconds: ttlResolver(config.cache.ttlOverridesSeconds) }),
    inflight: new Map(),
    idempotency: state.idempotency,
    invalidations: state.invalidations,
  };
  state.invalidations.subscribe((event) => dropInvalidated(core.cache, event));
  // The poller reads changelogs through `core`, which does not watch (changelogs are never cached).
  const changes =
    config.changePollMs > 0 && config.cache.maxBytes > 0
      ? new ChangePoller({ upstream: core, intervalMs: config.changePollMs, logger, leases: state.leases, positions: state.changePositions })
      : undefined;
  const upstream: UpstreamDeps = { ...core, changes };
  let draining = false;
  // Bulk items run in contexts of their own (bulk priority), on whichever replica runs the job.
  let background: ReturnType<typeof createBackgroundContextFactory> | null = null;
  const bulk = createBulkJobs({
    config,
    logger,
    redis: state.redis,
    errors: ITEM_ERRORS,
    work: { write: writeBulkItem, contextFor: (tenant, scope) => background!(tenant, scope), concurrency: 4 },
  });
  const contextOptions: ContextFactoryOptions = {
    upstream,
    serverToken: config.pennylane.apiToken,
    allowClientTokens: config.pennylane.allowClientTokens,
    operationDeadlineMs: config.operationDeadlineMs,
    bulk,
  };
  background = createBackgroundContextFactory(contextOptions);

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: gatewaySchema(),
    // Uploads are parsed with Pennylane's limit, so an oversized file is refused while it streams.
    fetchAPI: createFetch({ formDataLimits: { fileSize: UPLOAD_MAX_BYTES, files: 10, fieldSize: 10 * 1024 * 1024 } }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: createContextFactory(contextOptions),
    graphiql: {
      title: 'pennylane-graphql',
      defaultTabs: EXAMPLE_OPERATIONS.map((tab) => ({ query: tab.query, variables: tab.variables ?? null })),
    },
    renderGraphiQL: renderGraphiQLPage,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: {
      maskError(error, message) {
        const located = error instanceof GraphQLError ? error : null;
        const original = located?.originalError ?? error;
        // Keep where it happened (path, locations), replace what is said.
        const at = (known: GraphQLError) =>
          new GraphQLError(known.message, {
            nodes: located?.nodes,
            source: located?.source,
            positions: located?.positions,
            path: located?.path,
            extensions: known.extensions,
          });
        if (original instanceof GraphQLError && typeof original.extensions.code === 'string') return at(original);
        const known = toClientError(original);
        if (known) return at(known);
        logger.error({ err: original, path: located?.path }, 'unexpected error (masked for the client)');
        return at(new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
      },
    },
    plugins: [
      useGraphiQLAssets(),
      useUploadContentChecks(),
      useOperationKind(),
      useCostPlanning(config),
      useCostExtension(logger),
      useReadinessCheck({ endpoint: '/ready', check: () => !draining }),
    ],
  });

  return {
    yoga,
    upstream,
    setDraining(value) {
      draining = value;
    },
    async close() {
      // Running bulk items finish; with Redis their jobs go to another replica, without it
      // what is left is recovered by resubmitting with the same idempotency key.
      await bulk.close();
      changes?.close();
      await upstream.scheduler.close();
      await upstream.http.close();
      await state.close();
      upstream.cache.clear();
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
function sharedWindow(config: Config, logger: Logger, url: string, health: RedisHealth): RedisWindow {
  const { token, families, marginMs } = config.rateLimits;
  const longestWindowMs = Math.max(...[token, ...Object.values(families)].map((rate) => slotHoldMs(rate, marginMs)));
  const redisHost = new URL(url).host;
  logger.info({ redis: redisHost, prefix: config.redis.prefix }, 'sharing the Pennylane rate budget with other replicas through Redis');
  return new RedisWindow({ url, prefix: config.redis.prefix, longestWindowMs, expectedReplicas: config.redis.expectedReplicas, health });
}

/** Every response tells what it cost upstream, in `extensions.cost`. */
function useCostExtension(logger: Logger): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const started = Date.now();
      const context = args.contextValue;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const cost = context.meter.toJSON();
            setResult({ ...result, extensions: { ...result.extensions, cost } });
            logger.debug(
              { tenant: context.tenant.id, requestId: context.requestId, operation: args.operationName ?? null, ms: Date.now() - started, ...cost },
              'operation done',
            );
          });
        },
      };
    },
  };
}
