import type { PennylaneCategory, PennylaneCategoryGroup } from '../../datasources/pennylane/categories.js';
import { builder } from '../builder.js';
import { supplierInvoiceList } from '../purchases/supplier-invoice.js';
import { customerInvoiceList } from '../sales/customer-invoice.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addLookupField, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, addScopedListField, type ResourceList } from '../shared/list-fields.js';
import { CategoryGroupRef, CategoryRef } from './refs.js';

/** Analytical categories: id-filtered (batched lookups), children of groups via `category_group_id in`. */

export const CategoryDirection = defineOpenEnum('CategoryDirection', 'Which cash flows a category applies to.', {
  CASH_IN: { value: 'cash_in', description: 'Money in (revenue).' },
  CASH_OUT: { value: 'cash_out', description: 'Money out (expenses).' },
});

builder.node(CategoryRef, {
  description: 'An analytical category (e.g. a project, a site, a cost centre), in a category group.',
  id: { resolve: (category) => String(category.id) },
  loadManyWithoutCache: async (ids, ctx) => nodesOrRejections(await ctx.loaders.byId<PennylaneCategory>('categories').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { description: 'Name.' }),
    direction: t.field({
      type: CategoryDirection.ref,
      nullable: true,
      description: 'Cash in or cash out; null when the category applies to both (or where Pennylane leaves it out of an attached category).',
      resolve: (c) => CategoryDirection.of(c.direction),
    }),
    analyticalCode: t.exposeString('analytical_code', { nullable: true, description: 'Analytical code used in exports.' }),
    ...timestampFields(t),
  }),
});

/** Invoice rows do not carry their categories: the category is a condition of each page. */
const inCategory = (category: PennylaneCategory) => [{ field: 'category_id', operator: 'in' as const, value: [category.id] }];

addScopedListField(customerInvoiceList, CategoryRef, 'customerInvoices', {
  description:
    'Customer invoices in this category, through the `category_id in` filter. Invoice rows do not carry their categories, so this is one call per category (and page).',
  scope: inCategory,
});

addScopedListField(supplierInvoiceList, CategoryRef, 'supplierInvoices', {
  description:
    'Supplier invoices in this category, through the `category_id in` filter. Invoice rows do not carry their categories, so this is one call per category (and page).',
  scope: inCategory,
});

export const categoryFilter = defineListFilter('Category', 'categories', {
  id: { field: 'id', kind: 'id', of: ['Category'], operators: ALL_OPERATORS, description: 'The category\'s id.' },
  categoryGroupId: { field: 'category_group_id', kind: 'id', of: ['CategoryGroup'], operators: ALL_OPERATORS, description: 'The group.' },
  label: { field: 'label', kind: 'string', operators: ['startWith', 'eq', 'in'], description: 'Name.' },
  analyticalCode: { field: 'analytical_code', kind: 'string', operators: SET_OPERATORS, description: 'Analytical code.' },
});

export const categorySort = defineListSort('Category', 'categories', ['id']);

export const CategoryConnection = builder.connectionObject(
  { type: CategoryRef, name: 'CategoryConnection', description: 'A page of analytical categories.' },
  { name: 'CategoryEdge', description: 'One of a page of analytical categories.' },
);

addLookupField('category', {
  type: CategoryRef,
  typenames: ['Category'],
  resource: 'categories',
  description: 'An analytical category by id.',
  endpoints: ['GET /categories/{id}'],
});

/** The analytical category list, from which every connection over it is made. */
export const categoryList: ResourceList<PennylaneCategory> = {
  type: CategoryRef,
  connection: CategoryConnection,
  filter: categoryFilter,
  sort: categorySort,
  path: '/categories',
  resource: 'categories',
};

addRootListField(
  categoryList,
  'categories',
  'Analytical categories of every group, newest first by default (`GET /categories`): one call per page.',
);

addChildListField(categoryList, CategoryGroupRef, 'categories', {
  description:
    "This group's categories, through the `category_group_id` filter of `GET /categories` (which stands for `GET /category_groups/{id}/categories`). First pages of many groups share one `category_group_id in [...]` call.",
  endpoints: ['GET /category_groups/{id}/categories'],
  parentField: 'category_group_id',
  parentId: (group: PennylaneCategoryGroup) => group.id,
  parentOf: (category) => category.category_group?.id,
});
