import type { ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { IdBatchedResource } from '../../datasources/loaders/request-loaders.js';
import type { PennylaneCategory } from '../../datasources/pennylane/categories.js';
import { reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import { NotFoundError } from '../../datasources/writes/write-errors.js';
import { builder, type BuilderTypes } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addMutation, type RecordRef, type WritePayload } from '../shared/mutation-fields.js';
import { decimalUnits, formatUnits, InputChecks } from '../shared/validation.js';

/**
 * Weighted analytical categories on a record (`PUT /{records}/{id}/categories`, API.md §4.5):
 * the input, its gateway checks (every category exists, weights in (0, 1], per group they sum
 * to exactly 1) and a declaration that makes one mutation per categorised record type.
 */

export interface CategoryWeightInput {
  categoryId: string;
  weight: string;
}

export const CategoryWeightInputRef = builder.inputRef<CategoryWeightInput>('CategoryWeightInput').implement({
  description: 'An analytical category and the share of the record it takes. Within one category group the weights sum to 1; groups may be mixed.',
  fields: (t) => ({
    categoryId: t.id({ required: true, description: 'The category (global or Pennylane id).' }),
    weight: t.field({ type: 'Decimal', required: true, description: 'Share of the record in this category: above 0 and at most 1, e.g. "0.5".' }),
  }),
});

const ONE = decimalUnits('1');

/**
 * Checks a weighted category list: ids, weights, no category twice, and — with the categories'
 * groups, read through the request's batched `id in` lookup — weights summing to 1 per group.
 */
export async function checkCategoryWeights(
  checks: InputChecks,
  path: readonly (string | number)[],
  weights: readonly CategoryWeightInput[],
  ctx: GatewayContext,
): Promise<void> {
  const indexOf = new Map<number, number>();
  for (const [index, weight] of weights.entries()) {
    const id = checks.entityId([...path, index, 'categoryId'], weight.categoryId, ['Category']);
    const units = decimalUnits(weight.weight);
    if (units <= 0n || units > ONE) {
      checks.add([...path, index, 'weight'], `A weight is above 0 and at most 1, got "${weight.weight}".`, 'INVALID_WEIGHT');
    }
    if (id === null) continue;
    if (indexOf.has(id)) checks.add([...path, index, 'categoryId'], `Category ${id} is listed twice.`, 'DUPLICATE');
    else indexOf.set(id, index);
  }
  const ids = [...indexOf.keys()];
  if (ids.length === 0) return;
  const categories = await ctx.loaders.byId<PennylaneCategory>('categories').loadMany(ids.map(String));
  const groups = new Map<number, { sum: bigint; indexes: number[] }>();
  for (const [k, category] of categories.entries()) {
    const index = indexOf.get(ids[k]!)!;
    if (category instanceof Error) throw category;
    if (!category) {
      checks.add([...path, index, 'categoryId'], `There is no category ${ids[k]}.`, 'NOT_FOUND');
      continue;
    }
    const groupId = category.category_group?.id ?? 0;
    const group = groups.get(groupId) ?? { sum: 0n, indexes: [] };
    group.sum += decimalUnits(weights[index]!.weight);
    group.indexes.push(index);
    groups.set(groupId, group);
  }
  for (const [groupId, group] of groups) {
    if (group.sum === ONE) continue;
    checks.add(
      path,
      `The weights of category group ${groupId} (items ${group.indexes.join(', ')}) sum to ${formatUnits(group.sum)}; within a group they must sum to 1.`,
      'WEIGHTS_NOT_ONE',
    );
  }
}

/** Pennylane's body: `[{id, weight}]`; an empty list removes every category. */
export function categoriesBody(weights: readonly CategoryWeightInput[]): { id: number; weight: string }[] {
  return weights.map((w) => ({ id: pennylaneIdOf(w.categoryId, ['Category']), weight: w.weight }));
}

export interface SetCategoriesMutation<T extends { id: number }> {
  readonly name: string;
  /** e.g. `PUT /suppliers/{id}/categories`. */
  readonly endpoint: string;
  readonly description: string;
  readonly payload: ObjectRef<BuilderTypes, WritePayload<T>>;
  readonly noun: string;
  /** Resource of the record, read again after the write through the batched lookup. */
  readonly resource: IdBatchedResource;
  /** Collection path (its list changes too); the categories are `${path}/${id}/categories`. */
  readonly path: string;
  readonly typenames: readonly string[];
  /**
   * Lists whose pages the categories change besides the record's own (which shows its new
   * `updated_at`), e.g. the ledger entries an invoice's categories follow.
   */
  readonly alsoChanges?: readonly string[];
  /** Records the categories change besides this one, named by the record read after (e.g. an invoice's entry). */
  readonly alsoChangesRecords?: (record: T) => readonly RecordRef[];
}

/**
 * `set<Record>Categories(id, categories)`: replaces the record's weighted categories. Setting
 * them twice lands in the same state, so an unknown outcome is resolved by sending again.
 * Returns the record, read again (one batched call).
 */
export function addSetCategoriesMutation<T extends { id: number }>(def: SetCategoriesMutation<T>): void {
  addMutation(def.name, {
    description: `${def.description} Weights are checked at the gateway before the write: each category exists (one batched lookup, unless the categories are cached) and per group they sum to 1.`,
    // The categories looked up (when there are any), the write, the record read again.
    cost: { calls: (args) => 2 + (Array.isArray(args.categories) && args.categories.length > 0 ? 1 : 0) },
    endpoints: [def.endpoint],
    payload: def.payload,
    what: `the ${def.noun}, its categories replaced`,
    args: (t) => ({
      id: t.arg.id({ required: true, description: `The ${def.noun}: global id or Pennylane id.` }),
      categories: t.arg({
        type: [CategoryWeightInputRef],
        required: true,
        description: 'The categories the record gets, replacing the current ones; an empty list removes them all.',
      }),
    }),
    resolve: async (args, ctx) => {
      const checks = new InputChecks();
      const id = checks.entityId(['id'], args.id, def.typenames);
      const weights = args.categories as CategoryWeightInput[];
      await checkCategoryWeights(checks, ['categories'], weights, ctx);
      checks.throwIfAny();
      const record: RecordRef = { resource: def.resource, path: def.path, id: id! };
      const body = categoriesBody(weights);
      await reconciledWrite({
        send: () => ctx.pennylane.write('PUT', `${def.path}/${id}/categories`, body, { lists: [def.path, ...(def.alsoChanges ?? [])], records: [record] }),
        find: async () => null,
        description: `set the categories of the ${def.noun}`,
        idempotencyKey: null,
      });
      const fresh = await ctx.loaders.byId<T>(def.resource).load(String(id));
      if (!fresh) throw new NotFoundError(`The ${def.noun} ${id} no longer exists.`);
      if (def.alsoChangesRecords) await ctx.pennylane.invalidate({ records: def.alsoChangesRecords(fresh) });
      return { record: fresh, replayed: false };
    },
  });
}
