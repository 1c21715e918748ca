import type { EnumRef, ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { IdBatchedResource } from '../../datasources/loaders/request-loaders.js';
import { builder, type BuilderTypes } from '../builder.js';
import { ChangeOperationEnum, type ChangeFeed } from '../changes/change-feeds.js';
import { byIdEdge, endpoints, PENNYLANE_ID_DESCRIPTION } from '../shared/resource-fields.js';
import { changeEvents, liveClientOf, type LiveEvent } from './live-events.js';
import { parseLiveFilter, type LiveFilterField } from './live-filter.js';

/**
 * Subscriptions on Pennylane's changes (server-sent events): one root field per changelog,
 * fed by the change hub (src/live). Each event names the operation and the record as it is
 * now, read with the request loaders for all the events of one poll together.
 */

export const ChangeSourceEnum = builder.enumType('ChangeSource', {
  description: 'How the gateway learnt of a change.',
  values: {
    CHANGELOG: { value: 'changelog', description: "Pennylane's changelog, read every poll interval (PENNYLANE_CHANGE_POLL_SECONDS)." },
    WEBHOOK: { value: 'webhook', description: 'A webhook Pennylane sent the gateway.' },
    WRITE: { value: 'write', description: 'A write made through this gateway.' },
  },
});

/** Like a changelog query's feed (changes/change-feeds.ts); `field` is the subscription field, e.g. `customerInvoiceChanged`. */
export interface LiveFeed<T> extends Omit<ChangeFeed<T>, 'load' | 'resource'> {
  readonly resource: IdBatchedResource;
  /** Typenames whose global ids `pennylaneIds` accepts (default: the record type's name). */
  readonly typenames?: readonly string[];
  /** Filters on the record beyond operations and ids. */
  readonly filters?: readonly LiveFilterField<T>[];
}

export function defineLiveFeed<T extends { readonly id: number }>(feed: LiveFeed<T>): void {
  const EventRef = builder.objectRef<LiveEvent<T>>(feed.typeName).implement({
    description: `A change of ${feed.recordDescription}, as a subscription receives it.`,
    fields: (t) => ({
      operation: t.field({
        type: ChangeOperationEnum,
        description: 'What happened: INSERT, UPDATE or DELETE.',
        resolve: (e) => e.change.operation.toLowerCase() as 'insert' | 'update' | 'delete',
      }),
      cursor: t.string({
        description: 'This event\'s position: subscribe again with `after:` set to the last cursor received to get every event since, once.',
        resolve: (e) => e.change.cursor,
      }),
      pennylaneId: t.string({ description: `Id of the changed record (the only data of a deletion). ${PENNYLANE_ID_DESCRIPTION}`, resolve: (e) => e.change.pennylaneId }),
      source: t.field({ type: ChangeSourceEnum, description: 'How the gateway learnt of the change.', resolve: (e) => e.change.source }),
      processedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: "When Pennylane recorded the change in its changelog (null for changes from webhooks).",
        resolve: (e) => (e.change.source === 'changelog' ? (e.change.upstreamCursor ?? null) : null),
      }),
      [feed.recordField]: t.field({
        ...byIdEdge(feed.resource),
        type: feed.recordType as ObjectRef<BuilderTypes, T>,
        nullable: true,
        description: 'The record as it is now (null after a deletion). The records of all the events of one poll are read together: one `id in` call per 100.',
        // Pothos cannot compute its resolver result type for a generic T.
        resolve: (e) => e.record as never,
      }),
    }),
  });

  const FilterRef = builder.inputType(`${feed.typeName}Filter`, {
    description: `Which changes of ${feed.recordDescription} to receive; every field given must match (on the record as it is now; deletions are matched on operations and ids only).`,
    fields: (t) => ({
      operations: t.field({ type: [ChangeOperationEnum], required: false, description: 'Only these operations.' }),
      pennylaneIds: t.idList({ required: false, description: 'Only these records (at most 100 ids, Pennylane ids).' }),
      ...Object.fromEntries(
        (feed.filters ?? []).map((filter) => [
          filter.name,
          filter.kind === 'boolean'
            ? t.boolean({ required: false, description: filter.description })
            : filter.kind === 'ids'
              ? t.idList({ required: false, description: filter.description })
              : t.field({ type: [filter.enumRef as EnumRef<BuilderTypes, string, string>], required: false, description: filter.description }),
        ]),
      ),
    }),
  });

  builder.subscriptionField(feed.field, (t) =>
    t.field({
      type: EventRef,
      ...endpoints(`GET /changelogs/${feed.feed}`, `GET /${feed.resource}`),
      description: `Every change of ${feed.recordDescription} from now on (or after \`after\`), within one poll interval. One changelog read per interval serves every subscriber of the token; events report polling's cost in \`extensions.polling\`.`,
      args: {
        filter: t.arg({ type: FilterRef, required: false, description: 'Only the changes that match.' }),
        after: t.arg.string({
          required: false,
          description: 'Resume after this event cursor (from an earlier event). Refused with CURSOR_EXPIRED when older than the events kept, CURSOR_UNKNOWN when not one of ours.',
        }),
      },
      subscribe: async (_root, args, ctx: GatewayContext) => {
        const filter = parseLiveFilter((args.filter ?? null) as Record<string, unknown> | null, feed.filters ?? [], feed.typenames ?? [feed.recordType.name]);
        const batches = await ctx.live.open(ctx.tenant, liveClientOf(ctx), feed.feed, args.after ?? undefined);
        return changeEvents<T>(ctx, batches, feed.resource, filter);
      },
      resolve: (event) => event,
    }),
  );
}
