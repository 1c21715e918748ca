import { slotHoldMs, type ApiFamily, type RateLimits } from './rate-limits.js';
import { QUEUE_PRIORITY, type Priority } from './priorities.js';
import { FairQueue } from './fair-queue.js';
import { WindowBucket } from './window-bucket.js';
import { RateLimitedError } from '../http/upstream-errors.js';
import type { SharedBucket, SharedWindow } from './shared-window.js';

export interface BudgetJob {
  readonly family: ApiFamily | null;
  readonly priority: Priority;
  /**
   * Epoch ms after which the job must not start, read when needed: a call shared by several
   * waiters lives as long as the last of them waits.
   */
  readonly deadline: () => number;
  /** Cancels the job while it waits (nobody wants its answer any more). */
  readonly signal?: AbortSignal | undefined;
  /** The operation the job belongs to: jobs of one class take turns across operations. */
  readonly flow: string;
}

export interface TenantBudgetOptions {
  readonly tenantId: string;
  readonly shared?: SharedWindow | undefined;
  /** Jobs of this tenant allowed to wait at once; more fail at once with RATE_LIMITED. */
  readonly maxQueued: number;
}

export interface BudgetSnapshot {
  readonly tenant: string;
  /** `token` first, then the API families. `available` is below 0 while paused after a 429. */
  readonly buckets: readonly { name: string; limit: number; windowMs: number; available: number }[];
  readonly waiting: Readonly<Record<Priority, number>>;
  readonly lastUsedAt: number;
}

/** Classes served before a given class. */
const BEFORE: Readonly<Record<Priority, readonly Priority[]>> = {
  interactive: [],
  mutation: ['interactive'],
  bulk: ['interactive', 'mutation'],
  background: ['interactive', 'mutation', 'bulk'],
};

const RETRY = Symbol('retry');

/** Classes that leave the last slot of the window to interactive queries and mutations. */
const RESERVING: ReadonlySet<Priority> = new Set(['bulk', 'background']);

/**
 * One tenant's rate budget: the API-family buckets chained into the token bucket. A job
 * waits for its turn in its class (fair across operations), passes its family bucket (if
 * any), then the token bucket (and the shared window, with Redis), and is sent the moment
 * all let it through; its slots are released one window after that send.
 */
export class TenantBudget {
  readonly token: WindowBucket;
  private readonly families = new Map<ApiFamily, WindowBucket>();
  private readonly fair: FairQueue;
  /** One token interval: window / limit (plus the margin). */
  private readonly intervalMs: number;
  private waiting = 0;
  /** Jobs waiting (or in flight) per operation, for fair admission to the queue. */
  private readonly perFlow = new Map<string, number>();
  /** Jobs not sent yet, per class (for operators: src/ops). */
  private readonly queuedBy: Record<Priority, number> = { interactive: 0, mutation: 0, bulk: 0, background: 0 };
  lastUsedAt = Date.now();

  constructor(
    readonly limits: RateLimits,
    private readonly options: TenantBudgetOptions,
  ) {
    this.token = new WindowBucket('token', limits.token, slotHoldMs(limits.token, limits.marginMs));
    this.intervalMs = Math.ceil(this.token.holdMs / limits.token.limit);
    this.fair = new FairQueue(4, this.intervalMs);
    for (const [family, rate] of Object.entries(limits.families) as [ApiFamily, typeof limits.token][]) {
      this.families.set(family, new WindowBucket(family, rate, slotHoldMs(rate, limits.marginMs)));
    }
  }

