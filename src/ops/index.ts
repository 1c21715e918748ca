import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { BulkObserver, BulkRunWatch, CacheObserver, CallWatch, LiveObserver, SchedulerObserver, WebhookObserver } from '../datasources/observers.js';
import type { RateScheduler } from '../datasources/scheduler/rate-scheduler.js';
import { Tenant } from '../datasources/tenant.js';
import type { Authenticator } from '../edge/authenticate.js';
import type { Logger } from '../logger.js';
import type { SharedState } from '../state/shared-state.js';
import { GatewayMetrics } from './metrics.js';
import { operationRecordOf } from './operation-record.js';
import { opsAuthorizer } from './ops-auth.js';
import { redisStateOf } from './redis-state.js';
import { StatusModel } from './status/status-model.js';
import { StatusRoutes } from './status/status-routes.js';
import { GatewayTracing } from './tracing.js';

export const METRICS_PATH = '/metrics';

export interface OpsOptions {
  readonly logger: Logger;
  /** The edge's: `/metrics` and `/status/events` are authenticated like GraphQL requests. */
  readonly authenticator: Authenticator;
  readonly graphqlEndpoint: string;
  /** Redis health and connections (src/state), for the Redis gauges and the status page. */
  readonly state: Pick<SharedState, 'health' | 'redis'>;
  /** Where spans go instead of OTLP (tests); tracing still needs an endpoint configured. */
  readonly spanExporter?: SpanExporter | undefined;
}

/**
 * What an operator sees: Prometheus metrics, OpenTelemetry traces and the live status page,
 * fed by the observers the request path is given (src/datasources/observers.ts) and by one
 * record per GraphQL request. Each part exists only when configured.
 */
export interface Ops {
  readonly scheduler: SchedulerObserver | undefined;
  readonly cache: CacheObserver | undefined;
  readonly bulk: BulkObserver | undefined;
  /** Webhooks received and refused (src/webhooks). */
  readonly webhooks: WebhookObserver | undefined;
  /** Changelog polling and change subscriptions (metrics only). */
  readonly live: LiveObserver | undefined;
  /** Plugins to place first (tracing wraps everything the request does, the edge included). */
  readonly outerPlugins: Plugin[];
  /** Plugins to place after the edge's: the routes and the per-request record. */
  readonly plugins: Plugin[];
  /** Where budgets and queues are read (at scrape time, and each status interval). */
  attach(parts: { readonly scheduler: RateScheduler }): void;
  /** The gateway drains: status streams end, so the HTTP server can close. */
  drain(): void;
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createOps(config: Config, options: OpsOptions): Ops {
  const settings = config.ops;
  const redis = config.redis.url ? () => redisStateOf(options.state) : null;
  const metrics = settings.metrics ? new GatewayMetrics({ tenants: settings.metricsTenants, redis }) : null;
  const serverTenant = config.pennylane.apiToken ? new Tenant(config.pennylane.apiToken).id : null;
  const model = settings.statusPage ? new StatusModel({ serverTenant, redis }) : null;
  // Without an endpoint no OpenTelemetry code is in the request path: no plugin, no wrapped
  // resolver, no observer.
  const tracing = settings.tracing ? new GatewayTracing(settings.tracing, options.spanExporter) : null;
  const authorize = opsAuthorizer(options.authenticator, config.edge.auth.modes);
  const status = model ? new StatusRoutes({ model, intervalMs: settings.statusIntervalMs, authorize }) : null;
  const parts = [metrics, model, tracing].filter((part) => part !== null);
  const guard = guarded(options.logger);

  const routes: Plugin = {
    async onRequest({ request, url, endResponse }) {
      if (metrics && url.pathname === METRICS_PATH) {
        if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        const refusal = await authorize(request);
        return endResponse(refusal ?? new Response(await metrics.text(), { headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' } }));
      }
      const answer = await status?.handle(request, url.pathname);
      if (answer) endResponse(answer);
    },
    onResponse({ request, response }) {
      const record = operationRecordOf(request, response.status);
      if (!record) return;
      guard(() => metrics?.recordOperation(record));
      guard(() => model?.recordOperation(record));
    },
  };

  return {
    scheduler: fanOutCalls(parts.map((part) => part.schedulerObserver), guard),
    cache: allOf(parts.map((part) => part.cacheObserver), (list) => ({ lookup: (...args) => list.forEach((o) => guard(() => o.lookup(...args))) })),
    bulk: fanOutRuns([metrics?.bulkObserver, model?.bulkObserver].filter((o) => o !== undefined), guard),
    webhooks: metrics?.webhookObserver,
    live: metrics?.liveObserver,
    outerPlugins: tracing ? [tracing.plugin(options.graphqlEndpoint)] : [],
    plugins: [routes],
    attach({ scheduler }) {
      metrics?.attach(scheduler);
      model?.attach(scheduler);
    },
    drain() {
      status?.closeAll();
    },
    async flush() {
      await tracing?.flush();
    },
    async close() {
      status?.closeAll();
      await tracing?.close();
    },
  };
}

type Guard = (run: () => void) => void;

/** An observer must never break the call it observes: a failure is logged once, then ignored. */
function guarded(logger: Logger): Guard {
  let logged = false;
  return (run) => {
    try {
      run();
    } catch (error) {
      if (!logged) logger.error({ err: error }, 'an ops observer failed (metrics, traces or status may miss events); further failures are not logged');
      logged = true;
    }
  };
}

function allOf<T>(list: T[], combine: (list: T[]) => T): T | undefined {
  return list.length === 0 ? undefined : combine(list);
}

function fanOutCalls(list: SchedulerObserver[], guard: Guard): SchedulerObserver | undefined {
  return allOf(list, (observers) => ({
    call(call) {
      const watches: CallWatch[] = [];
      for (const observer of observers) guard(() => watches.push(observer.call(call)));
      return { attempt: (attempt) => watches.forEach((watch) => guard(() => watch.attempt(attempt))) };
    },
  }));
}

function fanOutRuns(list: BulkObserver[], guard: Guard): BulkObserver | undefined {
  return allOf(list, (observers) => ({
    run(run) {
      const watches: BulkRunWatch[] = [];
      for (const observer of observers) guard(() => watches.push(observer.run(run)));
      return {
        settled: (ok) => watches.forEach((watch) => guard(() => watch.settled(ok))),
        ended: (finished) => watches.forEach((watch) => guard(() => watch.ended(finished))),
      };
    },
  }));
}
