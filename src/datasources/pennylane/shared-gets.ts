import { RateLimitedError, UpstreamTransportError } from '../http/upstream-errors.js';

/**
 * Identical GETs of one tenant in flight at the same time share one upstream call, across
 * requests, per waiter: the call lasts as long as someone waits for it (its deadline is the
 * latest of its waiters'), each waiter gives up by its own deadline only, and the call is
 * cancelled when the last one gave up — a cancelled call is never joined.
 */
export interface FlightControl {
  /** The latest deadline among the waiters, read when needed. */
  readonly deadline: () => number;
  /** Aborted when nobody waits any more. */
  readonly signal: AbortSignal;
  /**
   * Whether Pennylane is what the call waits for: a request of it is at Pennylane, or the
   * last one failed below HTTP (a timeout, a reset) and a retry is coming. False while it
   * waits for rate budget (first try, or after a 429).
   */
  upstreamBound(now: boolean): void;
}

interface Flight {
  promise: Promise<unknown>;
  deadline: number;
  waiters: number;
  upstreamBound: boolean;
  settled: boolean;
  readonly controller: AbortController;
}

export class SharedGets {
  private readonly flights = new Map<string, Flight>();

  /**
   * The answer of the call `key` (tenant and URL), joined if one is in flight (`onJoin` is
   * told), else started with `start`. Fails by `deadline` (this waiter's) at the latest.
   */
  async run<T>(key: string, deadline: number, path: string, start: (control: FlightControl) => Promise<T>, onJoin: () => void): Promise<T> {
    const joined = this.flights.get(key);
    if (joined) onJoin();
    try {
      return (await this.waitFor(key, joined ?? this.start(key, deadline, start), deadline, path)) as T;
    } catch (error) {
      // The shared call ended by a deadline that was not this waiter's (one with a shorter
      // deadline decided before this one joined): with time left, it makes a call of its own.
      if (!joined || !endedByDeadline(error) || deadline <= Date.now()) throw error;
      return (await this.waitFor(key, this.flights.get(key) ?? this.start(key, deadline, start), deadline, path)) as T;
    }
  }

  /** Calls in flight (diagnostics and tests). */
  get size(): number {
    return this.flights.size;
  }

  private start(key: string, deadline: number, start: (control: FlightControl) => Promise<unknown>): Flight {
    const flight: Flight = { promise: Promise.resolve(), deadline, waiters: 0, upstreamBound: false, settled: false, controller: new AbortController() };
    flight.promise = start({
      deadline: () => flight.deadline,
      signal: flight.controller.signal,
      upstreamBound: (now) => (flight.upstreamBound = now),
    });
    const settle = () => {
      flight.settled = true;
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.promise.then(settle, settle);
    this.flights.set(key, flight);
    return flight;
  }

  private async waitFor(key: string, flight: Flight, deadline: number, path: string): Promise<unknown> {
    flight.waiters += 1;
    flight.deadline = Math.max(flight.deadline, deadline);
    let timer: NodeJS.Timeout | undefined;
    const mine = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          flight.upstreamBound
            ? new UpstreamTransportError('timeout', 'GET', path, true, new Error('the deadline passed while Pennylane answered'))
            : new RateLimitedError(1_000),
        );
      }, Math.max(0, deadline - Date.now()));
      timer.unref();
    });
    try {
      return await Promise.race([flight.promise, mine]);
    } finally {
      clearTimeout(timer);
      flight.waiters -= 1;
      if (flight.waiters === 0 && !flight.settled) {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        flight.controller.abort();
      }
    }
  }
}

/** A failure that says "out of time", not "Pennylane refused". */
function endedByDeadline(error: unknown): boolean {
  return error instanceof RateLimitedError || (error instanceof UpstreamTransportError && error.failure === 'timeout');
}
