import { hostname } from 'node:os';
import { LRUCache } from 'lru-cache';
import { ConnectionTenant } from '../../connections/connection-tenant.js';
import { RateLimitedError } from '../../datasources/http/upstream-errors.js';
import type { BulkObserver, CacheObserver, SchedulerObserver } from '../../datasources/observers.js';
import type { Priority } from '../../datasources/scheduler/priorities.js';
import type { RateScheduler } from '../../datasources/scheduler/rate-scheduler.js';
import type { Tenant } from '../../datasources/tenant.js';
import type { OperationRecord } from '../operation-record.js';
import type { RedisProbe } from '../redis-state.js';
import { RollingCount } from './rolling-count.js';

/** What the status page draws, sent as one JSON event per interval. */
export interface StatusSnapshot {
  readonly at: number;
  /**
   * How this replica holds the rate budget. `memory`: alone (no REDIS_URL); else the shared
   * window's mode: `shared` (every send counted in Redis), `local` (Redis unreachable: a local
   * share of each limit), `connecting` (not joined yet). `name`: host and process id.
   */
  readonly replica: { readonly mode: 'memory' | 'connecting' | 'shared' | 'local'; readonly name: string; readonly replicas: number };
  /** Null without REDIS_URL; else whether this replica reaches Redis now. */
  readonly redis: { readonly reachable: boolean } | null;
  /** The most recently active first, at most 12 of `activeTenants`. */
  readonly tenants: readonly TenantStatus[];
  /** Tokens active in the last 10 minutes (or holding budget now). */
  readonly activeTenants: number;
  readonly bulk: readonly BulkStatus[];
}

export interface TenantStatus {
  /** The tenant id: a hash of its token. */
  readonly id: string;
  /** Shown instead of the hash: `gateway token`, or an OAuth connection's id (never a company name). */
  readonly label: string | null;
  /** `token` first, then the API families: how much of the current window is spent. */
  readonly buckets: readonly { name: string; limit: number; windowMs: number; used: number; paused: boolean }[];
  readonly waiting: Readonly<Record<Priority, number>>;
  /** The last minute. */
  readonly cache: { readonly hits: number; readonly misses: number };
  readonly sent: number;
  readonly throttled: number;
  readonly refused: number;
  /** The newest first. */
  readonly recent: readonly RecentOperation[];
}

export interface RecentOperation {
  readonly at: number;
  readonly name: string | null;
  readonly kind: string | null;
  readonly outcome: OperationRecord['outcome'];
  readonly ms: number;
  readonly calls: number;
  readonly cacheHits: number;
  readonly queuedMs: number;
  readonly throttled: number;
}

export interface BulkStatus {
  readonly id: string;
  /** The tenant's label, else its hash. */
  readonly tenant: string;
  readonly kind: string;
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** `RUNNING` here, `COMPLETED`/`COMPLETED_WITH_ERRORS`, or `HANDED_ON` (stopped: another replica goes on). */
  readonly status: 'RUNNING' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'HANDED_ON';
}

interface BulkEntry {
  readonly id: string;
  readonly tenant: string;
  readonly kind: string;
  readonly total: number;
  succeeded: number;
  failed: number;
  status: BulkStatus['status'];
  finishedAt: number | null;
}

interface TenantActivity {
  lastSeen: number;
  readonly hits: RollingCount;
  readonly misses: RollingCount;
  readonly sent: RollingCount;
  readonly throttled: RollingCount;
  readonly refused: RollingCount;
  readonly recent: RecentOperation[];
}

export interface StatusModelOptions {
  /** The tenant id of the gateway's own token (labelled `gateway token`), if it has one. */
  readonly serverTenant: string | null;
  /** With REDIS_URL: whether Redis is reachable now. */
  readonly redis: RedisProbe | null;
}

const RECENT_KEPT = 8;
const TENANTS_SHOWN = 12;
/** Tenants not seen for this long leave the page (their budget is whole again anyway). */
const ACTIVE_MS = 10 * 60_000;
/** Finished bulk operations stay on the page this long, so their last step is seen. */
const FINISHED_SHOWN_MS = 60_000;
const BULK_KEPT = 50;
const REPLICA_NAME = `${hostname()}:${process.pid}`;

/**
 * The live picture of the gateway for the status page: what the observers report (rolling
 * over the last minute), the last operations of each tenant, running bulk operations, and
 * the scheduler's budgets read at each interval. Bounded: at most 1,000 tenants tracked,
 * 12 shown, 8 operations each, 50 bulk operations.
 */
export class StatusModel {
  private scheduler: RateScheduler | null = null;
  private readonly tenants = new LRUCache<string, TenantActivity>({ max: 1_000 });
  private readonly labels = new LRUCache<string, string>({ max: 10_000 });
  private readonly bulk = new Map<string, BulkEntry>();

  constructor(private readonly options: StatusModelOptions) {
    if (options.serverTenant) this.labels.set(options.serverTenant, 'gateway token');
  }

  attach(scheduler: RateScheduler): void {
    this.scheduler = scheduler;
  }

