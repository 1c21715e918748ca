import type { GatewayContext } from '../../context.js';
import { ConflictError, NotFoundError, OutcomeUnknownError, ValidationError, type FieldError, type RefusedBy } from '../../datasources/writes/write-errors.js';
import type { BulkItemWriter, ItemOutcome } from '../../jobs/bulk-jobs.js';
import type { ItemErrorCodec } from '../../jobs/bulk-codec.js';
import { UpstreamFailure } from '../shared/mutation-errors.js';

/**
 * How one bulk item is written, whichever replica runs its job: each bulk mutation
 * registers its item writer under its name (the operation's kind), and the job runner calls
 * `writeBulkItem` for every item. Also how an item's typed error is stored and read back.
 */
type KindWriter = (ctx: GatewayContext, inputs: readonly unknown[], index: number, itemKey: string) => Promise<ItemOutcome>;

const writers = new Map<string, KindWriter>();

export function registerBulkKind(kind: string, writer: KindWriter): void {
  writers.set(kind, writer);
}

export const writeBulkItem: BulkItemWriter = (ctx, kind, inputs, index, itemKey) => {
  const writer = writers.get(kind);
  if (!writer) return Promise.reject(new UpstreamFailure(`This gateway does not know bulk operations of kind ${kind}.`, 'INTERNAL_SERVER_ERROR'));
  return writer(ctx, inputs, index, itemKey);
};

export const ITEM_ERRORS: ItemErrorCodec = {
  encode(error) {
    const base = { type: error.name, message: error.message };
    if (error instanceof ValidationError) return { ...base, fieldErrors: error.fieldErrors, refusedBy: error.refusedBy };
    if (error instanceof ConflictError) return { ...base, refusedBy: error.refusedBy };
    if (error instanceof NotFoundError) return base;
    if (error instanceof OutcomeUnknownError) return { ...base, idempotencyKey: error.idempotencyKey };
    if (error instanceof UpstreamFailure) return { ...base, code: error.code };
    // The gateway's own reasons (an operation that cannot run): items carry them as they are.
    return { type: 'UpstreamFailure', message: error.message, code: 'INTERNAL_SERVER_ERROR' };
  },
  decode(stored) {
    const message = String(stored.message);
    switch (stored.type) {
      case 'ValidationError':
        return new ValidationError(stored.fieldErrors as FieldError[], stored.refusedBy as RefusedBy, message);
      case 'ConflictError':
        return new ConflictError(message, stored.refusedBy as RefusedBy);
      case 'NotFoundError':
        return new NotFoundError(message);
      case 'OutcomeUnknownError':
        return new OutcomeUnknownError(message, (stored.idempotencyKey as string | null) ?? null);
      default:
        return new UpstreamFailure(message, String(stored.code ?? 'INTERNAL_SERVER_ERROR'));
    }
  },
};
