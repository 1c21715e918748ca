/** Analytics (API.md §4.5): categories, category groups, and the attached-category form of every `…/categories` sub-collection. */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import type { CategoryGroupRecord, CategoryRecord } from '../records-accounting.js';
import type { CategoryWeight } from '../records.js';
import type { CompanyStore } from '../store.js';
import { getRoute, link, listRoute, pageOf, subListRoute, idParam } from './helpers.js';
import { notFound } from '../errors.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeCategory(c: CategoryRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: c.id,
    label: c.label,
    direction: c.direction,
    category_group: { id: c.group_id },
    analytical_code: c.analytical_code,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

export function serializeCategoryGroup(g: CategoryGroupRecord, ctx: SerializeContext): Record<string, unknown> {
  return { id: g.id, label: g.label, categories: link(ctx, `/category_groups/${g.id}/categories`), created_at: g.created_at, updated_at: g.updated_at };
}

/** A category as attached to a record, with its weight. */
export interface AttachedCategory {
  readonly id: number;
  readonly weight: string;
  readonly category: CategoryRecord;
}

export function attached(company: CompanyStore, weights: readonly CategoryWeight[]): AttachedCategory[] {
  const out: AttachedCategory[] = [];
  for (const w of weights) {
    const category = company.tables.categories.get(w.category_id);
    if (category) out.push({ id: category.id, weight: w.weight, category });
  }
  return out;
}

export function serializeAttached(a: AttachedCategory, _ctx: SerializeContext): Record<string, unknown> {
  const c = a.category;
  return {
    id: c.id,
    label: c.label,
    weight: a.weight,
    category_group: { id: c.group_id },
    analytical_code: c.analytical_code,
    direction: c.direction,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

/** Inline form (transaction.categories): ascending id. */
export function inlineCategories(ctx: SerializeContext, weights: readonly CategoryWeight[]): Record<string, unknown>[] {
  return attached(ctx.company, weights)
    .sort((a, b) => a.id - b.id)
    .map((a) => serializeAttached(a, ctx));
}

const attachedList: ListSpec<AttachedCategory> = {};

/** `GET /{parent}/{id}/categories`: the parent's weighted categories (no filters, sort id). */
export function categoriesRoute<P extends { id: number }>(
  path: string,
  scope: RouteSpec['scope'],
  find: (company: CompanyStore, id: number) => P | undefined,
  weights: (parent: P) => readonly CategoryWeight[],
): RouteSpec {
  return {
    method: 'GET',
    path,
    scope,
    handler: (ctx) => {
      const parent = find(ctx.company, idParam(ctx));
      if (!parent) throw notFound();
      return pageOf(ctx, attached(ctx.company, weights(parent)), attachedList, serializeAttached);
    },
  };
}

const filters: FilterSpec<CategoryRecord> = {
  id: { type: 'id', operators: ALL, get: (c) => c.id },
  category_group_id: { type: 'id', operators: ALL, get: (c) => c.group_id },
  label: { type: 'string', operators: ['start_with', 'eq', 'in'], get: (c) => c.label },
  analytical_code: { type: 'string', operators: ['eq', 'not_eq', 'in', 'not_in'], get: (c) => c.analytical_code },
};

export const categoriesList: ListSpec<CategoryRecord> = { filters };
const groupsList: ListSpec<CategoryGroupRecord> = {};
const groupCategoriesList: ListSpec<CategoryRecord> = {};

export const categoryResource: ResourceDef<CategoryRecord> = {
  name: 'categories',
  rows: (c) => c.tables.categories.all(),
  serialize: serializeCategory,
};

export const categoryGroupResource: ResourceDef<CategoryGroupRecord> = {
  name: 'category_groups',
  rows: (c) => c.tables.category_groups.all(),
  serialize: serializeCategoryGroup,
};

const scope = 'categories';
const findGroup = (c: CompanyStore, id: number) => c.tables.category_groups.get(id);

export const categoryRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/categories', scope, rows: categoryResource.rows, list: categoriesList, serialize: serializeCategory }),
  getRoute({ path: '/categories/{id}', scope, find: (c, id) => c.tables.categories.get(id), serialize: serializeCategory }),
  listRoute({ path: '/category_groups', scope, rows: categoryGroupResource.rows, list: groupsList, serialize: serializeCategoryGroup }),
  getRoute({ path: '/category_groups/{id}', scope, find: findGroup, serialize: serializeCategoryGroup }),
  subListRoute({
    path: '/category_groups/{id}/categories', scope, parent: findGroup,
    rows: (c, g) => c.tables.categories.byGroup(g.id), list: groupCategoriesList, serialize: serializeCategory,
  }),
];
