import DataLoader from 'dataloader';
import { MAX_PAGE_SIZE, type FilterCondition, type Page } from '../pennylane/common.js';
import type { PennylaneClient } from '../pennylane/client.js';

/**
 * Children of many parents in one list call, through a parent filter with `in`
 * (`customer_id in [...]`, `journal_id in [...]`...). Pennylane sorts the combined rows the
 * same way it would sort each parent's own list, so each parent's rows, in arrival order,
 * are exactly the first rows of its own list.
 *
 * Pages are read until every parent has more than `first` rows (so its hasNextPage is known)
 * or the list is exhausted, each page asking only for the parents still short, within a page
 * budget sized for the request; a parent still short after that is marked incomplete and its
 * field falls back to its own call.
 */
export interface ChildrenQuery {
  /** List path, e.g. `/customer_invoices`. */
  readonly path: string;
  readonly resource: string;
  /** Pennylane's parent filter field, e.g. `customer_id`. */
  readonly parentField: string;
  /** The parent id of a child row. */
  readonly parentOf: (row: { id: number }) => number | null | undefined;
  /** The user's conditions, identical for every parent batched together. */
  readonly filter: readonly FilterCondition[];
  readonly sort: string | undefined;
  /** Rows wanted per parent. */
  readonly first: number;
}

export interface ChildRows<T> {
  readonly rows: readonly T[];
  /** True when `rows` holds the parent's first `first` rows and whether more exist is known. */
  readonly complete: boolean;
  /** Whether the parent has more rows than returned (meaningful when complete). */
  readonly hasMore: boolean;
}

export function createChildrenLoader<T extends { id: number }>(
  client: PennylaneClient,
  query: ChildrenQuery,
): DataLoader<string, ChildRows<T>> {
  return new DataLoader<string, ChildRows<T>>(
    async (parentIds) => {
      const results = new Map<string, ChildRows<T>>();
      const chunks: string[][] = [];
      for (let i = 0; i < parentIds.length; i += MAX_PAGE_SIZE) chunks.push(parentIds.slice(i, i + MAX_PAGE_SIZE));
      await Promise.all(chunks.map(async (chunk) => {
        for (const [id, rows] of await loadChunk<T>(client, query, chunk)) results.set(id, rows);
      }));
      return parentIds.map((id) => results.get(id)!);
    },
    { maxBatchSize: 10 * MAX_PAGE_SIZE },
  );
}

async function loadChunk<T extends { id: number }>(
  client: PennylaneClient,
  query: ChildrenQuery,
  parentIds: readonly string[],
): Promise<Map<string, ChildRows<T>>> {
  const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  const wanted = query.first + 1;
  // Enough pages for every parent's first page, plus a little for unevenness.
  const pageBudget = Math.ceil((parentIds.length * wanted) / MAX_PAGE_SIZE) + 2;
  let short = [...parentIds];
  let cursor: string | null = null;
  let exhausted = false;
  for (let pages = 0; pages < pageBudget && short.length > 0; pages++) {
    // The cursor is only a position in the sorted list (API.md §3.1), so the next page may
    // ask for fewer parents: only those still short, whose earlier rows were all seen.
    const filter: FilterCondition[] = [...query.filter, { field: query.parentField, operator: 'in', value: short.map(Number) }];
    const page: Page<T> = await client.list<T>(query.path, { filter, sort: query.sort, limit: MAX_PAGE_SIZE, cursor }, {
      resource: query.resource,
    });
    for (const row of page.items) byParent.get(String(query.parentOf(row)))?.push(row);
    if (!page.has_more || !page.next_cursor) {
      exhausted = true;
      break;
    }
    cursor = page.next_cursor;
    short = short.filter((id) => byParent.get(id)!.length < wanted);
  }
  const results = new Map<string, ChildRows<T>>();
  for (const [id, rows] of byParent) {
    const known = exhausted || rows.length >= wanted;
    results.set(id, { rows: rows.slice(0, query.first), complete: known, hasMore: rows.length > query.first });
  }
  return results;
}