  readonly schedulerObserver: SchedulerObserver = {
    call: (call) => {
      this.learn(call.tenant);
      const activity = this.activity(call.tenant.id);
      return {
        attempt: (attempt) => {
          activity.lastSeen = Date.now();
          if (attempt.sentAt !== null) activity.sent.add();
          if (attempt.status === 429) activity.throttled.add();
          if (attempt.sentAt === null && attempt.error instanceof RateLimitedError) activity.refused.add();
        },
      };
    },
  };

  readonly cacheObserver: CacheObserver = {
    lookup: (tenant, _key, hit) => {
      this.learn(tenant);
      const activity = this.activity(tenant.id);
      (hit ? activity.hits : activity.misses).add();
    },
  };

  readonly bulkObserver: BulkObserver = {
    run: (run) => {
      this.learn(run.tenant);
      const entry: BulkEntry = {
        id: run.id,
        tenant: run.tenant.id,
        kind: run.kind,
        total: run.total,
        succeeded: run.succeeded,
        failed: run.failed,
        status: 'RUNNING',
        finishedAt: null,
      };
      // A run again (taken over, or resumed) moves to the top.
      this.bulk.delete(run.id);
      this.bulk.set(run.id, entry);
      while (this.bulk.size > BULK_KEPT) this.bulk.delete(this.bulk.keys().next().value!);
      return {
        settled: (ok) => {
          if (ok) entry.succeeded += 1;
          else entry.failed += 1;
        },
        ended: (finished) => {
          entry.finishedAt = Date.now();
          entry.status = !finished || entry.succeeded + entry.failed < entry.total ? 'HANDED_ON' : entry.failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
        },
      };
    },
  };

  recordOperation(record: OperationRecord): void {
    if (!record.tenant || !record.cost) return;
    const activity = this.activity(record.tenant);
    activity.recent.unshift({
      at: record.at,
      name: record.name,
      kind: record.kind,
      outcome: record.outcome,
      ms: record.ms,
      calls: record.cost.upstreamCalls,
      cacheHits: record.cost.cacheHits,
      queuedMs: record.cost.queuedMs,
      throttled: record.cost.throttled,
    });
    activity.recent.length = Math.min(activity.recent.length, RECENT_KEPT);
  }

  async snapshot(): Promise<StatusSnapshot> {
    const now = Date.now();
    const reading = (await this.scheduler?.snapshot()) ?? { tenants: [], shared: null };
    const budgets = new Map(reading.tenants.map((budget) => [budget.tenant, budget]));
    const ids = new Set<string>([...budgets.keys()]);
    for (const [id, activity] of this.tenants.entries()) if (now - activity.lastSeen < ACTIVE_MS) ids.add(id);
    const tenants = [...ids]
      .map((id) => ({ id, seen: Math.max(this.tenants.peek(id)?.lastSeen ?? 0, budgets.get(id)?.lastUsedAt ?? 0) }))
      .sort((a, b) => b.seen - a.seen)
      .slice(0, TENANTS_SHOWN)
      .map(({ id }): TenantStatus => {
        const activity = this.tenants.peek(id);
        const budget = budgets.get(id);
        return {
          id,
          label: this.labels.get(id) ?? null,
          buckets: (budget?.buckets ?? []).map((bucket) => ({
            name: bucket.name,
            limit: bucket.limit,
            windowMs: bucket.windowMs,
            used: Math.min(bucket.limit, bucket.limit - bucket.available),
            paused: bucket.available < 0,
          })),
          waiting: budget?.waiting ?? { interactive: 0, mutation: 0, bulk: 0, background: 0 },
          cache: { hits: activity?.hits.total() ?? 0, misses: activity?.misses.total() ?? 0 },
          sent: activity?.sent.total() ?? 0,
          throttled: activity?.throttled.total() ?? 0,
          refused: activity?.refused.total() ?? 0,
          recent: activity?.recent ?? [],
        };
      });
    for (const [id, entry] of this.bulk) if (entry.finishedAt !== null && now - entry.finishedAt > FINISHED_SHOWN_MS) this.bulk.delete(id);
    return {
      at: now,
      replica: reading.shared
        ? { mode: reading.shared.mode, name: REPLICA_NAME, replicas: reading.shared.replicas }
        : { mode: 'memory', name: REPLICA_NAME, replicas: 1 },
      redis: this.options.redis ? { reachable: this.options.redis() } : null,
      tenants,
      activeTenants: ids.size,
      bulk: [...this.bulk.values()].reverse().map(({ finishedAt: _, ...entry }) => ({ ...entry, tenant: this.labels.get(entry.tenant) ?? entry.tenant })),
    };
  }

  /** An OAuth connection's tenant is shown by its connection id (the company name never is). */
  private learn(tenant: Tenant): void {
    if (tenant instanceof ConnectionTenant && !this.labels.has(tenant.id)) this.labels.set(tenant.id, tenant.connectionId);
  }

  private activity(tenant: string): TenantActivity {
    let activity = this.tenants.get(tenant);
    if (!activity) {
      activity = {
        lastSeen: Date.now(),
        hits: new RollingCount(),
        misses: new RollingCount(),
        sent: new RollingCount(),
        throttled: new RollingCount(),
        refused: new RollingCount(),
        recent: [],
      };
      this.tenants.set(tenant, activity);
    }
    return activity;
  }
}
