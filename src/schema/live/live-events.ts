import type { GatewayContext } from '../../context.js';
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

export const pollingCostOf = (ctx: GatewayContext): PollingCost | undefined => costs.get(ctx);

/**
 * The events of each batch (one poll's changes), filtered on their records: the records of a
 * batch are read together through the request loaders, after forgetting what earlier batches
 * read (it may have changed since), so one `id in` call per 100 records serves the batch.
 * A plain iterator, so that `return()` (the client went away) ends a waiting `next()` at once.
 */
export function changeEvents<T extends { readonly id: number }>(
  ctx: GatewayContext,
  batches: ChangeStream,
  resource: IdBatchedResource,
  filter: LiveFilter<T>,
): AsyncIterableIterator<LiveEvent<T>> {
  const ready: LiveEvent<T>[] = [];
  const events: AsyncIterableIterator<LiveEvent<T>> = {
    next: async () => {
      while (ready.length === 0) {
        const batch = await batches.next();
        if (batch.done) return { value: undefined, done: true };
        ready.push(...(await eventsOf(ctx, batch.value, resource, filter)));
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
  ctx.loaders.forgetAll();
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
