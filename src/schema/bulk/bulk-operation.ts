import { brandWithType } from '@pothos/core';
import type { BulkItem, BulkOperationView } from '../../jobs/bulk-jobs.js';
import { builder } from '../builder.js';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { userInputError } from '../shared/errors.js';
import { MUTATION_ERRORS, UpstreamFailure } from '../shared/mutation-errors.js';

/**
 * Bulk operations as the graph sees them: `bulkOperation(id)` for status, counts and
 * per-item results in input order, and the `bulkOperation` subscription (server-sent
 * events) for progress as it happens. With Redis, any replica answers for any operation.
 */

const BulkStatusEnum = builder.enumType('BulkOperationStatus', {
  description: 'Where a bulk operation stands.',
  values: {
    RUNNING: { value: 'RUNNING', description: 'Items are still being written.' },
    COMPLETED: { value: 'COMPLETED', description: 'Every item succeeded.' },
    COMPLETED_WITH_ERRORS: { value: 'COMPLETED_WITH_ERRORS', description: 'Every item was processed; some failed (see items).' },
  },
});

const BulkItemStateEnum = builder.enumType('BulkItemState', {
  description: 'Where one item of a bulk operation stands.',
  values: {
    PENDING: { value: 'PENDING', description: 'Not processed yet.' },
    SUCCEEDED: { value: 'SUCCEEDED', description: 'Done: written, found already written with this idempotency key, or already holding its values (see the outcome\'s `change`).' },
    FAILED: { value: 'FAILED', description: 'Not written; `outcome` says why. The other items are not affected.' },
  },
});

const RecordChangeEnum = builder.enumType('RecordChange', {
  description: 'What a succeeded bulk item did to its record.',
  values: {
    CREATED: { value: 'CREATED', description: 'The record did not exist: the item created it.' },
    UPDATED: {
      value: 'UPDATED',
      description: 'The record existed (or an earlier item of the operation created it) and the item changed it.',
    },
    UNCHANGED: {
      value: 'UNCHANGED',
      description: 'The record already held every value the item gives: nothing was written, no call was spent on it.',
    },
  },
});

/** A succeeded item: the record it wrote (or found already written under its key). */
const BulkItemSuccessRef = builder.objectRef<BulkItem>('BulkItemSuccess').implement({
  description: 'An item that was written.',
  fields: (t) => ({
    record: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The record written (use a fragment on its type).',
      resolve: (item) => {
        const record = { ...item.record };
        brandWithType(record, item.typename as never);
        return record as never;
      },
    }),
    replayed: t.exposeBoolean('replayed', {
      description: 'True when the record had already been written under this idempotency key: nothing was written again.',
    }),
    change: t.field({
      type: RecordChangeEnum,
      description:
        'Created, updated or unchanged. Items of one operation naming the same record apply in input order: the first creates or updates it, each later one updates what the previous left (the last one wins).',
      resolve: (item) => item.change ?? 'CREATED',
    }),
  }),
});

const BulkItemRef = builder.objectRef<BulkItem>('BulkItem').implement({
  description: 'One item of a bulk operation, in input order.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the item in the input list (from 0).' }),
    state: t.field({ type: BulkItemStateEnum, description: 'Where it stands.', resolve: (item) => item.state }),
    outcome: t.field({
      type: BulkItemSuccessRef,
      nullable: true,
      description: 'The written record, or why the item failed (the same typed errors as the single mutation); null while PENDING.',
      errors: {
        types: [...MUTATION_ERRORS, UpstreamFailure],
        directResult: true,
        union: { name: 'BulkItemOutcome', description: 'What happened to one item of a bulk operation.' },
      },
      resolve: (item) => {
        if (item.error) throw item.error;
        return item.state === 'SUCCEEDED' ? item : null;
      },
    }),
  }),
});

const BulkItemConnection = builder.connectionObject(
  { type: BulkItemRef, name: 'BulkItemConnection', description: 'A page of bulk operation items.' },
  { name: 'BulkItemEdge', description: 'One item of a bulk operation.' },
);

export const BulkOperationRef = builder.objectRef<BulkOperationView>('BulkOperation').implement({
  description: 'Up to 1,000 writes started by one mutation and run in the background at bulk priority.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Id to poll with `bulkOperation(id:)` or to follow with the subscription.' }),
    kind: t.exposeString('kind', { description: 'The mutation that started it, e.g. createCustomerInvoices.' }),
    status: t.field({ type: BulkStatusEnum, description: 'Where it stands.', resolve: (op) => op.status }),
    total: t.exposeInt('total', { description: 'Items submitted.' }),
    processed: t.exposeInt('processed', { description: 'Items processed so far.' }),
    succeeded: t.exposeInt('succeeded', { description: 'Items written.' }),
    failed: t.exposeInt('failed', { description: 'Items that failed.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it started.', resolve: (op) => op.createdAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the last item was processed.', resolve: (op) => op.finishedAt }),
    items: t.connection(
      {
        type: BulkItemRef,
        description: 'Per-item results in input order, up to 1,000 per page (`first`, default 100).',
        args: { state: t.arg({ type: BulkItemStateEnum, required: false, description: 'Only items in this state.' }) },
        resolve: async (op, args) => {
          const items = await op.items();
          return resolveArrayConnection({ args, defaultSize: 100, maxSize: 1_000 }, args.state ? items.filter((i) => i.state === args.state) : [...items]);
        },
      },
      BulkItemConnection,
    ),
  }),
});

builder.queryField('bulkOperation', (t) =>
  t.field({
    type: BulkOperationRef,
    nullable: true,
    description: 'A bulk operation started with this token (kept a day after its last change by default); null if unknown.',
    args: { id: t.arg.id({ required: false, description: 'The operation id returned by the bulk mutation; omitted, the latest operation started with this token.' }) },
    resolve: (_root, args, ctx) => {
      // A bulk operation moves on its own, with no invalidation event: never a cached answer.
      ctx.reads.uncacheable('bulk operations');
      return args.id ? ctx.bulk.get(ctx.tenant, String(args.id)) : ctx.bulk.latest(ctx.tenant);
    },
  }),
);

builder.subscriptionType({ description: 'Follow long work as it happens (server-sent events).' });

builder.subscriptionField('bulkOperation', (t) =>
  t.field({
    type: BulkOperationRef,
    description: 'The operation after each item it processes, until it finishes (then the stream ends).',
    args: { id: t.arg.id({ required: false, description: 'The operation id returned by the bulk mutation; omitted, the latest operation started with this token.' }) },
    subscribe: async (_root, args, ctx) => {
      const operation = args.id ? await ctx.bulk.get(ctx.tenant, String(args.id)) : await ctx.bulk.latest(ctx.tenant);
      if (!operation) {
        throw userInputError(args.id ? `No bulk operation "${args.id}" for this token.` : 'No bulk operation was started with this token yet.');
      }
      return ctx.bulk.follow(ctx.tenant, operation.id);
    },
    resolve: (operation) => operation,
  }),
);
