import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type MutationResult } from '../support/mutations.js';

/** Categories and category groups written through the gateway. */

const ERRORS = `
  ... on MutationError { message refusedBy }
  ... on ValidationError { fieldErrors { path code message } }
`;

const CREATE_GROUP = `mutation($input: CreateCategoryGroupInput!, $key: String) { createCategoryGroup(input: $input, idempotencyKey: $key) {
  __typename ... on CategoryGroupPayload { replayed categoryGroup { pennylaneId label } } ${ERRORS} } }`;
const CREATE_CATEGORY = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) {
  __typename ... on CategoryPayload { category { pennylaneId label direction analyticalCode group { label } } } ${ERRORS} } }`;

describe('analytics mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });

  it('creates a group and a category in it; the group lists it at once', async () => {
    await h.gql('{ categoryGroups(first: 20) { edges { node { label } } } }');
    const group = (await h.gql<{ createCategoryGroup: MutationResult }>(CREATE_GROUP, { input: { label: 'Région' } })).data!.createCategoryGroup;
    expect(group).toMatchObject({ __typename: 'CategoryGroupPayload', replayed: false, categoryGroup: { label: 'Région' } });
    const groupId = (group.categoryGroup as { pennylaneId: string }).pennylaneId;

    const category = (
      await h.gql<{ createCategory: MutationResult }>(CREATE_CATEGORY, {
        input: { label: 'Île-de-France', categoryGroupId: groupId, analyticalCode: 'IDF', direction: 'CASH_IN' },
      })
    ).data!.createCategory;
    expect(category).toMatchObject({
      __typename: 'CategoryPayload',
      category: { label: 'Île-de-France', direction: 'CASH_IN', analyticalCode: 'IDF', group: { label: 'Région' } },
    });
    expect(h.sim.control.count({ route: 'POST /categories' })).toBe(1);

    const listed = await h.gql<{ categoryGroup: { categories: { edges: { node: { label: string } }[] } } }>(
      `{ categoryGroup(id: "${groupId}") { categories(first: 10) { edges { node { label } } } } }`,
    );
    expect(listed.data!.categoryGroup.categories.edges.map((e) => e.node.label)).toEqual(['Île-de-France']);
  });

  it('refuses bad input before any call, and a duplicate label as a conflict', async () => {
    const bad = (await h.gql<{ createCategory: MutationResult }>(CREATE_CATEGORY, { input: { label: '', categoryGroupId: 'x', direction: 'OTHER' } })).data!
      .createCategory;
    expect(fieldErrorCodes(bad)).toEqual([
      ['input.label', 'REQUIRED'],
      ['input.categoryGroupId', 'INVALID_ID'],
      ['input.direction', 'INVALID'],
    ]);
    expect(h.sim.control.count()).toBe(0);
    const existing = (h.sim.control.snapshot('category_groups') as { label: string }[])[0]!;
    const dup = (await h.gql<{ createCategoryGroup: MutationResult }>(CREATE_GROUP, { input: { label: existing.label } })).data!.createCategoryGroup;
    expect(dup).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
  });

  it('a lost answer on a group create is resolved by its label: one group', async () => {
    h.sim.control.injectFault({ match: { route: 'POST /category_groups' }, reset: 'after' });
    const group = (await h.gql<{ createCategoryGroup: MutationResult }>(CREATE_GROUP, { input: { label: 'Canal 2' }, key: 'g-1' })).data!.createCategoryGroup;
    expect(group.__typename).toBe('CategoryGroupPayload');
    expect((h.sim.control.snapshot('category_groups') as { label: string }[]).filter((g) => g.label === 'Canal 2')).toHaveLength(1);
    expect(h.sim.control.count({ route: 'POST /category_groups' })).toBe(1);
  });

  it('categorises a bank transaction; the transaction carries them inline after', async () => {
    const transaction = (h.sim.control.snapshot('transactions') as { id: number }[])[0]!;
    const categories = h.sim.control.snapshot('categories') as { id: number; category_group: { id: number } }[];
    const [a, b] = categories.filter((c) => c.category_group.id === categories[0]!.category_group.id);
    await h.gql(`{ transaction(id: "${transaction.id}") { categories { weight } } }`);
    const res = await h.gql<{ setTransactionCategories: MutationResult }>(
      `mutation($id: ID!, $c: [CategoryWeightInput!]!) { setTransactionCategories(id: $id, categories: $c) {
        __typename ... on TransactionPayload { transaction { categories { weight category { pennylaneId } } } } ${ERRORS} } }`,
      { id: String(transaction.id), c: [{ categoryId: String(a!.id), weight: '0.5' }, { categoryId: String(b!.id), weight: '0.5' }] },
    );
    expect(res.data!.setTransactionCategories).toMatchObject({
      transaction: { categories: [{ weight: '0.5', category: { pennylaneId: String(a!.id) } }, { weight: '0.5', category: { pennylaneId: String(b!.id) } }] },
    });
    const after = await h.gql<{ transaction: { categories: unknown[] } }>(`{ transaction(id: "${transaction.id}") { categories { weight } } }`);
    expect(after.data!.transaction.categories).toHaveLength(2);
  });

  it('renames a category and a group; reads see the new labels', async () => {
    const category = (h.sim.control.snapshot('categories') as { id: number; category_group: { id: number } }[])[0]!;
    await h.gql(`{ category(id: "${category.id}") { label group { label } } }`);
    const res = await h.gql<{ updateCategory: MutationResult; updateCategoryGroup: MutationResult }>(
      `mutation($c: ID!, $g: ID!) {
        updateCategory(id: $c, input: { label: "Renommée", analyticalCode: null }) { __typename ... on CategoryPayload { category { label analyticalCode } } }
        updateCategoryGroup(id: $g, input: { label: "Axe renommé" }) { __typename ... on CategoryGroupPayload { categoryGroup { label } } }
      }`,
      { c: String(category.id), g: String(category.category_group.id) },
    );
    expect(res.data!.updateCategory).toMatchObject({ category: { label: 'Renommée', analyticalCode: null } });
    expect(res.data!.updateCategoryGroup).toMatchObject({ categoryGroup: { label: 'Axe renommé' } });
    const after = await h.gql<{ category: { label: string; group: { label: string } } }>(`{ category(id: "${category.id}") { label group { label } } }`);
    expect(after.data!.category).toEqual({ label: 'Renommée', group: { label: 'Axe renommé' } });
  });
});
