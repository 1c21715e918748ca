import type { Priority } from './priorities.js';

/**
 * Fairness within a priority class. Jobs of one class are handed to the rate buckets (which
 * order classes by priority) a few at a time, taking turns across the GraphQL operations ("flows")
 * that queued them: a query needing 300 calls and one needing 2 alternate, so the small one
 * is not stuck behind the whole big one. Each lane (API family) has its own turns, so jobs
 * waiting for a slow family (2/s) never hold back jobs of another.
 */
export class FairQueue {
  private readonly classes = new Map<string, { priority: Priority; queue: ClassQueue }>();

  /**
   * `pacedMs`: bulk and background work is handed over at most one job per interval (the
   * token's window / limit), so it never spends the window in bursts: it runs at the
   * sustainable rate, and a query arriving meanwhile finds the next slot within an interval.
   */
  constructor(
    private readonly handedPerClass = 2,
    private readonly pacedMs = 0,
  ) {}

  /**
   * Queues `admit`, called when it is this job's turn; `admit` receives `started`, to call
   * once the job has left the buckets' queue (started or cancelled), letting the next one in.
   */
  enqueue(priority: Priority, lane: string, flow: string, admit: (started: () => void) => void): void {
    const key = `${priority}|${lane}`;
    let entry = this.classes.get(key);
    if (!entry) {
      const paced = priority === 'bulk' || priority === 'background';
      entry = { priority, queue: new ClassQueue(this.handedPerClass, paced ? this.pacedMs : 0) };
      this.classes.set(key, entry);
    }
    entry.queue.push(flow, admit);
  }

  /**
   * A query or mutation just spent a slot: paced work gives up one interval of its pace,
   * so the token is never spent faster than it refills while paced work runs, and the next
   * query finds a slot free or freeing within about one interval, even in the first window.
   */
  yieldPace(): void {
    for (const { queue } of this.classes.values()) queue.defer();
  }

  /** Jobs waiting for their turn in these classes (not yet handed to the buckets). */
  waiting(classes: readonly Priority[]): number {
    let total = 0;
    for (const { priority, queue } of this.classes.values()) if (classes.includes(priority)) total += queue.size;
    return total;
  }

  /**
   * Jobs handed over before a new job of `flow` in class `priority`, with turns taken across
   * operations: the flow's own waiting jobs, and from every other flow of the class at most
   * one more than that (one per turn). A queue filled by one operation is one turn ahead of
   * another operation, not the whole backlog. Summed over the class's lanes.
   */
  turnsAhead(priority: Priority, flow: string): number {
    const perFlow = new Map<string, number>();
    for (const entry of this.classes.values()) {
      if (entry.priority === priority) entry.queue.countFlows(perFlow);
    }
    const own = perFlow.get(flow) ?? 0;
    let ahead = own;
    for (const [other, jobs] of perFlow) if (other !== flow) ahead += Math.min(jobs, own + 1);
    return ahead;
  }
}

class ClassQueue {
  private readonly flows = new Map<string, ((started: () => void) => void)[]>();
  /** Flows in turn order; a flow goes to the back after each job it gets in. */
  private readonly turns: string[] = [];
  private handed = 0;
  private nextAt = 0;
  private timer: NodeJS.Timeout | null = null;
  size = 0;

  constructor(
    private readonly maxHanded: number,
    private readonly intervalMs: number,
  ) {}

  push(flow: string, admit: (started: () => void) => void): void {
    const jobs = this.flows.get(flow);
    if (jobs) jobs.push(admit);
    else {
      this.flows.set(flow, [admit]);
      this.turns.push(flow);
    }
    this.size += 1;
    this.pump();
  }

  /** Adds each flow's waiting jobs of this queue to `into`. */
  countFlows(into: Map<string, number>): void {
    for (const [flow, jobs] of this.flows) into.set(flow, (into.get(flow) ?? 0) + jobs.length);
  }

  /** Pushes the next hand-over back by one interval (paced classes only). */
  defer(): void {
    if (this.intervalMs > 0) this.nextAt = Math.max(this.nextAt, Date.now()) + this.intervalMs;
  }

  private pump(): void {
    while (this.handed < this.maxHanded && this.turns.length > 0) {
      const wait = this.nextAt - Date.now();
      if (this.intervalMs > 0 && wait > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        this.timer.unref();
        return;
      }
      this.nextAt = Date.now() + this.intervalMs;
      const flow = this.turns.shift()!;
      const jobs = this.flows.get(flow)!;
      const admit = jobs.shift()!;
      if (jobs.length > 0) this.turns.push(flow);
      else this.flows.delete(flow);
      this.size -= 1;
      this.handed += 1;
      let done = false;
      admit(() => {
        if (done) return;
        done = true;
        this.handed -= 1;
        this.pump();
      });
    }
  }
}
