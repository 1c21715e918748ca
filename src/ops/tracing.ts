import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Plugin } from 'graphql-yoga';
import { RateLimitedError, UpstreamTransportError } from '../datasources/http/upstream-errors.js';
import type { CacheObserver, SchedulerObserver } from '../datasources/observers.js';
import { startEdgeRequest } from '../edge/request-state.js';
import { routeOf } from './labels.js';
import { operationRecordOf } from './operation-record.js';
import type { TracingConfig } from './ops-config.js';
import { RESOLVER, traceResolvers, TRACING, type ResolverScope } from './trace-resolvers.js';

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * OpenTelemetry traces over OTLP/HTTP, only when an endpoint is configured (otherwise none of
 * this is loaded into the request path). Spans:
 * - one per GraphQL request (SERVER), continuing the caller's `traceparent`; named after the
 *   operation (`query LateInvoices`), with its cost (upstream calls, cache hits, wait);
 * - one per resolver that reached Pennylane (fields with declared endpoints, created only
 *   when a call of theirs left: a resolver answered from the cache costs no span);
 * - one per upstream attempt (CLIENT), from the moment it queued for rate budget to its
 *   answer: route template, status, queue wait, retry number, priority, API family.
 */
export class GatewayTracing {
  readonly tracer: Tracer;
  private readonly provider: BasicTracerProvider;
  private readonly propagator = new W3CTraceContextPropagator();
  private readonly spans = new WeakMap<Request, Span>();

  constructor(config: TracingConfig, exporter?: SpanExporter) {
    installContextManager();
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
      spanProcessors: [new BatchSpanProcessor(exporter ?? new OTLPTraceExporter({ url: config.tracesUrl, headers: { ...config.headers } }))],
    });
    this.tracer = this.provider.getTracer('pennylane-graphql');
  }

  /** Yoga plugin: the request span around everything, and resolver spans for the schema. */
  plugin(graphqlEndpoint: string): Plugin {
    return {
      onSchemaChange: ({ schema }) => traceResolvers(schema),
      instrumentation: {
        request: ({ request }, wrapped) => {
          if (!isGraphQLPath(request.url, graphqlEndpoint)) return wrapped();
          const parent = this.propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
          const span = this.tracer.startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': graphqlEndpoint } }, parent);
          this.spans.set(request, span);
          if (span.isRecording()) startEdgeRequest(request).traceId = span.spanContext().traceId;
          const active = trace.setSpan(parent, span).setValue(TRACING, this);
          try {
            const done = context.with(active, wrapped);
            if (done instanceof Promise) return done.finally(() => span.end());
            span.end();
            return done;
          } catch (error) {
            span.end();
            throw error;
          }
        },
      },
      onResponse: ({ request, response }) => {
        const span = this.spans.get(request);
        if (!span?.isRecording()) return;
        const record = operationRecordOf(request, response.status);
        span.setAttribute('http.response.status_code', response.status);
        if (!record) return;
        if (record.kind) span.setAttribute('graphql.operation.type', record.kind);
        if (record.name) span.setAttribute('graphql.operation.name', record.name);
        span.updateName(`${record.kind ?? 'graphql'}${record.name ? ` ${record.name}` : ''}`);
        if (record.tenant) span.setAttribute('pennylane.tenant', record.tenant);
        if (record.cost) {
          span.setAttributes({
            'pennylane.upstream_calls': record.cost.upstreamCalls,
            'pennylane.cache_hits': record.cost.cacheHits,
            'pennylane.queued_ms': record.cost.queuedMs,
            'pennylane.retries': record.cost.retries,
            'pennylane.throttled': record.cost.throttled,
          });
        }
        if (record.errorCodes.length > 0) {
          span.setAttribute('graphql.error.codes', [...record.errorCodes]);
          span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorCodes.join(', ') });
        }
      },
    };
  }

  readonly schedulerObserver: SchedulerObserver = {
    call: (call) => {
      const active = context.active();
      if (active.getValue(TRACING) !== this) return { attempt: () => undefined };
      const route = routeOf(call.path);
      let retry = 0;
      return {
        attempt: (attempt) => {
          const parent = this.parentOf(active);
          const span = this.tracer.startSpan(
            `${call.method} ${route}`,
            {
              kind: SpanKind.CLIENT,
              startTime: attempt.queuedAt,
              attributes: {
                'http.request.method': call.method,
                'url.template': route,
                'pennylane.api_family': call.family ?? 'none',
                'pennylane.priority': call.priority,
                'pennylane.retry': retry,
                'pennylane.queue_wait_ms': (attempt.sentAt ?? attempt.endedAt) - attempt.queuedAt,
                'pennylane.cache_hit': false,
              },
            },
            parent,
          );
          retry += 1;
          if (attempt.sentAt !== null) span.addEvent('sent', attempt.sentAt);
          if (attempt.status !== undefined) {
            span.setAttribute('http.response.status_code', attempt.status);
            if (attempt.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${attempt.status}` });
          } else {
            const type = attempt.error instanceof RateLimitedError ? 'RATE_LIMITED' : attempt.error instanceof UpstreamTransportError ? attempt.error.failure : 'other';
            span.setAttribute('error.type', type);
            span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          }
          span.end(attempt.endedAt);
        },
      };
    },
  };

  /** Cache reads count on the resolver that made them (`pennylane.cache_hits` on its span). */
  readonly cacheObserver: CacheObserver = {
    lookup: (_tenant, _key, hit) => {
      if (!hit) return;
      const scope = context.active().getValue(RESOLVER) as ResolverScope | undefined;
      if (scope) scope.cacheHits += 1;
    },
  };

  async flush(): Promise<void> {
    await this.provider.forceFlush();
  }

  async close(): Promise<void> {
    await this.provider.shutdown();
  }

  /** The span attempts hang under: their resolver's (created now if it was not yet), or the request's. */
  private parentOf(active: Context): Context {
    const scope = active.getValue(RESOLVER) as ResolverScope | undefined;
    if (!scope) return active;
    if (!scope.span) {
      scope.span = this.tracer.startSpan(scope.name, { startTime: scope.startedAt, attributes: { 'graphql.field.path': scope.path } }, scope.parent);
      if (scope.endedAt !== null) scope.finish();
    }
    return trace.setSpan(active, scope.span);
  }
}

function isGraphQLPath(url: string, endpoint: string): boolean {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
  return path === endpoint;
}

let contextManagerInstalled = false;

/** Context follows async calls (AsyncLocalStorage); installed once per process, only when tracing is on. */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) manager.disable();
  contextManagerInstalled = true;
}
