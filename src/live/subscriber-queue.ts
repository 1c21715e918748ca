import { GraphQLError } from 'graphql';
import type { ChangeStream, LiveChange } from './change-hub.js';
import { compare, type LogPosition } from './cursor.js';

/** A logged change with its position, as hubs hand them to subscribers. */
export interface LoggedChange {
  readonly position: LogPosition;
  readonly change: LiveChange;
}

/**
 * Events that may wait for a subscriber beyond the log's size: a resume hands over up to a
 * whole log at once, so the limit is the log plus this margin.
 */
const WAITING_MARGIN = 10_000;

/** The client's fault (it does not read), told with a code it can act on, never masked as ours. */
export function subscriberTooSlow(limit: number): GraphQLError {
  return new GraphQLError(`This subscription was dropped: more than ${limit} events waited for it unread. Read faster, or resubscribe with \`after\` (the last cursor you read).`, {
    extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit },
  });
}

/**
 * One subscription's queue: batches filtered by resource, each position delivered once and in
 * order (an event seen both in the log read at resume and live is kept once), handed out as
 * an async iterator. `onClose` runs once, whichever way the subscription ends.
 */
export class SubscriberQueue {
  private readonly batches: (readonly LiveChange[])[] = [];
  private waiting = 0;
  private last: LogPosition | null;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private closed = false;
  /** Live entries that came while the backlog of a resume was still being read. */
  private held: LoggedChange[] | null = null;

  private readonly maxWaiting: number;

  constructor(
    private readonly resources: ReadonlySet<string> | undefined,
    after: LogPosition | null,
    private readonly onClose: () => void,
    logSize = 0,
  ) {
    this.last = after;
    this.maxWaiting = logSize + WAITING_MARGIN;
  }

  /** The last position handed out (or the resume cursor): where a re-read of the log starts. */
  get lastPosition(): LogPosition | null {
    return this.last;
  }

  /** Holds live entries until `release` (the backlog read at resume goes first). */
  hold(): void {
    this.held ??= [];
  }

  release(backlog: readonly LoggedChange[]): void {
    const held = this.held ?? [];
    this.held = null;
    this.push(backlog);
    this.push(held);
  }

  push(entries: readonly LoggedChange[]): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push(...entries);
      return;
    }
    const batch: LiveChange[] = [];
    for (const { position, change } of entries) {
      if (this.last && position.kind === this.last.kind && compare(position, this.last) <= 0) continue;
      this.last = position;
      if (!this.resources || this.resources.has(change.resource)) batch.push(change);
    }
    if (batch.length === 0) return;
    this.waiting += batch.length;
    if (this.waiting > this.maxWaiting) {
      this.batches.length = 0;
      this.fail(subscriberTooSlow(this.maxWaiting));
      return;
    }
    this.batches.push(batch);
    this.wake?.();
  }

  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.wake?.();
  }

  stream(): ChangeStream {
    const next = async (): Promise<IteratorResult<readonly LiveChange[]>> => {
      while (!this.closed) {
        const batch = this.batches.shift();
        if (batch) {
          this.waiting -= batch.length;
          return { value: batch, done: false };
        }
        if (this.failure) {
          const error = this.failure;
          this.close();
          throw error;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
      return { value: undefined, done: true };
    };
    const stream: ChangeStream = {
      next,
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error: unknown) => {
        this.close();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.batches.length = 0;
    this.wake?.();
    this.onClose();
  }
}
