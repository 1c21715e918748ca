/** Analytical categories: three groups, and weighted assignments (weights per group sum to 1). */
import type { Rng } from '../random.js';
import type { CategoryDirection, CategoryRecord } from '../records-accounting.js';
import type { CategoryWeight } from '../records.js';
import type { CategoryGroups } from './books-context.js';
import { iso, stampOn, type SeedContext } from './context.js';
import { addDays } from '../time.js';

const GROUPS: ReadonlyArray<readonly [string, CategoryDirection | null, ReadonlyArray<readonly [string, string | null]>]> = [
  ['Département', null, [['Ventes', 'DEP-VTE'], ['Marketing', 'DEP-MKT'], ['R&D', 'DEP-RD']]],
  ['Projet', null, [['Projet Atlas', 'PRJ-ATL'], ['Projet Boréal', 'PRJ-BOR'], ['Projet Cèdre', 'PRJ-CED'], ['Projet Delta', null]]],
  ['Canal', 'cash_in', [['Vente directe', 'CAN-DIR'], ['E-commerce', 'CAN-WEB'], ['Partenaires', null]]],
];

export function seedCategories(ctx: SeedContext): CategoryGroups {
  const { store, rng } = ctx;
  const out = new Map<string, CategoryRecord[]>();
  for (const [label, direction, categories] of GROUPS) {
    const groupCreated = iso(stampOn(ctx, addDays(ctx.originDate, rng.int(10, 60))));
    const group = { id: store.ids.next('category_groups'), label, created_at: groupCreated, updated_at: groupCreated };
    store.tables.category_groups.put(group);
    const rows: CategoryRecord[] = [];
    for (const [name, code] of categories) {
      const created = iso(stampOn(ctx, addDays(groupCreated.slice(0, 10), rng.int(0, 5))));
      const row: CategoryRecord = {
        id: store.ids.next('categories'),
        label: name,
        direction,
        group_id: group.id,
        analytical_code: code,
        created_at: created < groupCreated ? groupCreated : created,
        updated_at: created < groupCreated ? groupCreated : created,
      };
      store.tables.categories.put(row);
      rows.push(row);
    }
    out.set(label, rows);
  }
  return out;
}

const SPLITS: ReadonlyArray<readonly [string, string]> = [['0.5', '0.5'], ['0.3', '0.7'], ['0.25', '0.75'], ['0.6', '0.4']];

/** One or two categories of a group, weights summing to exactly 1. */
export function weightsIn(rng: Rng, categories: readonly CategoryRecord[]): CategoryWeight[] {
  if (categories.length < 2 || rng.chance(0.65)) return [{ category_id: rng.pick(categories).id, weight: '1' }];
  const [a, b] = rng.shuffle(categories);
  const [wa, wb] = rng.pick(SPLITS);
  return [
    { category_id: (a as CategoryRecord).id, weight: wa },
    { category_id: (b as CategoryRecord).id, weight: wb },
  ];
}

/** Weighted categories from the named groups (each group present with probability `p`, at least one). */
export function drawCategories(rng: Rng, groups: CategoryGroups, names: readonly string[], p = 0.6): CategoryWeight[] {
  const chosen = names.filter(() => rng.chance(p));
  if (chosen.length === 0 && names.length > 0) chosen.push(rng.pick(names));
  return chosen.flatMap((name) => weightsIn(rng, groups.get(name) ?? []));
}