  /**
   * Runs `send` once budget allows. Fails at once with RateLimitedError when the queue of
   * this tenant is full for this operation, or when the job's fair turn cannot come before
   * the deadline; rejects as soon as the deadline passes while
   * still queued (the queued entry then hands its slots back).
   */
  async acquire<T>(job: BudgetJob, send: () => Promise<T>): Promise<T> {
    this.lastUsedAt = Date.now();
    // Counted before any await, so a burst of calls cannot all pass the check at once.
    this.waiting += 1;
    const mine = (this.perFlow.get(job.flow) ?? 0) + 1;
    this.perFlow.set(job.flow, mine);
    this.queuedBy[job.priority] += 1;
    let unsent = true;
    const sent = () => {
      if (unsent) this.queuedBy[job.priority] -= 1;
      unsent = false;
    };
    try {
      if (this.queueFullFor(mine)) {
        throw new RateLimitedError(
          Math.max(1_000, this.estimatedWaitMs(job.priority, job.flow)),
          `Too many Pennylane calls are already queued for this token (${this.waiting - 1}); retry later.`,
        );
      }
      const expectedWait = this.estimatedWaitMs(job.priority, job.flow);
      if (expectedWait > job.deadline() - Date.now()) throw new RateLimitedError(Math.max(1_000, expectedWait));
      return await this.queued(job, () => {
        sent();
        return send();
      });
    } finally {
      sent();
      this.waiting -= 1;
      const left = (this.perFlow.get(job.flow) ?? 1) - 1;
      if (left > 0) this.perFlow.set(job.flow, left);
      else this.perFlow.delete(job.flow);
    }
  }

  /**
   * Past the bound, a job is refused only if its operation already holds its fair share of
   * the queue (the bound divided by the operations waiting): one large operation never makes
   * the others fail at once, and the queue never holds more than twice the bound.
   */
  private queueFullFor(mine: number): boolean {
    const { maxQueued } = this.options;
    if (this.waiting <= maxQueued) return false;
    if (this.waiting > 2 * maxQueued) return true;
    return mine - 1 >= Math.ceil(maxQueued / this.perFlow.size);
  }

