import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RateLimitedError, UpstreamTransportError } from '../datasources/http/upstream-errors.js';
import type { BulkObserver, CacheObserver, LiveObserver, SchedulerObserver, UpstreamAttempt, WebhookObserver } from '../datasources/observers.js';
import type { RateScheduler } from '../datasources/scheduler/rate-scheduler.js';
import { BoundedLabel, cacheResource, routeOf } from './labels.js';
import type { OperationRecord } from './operation-record.js';
import type { RedisProbe } from './redis-state.js';

export interface MetricsOptions {
  /** Tenants with a `tenant` label of their own (the rest: `other`); 0: no tenant label. */
  readonly tenants: number;
  /** With REDIS_URL: whether Redis is reachable now (the Redis gauges exist only then). */
  readonly redis: RedisProbe | null;
}

/** Seconds; a token interval at the default limits is 0.2 s, a window 5 s. */
const WAIT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30];
const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The Prometheus view of the gateway (prom-client), fed by the observers of the scheduler,
 * the cache and bulk operations, by one record per GraphQL request, and read from the
 * scheduler at scrape time for what is a level rather than an event (budget left, queues).
 * No label holds a token, a company name or anything a client wrote except a bounded set of
 * operation names; tenants are token hashes, and only when asked for (bounded too).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private scheduler: RateScheduler | null = null;
  private reading: ReturnType<RateScheduler['snapshot']> | null = null;
  /** Bulk runs on this replica now. */
  private running = 0;
  private readonly tenantLabel: BoundedLabel | null;
  private readonly resources = new BoundedLabel(100);
  private readonly operations = new BoundedLabel(200);

  private readonly requests: Counter;
  private readonly duration: Histogram;
  private readonly queueWait: Histogram;
  private readonly rateLimited: Counter;
  private readonly retries: Counter;
  private readonly cacheRequests: Counter;
  private readonly bulkItems: Counter;
  private readonly operationDuration: Histogram;
  private readonly webhooksReceived: Counter;
  private readonly webhooksRefused: Counter;
  private readonly pollCalls: Counter;
  private readonly pollStops: Counter;
  /** Change subscriptions open on this replica now. */
  private liveSubscriptions = 0;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    this.tenantLabel = options.tenants > 0 ? new BoundedLabel(options.tenants) : null;
    const t = this.tenantLabel ? ['tenant'] : [];
    collectDefaultMetrics({ register: this.registry });

    this.requests = new Counter({
      name: 'pennylane_upstream_requests_total',
      help: 'Requests sent to Pennylane (every attempt, retries included), by API family, method, route template (as the schema declares it; "other" for none) and HTTP status (or the transport failure: timeout, reset, connect, other).',
      labelNames: ['family', 'method', 'route', 'status', ...t],
      registers,
    });
    this.duration = new Histogram({
      name: 'pennylane_upstream_duration_seconds',
      help: 'Time from sending a request to Pennylane to its whole answer (rate-budget wait excluded).',
      labelNames: ['family', 'route'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.queueWait = new Histogram({
      name: 'pennylane_rate_queue_wait_seconds',
      help: 'Time a request waited for rate budget before it was sent, by priority class (interactive, mutation, bulk, background).',
      labelNames: ['priority', ...t],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.rateLimited = new Counter({
      name: 'pennylane_rate_limited_total',
      help: 'Rate-limit refusals: source="pennylane" for 429 answers received, source="gateway" for calls the scheduler refused (RATE_LIMITED: queue full, or no budget before the deadline).',
      labelNames: ['source', ...t],
      registers,
    });
    this.retries = new Counter({
      name: 'pennylane_upstream_retries_total',
      help: 'Attempts repeated through the scheduler, by what the previous attempt met: rate_limited (429), server_error (5xx), transport (timeout, reset).',
      labelNames: ['reason'],
      registers,
    });
    this.cacheRequests = new Counter({
      name: 'pennylane_cache_requests_total',
      help: 'Reads of the response cache by Pennylane resource (graphql: the GraphQL response cache, whole answers), result="hit" or "miss".',
      labelNames: ['resource', 'result', ...t],
      registers,
    });
    this.bulkItems = new Counter({
      name: 'pennylane_bulk_items_total',
      help: 'Bulk items this replica wrote to a final state (succeeded, failed); items refused before any call are not counted.',
      labelNames: ['state'],
      registers,
    });
    this.pollCalls = new Counter({
      name: 'pennylane_change_poll_calls_total',
      help: 'Changelog reads this replica sent for the cache and for subscriptions, by API family of the changelog (sales_purchases, accounting, token for the token bucket only).',
      labelNames: ['family'],
      registers,
    });
    this.pollStops = new Counter({
      name: 'pennylane_change_poll_budget_stops_total',
      help: 'Polling rounds of a token cut short because polling had spent its share of the token budget (PENNYLANE_CHANGE_POLL_MAX_SHARE); the next round goes on where it stopped.',
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time from a GraphQL request arriving to its answer, by operation name (the first 200 names; then "other"; "anonymous" without a name), kind, and outcome (ok, error, refused).',
      labelNames: ['operation', 'kind', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.webhooksReceived = new Counter({
      name: 'pennylane_webhooks_received_total',
      help: 'Webhooks from Pennylane verified and accepted, by event (the three of API.md §4.8, else "other").',
      labelNames: ['event'],
      registers,
    });
    this.webhooksRefused = new Counter({
      name: 'pennylane_webhooks_refused_total',
      help: 'Webhooks refused before any processing, by reason: method, content_type, missing_headers, stale_timestamp, too_large, unknown_hook, bad_signature, not_json, too_slow (408: the body did not arrive in time), unprocessed (503: could not be processed, Pennylane retries); replayed (a webhook id seen already: acknowledged, not processed again).',
      labelNames: ['reason'],
      registers,
    });

    const self = this;
    new Gauge({
      name: 'pennylane_live_subscriptions',
      help: 'Change subscriptions (…Changed) open on this replica.',
      registers,
      collect() {
        this.set(self.liveSubscriptions);
      },
    });
    new Gauge({
      name: 'pennylane_rate_budget_remaining',
      help: "Requests a token may still send in the current window, by bucket (token, or an API family), as the scheduler counts them; without tenant labels, the lowest among active tokens (the one closest to Pennylane's limit).",
      labelNames: ['bucket', ...t],
      registers,
      async collect() {
        this.reset();
        for (const [key, value] of await self.lowestBy((bucket) => Math.max(0, bucket.available))) this.set(key, value);
      },
    });
    new Gauge({
      name: 'pennylane_rate_budget_limit',
      help: 'The limit of each bucket per window (token: 25 per 5 s by default).',
      labelNames: ['bucket'],
      registers,
      async collect() {
        this.reset();
        for (const tenant of (await self.snapshot())?.tenants.slice(0, 1) ?? []) {
          for (const bucket of tenant.buckets) this.set({ bucket: bucket.name }, bucket.limit);
        }
      },
    });
    new Gauge({
      name: 'pennylane_rate_queue_depth',
      help: 'Calls waiting for rate budget now, by priority class.',
      labelNames: ['priority', ...t],
      registers,
      async collect() {
        this.reset();
        for (const tenant of (await self.snapshot())?.tenants ?? []) {
          for (const [priority, waiting] of Object.entries(tenant.waiting)) this.inc({ priority, ...self.tenant(tenant.tenant) }, waiting);
        }
      },
    });
    new Gauge({
      name: 'pennylane_bulk_operations_running',
      help: 'Bulk operations this replica is running now.',
      registers,
      collect() {
        this.set(self.running);
      },
    });
    if (options.redis) this.redisGauges(options.redis);
  }

  private redisGauges(reachable: RedisProbe): void {
    const self = this;
    const registers = [this.registry];
    new Gauge({
      name: 'pennylane_redis_up',
      help: 'With REDIS_URL: 1 while this replica reaches Redis, 0 while it does not (it then keeps to a local share of the rate limits and pauses bulk operations).',
      registers,
      collect() {
        this.set(reachable() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'pennylane_replicas',
      help: 'With REDIS_URL: live gateway replicas sharing the rate budget, as this one last counted them.',
      registers,
      async collect() {
        this.reset();
        const shared = (await self.snapshot())?.shared;
        if (shared) this.set(shared.replicas);
      },
    });
  }

  /** Where budgets and queues are read at scrape time. */
  attach(scheduler: RateScheduler): void {
    this.scheduler = scheduler;
  }

  readonly schedulerObserver: SchedulerObserver = {
    call: (call) => {
      const route = routeOf(call.path);
      const { method } = call;
      const family = call.family ?? 'none';
      const tenant = this.tenant(call.tenant.id);
      let previous: UpstreamAttempt | null = null;
      return {
        attempt: (attempt) => {
          if (previous) this.retries.inc({ reason: retryReason(previous) });
          previous = attempt;
          if (attempt.error instanceof RateLimitedError && attempt.sentAt === null) this.rateLimited.inc({ source: 'gateway', ...tenant });
          if (attempt.sentAt === null) return;
          this.queueWait.observe({ priority: call.priority, ...tenant }, (attempt.sentAt - attempt.queuedAt) / 1_000);
          const status = attempt.status !== undefined ? String(attempt.status) : failureOf(attempt.error);
          this.requests.inc({ family, method, route, status, ...tenant });
          this.duration.observe({ family, route }, (attempt.endedAt - attempt.sentAt) / 1_000);
          if (attempt.status === 429) this.rateLimited.inc({ source: 'pennylane', ...tenant });
        },
      };
    },
  };

  readonly cacheObserver: CacheObserver = {
    lookup: (tenant, key, hit) => {
      this.cacheRequests.inc({ resource: this.resources.of(cacheResource(key)), result: hit ? 'hit' : 'miss', ...this.tenant(tenant.id) });
    },
  };

  readonly bulkObserver: BulkObserver = {
    run: () => {
      this.running += 1;
      return {
        settled: (ok) => this.bulkItems.inc({ state: ok ? 'succeeded' : 'failed' }),
        ended: () => {
          this.running -= 1;
        },
      };
    },
  };

  readonly webhookObserver: WebhookObserver = {
    received: (event) => this.webhooksReceived.inc({ event }),
    refused: (reason) => this.webhooksRefused.inc({ reason }),
  };

  readonly liveObserver: LiveObserver = {
    onPollCall: (family) => this.pollCalls.inc({ family }),
    onPollSkipped: () => this.pollStops.inc(),
    onSubscriptions: (delta) => {
      this.liveSubscriptions += delta;
    },
  };

  recordOperation(record: OperationRecord): void {
    const operation = record.name ? this.operations.of(record.name) : 'anonymous';
    this.operationDuration.observe({ operation, kind: record.kind ?? 'unknown', outcome: record.outcome }, record.ms / 1_000);
  }

  async text(): Promise<string> {
    this.reading = null;
    return this.registry.metrics();
  }

  /** One reading of the scheduler per scrape, shared by the gauges that need it. */
  private snapshot(): Promise<Awaited<ReturnType<RateScheduler['snapshot']>> | null> {
    if (!this.scheduler) return Promise.resolve(null);
    this.reading ??= this.scheduler.snapshot();
    return this.reading;
  }

  private tenant(id: string): Record<string, string> {
    return this.tenantLabel ? { tenant: this.tenantLabel.of(id) } : {};
  }

  /** The lowest value of each bucket, per tenant label (all tenants together without tenant labels). */
  private async lowestBy(value: (bucket: { available: number }) => number): Promise<Map<Record<string, string>, number>> {
    const lowest = new Map<string, { labels: Record<string, string>; value: number }>();
    for (const tenant of (await this.snapshot())?.tenants ?? []) {
      for (const bucket of tenant.buckets) {
        const labels = { bucket: bucket.name, ...this.tenant(tenant.tenant) };
        const key = JSON.stringify(labels);
        const current = lowest.get(key);
        const next = value(bucket);
        if (!current || next < current.value) lowest.set(key, { labels, value: next });
      }
    }
    return new Map([...lowest.values()].map(({ labels, value: v }) => [labels, v]));
  }
}

function retryReason(previous: UpstreamAttempt): string {
  if (previous.status === 429) return 'rate_limited';
  if (previous.status !== undefined && previous.status >= 500) return 'server_error';
  return 'transport';
}

function failureOf(error: unknown): string {
  return error instanceof UpstreamTransportError ? error.failure : 'other';
}
