import { RateLimitedError, UpstreamBodyTooLargeError, UpstreamHttpError, UpstreamTransportError } from '../http/upstream-errors.js';
import { OutcomeUnknownError } from './write-errors.js';

/**
 * Whether a failed write may have happened at Pennylane: the request may have left and no
 * status came back (timeout, reset after sending), or a 5xx came back (Pennylane may have
 * processed part of it). Connection failures before sending are retried by the scheduler.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof UpstreamTransportError) return error.maybeSent;
  // Pennylane answered, but more than the gateway reads: whether it was a success is unread.
  if (error instanceof UpstreamBodyTooLargeError) return true;
  return error instanceof UpstreamHttpError && error.status >= 500;
}

export interface ReconciledWrite<T> {
  /** Sends the write once. */
  readonly send: () => Promise<T>;
  /**
   * Looks for the record the write would have made (by external reference, or by the state
   * an action sets). Null means "not there": the write did not happen.
   */
  readonly find: () => Promise<T | null>;
  /** What to tell the client if the outcome stays unknown. */
  readonly description: string;
  readonly idempotencyKey: string | null;
  /**
   * Whether sending twice lands in the same state (setting fields: yes; adding lines: no).
   * Not repeatable: an unknown outcome is looked up, never resolved by sending again.
   */
  readonly repeatable?: boolean;
}

/**
 * A write that is never blindly repeated. If its outcome is unknown, the record is looked up
 * first; only when it is provably absent is the write sent once more — and for creates that
 * carry an external reference, Pennylane's duplicate check (409) guards that second send too,
 * in which case the record is looked up again. If it still cannot be told, the client gets
 * OutcomeUnknownError and can retry with the same idempotency key.
 */
export async function reconciledWrite<T>(write: ReconciledWrite<T>): Promise<T> {
  try {
    return await write.send();
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
  }
  const found = await lookUp(write);
  if (found) return found;
  if (write.repeatable === false) throw unknown(write);
  try {
    return await write.send();
  } catch (error) {
    const duplicate = error instanceof UpstreamHttpError && error.status === 409;
    // Out of budget for the second send: the first one's outcome is still what is unknown.
    if (error instanceof RateLimitedError) throw unknown(write);
    if (!duplicate && !outcomeUnknown(error)) throw error;
    const late = await lookUp(write);
    if (late) return late;
    if (duplicate) throw error;
    throw unknown(write);
  }
}

async function lookUp<T>(write: ReconciledWrite<T>): Promise<T | null> {
  try {
    return await write.find();
  } catch {
    throw unknown(write);
  }
}

function unknown(write: ReconciledWrite<unknown>): OutcomeUnknownError {
  return new OutcomeUnknownError(
    `Pennylane may or may not have ${write.description}: the connection failed after the request was sent and the record could not be checked. Retry with the same idempotency key; the gateway checks before writing again.`,
    write.idempotencyKey,
  );
}
