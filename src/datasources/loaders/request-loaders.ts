import DataLoader from 'dataloader';
import { MAX_PAGE_SIZE, type PennylaneId } from '../pennylane/common.js';
import type { PennylaneClient } from '../pennylane/client.js';

/** Lists that accept `filter=[{"field":"id","operator":"in",...}]` (API.md §7), by path. */
export const ID_BATCHED_RESOURCES = {
  customers: '/customers',
  products: '/products',
  customer_invoices: '/customer_invoices',
} as const;
export type IdBatchedResource = keyof typeof ID_BATCHED_RESOURCES;

/**
 * The request's DataLoaders. A lookup by id never calls `GET /resource/{id}`: ids wait for
 * the end of the tick, then go out as `id in [...]` list calls of at most 100 ids each.
 * Pennylane answers those sorted `-id` and silently drops unknown ids, so results are
 * re-mapped by id and a missing id resolves to null.
 */
export class RequestLoaders {
  private readonly byIdLoaders = new Map<string, DataLoader<string, object | null>>();

  constructor(private readonly client: PennylaneClient) {
    client.onEntities((resource, items) => {
      const loader = this.byIdLoaders.get(resource);
      if (!loader) return;
      for (const item of items) loader.prime(String(item.id), item);
    });
  }

  byId<T extends { id: PennylaneId }>(resource: IdBatchedResource): DataLoader<string, T | null> {
    let loader = this.byIdLoaders.get(resource);
    if (!loader) {
      loader = new DataLoader<string, object | null>((ids) => this.loadByIds(resource, ids), {
        maxBatchSize: 1_000,
      });
      this.byIdLoaders.set(resource, loader);
    }
    return loader as DataLoader<string, T | null>;
  }

  private async loadByIds(resource: IdBatchedResource, ids: readonly string[]): Promise<(object | null | Error)[]> {
    const found = new Map<string, object>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.client.cachedEntity<object>(resource, id);
      if (hit) found.set(id, hit);
      else missing.push(id);
    }
    // Sorted so the same set of ids always makes the same URLs.
    missing.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const failed = new Map<string, Error>();
    await Promise.all(
      chunk(missing, MAX_PAGE_SIZE).map(async (part) => {
        try {
          const page = await this.client.list<{ id: number }>(
            ID_BATCHED_RESOURCES[resource],
            { filter: [{ field: 'id', operator: 'in', value: part.map(Number) }], limit: MAX_PAGE_SIZE },
            // The page itself is not worth caching: its entities are, one by one.
            { resource, cacheResponse: false },
          );
          for (const item of page.items) found.set(String(item.id), item);
        } catch (error) {
          for (const id of part) failed.set(id, error as Error);
        }
      }),
    );
    return ids.map((id) => failed.get(id) ?? found.get(id) ?? null);
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
