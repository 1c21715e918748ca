import { LRUCache } from 'lru-cache';
import type { RateLimits } from './rate-limits.js';
import type { SharedWindow } from './shared-window.js';
import { TenantBudget } from './tenant-budget.js';

export interface TenantBudgetsOptions {
  readonly limits: RateLimits;
  readonly maxQueuedPerTenant: number;
  readonly shared?: SharedWindow | undefined;
  /** How long a token Pennylane answered 401 is refused without asking again; 0: never. */
  readonly refusedTokenMs: number;
  /** Budgets kept for tokens Pennylane has not accepted yet (the least recent go first). */
  readonly maxUnverified?: number;
}

/**
 * Every tenant's budget, with a bounded cost for tokens that are not (or not yet) known good.
 * A budget moves to the kept set once Pennylane answers the token with anything but a 401;
 * until then it lives in a small LRU, so a flood of distinct bogus tokens cannot grow memory
 * without bound. A token answered 401 is remembered by its credential id (a hash, never the
 * token) for `refusedTokenMs`: its repeats are refused with no upstream call and no state.
 */
export class TenantBudgets {
  private readonly verified = new Map<string, TenantBudget>();
  private readonly unverified: LRUCache<string, TenantBudget>;
  private readonly refused: LRUCache<string, true> | null;

  constructor(private readonly options: TenantBudgetsOptions) {
    this.unverified = new LRUCache<string, TenantBudget>({ max: options.maxUnverified ?? 1_000 });
    this.refused = options.refusedTokenMs > 0 ? new LRUCache<string, true>({ max: 100_000, ttl: options.refusedTokenMs }) : null;
  }

  /** True while this credential (Tenant.credentialId) is remembered as refused by Pennylane. */
  isRefused(credentialId: string): boolean {
    return this.refused?.has(credentialId) ?? false;
  }

  budgetFor(tenantId: string): TenantBudget {
    const kept = this.verified.get(tenantId) ?? this.unverified.get(tenantId);
    if (kept) return kept;
    const budget = new TenantBudget(this.options.limits, {
      tenantId,
      shared: this.options.shared,
      maxQueued: this.options.maxQueuedPerTenant,
    });
    this.unverified.set(tenantId, budget);
    return budget;
  }

  /** Pennylane answered this token with something else than 401: it exists, keep its budget. */
  accepted(tenantId: string, budget: TenantBudget): void {
    if (this.verified.has(tenantId)) return;
    this.unverified.delete(tenantId);
    this.verified.set(tenantId, budget);
  }

  /**
   * Pennylane answered 401: remember it, and drop the budget once nothing else of that token
   * waits (its spent slots do not matter: an unknown token has no budget at Pennylane).
   */
  refusedBy401(tenantId: string, credentialId: string, budget: TenantBudget): void {
    this.refused?.set(credentialId, true);
    if (budget.busy()) return;
    if (this.verified.get(tenantId) === budget) this.verified.delete(tenantId);
    if (this.unverified.peek(tenantId) === budget) this.unverified.delete(tenantId);
    void budget.stop();
  }

  /** Budgets idle for `idleMs` are dropped (they are empty by then anyway). */
  sweep(idleMs: number): void {
    const now = Date.now();
    for (const [id, budget] of this.verified) {
      if (now - budget.lastUsedAt > idleMs && budget.isIdle()) {
        this.verified.delete(id);
        void budget.stop();
      }
    }
  }

  /** For diagnostics and tests: how many budgets and refused tokens are held. */
  sizes(): { verified: number; unverified: number; refused: number } {
    return { verified: this.verified.size, unverified: this.unverified.size, refused: this.refused?.size ?? 0 };
  }

  /** For operators (src/ops): every budget held now. */
  all(): TenantBudget[] {
    return [...this.verified.values(), ...this.unverified.values()];
  }

  async close(): Promise<void> {
    const all = [...this.verified.values(), ...this.unverified.values()];
    this.verified.clear();
    this.unverified.clear();
    await Promise.all(all.map((budget) => budget.stop()));
  }
}
