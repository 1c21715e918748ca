/**
 * Expected failures of a write, returned to clients as typed members of the mutation's
 * result union (see src/schema/shared/mutation-errors.ts), never as masked errors.
 */

/** Who refused: the gateway before any call, or Pennylane. */
export type RefusedBy = 'GATEWAY' | 'PENNYLANE';

export interface FieldError {
  /** Path of the offending input field, e.g. `["input", "invoiceLines", "2", "vatRate"]`. */
  readonly path: readonly string[];
  readonly message: string;
  /** Machine-readable reason, e.g. `REQUIRED`, `INVALID_VAT_RATE`, `UNBALANCED`, or Pennylane's validator code. */
  readonly code: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly fieldErrors: readonly FieldError[],
    readonly refusedBy: RefusedBy,
    message = `Invalid input: ${fieldErrors.map((e) => `${e.path.join('.')}: ${e.message.replace(/\.$/, '')}`).join('; ')}.`,
  ) {
    super(message);
  }
}

/** 409: a duplicate (external reference), a state that forbids the action for now, or a reused idempotency key. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly refusedBy: RefusedBy,
  ) {
    super(message);
  }
}

/** The record the mutation targets does not exist (or belongs to another company). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly refusedBy: RefusedBy = 'PENNYLANE';
}

/**
 * The write reached Pennylane or may have (timeout, reset, 5xx after sending) and the
 * gateway could not find out whether it happened. Retrying with the same idempotency key is
 * safe: the gateway looks the record up before writing again.
 */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
  readonly refusedBy: RefusedBy = 'GATEWAY';
  constructor(
    message: string,
    readonly idempotencyKey: string | null,
  ) {
    super(message);
  }
}
