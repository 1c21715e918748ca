import type { InterfaceRef, ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { PennylaneChangeEvent } from '../../datasources/pennylane/core.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import { builder, type BuilderTypes } from '../builder.js';
import { resolvePennylaneConnection } from '../shared/connection.js';
import { userInputError } from '../shared/errors.js';
import { byIdEdge, endpoints, PENNYLANE_ID_DESCRIPTION } from '../shared/resource-fields.js';

/**
 * Pennylane's changelogs (API.md §4.6): which records were inserted, updated or deleted,
 * oldest first, kept 4 weeks. Events carry ids only; each event type here also resolves the
 * record itself, batched by id, so "what changed since" costs one feed page plus one `id in`
 * call per 100 changed records.
 */

/** Pennylane keeps change events for 28 days; older `start_date`s answer 422. */
export const CHANGELOG_RETENTION_MS = 28 * 24 * 60 * 60 * 1_000;
const CHANGELOG_PAGE_MAX = 1_000;

export const ChangeOperationEnum = builder.enumType('ChangeOperation', {
  description: 'What happened to a record.',
  values: {
    INSERT: { value: 'insert', description: 'The record was created.' },
    UPDATE: { value: 'update', description: 'The record changed.' },
    DELETE: { value: 'delete', description: 'The record was deleted (the record field is then null).' },
  },
});

export const ChangeEventRef = builder.interfaceRef<PennylaneChangeEvent>('ChangeEvent').implement({
  description: 'One entry of a Pennylane changelog.',
  fields: (t) => ({
    pennylaneId: t.string({ description: `Id of the changed record. ${PENNYLANE_ID_DESCRIPTION}`, resolve: (e) => String(e.id) }),
    operation: t.field({ type: ChangeOperationEnum, description: 'What happened.', resolve: (e) => e.operation }),
    processedAt: t.field({
      type: 'DateTime',
      description: 'When Pennylane recorded the change in the changelog (the feed is ordered by it).',
      resolve: (e) => e.processed_at,
    }),
    updatedAt: t.field({ type: 'DateTime', description: 'The record\'s own update time (may move after restores).', resolve: (e) => e.updated_at }),
    createdAt: t.field({ type: 'DateTime', description: 'The record\'s creation time.', resolve: (e) => e.created_at }),
  }),
});

export interface ChangeFeed<T> {
  /** Pennylane's feed name: `/changelogs/{feed}`. */
  readonly feed: string;
  /** Root field, e.g. `customerInvoiceChanges`. */
  readonly field: string;
  /** Event type name, e.g. `CustomerInvoiceChange`. */
  readonly typeName: string;
  /** Name of the field holding the changed record, e.g. `customerInvoice`. */
  readonly recordField: string;
  readonly recordType: ObjectRef<BuilderTypes, T> | InterfaceRef<BuilderTypes, T>;
  readonly recordDescription: string;
  readonly load: (ctx: GatewayContext, id: string) => Promise<T | null>;
  /** The resource the records are looked up in (batched by id). */
  readonly resource: string;
}

export function defineChangeFeed<T>(feed: ChangeFeed<T>): void {
  const EventRef = builder.objectRef<PennylaneChangeEvent>(feed.typeName).implement({
    description: `A change of ${feed.recordDescription} (\`/changelogs/${feed.feed}\`).`,
    interfaces: [ChangeEventRef],
    fields: (t) => ({
      [feed.recordField]: t.field({
        ...byIdEdge(feed.resource),
        type: feed.recordType as ObjectRef<BuilderTypes, T>,
        nullable: true,
        description: 'The record that changed, as it is now (null once deleted). Batched by id across events.',
        // Pothos cannot compute its resolver result type for a generic T; load returns T | null.
        resolve: (event, _args, ctx) => (event.operation === 'delete' ? null : feed.load(ctx, String(event.id))) as never,
      }),
    }),
  });
  const Connection = builder.connectionObject(
    { type: EventRef, name: `${feed.typeName}Connection`, description: `A page of changes of ${feed.recordDescription}.` },
    { name: `${feed.typeName}Edge`, description: `One change of ${feed.recordDescription}.` },
  );
  builder.queryField(feed.field, (t) =>
    t.connection(
      {
        type: EventRef,
        ...endpoints(`GET /changelogs/${feed.feed}`),
        description: `Changes of ${feed.recordDescription}, oldest first, from Pennylane's changelog (kept 4 weeks). Up to 1000 per page; never cached.`,
        args: {
          since: t.arg({
            type: 'DateTime',
            required: false,
            description: 'Only changes processed at or after this time (at most 4 weeks ago). Omit for the oldest retained. Send the same value with every page.',
          }),
        },
        resolve: (_root, args, ctx) => {
          const since = args.since ?? undefined;
          if (since !== undefined) checkRetention(since);
          const path = `/changelogs/${feed.feed}`;
          // Pennylane refuses start_date together with a cursor: it goes with the first page only.
          const request = { list: path, maxPageSize: CHANGELOG_PAGE_MAX, firstPageOnly: since ? { start_date: since } : undefined };
          return resolvePennylaneConnection(args, request, async (params) => {
            try {
              return await ctx.pennylane.list<PennylaneChangeEvent>(path, params, { resource: 'changelogs', primeEntities: false });
            } catch (error) {
              if (error instanceof UpstreamHttpError && error.status === 422) {
                throw userInputError(`Pennylane refused \`since\`: ${error.detail.message}`, { field: 'since' });
              }
              throw error;
            }
          });
        },
      },
      Connection,
    ),
  );
}

function checkRetention(since: string): void {
  const oldest = Date.now() - CHANGELOG_RETENTION_MS;
  if (Date.parse(since) < oldest) {
    throw userInputError(
      `Pennylane keeps change events for 4 weeks: \`since\` must be after ${new Date(oldest).toISOString()}. For older history, read the records themselves.`,
      { field: 'since' },
    );
  }
}
