import type { InputObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { BulkOperationView, ItemOutcome } from '../../jobs/bulk-jobs.js';
import { ConflictError, NotFoundError, OutcomeUnknownError, ValidationError } from '../../datasources/writes/write-errors.js';
import { builder, type BuilderTypes } from '../builder.js';
import { toClientError } from '../shared/errors.js';
import { refusalFromPennylane, UpstreamFailure } from '../shared/mutation-errors.js';
import { addMutation, createCalls, type CreateMutation } from '../shared/mutation-fields.js';
import { createRecord } from '../shared/record-writes.js';
import { InputChecks } from '../shared/validation.js';
import { BulkOperationRef } from './bulk-operation.js';
import { registerBulkKind } from './bulk-items.js';

/** Items per bulk operation, at most (issue: up to 1,000). */
export const BULK_MAX_ITEMS = 1_000;

export interface BulkStarted {
  readonly operation: BulkOperationView;
  readonly replayed: boolean;
}

export const BulkOperationPayload = builder.objectRef<BulkStarted>('BulkOperationPayload').implement({
  description: 'A bulk operation, started (or found, for a repeated idempotency key). Follow it with `bulkOperation(id:)` or the subscription.',
  fields: (t) => ({
    bulkOperation: t.field({ type: BulkOperationRef, description: 'The operation.', resolve: (p) => p.operation }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this repeated an earlier call with the same idempotency key.' }),
  }),
});

/** `ledger entry` → `ledger entries`, `customer invoice` → `customer invoices`. */
function plural(noun: string): string {
  return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

/** A validation error of one item, its paths under `inputs.<index>` instead of `input`. */
export function underItem(error: ValidationError, index: number): ValidationError {
  const fieldErrors = error.fieldErrors.map((e) => ({ ...e, path: ['inputs', String(index), ...(e.path[0] === 'input' ? e.path.slice(1) : e.path)] }));
  return new ValidationError(fieldErrors, error.refusedBy, error.refusedBy === 'PENNYLANE' ? error.message : undefined);
}

/**
 * Before an upsert item is created (no record had its external reference), what Pennylane
 * requires to create one: refused at the gateway, under the item's path, with no call.
 */
export function refuseUnlessCreatable(index: number, check: (checks: InputChecks) => void): void {
  const checks = new InputChecks();
  check(checks);
  try {
    checks.throwIfAny();
  } catch (error) {
    throw underItem(error as ValidationError, index);
  }
}

/** Any failure of one item as a typed error the item can carry. */
export function itemError(error: unknown, index?: number): Error {
  const refusal = refusalFromPennylane(error);
  if (refusal instanceof ValidationError && index !== undefined && refusal.fieldErrors.every((e) => e.path[0] === 'input')) {
    return underItem(refusal, index);
  }
  if ([ValidationError, ConflictError, NotFoundError, OutcomeUnknownError, UpstreamFailure].some((type) => refusal instanceof type)) {
    return refusal;
  }
  const known = toClientError(refusal);
  if (known) return new UpstreamFailure(known.message, String(known.extensions.code));
  return new UpstreamFailure('Unexpected error while writing this item.', 'INTERNAL_SERVER_ERROR');
}

export interface BulkMutation<Input> {
  readonly name: string;
  readonly description: string;
  readonly endpoints: readonly string[];
  readonly input: InputObjectRef<BuilderTypes, Input>;
  readonly noun: string;
  /** Checks one item (paths start with `input`; they are re-rooted under `inputs.<index>`). */
  readonly check: (input: Input, checks: InputChecks, ctx: GatewayContext) => void | Promise<void>;
  /**
   * Writes one item in a background context (bulk priority), on whichever replica runs the
   * operation. `key` is the item's idempotency key, derived from the operation's key (or,
   * without one, from the operation's id) and the item's position.
   */
  readonly write: (ctx: GatewayContext, input: Input, key: string | null, index: number, all: readonly Input[]) => Promise<ItemOutcome>;
  /** Calls the items make in the background (at most), for the planner. */
  readonly backgroundCalls: (inputs: readonly Input[]) => number;
}

/**
 * A bulk mutation: checks every item at once (items the gateway refuses are FAILED at once,
 * the others run), starts the operation and returns it immediately.
 */
export function addBulkMutation<Input>(def: BulkMutation<Input>): void {
  registerBulkKind(def.name, async (ctx, inputs, index, itemKey) => {
    try {
      return await def.write(ctx, inputs[index] as Input, itemKey, index, inputs as readonly Input[]);
    } catch (error) {
      throw itemError(error, index);
    }
  });
  addMutation(def.name, {
    description: `${def.description} Takes up to ${BULK_MAX_ITEMS} items and returns at once; each item succeeds or fails on its own. Safe to resubmit with the same idempotencyKey: items already written are not written again.`,
    endpoints: def.endpoints,
    payload: BulkOperationPayload,
    what: 'the started bulk operation',
    // Nothing before it answers: the items are written in the background, at bulk pace.
    cost: { calls: () => 0, background: (args) => (Array.isArray(args.inputs) ? def.backgroundCalls(args.inputs as Input[]) : 0) },
    args: (t) => ({
      inputs: t.arg({ type: [def.input], required: true, description: `The ${plural(def.noun)}, 1 to ${BULK_MAX_ITEMS}.` }),
      idempotencyKey: t.arg.string({
        required: false,
        description: 'Makes the operation safe to resubmit: the same key returns the same operation, and after a restart only missing items are written.',
      }),
    }),
    resolve: async (args, ctx) => {
      const inputs = args.inputs as Input[];
      const key = args.idempotencyKey ?? null;
      const size = new InputChecks();
      size.count(['inputs'], inputs, 1, BULK_MAX_ITEMS, plural(def.noun));
      size.throwIfAny();
      const start = async (): Promise<BulkOperationView> => {
        const refused = new Map<number, Error>();
        for (const [index, input] of inputs.entries()) {
          const checks = new InputChecks();
          await def.check(input, checks, ctx);
          try {
            checks.throwIfAny();
          } catch (error) {
            refused.set(index, underItem(error as ValidationError, index));
          }
        }
        return ctx.bulk.start({ tenant: ctx.tenant, kind: def.name, inputs, refused, key });
      };
      if (!key) return { operation: await start(), replayed: false };
      let started: BulkOperationView | null = null;
      const { value, replayed } = await ctx.idempotency.run(ctx.tenant, `bulk:${def.name}`, key, inputs, async () => {
        started = await start();
        return { id: started.id };
      });
      const operation = started ?? (await ctx.bulk.get(ctx.tenant, value.id));
      if (operation) return { operation, replayed };
      // Its key outlived the operation: start it again. Item keys derive from the key, so only
      // what is missing is written.
      return { operation: await start(), replayed: false };
    },
  });
}

/** A bulk create: each item through the single create mutation's own pipeline. */
export function addBulkCreateMutation<Input, T extends { id: number }>(
  name: string,
  create: CreateMutation<Input, T>,
  typename: string,
  description: string,
): void {
  addBulkMutation<Input>({
    name,
    description,
    endpoints: [create.endpoint],
    input: create.input,
    noun: create.noun,
    check: create.check,
    backgroundCalls: (inputs) => inputs.reduce((sum, input) => sum + createCalls(create, input), 0),
    write: async (ctx, input, key) => {
      const { record, replayed } = await createRecord(ctx, create, input, key);
      return { record, typename, replayed, change: 'CREATED' };
    },
  });
}
