import { renewForBatch, type GatewayContext } from '../../context.js';
import type { IdBatchedResource } from '../../datasources/loaders/request-loaders.js';
import type { ChangeStream, LiveChange } from '../../live/change-hub.js';
import type { PollingCost } from '../../live/live-changes.js';
import type { LiveFilter } from './live-filter.js';

/** One event as the subscription's resolvers see it: the change and its record, already read. */
export interface LiveEvent<T> {
  readonly change: LiveChange;
  readonly record: T | null;
}

/** Polling's cost as of each subscription's latest event, for `extensions.polling`. */
const costs = new WeakMap<GatewayContext, PollingCost>();

/**
 * Who a subscription counts against for PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT: the
 * authenticated client, or, without authentication (every client is `none:anonymous`), the
 * token it acts with, so one anonymous client cannot take every other's places.
 */
export const liveClientOf = (ctx: GatewayContext): string =>
  ctx.principal.kind === 'none' ? `tenant:${ctx.tenant.id}` : `${ctx.principal.kind}:${ctx.principal.name}`;

export const pollingCostOf = (ctx: GatewayContext): PollingCost | undefined => costs.get(ctx);

/**
 * The events of each batch (one poll's changes), filtered on their records: each batch is read
 * as an operation of its own (a fresh deadline, loaders and reads: the subscription may be
 * hours old, and what earlier batches read may have changed since), so one `id in` call per
 * 100 records serves the batch.
 */
export function changeEvents<T extends { readonly id: number }>(
  ctx: GatewayContext,
  batches: ChangeStream,
  resource: IdBatchedResource,
  filter: LiveFilter<T>,
): AsyncIterableIterator<LiveEvent<T>> {
  return eventsOfBatches(batches, (batch) => eventsOf(ctx, batch, resource, filter));
}

/**
 * One event at a time from batches of changes. A plain iterator, so that `return()` (the client
 * went away) ends a waiting `next()` at once; when turning a batch into events fails, the
 * subscription ends and gives its place back (Yoga does not call `return()` after an error).
 */
export function eventsOfBatches<E>(batches: ChangeStream, toEvents: (batch: readonly LiveChange[]) => Promise<readonly E[]> | readonly E[]): AsyncIterableIterator<E> {
  const ready: E[] = [];
  const events: AsyncIterableIterator<E> = {
    next: async () => {
      try {
        while (ready.length === 0) {
          const batch = await batches.next();
          if (batch.done) return { value: undefined, done: true };
          ready.push(...(await toEvents(batch.value)));
        }
      } catch (error) {
        await batches.return?.();
        throw error;
      }
      return { value: ready.shift()!, done: false };
    },
    return: async () => {
      ready.length = 0;
      await batches.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => events,
  };
  return events;
}

async function eventsOf<T extends { readonly id: number }>(
  ctx: GatewayContext,
  batch: readonly LiveChange[],
  resource: IdBatchedResource,
  filter: LiveFilter<T>,
): Promise<LiveEvent<T>[]> {
  const wanted = batch.filter((change) => (!filter.operations || filter.operations.has(change.operation)) && (!filter.ids || filter.ids.has(change.pennylaneId)));
  if (wanted.length === 0) return [];
  renewForBatch(ctx);
  const ids = [...new Set(wanted.filter((change) => change.operation !== 'DELETE').map((change) => change.pennylaneId))];
  const records = new Map<string, T | null>();
  const loaded = await ctx.loaders.byId<T>(resource).loadMany(ids);
  loaded.forEach((record, i) => {
    if (record instanceof Error) throw record;
    records.set(ids[i]!, record);
  });
  costs.set(ctx, await ctx.live.cost(ctx.tenant));
  const events: LiveEvent<T>[] = [];
  for (const change of wanted) {
    const record = change.operation === 'DELETE' ? null : (records.get(change.pennylaneId) ?? null);
    // Deletions have no record to match; a record gone since its change cannot match a record filter.
    if (change.operation !== 'DELETE' && filter.record.length > 0 && (!record || !filter.record.every((test) => test(record)))) continue;
    events.push({ change, record });
  }
  return events;
}
