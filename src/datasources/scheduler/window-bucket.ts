import type { RateLimit } from './rate-limits.js';

/** Raised to jobs still waiting when the bucket stops (the tenant's budget was dropped). */
export class BucketStoppedError extends Error {
  constructor(name: string) {
    super(`the rate bucket ${name} was stopped`);
  }
}

interface Waiter {
  readonly job: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A sliding-window budget: `limit` units, one spent when a job starts; we give the unit back
 * only when the request sent by that job has surely left Pennylane's window: one window (and
 * a margin) after its answer arrived, since Pennylane counted it at some moment between our
 * send and its answer. So no window of `windowMs` can ever hold more than `limit` sends,
 * bursts included — unlike a reservoir refreshed on a fixed clock, whose bursts can straddle
 * two refreshes.
 *
 * Waiting jobs start in priority order (lower number first), first come first served within
 * a priority. Everything here is synchronous: a job that finds a free unit and nobody
 * waiting starts in the caller's tick, and a unit coming back starts the next waiter at
 * once. (Bottleneck, used before, defers each of its steps by a `setTimeout(0)` turn: 7 turns
 * before a call through two buckets is sent, with the budget entirely free.)
 */
export class WindowBucket {
  /** Free units; below 0 while holding units someone else spent (borrow). */
  private units: number;
  /** Waiting jobs by priority, lowest number first. */
  private readonly waiting = new Map<number, Waiter[]>();
  private waitingCount = 0;
  /** Jobs started and not settled yet. */
  private running = 0;
  private draining = false;
  private stopped = false;
  /** Units spent and not back yet: when each comes back. */
  private readonly timers = new Map<NodeJS.Timeout, { readonly at: number; readonly units: number }>();

  constructor(
    readonly name: string,
    readonly rate: RateLimit,
    /** Window plus margin: how long a spent unit stays spent. */
    readonly holdMs: number,
  ) {
    this.units = rate.limit;
  }

  /**
   * Runs `job` once a unit is free and no job of the same or a more urgent priority waits
   * before it; the unit is the job's from then on (give it back with one of the releases).
   * Synchronous when a unit is free: `job` is called before `schedule` returns.
   */
  schedule<T>(priority: number, job: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new BucketStoppedError(this.name));
    return new Promise<T>((resolve, reject) => {
      let queue = this.waiting.get(priority);
      if (!queue) {
        queue = [];
        this.waiting.set(priority, queue);
        // Kept in priority order so the drain takes the most urgent queue first.
        const sorted = [...this.waiting.entries()].sort(([a], [b]) => a - b);
        this.waiting.clear();
        for (const [level, jobs] of sorted) this.waiting.set(level, jobs);
      }
      queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
      this.waitingCount += 1;
      this.drain();
    });
  }

  /** The unit spent for a request answered at `doneAt` comes back one window (and margin) later. */
  releaseAfterWindow(doneAt: number, units = 1): void {
    this.releaseAt(doneAt + this.holdMs, units);
  }

  /** Give a unit back at once: the job started but never sent anything. */
  releaseNow(units = 1): void {
    this.units += units;
    this.drain();
  }

  /**
   * Take units that someone else spent (another client of the same token, or a pause
   * after a 429) until `until`; the free units may go below 0, which simply blocks.
   */
  borrow(units: number, until: number): void {
    if (units <= 0) return;
    this.units -= units;
    this.releaseAt(until, units);
  }

  /** Units free now (below 0 while paused after a 429 or holding what others spent). */
  available(): number {
    return this.units;
  }

  /** Jobs waiting for a unit. */
  queued(): number {
    return this.waitingCount;
  }

  /**
   * Epoch ms by which `units` more units will have come back: from the releases already
   * scheduled (slots come back one window after the answers that spent them, so often in
   * bursts), then at the bucket's rate beyond them.
   */
  backBy(units: number): number {
    const now = Date.now();
    if (units <= 0) return now;
    const releases = [...this.timers.values()].sort((a, b) => a.at - b.at);
    let back = 0;
    for (const release of releases) {
      back += release.units;
      if (back >= units) return Math.max(now, release.at);
    }
    const last = releases.at(-1)?.at ?? now;
    return Math.max(now, last) + Math.ceil(((units - back) / this.rate.limit) * this.holdMs);
  }

  isIdle(): boolean {
    return this.timers.size === 0 && this.waitingCount === 0 && this.running === 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    const dropped = [...this.waiting.values()].flat();
    this.waiting.clear();
    this.waitingCount = 0;
    for (const waiter of dropped) waiter.reject(new BucketStoppedError(this.name));
  }

  /** Starts waiting jobs while units are free, most urgent first. Re-entrant calls fold into the running loop. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.units >= 1 && this.waitingCount > 0) {
        const waiter = this.nextWaiter();
        this.units -= 1;
        this.running += 1;
        let started: Promise<unknown>;
        try {
          started = waiter.job();
        } catch (error) {
          started = Promise.reject(error);
        }
        started.then(
          (value) => {
            this.running -= 1;
            waiter.resolve(value);
          },
          (error: unknown) => {
            this.running -= 1;
            waiter.reject(error);
          },
        );
      }
    } finally {
      this.draining = false;
    }
  }

  private nextWaiter(): Waiter {
    for (const [level, queue] of this.waiting) {
      const waiter = queue.shift();
      if (queue.length === 0) this.waiting.delete(level);
      if (waiter) {
        this.waitingCount -= 1;
        return waiter;
      }
    }
    throw new Error('no waiter although waitingCount > 0');
  }

  private releaseAt(when: number, units: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.releaseNow(units);
    }, Math.max(0, when - Date.now()));
    timer.unref();
    this.timers.set(timer, { at: when, units });
  }
}
