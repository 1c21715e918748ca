import type { CostMeter } from '../cost-meter.js';
import type { UpstreamResponse } from '../http/pennylane-http.js';
import { UpstreamTransportError } from '../http/upstream-errors.js';
import type { SchedulerObserver } from '../observers.js';
import type { Tenant } from '../tenant.js';
import { apiFamilyOf } from './families.js';
import type { Priority } from './priorities.js';
import type { RateLimits } from './rate-limits.js';
import type { SharedWindow, SharedWindowState } from './shared-window.js';
import { TenantBudget, type BudgetSnapshot } from './tenant-budget.js';

export interface ScheduledRequest {
  readonly method: string;
  /** Path relative to the API base; decides the API family. */
  readonly path: string;
  readonly priority: Priority;
  /** Epoch ms; past it, queued work fails with RATE_LIMITED instead of waiting. */
  readonly deadline: number;
  /**
   * True when repeating the request cannot change Pennylane's data (GETs). Writes are
   * repeated only when we know the first attempt never left, or after a 429.
   */
  readonly idempotent: boolean;
  readonly meter?: CostMeter;
  /** The GraphQL operation the call belongs to (fairness within a priority class). */
  readonly flow: string;
}

export interface RateSchedulerOptions {
  readonly limits: RateLimits;
  /** Retries after a 5xx or a transport failure (429s are retried until the deadline). */
  readonly maxRetries: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Tenants idle this long lose their in-memory budget (it is empty by then anyway). */
  readonly idleTenantMs?: number;
  /** Calls of one tenant allowed to wait at once (default 1000). */
  readonly maxQueuedPerTenant?: number;
  /** The window shared with other replicas (Redis), when there is one. */
  readonly shared?: SharedWindow;
  /** Told of every call and attempt (src/ops: metrics, traces, status). */
  readonly observer?: SchedulerObserver | undefined;
}

/**
 * The only door to Pennylane. Every attempt — first try or retry — is scheduled through the
 * tenant's budget, so retries spend rate budget like any call and can never burst behind
 * the scheduler's back.
 */
export class RateScheduler {
  private readonly tenants = new Map<string, TenantBudget>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: RateSchedulerOptions) {
    const idleMs = options.idleTenantMs ?? 10 * 60_000;
    this.sweeper = setInterval(() => this.sweep(idleMs), Math.min(idleMs, 60_000));
    this.sweeper.unref();
  }

  async run(tenant: Tenant, request: ScheduledRequest, send: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    const budget = this.budgetFor(tenant);
    const family = apiFamilyOf(request.path);
    const meter = request.meter;
    const watch = this.options.observer?.call({ tenant: tenant.id, method: request.method, path: request.path, family, priority: request.priority });
    let failures = 0;

    for (;;) {
      const queuedAt = Date.now();
      let startedAt: number | null = null;
      try {
        const response = await budget.acquire({ family, priority: request.priority, deadline: request.deadline, flow: request.flow }, () => {
          startedAt = Date.now();
          if (meter) meter.upstreamCalls += 1;
          return send();
        });
        watch?.attempt({ queuedAt, sentAt: startedAt, endedAt: Date.now(), status: response.status });
        if (meter) meter.queuedMs += (startedAt ?? queuedAt) - queuedAt;

        if (response.status === 429) {
          // 429 means "not processed": always safe to repeat, once the token may spend again.
          if (meter) {
            meter.throttled += 1;
            meter.retries += 1;
          }
          budget.pause(retryAfterMs(response.headers));
          continue;
        }
        const remaining = numericHeader(response.headers, 'ratelimit-remaining');
        if (remaining !== null) await budget.observe({ remaining, limit: numericHeader(response.headers, 'ratelimit-limit') }, family);
        if (response.status >= 500 && request.idempotent && failures < this.options.maxRetries) {
          failures += 1;
          if (meter) meter.retries += 1;
          await sleep(this.backoffMs(failures), request.deadline);
          continue;
        }
        return response;
      } catch (error) {
        watch?.attempt({ queuedAt, sentAt: startedAt, endedAt: Date.now(), error });
        if (meter && startedAt === null) meter.queuedMs += Date.now() - queuedAt;
        const retryable =
          error instanceof UpstreamTransportError && (request.idempotent || !error.maybeSent) && failures < this.options.maxRetries;
        if (!retryable) throw error;
        failures += 1;
        if (meter) meter.retries += 1;
        await sleep(this.backoffMs(failures), request.deadline);
      }
    }
  }

  /** Exposed for diagnostics and tests: how many requests this tenant may still send now. */
  async available(tenant: Tenant): Promise<number> {
    return this.budgetFor(tenant).token.available();
  }

  /** For operators (src/ops): every tenant's budget as it stands now, and the shared window's state. */
  async snapshot(): Promise<{ tenants: BudgetSnapshot[]; shared: SharedWindowState | null }> {
    const tenants = await Promise.all([...this.tenants.values()].map((budget) => budget.snapshot()));
    return { tenants, shared: this.options.shared?.state?.() ?? null };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.tenants.values()].map((budget) => budget.stop()));
    this.tenants.clear();
    await this.options.shared?.close();
  }

  private budgetFor(tenant: Tenant): TenantBudget {
    let budget = this.tenants.get(tenant.id);
    if (!budget) {
      budget = new TenantBudget(this.options.limits, {
        tenantId: tenant.id,
        shared: this.options.shared,
        maxQueued: this.options.maxQueuedPerTenant ?? 1_000,
      });
      this.tenants.set(tenant.id, budget);
    }
    return budget;
  }

  /** Full jitter: spreads retries of many failed calls instead of synchronising them. */
  private backoffMs(failures: number): number {
    const base = this.options.backoffBaseMs ?? 200;
    const max = this.options.backoffMaxMs ?? 5_000;
    return Math.random() * Math.min(max, base * 2 ** (failures - 1));
  }

  private sweep(idleMs: number): void {
    const now = Date.now();
    for (const [id, budget] of this.tenants) {
      if (now - budget.lastUsedAt > idleMs && budget.isIdle()) {
        this.tenants.delete(id);
        void budget.stop();
      }
    }
  }
}

function numericHeader(headers: Readonly<Record<string, string>>, name: string): number | null {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** `retry-after` is in seconds (API.md §2.1); a missing or odd value means one second. */
function retryAfterMs(headers: Readonly<Record<string, string>>): number {
  const seconds = Number(headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : 1_000;
}

function sleep(ms: number, deadline: number): Promise<void> {
  const wait = Math.max(0, Math.min(ms, deadline - Date.now()));
  return new Promise((resolve) => setTimeout(resolve, wait).unref());
}
