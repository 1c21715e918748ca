import type { ArgBuilder, EnumRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { FilterCondition, ListParams, Page } from '../../datasources/pennylane/common.js';
import type { IdBatchedResource } from '../../datasources/loaders/request-loaders.js';
import { builder, type BuilderTypes } from '../builder.js';
import { resolvePennylaneConnection, type ConnectionArgs } from './connection.js';
import type { FilterInput, ListFilter } from './filters.js';
import { parseEntityId } from './ids.js';

/**
 * What every Pennylane resource shares: its raw id and timestamps, a batched lookup by id,
 * and connections over its list with the list's typed filter and sort.
 */

type Ref<T> = ObjectRef<BuilderTypes, T> | InterfaceRef<BuilderTypes, T>;
type ObjectFields<T> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>;

export const PENNYLANE_ID_DESCRIPTION =
  'The Pennylane id of this record, as a string (Pennylane ids exceed 32 bits). Every id argument accepts it as well as `id`.';

export function pennylaneIdField<T extends { readonly id: number }>(t: ObjectFields<T>) {
  return t.string({ description: PENNYLANE_ID_DESCRIPTION, resolve: (record) => String(record.id) });
}

export function timestampFields<T extends { readonly created_at: string; readonly updated_at: string }>(t: ObjectFields<T>) {
  return {
    createdAt: t.field({ type: 'DateTime', description: 'When the record was created in Pennylane.', resolve: (r) => r.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the record last changed in Pennylane.', resolve: (r) => r.updated_at }),
  };
}

/** `customer(id:)`-style lookup: global or raw id, batched into `id in` calls, null if absent. */
export function addLookupField<T extends { readonly id: number }>(
  name: string,
  options: { type: Ref<T>; typenames: readonly string[]; resource: IdBatchedResource; description: string },
): void {
  builder.queryField(name, (t) =>
    t.field({
      type: options.type as ObjectRef<BuilderTypes, T>,
      nullable: true,
      description: `${options.description} Null if there is none. Lookups in one request are batched into \`id in\` calls of up to 100.`,
      args: { id: t.arg.id({ required: true, description: 'Global id (`id`) or Pennylane id (`pennylaneId`).' }) },
      // Pothos cannot compute its resolver result type for a generic T; the loader returns T | null.
      resolve: (_root, args, ctx) =>
        ctx.loaders.byId<T>(options.resource).load(parseEntityId(String(args.id), options.typenames, 'id')) as never,
    }),
  );
}

/** The `filter` and `sort` arguments of a list connection. */
export function listArgs(arg: ArgBuilder<BuilderTypes>, filter: ListFilter, sort: EnumRef<BuilderTypes, string, string>) {
  return {
    filter: arg({ type: filter.ref, required: false, description: 'Conditions, AND-combined, re-sent with every page.' }),
    sort: arg({ type: sort, required: false, description: 'Order; default ID_DESC (newest first).' }),
  };
}

export interface ListResolverOptions<Parent, T> {
  readonly filter: ListFilter;
  /** API path of the list, e.g. `/customer_invoices`. */
  readonly path: string;
  readonly fetch: (ctx: GatewayContext, params: ListParams) => Promise<Page<T>>;
  /** Conditions a parent adds to every page, e.g. `customer_id eq <parent id>`. */
  readonly scope?: (parent: Parent) => readonly FilterCondition[];
}

/** Resolves a connection over a Pennylane list: parent scope + typed filter + sort, every page. */
export function listResolver<Parent, T>(options: ListResolverOptions<Parent, T>) {
  return (
    parent: Parent,
    args: ConnectionArgs & { filter?: FilterInput | null; sort?: string | null },
    ctx: GatewayContext,
  ) => {
    const filter = [...(options.scope?.(parent) ?? []), ...options.filter.toConditions(args.filter)];
    return resolvePennylaneConnection(args, { list: options.path, filter, sort: args.sort ?? undefined }, (params) =>
      options.fetch(ctx, params),
    );
  };
}
