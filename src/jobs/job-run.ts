import type { SharedRedis } from '../state/shared-redis.js';
import type { ItemResult } from './bulk-jobs.js';
import { encodeResult, type ItemErrorCodec } from './bulk-codec.js';
import type { RunHooks } from './bulk-runner.js';
import type { RedisBulkState } from './redis-bulk-state.js';

/** Why a run stopped before its last item: shutting down, its lock lost, or Redis lost the operation. */
export type StopReason = 'closing' | 'lock' | 'flushed';

export interface JobRunOptions {
  readonly id: string;
  readonly state: RedisBulkState;
  readonly redis: SharedRedis;
  readonly errors: ItemErrorCodec;
  /** What Redis held when the run started: index → `S` | `K…` | `F…`. */
  readonly known: Map<number, string>;
  /** Extends this run's BullMQ lock: 1 while it is still this run's. */
  readonly extendLock: () => Promise<number>;
}

/**
 * One replica's run of one bulk job, between the item runner and Redis. Before an item
 * starts, it is marked started in Redis: an item that may have been written is always
 * marked, so a replica taking over checks before writing it again. While Redis cannot be
 * reached no item starts (the operation pauses); results of items that were in flight are
 * kept in memory and persisted once Redis returns, after checking the job is still this
 * replica's. If Redis lost the operation (flushed), the run stops and the job runner puts
 * back all it knows.
 */
export class JobRun {
  stopped: StopReason | null = null;
  readonly hooks: RunHooks;
  private readonly backlog = new Map<number, string>();
  private lockCheck = false;
  private checkingLock: Promise<void> | null = null;
  private readonly stopWaiters = new Set<() => void>();

  constructor(private readonly options: JobRunOptions) {
    this.hooks = { beforeItem: (index) => this.beforeItem(index), settle: (index, result) => this.settle(index, result) };
  }

  /** Everything this run knows of its items, for putting the operation back. */
  get known(): ReadonlyMap<number, string> {
    return this.options.known;
  }

  stop(reason: StopReason): void {
    this.stopped ??= reason;
    for (const wake of this.stopWaiters) wake();
  }

  /** BullMQ could not extend the lock: check whether it is still this run's (at once if Redis answers). */
  lockTrouble(redisReady: boolean): void {
    this.lockCheck = true;
    if (redisReady) void this.checkLock();
  }

  /** Waits (as long as it takes, unless closing) until every result is in Redis. */
  async persistAll(): Promise<void> {
    while (!(await this.persistBacklog())) {
      if (this.stopped === 'closing' && !this.options.redis.ready) return;
      await this.pause();
    }
  }

  private async beforeItem(index: number): Promise<boolean> {
    for (;;) {
      if (this.stopped) return false;
      try {
        if (!(await this.persistBacklog())) throw new Error('Redis unreachable');
        if (this.stopped) return false;
        if (this.lockCheck) {
          await this.checkLock();
          if (this.stopped) return false;
          // Not checked (Redis went away again): pause, then check again.
          if (this.lockCheck) throw new Error('lock not checked');
        }
        if ((await this.options.state.settle(this.options.id, index, 'S')) === 'missing') {
          this.stop('flushed');
          return false;
        }
        this.options.known.set(index, 'S');
        return true;
      } catch {
        // Paused: nothing starts until Redis answers, then the lock is checked first.
        await this.pause();
        this.lockCheck = true;
      }
    }
  }

  /**
   * Whether the job is still this run's; one check at a time, shared by the run's workers.
   * Lost: another replica has it (or Redis lost it with everything else: then it is put back).
   */
  private checkLock(): Promise<void> {
    this.checkingLock ??= (async () => {
      try {
        if ((await this.options.extendLock()) === 1) {
          this.lockCheck = false;
          return;
        }
        this.stop((await this.options.state.head(this.options.id)) ? 'lock' : 'flushed');
      } catch {
        // Redis cannot tell now: lockCheck stays set, and the next item checks again.
      } finally {
        this.checkingLock = null;
      }
    })();
    return this.checkingLock;
  }

  private async settle(index: number, result: ItemResult): Promise<void> {
    // Shutting down, an item may fail only because the budget closed: the next run does it again (checking first).
    if (this.stopped === 'closing' && 'error' in result) return;
    const value = encodeResult(result, this.options.errors);
    this.options.known.set(index, value);
    this.backlog.set(index, value);
    await this.persistBacklog();
  }

  /** True when nothing is left to persist (or Redis lost the operation: then it is put back whole). */
  private async persistBacklog(): Promise<boolean> {
    for (const [index, value] of [...this.backlog]) {
      try {
        if ((await this.options.state.settle(this.options.id, index, value)) === 'missing') {
          this.stop('flushed');
          return true;
        }
        this.backlog.delete(index);
      } catch {
        return false;
      }
    }
    return true;
  }

  private async pause(): Promise<void> {
    let wake = () => undefined as void;
    const stopped = new Promise<void>((resolve) => (wake = resolve));
    this.stopWaiters.add(wake);
    if (this.stopped) wake();
    await Promise.race([this.options.redis.whenReady(), stopped]);
    this.stopWaiters.delete(wake);
    // Redis may answer "ready" and still refuse for a moment (loading): do not spin.
    if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
