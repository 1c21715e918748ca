import { LRUCache } from 'lru-cache';
import type { BulkOperation } from '../../datasources/bulk/bulk-registry.js';
import { RateLimitedError } from '../../datasources/http/upstream-errors.js';
import type { BulkObserver, CacheObserver, SchedulerObserver } from '../../datasources/observers.js';
import type { Priority } from '../../datasources/scheduler/priorities.js';
import type { RateScheduler } from '../../datasources/scheduler/rate-scheduler.js';
import type { OperationRecord } from '../operation-record.js';
import { RollingCount } from './rolling-count.js';

/** What the status page draws, sent as one JSON event per interval. */
export interface StatusSnapshot {
  readonly at: number;
  /** `memory`: this process alone holds the budget; else the shared window's mode (Redis). */
  readonly replica: { readonly mode: 'memory' | 'connecting' | 'shared' | 'local'; readonly id: string | null; readonly replicas: number };
  readonly tenants: readonly TenantStatus[];
  readonly bulk: readonly BulkStatus[];
}

export interface TenantStatus {
  /** The tenant id: a hash of its token. */
  readonly id: string;
  /** A name to show instead of the hash (e.g. an OAuth connection's), when one was given. */
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
  readonly tenant: string;
  readonly kind: string;
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly status: string;
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

const RECENT_KEPT = 8;
const TENANTS_SHOWN = 12;
/** Tenants not seen for this long leave the page (their budget is whole again anyway). */
const ACTIVE_MS = 10 * 60_000;
/** Finished bulk operations stay on the page this long, so their last step is seen. */
const FINISHED_SHOWN_MS = 60_000;

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
  private readonly bulk = new Map<string, { operation: BulkOperation; finishedAt: number | null }>();

  attach(scheduler: RateScheduler): void {
    this.scheduler = scheduler;
  }

  /** Shows `label` instead of the tenant's hash (e.g. an OAuth connection's name). */
  label(tenant: string, label: string): void {
    this.labels.set(tenant, label);
  }

  readonly schedulerObserver: SchedulerObserver = {
    call: (call) => {
      const activity = this.activity(call.tenant);
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
      const activity = this.activity(tenant);
      (hit ? activity.hits : activity.misses).add();
    },
  };

  readonly bulkObserver: BulkObserver = {
    started: (operation) => {
      const entry = { operation, finishedAt: null as number | null };
      this.bulk.set(operation.id, entry);
      const stop = operation.onChange(() => {
        if (operation.status === 'RUNNING') return;
        entry.finishedAt = Date.now();
        stop();
      });
      if (operation.status !== 'RUNNING') entry.finishedAt = Date.now();
      while (this.bulk.size > 50) this.bulk.delete(this.bulk.keys().next().value!);
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
        ? { mode: reading.shared.mode, id: reading.shared.replica, replicas: reading.shared.replicas }
        : { mode: 'memory', id: null, replicas: 1 },
      tenants,
      bulk: [...this.bulk.values()].reverse().map(({ operation }) => ({
        id: operation.id,
        tenant: this.labels.get(operation.tenantId) ?? operation.tenantId,
        kind: operation.kind,
        total: operation.total,
        succeeded: operation.succeeded,
        failed: operation.failed,
        status: operation.status,
      })),
    };
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
