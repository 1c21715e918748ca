import type { EnumRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { FilterCondition } from '../../datasources/pennylane/common.js';
import { builder, type BuilderTypes } from '../builder.js';
import type { ListFilter } from './filters.js';
import { costExtension } from '../cost/cost-kinds.js';
import { childListResolver, endpoints, listArgs, listResolver } from './resource-fields.js';

/**
 * A Pennylane list, declared once per resource, from which every connection field over it
 * is made: the root list, children of a parent through a parent filter, and lists scoped by
 * a condition. Each field gets the list's typed `filter` and `sort` and its endpoint tag.
 */

type Ref<T> = ObjectRef<BuilderTypes, T> | InterfaceRef<BuilderTypes, T>;

export interface ResourceList<T> {
  readonly type: Ref<T>;
  /** The list's connection type, from `builder.connectionObject`. */
  readonly connection: ObjectRef<BuilderTypes, unknown>;
  readonly filter: ListFilter;
  readonly sort: EnumRef<BuilderTypes, string, string>;
  /** API path, e.g. `/customer_invoices`. */
  readonly path: string;
  /** Resource name for TTLs and priming, e.g. `customer_invoices`. */
  readonly resource: string;
  /** Largest page (100; 1000 on ledger accounts). */
  readonly maxPageSize?: number;
}

/** The root connection over the whole list (`Query.customerInvoices`). */
export function addRootListField<T extends { id: number }>(list: ResourceList<T>, name: string, description: string): void {
  builder.queryField(name, (t) =>
    t.connection(
      {
        type: list.type as ObjectRef<BuilderTypes, T>,
        ...withCost(endpoints(`GET ${list.path}`), 'list', list),
        description,
        args: listArgs(t.arg, list.filter, list.sort),
        resolve: listResolver<unknown, T>({ ...list, maxPageSize: list.maxPageSize }) as never,
      },
      list.connection as never,
    ),
  );
}

export interface ChildListField<Parent, T> {
  readonly description: string;
  /** Pennylane's filter field naming the parent; it must accept `in`. */
  readonly parentField: string;
  readonly parentId: (parent: Parent) => number;
  /** The parent id carried by a child row. */
  readonly parentOf: (row: T) => number | null | undefined;
  /** Further endpoints the field stands for, tagged after the list's own (`GET /category_groups/{id}/categories`). */
  readonly endpoints?: readonly string[];
}

/** A parent's children (`Customer.invoices`): first pages of many parents share one call. */
export function addChildListField<Parent, T extends { id: number }>(
  list: ResourceList<T>,
  parent: Ref<Parent>,
  name: string,
  options: ChildListField<Parent, T>,
): void {
  addParentField(parent, name, (t) =>
    t.connection(
      {
        type: list.type as ObjectRef<BuilderTypes, T>,
        ...withCost(endpoints(`GET ${list.path}`, ...(options.endpoints ?? [])), 'children', list),
        description: options.description,
        args: listArgs(t.arg, list.filter, list.sort),
        resolve: childListResolver<Parent, T>({ ...list, ...options }) as never,
      },
      list.connection as never,
    ),
  );
}

/** A list narrowed by the parent with a condition its rows do not carry (`Category.customerInvoices`). */
export function addScopedListField<Parent, T extends { id: number }>(
  list: ResourceList<T>,
  parent: Ref<Parent>,
  name: string,
  options: { readonly description: string; readonly scope: (parent: Parent) => readonly FilterCondition[] },
): void {
  addParentField(parent, name, (t) =>
    t.connection(
      {
        type: list.type as ObjectRef<BuilderTypes, T>,
        ...withCost(endpoints(`GET ${list.path}`), 'scoped', list),
        description: options.description,
        args: listArgs(t.arg, list.filter, list.sort),
        resolve: listResolver<Parent, T>({ ...list, scope: options.scope }) as never,
      },
      list.connection as never,
    ),
  );
}

type ParentFieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Parent>;

// Object and interface parents take fields through different builder calls; the field
// built is the same, so the interface case reuses the object field builder's shape.
function addParentField<Parent>(parent: Ref<Parent>, name: string, field: (t: ParentFieldBuilder<Parent>) => unknown): void {
  if ((parent as { kind?: string }).kind === 'Interface') {
    builder.interfaceField(parent as InterfaceRef<BuilderTypes, Parent>, name, field as never);
  } else {
    builder.objectField(parent as ObjectRef<BuilderTypes, Parent>, name, field as never);
  }
}

/** The endpoint tag plus how the field spends calls, for the cost planner. */
function withCost(tag: ReturnType<typeof endpoints>, kind: 'list' | 'children' | 'scoped', list: ResourceList<unknown>) {
  return { extensions: { ...tag.extensions, ...costExtension(kind, list.resource, list.maxPageSize ?? 100) } };
}
