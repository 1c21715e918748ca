import type { GatewayContext } from '../../context.js';
import type { PennylaneCategory, PennylaneCategoryGroup } from '../../datasources/pennylane/categories.js';
import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, definePayload, type CreateMutation } from '../shared/mutation-fields.js';
import { findInWholeList } from '../shared/record-writes.js';
import type { InputChecks } from '../shared/validation.js';
import { CategoryDirection } from './category.js';
import { CategoryGroupRef, CategoryRef } from './refs.js';

/**
 * Analytical categories and groups: `POST/PUT /categories`, `POST/PUT /category_groups`
 * (API.md §4.5). Neither has an external reference: an unknown outcome is resolved by their
 * label, unique within a group (categories) or in the company (groups).
 */

export interface CategoryInput {
  label?: string | null;
  categoryGroupId?: string | null;
  analyticalCode?: string | null;
  direction?: string | null;
}

export const CreateCategoryInputRef = builder.inputRef<CategoryInput>('CreateCategoryInput').implement({
  description: 'A new analytical category, in a group.',
  fields: (t) => ({
    label: t.string({ required: true, description: 'Name, unique within its group.' }),
    categoryGroupId: t.id({ required: true, description: 'The group (axis) it belongs to (global or Pennylane id).' }),
    analyticalCode: t.string({ required: false, description: 'Analytical code used in exports.' }),
    direction: t.field({ type: CategoryDirection.ref, required: false, description: 'Cash in or cash out; absent for both (not OTHER).' }),
  }),
});

export const UpdateCategoryInputRef = builder.inputRef<CategoryInput>('UpdateCategoryInput').implement({
  description: 'Fields of a category to change (Pennylane lets only these change); the others keep their value.',
  fields: (t) => ({
    label: t.string({ required: false, description: 'Name, unique within its group.' }),
    analyticalCode: t.string({ required: false, description: 'Analytical code; null removes it.' }),
  }),
});

export interface CategoryGroupInput {
  label: string;
}

const groupInput = (name: string, description: string) =>
  builder.inputRef<CategoryGroupInput>(name).implement({
    description,
    fields: (t) => ({ label: t.string({ required: true, description: 'Name, unique in the company.' }) }),
  });
export const CreateCategoryGroupInputRef = groupInput('CreateCategoryGroupInput', 'A new category group (an analytical axis).');
export const UpdateCategoryGroupInputRef = groupInput('UpdateCategoryGroupInput', 'The new name of a category group.');

export const CategoryPayload = definePayload<PennylaneCategory>('CategoryPayload', 'category', CategoryRef, 'A category as written.');
export const CategoryGroupPayload = definePayload<PennylaneCategoryGroup>(
  'CategoryGroupPayload',
  'categoryGroup',
  CategoryGroupRef,
  'A category group as written.',
);

function checkCategory(input: CategoryInput, checks: InputChecks, creating: boolean): void {
  if (creating || input.label !== undefined) checks.required(['input', 'label'], input.label, 'The label');
  if (creating) checks.entityId(['input', 'categoryGroupId'], input.categoryGroupId, ['CategoryGroup']);
  if (input.direction === '__other__') checks.add(['input', 'direction'], 'OTHER cannot be written.', 'INVALID');
}

function categoryBody(input: CategoryInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.label !== undefined) body.label = input.label;
  if (input.analyticalCode !== undefined) body.analytical_code = input.analyticalCode;
  if (input.direction != null) body.direction = input.direction;
  if (input.categoryGroupId) body.category_group_id = pennylaneIdOf(input.categoryGroupId, ['CategoryGroup']);
  return body;
}

/** After an unknown outcome: the category with this label in its group, read fresh. */
async function findCategory(ctx: GatewayContext, input: CategoryInput): Promise<PennylaneCategory | null> {
  const filter = [
    { field: 'category_group_id', operator: 'eq' as const, value: pennylaneIdOf(input.categoryGroupId!, ['CategoryGroup']) },
    { field: 'label', operator: 'eq' as const, value: input.label! },
  ];
  const page = await ctx.pennylane.list<PennylaneCategory>('/categories', { filter, limit: 1 }, { resource: 'categories', cacheResponse: false });
  return page.items[0] ?? null;
}

/** After an unknown outcome: the group with this label (groups have no filter: every page, fresh). */
function findGroup(ctx: GatewayContext, label: string): Promise<PennylaneCategoryGroup | null> {
  return findInWholeList<PennylaneCategoryGroup>(ctx, '/category_groups', 'category_groups', (group) => group.label === label);
}

export const createCategoryDef: CreateMutation<CategoryInput, PennylaneCategory> = addCreateMutation<CategoryInput, PennylaneCategory>({
  name: 'createCategory',
  description: 'Creates an analytical category in a group (`POST /categories`).',
  endpoint: 'POST /categories',
  input: CreateCategoryInputRef,
  payload: CategoryPayload,
  noun: 'category',
  resource: 'categories',
  path: '/categories',
  check: (input, checks) => checkCategory(input, checks, true),
  toBody: (input) => categoryBody(input),
  // Categories have no external reference: the idempotency key alone guards repeats.
  externalReferenceOf: () => null,
  find: (ctx, _ref, input) => findCategory(ctx, input),
});

addUpdateMutation<CategoryInput, PennylaneCategory>({
  name: 'updateCategory',
  description:
    'Renames a category or changes its analytical code (`PUT /categories/{id}`). Records showing it among their categories may show the old label until their cache expires (10 minutes).',
  endpoint: 'PUT /categories/{id}',
  input: UpdateCategoryInputRef,
  payload: CategoryPayload,
  noun: 'category',
  resource: 'categories',
  path: '/categories',
  typenames: ['Category'],
  check: (input, checks) => checkCategory(input, checks, false),
  toBody: categoryBody,
});

export const createCategoryGroupDef: CreateMutation<CategoryGroupInput, PennylaneCategoryGroup> = addCreateMutation<
  CategoryGroupInput,
  PennylaneCategoryGroup
>({
  name: 'createCategoryGroup',
  description: 'Creates a category group, an analytical axis (`POST /category_groups`).',
  endpoint: 'POST /category_groups',
  input: CreateCategoryGroupInputRef,
  payload: CategoryGroupPayload,
  noun: 'category group',
  resource: 'category_groups',
  path: '/category_groups',
  check: (input, checks) => checks.required(['input', 'label'], input.label, 'The label'),
  toBody: (input) => ({ label: input.label }),
  externalReferenceOf: () => null,
  find: (ctx, _ref, input) => findGroup(ctx, input.label),
});

addUpdateMutation<CategoryGroupInput, PennylaneCategoryGroup>({
  name: 'updateCategoryGroup',
  description: 'Renames a category group (`PUT /category_groups/{id}`).',
  endpoint: 'PUT /category_groups/{id}',
  input: UpdateCategoryGroupInputRef,
  payload: CategoryGroupPayload,
  noun: 'category group',
  resource: 'category_groups',
  path: '/category_groups',
  typenames: ['CategoryGroup'],
  check: (input, checks) => checks.required(['input', 'label'], input.label, 'The label'),
  toBody: (input) => ({ label: input.label }),
});
