import type { CostMeter } from '../cost-meter.js';
import type { UpstreamResponse } from '../http/pennylane-http.js';
import { RateLimitedError, UpstreamHttpError, UpstreamTransportError } from '../http/upstream-errors.js';
import type { SchedulerObserver } from '../observers.js';
import type { Tenant } from '../tenant.js';
import { apiFamilyOf } from './families.js';
import type { Priority } from './priorities.js';
import type { RateLimits } from './rate-limits.js';
import type { SharedWindow, SharedWindowState } from './shared-window.js';
import type { BudgetSnapshot } from './tenant-budget.js';
import { TenantBudgets } from './tenant-budgets.js';

export interface ScheduledRequest {
  readonly method: string;
  /** Path relative to the API base; decides the API family. */
  readonly path: string;
  readonly priority: Priority;
  /**
   * Epoch ms; past it, queued work fails with RATE_LIMITED instead of waiting. A function
   * when it moves: a call shared by several waiters lasts as long as the last one waits.
   */
  readonly deadline: number | (() => number);
  /** Cancels the request while it waits for budget (nobody wants the answer any more). */
  readonly signal?: AbortSignal;
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
  /** How long a token Pennylane answered 401 is refused without asking again (default 60 s; 0: never). */
  readonly refusedTokenMs?: number;
  /** Told of every call and attempt (src/ops: metrics, traces, status). */
  readonly observer?: SchedulerObserver | undefined;
}

/**
 * The only door to Pennylane. Every attempt — first try or retry — is scheduled through the
 * tenant's budget, so retries spend rate budget like any call and can never burst behind
 * the scheduler's back.
 */
export class RateScheduler {
  private readonly tenants: TenantBudgets;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: RateSchedulerOptions) {
    this.tenants = new TenantBudgets({
      limits: options.limits,
      maxQueuedPerTenant: options.maxQueuedPerTenant ?? 1_000,
      shared: options.shared,
      refusedTokenMs: options.refusedTokenMs ?? 60_000,
    });
    const idleMs = options.idleTenantMs ?? 10 * 60_000;
    this.sweeper = setInterval(() => this.tenants.sweep(idleMs), Math.min(idleMs, 60_000));
    this.sweeper.unref();
  }

  async run(tenant: Tenant, request: ScheduledRequest, send: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    const credential = tenant.credentialId();
    if (this.tenants.isRefused(credential)) {
      const path = request.path.split('?')[0] ?? request.path;
      const refusal = new UpstreamHttpError(401, request.method, path, {
        message: 'Pennylane refused this token moments ago (401); it is not asked again for a while.',
        code: null,
        field: null,
      });
      refusal.remembered = true;
      throw refusal;
    }
    const budget = this.tenants.budgetFor(tenant.id);
    const family = apiFamilyOf(request.path);
    const meter = request.meter;
    const deadline = typeof request.deadline === 'function' ? request.deadline : () => request.deadline as number;
    const watch = this.options.observer?.call({ tenant, method: request.method, path: request.path, family, priority: request.priority });
    let failures = 0;
    /** The last transport failure: if no retry can happen before the deadline, it is what the caller gets. */
    let lastFailure: UpstreamTransportError | null = null;

    for (;;) {
      const queuedAt = Date.now();
      let startedAt: number | null = null;
      try {
        const response = await budget.acquire(
          { family, priority: request.priority, deadline, flow: request.flow, signal: request.signal },
          () => {
            startedAt = Date.now();
            if (meter) meter.upstreamCalls += 1;
            return send();
          },
        );
        watch?.attempt({ queuedAt, sentAt: startedAt, endedAt: Date.now(), status: response.status });
        if (meter) meter.queuedMs += (startedAt ?? queuedAt) - queuedAt;
        if (response.status === 401) this.tenants.refusedBy401(tenant.id, credential, budget);
        else this.tenants.accepted(tenant.id, budget);

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
        if (remaining !== null) budget.observe({ remaining, limit: numericHeader(response.headers, 'ratelimit-limit') }, family);
        if (response.status >= 500 && request.idempotent && failures < this.options.maxRetries && deadline() > Date.now()) {
          failures += 1;
          if (meter) meter.retries += 1;
          await sleep(this.backoffMs(failures), deadline());
          continue;
        }
        return response;
      } catch (error) {
        watch?.attempt({ queuedAt, sentAt: startedAt, endedAt: Date.now(), error });
        if (meter && startedAt === null) meter.queuedMs += Date.now() - queuedAt;
        // A retry that found no budget before the deadline: the caller's problem is the
        // upstream that failed (a timeout, a reset), not the rate limit.
        if (lastFailure && error instanceof RateLimitedError) throw lastFailure;
        const retryable =
          error instanceof UpstreamTransportError && (request.idempotent || !error.maybeSent) && failures < this.options.maxRetries;
        if (!retryable) throw error;
        lastFailure = error;
        if (deadline() <= Date.now()) throw error;
        failures += 1;
        if (meter) meter.retries += 1;
        await sleep(this.backoffMs(failures), deadline());
        if (deadline() <= Date.now()) throw error;
      }
    }
  }

  /** Exposed for diagnostics and tests: how many requests this tenant may still send now. */
  async available(tenant: Tenant): Promise<number> {
    return this.tenants.budgetFor(tenant.id).token.available();
  }

  /** For diagnostics and tests: budgets kept (tokens Pennylane accepted, and not yet) and tokens remembered as refused. */
  tenantSizes(): { verified: number; unverified: number; refused: number } {
    return this.tenants.sizes();
  }

  /** For operators (src/ops): every tenant's budget as it stands now, and the shared window's state. */
  async snapshot(): Promise<{ tenants: BudgetSnapshot[]; shared: SharedWindowState | null }> {
    const tenants = await Promise.all(this.tenants.all().map((budget) => budget.snapshot()));
    return { tenants, shared: this.options.shared?.state?.() ?? null };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.tenants.close();
    await this.options.shared?.close();
  }

  /** Full jitter: spreads retries of many failed calls instead of synchronising them. */
  private backoffMs(failures: number): number {
    const base = this.options.backoffBaseMs ?? 200;
    const max = this.options.backoffMaxMs ?? 5_000;
    return Math.random() * Math.min(max, base * 2 ** (failures - 1));
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