  private queued<T>(job: BudgetJob, send: () => Promise<T>): Promise<T> {
    const priority = QUEUE_PRIORITY[job.priority];
    const familyBucket = job.family ? this.families.get(job.family) : undefined;
    let expired = false;

    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const expire = () => {
        if (expired) return;
        expired = true;
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', expire);
        reject(new RateLimitedError(Math.max(1_000, this.estimatedWaitMs(job.priority, job.flow))));
      };
      // Re-armed while the deadline moves later (a shared call gaining a waiter).
      const arm = () => {
        const left = job.deadline() - Date.now();
        if (left <= 0) return expire();
        timer = setTimeout(arm, left);
        timer.unref();
      };
      arm();
      job.signal?.addEventListener('abort', expire, { once: true });
      if (job.signal?.aborted) expire();
      const stopWaiting = () => {
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', expire);
      };

      const buckets = this.options.shared ? this.sharedBuckets(job.family) : [];
      const tokenStage = (started: () => void, onDone: (at: number) => void) =>
        this.token.schedule(priority, async () => {
          started();
          if (expired) {
            this.token.releaseNow();
            return undefined;
          }
          if (RESERVING.has(job.priority) && this.token.available() < 1) {
            // Bulk and background work never takes the last free slot: it stays for queries
            // and mutations, which then wait at most one interval even under saturation.
            this.token.releaseNow();
            await new Promise((resolve) => setTimeout(resolve, this.intervalMs).unref());
            return RETRY;
          }
          const grant = this.options.shared ? await this.options.shared.tryAcquire(this.options.tenantId, buckets) : null;
          if (grant && grant.waitMs > 0) {
            // Other replicas spent the shared window: hand the slot back and queue again at
            // the same priority once a slot frees. A full token window holds this whole
            // process back; a full family window holds only this job.
            this.token.releaseNow();
            if (grant.blockedBy === job.family) await new Promise((resolve) => setTimeout(resolve, grant.waitMs).unref());
            else this.token.borrow(this.limits.token.limit, Date.now() + grant.waitMs);
            return RETRY;
          }
          stopWaiting();
          if (!RESERVING.has(job.priority)) this.fair.yieldPace();
          try {
            return await send();
          } finally {
            // Pennylane counted the request somewhere between our send and its answer: the
            // slot stays spent until one window after the answer, whatever the network did.
            const doneAt = Date.now();
            this.token.releaseAfterWindow(doneAt);
            onDone(doneAt);
            if (grant?.id) void this.options.shared?.complete(this.options.tenantId, buckets, grant.id);
          }
        });

      const throughToken = async (started: () => void, onDone: (at: number) => void) => {
        for (;;) {
          const result = await tokenStage(started, onDone);
          if (result !== RETRY) return result;
        }
      };

      const run = (started: () => void) =>
        familyBucket
          ? familyBucket.schedule(priority, async () => {
              if (expired) {
                started();
                familyBucket.releaseNow();
                return undefined;
              }
              let sent = false;
              try {
                return await throughToken(started, (doneAt) => {
                  sent = true;
                  familyBucket.releaseAfterWindow(doneAt);
                });
              } finally {
                if (!sent) familyBucket.releaseNow();
              }
            })
          : throughToken(started, () => undefined);

      this.fair.enqueue(job.priority, job.family ?? 'any', job.flow, (started) => {
        run(started).then(
          (value) => {
            if (!expired) resolve(value as T);
          },
          (error: unknown) => {
            started();
            stopWaiting();
            if (!expired) reject(error);
          },
        );
      });
    });
  }

  /**
   * Reconcile with what Pennylane says is left. The headers describe the tightest window
   * the request passed (its `ratelimit-limit` tells which: the token's, or its family's).
   * If they report fewer requests left than we think we have, someone else spends this
   * token too: hold the difference in that bucket for a whole window. (`ratelimit-reset`
   * could only shorten that hold; its exact meaning is unverified, so it is not used.)
   * With a shared window (Redis) the other replicas are already counted there, and this
   * replica's local view is not the whole budget, so there is nothing to compare.
   */
  observe(report: { remaining: number; limit: number | null }, family: ApiFamily | null): void {
    if (this.options.shared) return;
    const familyBucket = family ? this.families.get(family) : undefined;
    const bucket =
      familyBucket && report.limit === familyBucket.rate.limit && report.limit !== this.limits.token.limit ? familyBucket : this.token;
    const ours = bucket.available();
    if (report.remaining < ours) bucket.borrow(ours - report.remaining, Date.now() + bucket.holdMs);
  }

  /** After a 429: nothing leaves for this token until `retryAfterMs` has passed. */
  pause(retryAfterMs: number): void {
    this.token.borrow(this.limits.token.limit, Date.now() + retryAfterMs + (this.token.holdMs - this.limits.token.windowMs));
  }

  /**
   * How long a new job of this class and operation would wait for its fair turn: every job
   * of the classes served before it, its turns in its own class (fair-queue.ts: one turn per
   * other operation, however much that one queued), the jobs already handed to the token
   * bucket; beyond the free slots, until the slot of its turn comes back (spent slots return
   * one window after their answers, so often in bursts). An estimate: it cannot see other
   * clients of the token.
   */
  estimatedWaitMs(priority: Priority = 'interactive', flow = ''): number {
    const ahead = this.fair.waiting(BEFORE[priority]) + this.fair.turnsAhead(priority, flow) + this.token.queued();
    // Negative while paused after a 429 or holding what others spent: those units come back first.
    const beyond = ahead + 1 - this.token.available();
    return beyond <= 0 ? 0 : Math.max(0, this.token.backBy(beyond) - Date.now());
  }

  private sharedBuckets(family: ApiFamily | null): SharedBucket[] {
    const bucket = (name: string, rate: { limit: number; windowMs: number }): SharedBucket => ({
      name,
      limit: rate.limit,
      windowMs: slotHoldMs(rate, this.limits.marginMs),
    });
    const familyRate = family ? this.limits.families[family] : undefined;
    return familyRate && family ? [bucket('token', this.limits.token), bucket(family, familyRate)] : [bucket('token', this.limits.token)];
  }

  /** For operators (src/ops): free slots of each bucket, and calls waiting in each class. */
  async snapshot(): Promise<BudgetSnapshot> {
    const buckets = [this.token, ...this.families.values()];
    return {
      tenant: this.options.tenantId,
      buckets: buckets.map((bucket) => ({ name: bucket.name, limit: bucket.rate.limit, windowMs: bucket.rate.windowMs, available: bucket.available() })),
      waiting: { ...this.queuedBy },
      lastUsedAt: this.lastUsedAt,
    };
  }

  /** True while calls of this tenant wait for budget or are in flight. */
  busy(): boolean {
    return this.waiting > 0;
  }

  isIdle(): boolean {
    return this.token.isIdle() && [...this.families.values()].every((bucket) => bucket.isIdle());
  }

  async stop(): Promise<void> {
    await Promise.all([this.token.stop(), ...[...this.families.values()].map((bucket) => bucket.stop())]);
  }
}
