import type { ArgBuilder, EnumRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import { MAX_PAGE_SIZE, type FilterCondition } from '../../datasources/pennylane/common.js';
import type { IdBatchedResource } from '../../datasources/loaders/request-loaders.js';
import type { SingleGetResource } from '../../datasources/pennylane/resources.js';
import { builder, type BuilderTypes } from '../builder.js';
import { costExtension } from '../cost/cost-kinds.js';
import { connectionFromFirstRows, resolvePennylaneConnection, validFirst, type Connection, type ConnectionArgs } from './connection.js';
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
  options: { type: Ref<T>; typenames: readonly string[]; resource: IdBatchedResource; description: string; endpoints: string[] },
): void {
  builder.queryField(name, (t) =>
    t.field({
      extensions: { ...endpoints(...options.endpoints).extensions, ...costExtension('byId', options.resource) },
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

export interface ListResolverOptions<Parent> {
  readonly filter: ListFilter;
  /** API path of the list, e.g. `/customer_invoices`. */
  readonly path: string;
  /** Resource name for TTLs and priming, e.g. `customer_invoices`. */
  readonly resource: string;
  /** Conditions a parent adds to every page, e.g. `customer_id eq <parent id>`. */
  readonly scope?: (parent: Parent) => readonly FilterCondition[];
  /** Largest page of this list (100; 1000 on ledger accounts, trial balance, changelogs). */
  readonly maxPageSize?: number;
}

type ListArgs = ConnectionArgs & { filter?: FilterInput | null; sort?: string | null };

/** Resolves a connection over a Pennylane list: parent scope + typed filter + sort, every page. */
export function listResolver<Parent, T extends { id: number }>(options: ListResolverOptions<Parent>) {
  return (parent: Parent, args: ListArgs, ctx: GatewayContext): Promise<Connection<T>> => {
    const filter = [...(options.scope?.(parent) ?? []), ...options.filter.toConditions(args.filter)];
    const request = { list: options.path, filter, sort: args.sort ?? undefined, maxPageSize: options.maxPageSize };
    return resolvePennylaneConnection(args, request, (params) =>
      ctx.pennylane.list<T>(options.path, params, { resource: options.resource }),
    );
  };
}

export interface ChildListOptions<Parent, T> {
  readonly filter: ListFilter;
  readonly path: string;
  readonly resource: string;
  /** Pennylane's filter field naming the parent, e.g. `customer_id`; it must accept `in`. */
  readonly parentField: string;
  readonly parentId: (parent: Parent) => number;
  /** The parent id carried by a child row, e.g. `invoice.customer.id`. */
  readonly parentOf: (row: T) => number | null | undefined;
}

/**
 * A parent's children through a parent filter. First pages of many parents are batched
 * into one `parent_field in [...]` call (see children-loader.ts); later pages, and parents
 * that one batch could not fill, use the parent's own `parent_field eq` list.
 */
export function childListResolver<Parent, T extends { id: number }>(options: ChildListOptions<Parent, T>) {
  return async (parent: Parent, args: ListArgs, ctx: GatewayContext): Promise<Connection<T>> => {
    const userFilter = options.filter.toConditions(args.filter);
    const sort = args.sort ?? undefined;
    const parentId = options.parentId(parent);
    const request = { list: options.path, filter: [{ field: options.parentField, operator: 'eq' as const, value: parentId }, ...userFilter], sort };
    if (!args.after) {
      const first = validFirst(args);
      if (first < MAX_PAGE_SIZE) {
        const children = await ctx.loaders
          .children<T>({
            path: options.path,
            resource: options.resource,
            parentField: options.parentField,
            parentOf: options.parentOf as (row: { id: number }) => number | null | undefined,
            filter: userFilter,
            sort,
            first,
          })
          .load(String(parentId));
        if (children.complete) return connectionFromFirstRows(children.rows, children.hasMore, request);
      }
    }
    return resolvePennylaneConnection(args, request, (params) =>
      ctx.pennylane.list<T>(options.path, params, { resource: options.resource }),
    );
  };
}

/**
 * A `{url}` sub-collection (invoice lines, payments...): Pennylane offers nothing but one
 * call per parent (and page), so that is what it costs; field descriptions say so.
 */
export function subCollectionResolver<Parent, T>(options: {
  readonly path: (parent: Parent) => string;
  readonly resource: string;
  readonly sort?: string;
  readonly maxPageSize?: number;
}) {
  return (parent: Parent, args: ConnectionArgs, ctx: GatewayContext): Promise<Connection<T>> => {
    const path = options.path(parent);
    return resolvePennylaneConnection(args, { list: path, sort: options.sort, maxPageSize: options.maxPageSize }, (params) =>
      ctx.pennylane.list<T & { id: number }>(path, params, { resource: options.resource, primeEntities: false }),
    );
  };
}

/** Field extension naming the Pennylane endpoints a field stands for (COVERAGE.md is built from it). */
export function endpoints(...list: string[]): { extensions: { pennylaneEndpoints: string[] } } {
  return { extensions: { pennylaneEndpoints: list } };
}

/**
 * `commercialDocument(id:)`-style lookup for resources without an `id` filter
 * (`SINGLE_GETS`): one `GET /{resource}/{id}` per id, in parallel, null on 404.
 */
export function addSingleLookupField<T extends { readonly id: number }>(
  name: string,
  options: { type: ObjectRef<BuilderTypes, T>; typenames: readonly string[]; resource: SingleGetResource; description: string; endpoints: string[] },
): void {
  builder.queryField(name, (t) =>
    t.field({
      extensions: { ...endpoints(...options.endpoints).extensions, ...costExtension('single', options.resource) },
      type: options.type,
      nullable: true,
      description: `${options.description} Null if there is none. Pennylane has no id filter here: one call per id looked up.`,
      args: { id: t.arg.id({ required: true, description: 'Global id (`id`) or Pennylane id (`pennylaneId`).' }) },
      // Pothos cannot compute its resolver result type for a generic T; the loader returns T | null.
      resolve: (_root, args, ctx) =>
        ctx.loaders.single<T>(options.resource).load(parseEntityId(String(args.id), options.typenames, 'id')) as never,
    }),
  );
}

/**
 * An edge that loads one record by id through the request loaders: tagged with the list
 * endpoint that serves it and costed as a batched lookup (one call per 100 distinct ids).
 */
export function byIdEdge(resource: string, path = `/${resource}`): { extensions: Record<string, unknown> } {
  return { extensions: { ...endpoints(`GET ${path}`).extensions, ...costExtension('byId', resource) } };
}

/** A field that stands for an endpoint but is served from data already at hand: no call. */
export function servedInline(endpoint: string): { extensions: Record<string, unknown> } {
  return { extensions: { ...endpoints(endpoint).extensions, ...costExtension('none') } };
}
