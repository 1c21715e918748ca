import type { ApiFamily, RateLimits } from './rate-limits.js';
import { BOTTLENECK_PRIORITY, type Priority } from './priorities.js';
import { WindowBucket } from './window-bucket.js';
import { RateLimitedError } from '../http/upstream-errors.js';

export interface BudgetJob {
  readonly family: ApiFamily | null;
  readonly priority: Priority;
  /** Epoch ms after which the job must not start. */
  readonly deadline: number;
}

/**
 * One tenant's rate budget: the API-family buckets chained into the token bucket. A job
 * passes its family bucket (if any), then the token bucket, and is sent the moment both
 * let it through; both slots are released one window after that send.
 */
export class TenantBudget {
  readonly token: WindowBucket;
  private readonly families = new Map<ApiFamily, WindowBucket>();
  lastUsedAt = Date.now();

  constructor(readonly limits: RateLimits) {
    this.token = new WindowBucket('token', limits.token, limits.marginMs);
    for (const [family, rate] of Object.entries(limits.families) as [ApiFamily, typeof limits.token][]) {
      this.families.set(family, new WindowBucket(family, rate, limits.marginMs));
    }
  }

  /**
   * Runs `send` once budget allows. Rejects with RateLimitedError as soon as the deadline
   * passes while the job is still queued (the queued entry then starts as a no-op and
   * hands its slots straight back).
   */
  acquire<T>(job: BudgetJob, send: () => Promise<T>): Promise<T> {
    this.lastUsedAt = Date.now();
    const priority = BOTTLENECK_PRIORITY[job.priority];
    const familyBucket = job.family ? this.families.get(job.family) : undefined;
    let expired = false;

    return new Promise<T>((resolve, reject) => {
      const waitMs = job.deadline - Date.now();
      const timer = setTimeout(() => {
        expired = true;
        reject(new RateLimitedError(this.estimatedWaitMs()));
      }, Math.max(0, waitMs));
      timer.unref();

      const throughToken = (onSent: (at: number) => void) =>
        this.token.limiter.schedule({ priority }, async () => {
          if (expired) {
            this.token.releaseNow();
            return undefined;
          }
          clearTimeout(timer);
          const sentAt = Date.now();
          this.token.releaseAfterWindow(sentAt);
          onSent(sentAt);
          return send();
        });

      const run = familyBucket
        ? familyBucket.limiter.schedule({ priority }, async () => {
            if (expired) {
              familyBucket.releaseNow();
              return undefined;
            }
            let sent = false;
            try {
              return await throughToken((at) => {
                sent = true;
                familyBucket.releaseAfterWindow(at);
              });
            } finally {
              if (!sent) familyBucket.releaseNow();
            }
          })
        : throughToken(() => undefined);

      run.then(
        (value) => {
          if (!expired) resolve(value as T);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!expired) reject(error);
        },
      );
    });
  }

  /**
   * Reconcile with what Pennylane says is left. If it reports fewer requests than we think
   * we have, someone else spends this token too: hold the difference for a whole window.
   * If it reports none left, also hold the whole token until its `ratelimit-reset`.
   */
  async observe(remaining: number, resetEpochSeconds: number | null): Promise<void> {
    const now = Date.now();
    const ours = await this.token.available();
    if (remaining < ours) {
      this.token.borrow(ours - remaining, now + this.limits.token.windowMs + this.limits.marginMs);
    }
    if (remaining <= 0 && resetEpochSeconds !== null) {
      const until = Math.min(resetEpochSeconds * 1_000, now + this.limits.token.windowMs);
      if (until > now) this.pause(until - now);
    }
  }

  /** After a 429: nothing leaves for this token until `retryAfterMs` has passed. */
  pause(retryAfterMs: number): void {
    this.token.borrow(this.limits.token.limit, Date.now() + retryAfterMs + this.limits.marginMs);
  }

  /** A rough time until a queued job of this tenant could start, for RATE_LIMITED hints. */
  estimatedWaitMs(): number {
    const { limit, windowMs } = this.limits.token;
    return Math.max(1_000, Math.ceil(((this.token.queued() + 1) / limit) * windowMs));
  }

  isIdle(): boolean {
    return this.token.isIdle() && [...this.families.values()].every((bucket) => bucket.isIdle());
  }

  async stop(): Promise<void> {
    await Promise.all([this.token.stop(), ...[...this.families.values()].map((bucket) => bucket.stop())]);
  }
}
