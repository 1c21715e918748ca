import Bottleneck from 'bottleneck';
import type { RateLimit } from './rate-limits.js';

/**
 * A sliding-window budget held in a Bottleneck reservoir. Bottleneck spends one unit when
 * it starts a job; we give the unit back only when the request sent by that job has surely
 * left Pennylane's window: one window (and a margin) after its answer arrived, since
 * Pennylane counted it at some moment between our send and its answer. So no window of `windowMs` can ever hold more
 * than `limit` sends, bursts included — unlike a reservoir refreshed on a fixed clock,
 * whose bursts can straddle two refreshes. Bottleneck keeps the queue and the priorities.
 */
export class WindowBucket {
  readonly limiter: Bottleneck;
  /** Units spent and not back yet: when each comes back. */
  private readonly timers = new Map<NodeJS.Timeout, { readonly at: number; readonly units: number }>();

  constructor(
    readonly name: string,
    readonly rate: RateLimit,
    /** Window plus margin: how long a spent unit stays spent. */
    readonly holdMs: number,
  ) {
    this.limiter = new Bottleneck({ reservoir: rate.limit, maxConcurrent: null, id: name });
  }

  /** The unit spent for a request answered at `doneAt` comes back one window (and margin) later. */
  releaseAfterWindow(doneAt: number, units = 1): void {
    this.releaseAt(doneAt + this.holdMs, units);
  }

  /** Give a unit back at once: the job started but never sent anything. */
  releaseNow(units = 1): void {
    void this.limiter.incrementReservoir(units);
  }

  /**
   * Take units that someone else spent (another client of the same token, or a pause
   * after a 429) until `until`; the reservoir may go negative, which simply blocks.
   */
  borrow(units: number, until: number): void {
    if (units <= 0) return;
    void this.limiter.incrementReservoir(-units);
    this.releaseAt(until, units);
  }

  async available(): Promise<number> {
    return (await this.limiter.currentReservoir()) ?? this.rate.limit;
  }

  queued(): number {
    return this.limiter.queued();
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
    const counts = this.limiter.counts();
    return this.timers.size === 0 && counts.QUEUED === 0 && counts.RUNNING === 0 && counts.EXECUTING === 0;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    await this.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  private releaseAt(when: number, units: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.limiter.incrementReservoir(units);
    }, Math.max(0, when - Date.now()));
    timer.unref();
    this.timers.set(timer, { at: when, units });
  }
}
