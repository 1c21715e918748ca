import type { PennylaneCategoryGroup } from '../../datasources/pennylane/categories.js';
import { builder } from '../builder.js';
import { resolvePennylaneConnection } from '../shared/connection.js';
import { parseEntityId } from '../shared/ids.js';
import { endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { CategoryGroupRef, CategoryRef } from './refs.js';

/**
 * Category groups: a small list without filters, read whole once per request (cached), so
 * every `group` edge of a request costs one `GET /category_groups` at most.
 */

builder.node(CategoryGroupRef, {
  description: 'A group of analytical categories (an axis: projects, sites...). Within a group, a record\'s category weights sum to 1.',
  id: { resolve: (group) => String(group.id) },
  loadManyWithoutCache: (ids, ctx) =>
    Promise.all(ids.map((id) => ctx.loaders.fromWholeList<PennylaneCategoryGroup>('category_groups', id))),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { description: 'Name.' }),
    ...timestampFields(t),
  }),
});

const categoryGroupSort = defineListSort('CategoryGroup', 'category groups', ['id']);

export const CategoryGroupConnection = builder.connectionObject(
  { type: CategoryGroupRef, name: 'CategoryGroupConnection', description: 'A page of category groups.' },
  { name: 'CategoryGroupEdge', description: 'One of a page of category groups.' },
);

builder.queryField('categoryGroup', (t) =>
  t.field({
    type: CategoryGroupRef,
    nullable: true,
    ...endpoints('GET /category_groups/{id}', 'GET /category_groups'),
    description:
      'A category group by id, null if there is none. Served from the whole list of groups (one `GET /category_groups` per request at most, cached): Pennylane has no id filter on them.',
    args: { id: t.arg.id({ required: true, description: 'Global id (`id`) or Pennylane id (`pennylaneId`).' }) },
    resolve: (_root, args, ctx) =>
      ctx.loaders.fromWholeList<PennylaneCategoryGroup>('category_groups', parseEntityId(String(args.id), ['CategoryGroup'], 'id')),
  }),
);

builder.queryField('categoryGroups', (t) =>
  t.connection(
    {
      type: CategoryGroupRef,
      ...endpoints('GET /category_groups'),
      description: 'Category groups, newest first by default (`GET /category_groups`; Pennylane offers no filter here): one call per page.',
      args: { sort: t.arg({ type: categoryGroupSort, required: false, description: 'Order; default ID_DESC (newest first).' }) },
      resolve: (_root, args, ctx) =>
        resolvePennylaneConnection(args, { list: '/category_groups', sort: args.sort ?? undefined }, (params) =>
          ctx.pennylane.list<PennylaneCategoryGroup>('/category_groups', params, { resource: 'category_groups' }),
        ),
    },
    CategoryGroupConnection,
  ),
);

builder.objectField(CategoryRef, 'group', (t) =>
  t.field({
    type: CategoryGroupRef,
    nullable: true,
    ...endpoints('GET /category_groups'),
    description: 'The group (axis) of this category. Served from the whole list of groups: one `GET /category_groups` per request at most.',
    resolve: (category, _args, ctx) =>
      category.category_group ? ctx.loaders.fromWholeList<PennylaneCategoryGroup>('category_groups', category.category_group.id) : null,
  }),
);
