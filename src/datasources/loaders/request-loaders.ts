import DataLoader from 'dataloader';
import { MAX_PAGE_SIZE, type Page, type PennylaneId } from '../pennylane/common.js';
import type { PennylaneClient } from '../pennylane/client.js';
import { UpstreamHttpError } from '../http/upstream-errors.js';
import {
  ID_FILTERED,
  SINGLE_GETS,
  WHOLE_LISTS,
  type IdFilteredResource,
  type SingleGetResource,
  type WholeListResource,
} from '../pennylane/resources.js';
import { createChildrenLoader, type ChildRows, type ChildrenQuery } from './children-loader.js';

export type { IdFilteredResource as IdBatchedResource } from '../pennylane/resources.js';

/**
 * The request's DataLoaders: every way the schema reads records in bulk.
 *
 * - `byId`: ids wait for the end of the tick, then go out as `id in [...]` list calls of at
 *   most 100 ids each. Pennylane answers those sorted `-id` and silently drops unknown ids,
 *   so results are re-mapped by id and a missing id resolves to null.
 * - `wholeList`: small lists with no id filter are read whole (cached), lookups served from it.
 * - `single`: resources with neither: one `GET /{path}/{id}` per id, in parallel, 404 → null.
 * - `children`: children of many parents through a parent filter with `in`.
 */
export class RequestLoaders {
  private readonly byIdLoaders = new Map<string, DataLoader<string, object | null>>();
  private readonly singleLoaders = new Map<string, DataLoader<string, object | null>>();
  private readonly wholeLists = new Map<string, Promise<readonly { id: number }[]>>();
  private readonly childLoaders = new Map<string, DataLoader<string, ChildRows<{ id: number }>>>();

  constructor(private readonly client: PennylaneClient) {
    client.onEntities((resource, items) => {
      const loader = this.byIdLoaders.get(resource);
      if (!loader) return;
      for (const item of items) loader.clear(String(item.id)).prime(String(item.id), item);
    });
    client.onInvalidate((effects) => {
      for (const record of effects.records ?? []) {
        this.byIdLoaders.get(record.resource)?.clear(String(record.id));
        this.singleLoaders.get(record.resource)?.clear(String(record.id));
        this.wholeLists.delete(record.resource);
      }
      // Children and whole lists read in this request may hold the old state: read them again.
      if ((effects.lists ?? []).length > 0) {
        this.childLoaders.clear();
        for (const path of effects.lists ?? []) this.wholeLists.delete(path.replace(/^\//, ''));
      }
    });
  }

  /** Forgets everything read so far (a long-lived subscription reads each batch afresh). */
  forgetAll(): void {
    this.byIdLoaders.clear();
    this.singleLoaders.clear();
    this.wholeLists.clear();
    this.childLoaders.clear();
  }

  byId<T extends { id: PennylaneId }>(resource: IdFilteredResource): DataLoader<string, T | null> {
    let loader = this.byIdLoaders.get(resource);
    if (!loader) {
      loader = new DataLoader<string, object | null>((ids) => this.loadByIds(resource, ids), { maxBatchSize: 1_000 });
      this.byIdLoaders.set(resource, loader);
    }
    return loader as DataLoader<string, T | null>;
  }

  single<T extends { id: PennylaneId }>(resource: SingleGetResource): DataLoader<string, T | null> {
    let loader = this.singleLoaders.get(resource);
    if (!loader) {
      loader = new DataLoader<string, object | null>((ids) =>
        Promise.all(ids.map((id) => this.loadSingle(resource, id).catch((error: unknown) => error as Error))),
      );
      this.singleLoaders.set(resource, loader);
    }
    return loader as DataLoader<string, T | null>;
  }

  /** Every record of a small list, read once per request (pages come from the cache after). */
  wholeList<T extends { id: PennylaneId }>(resource: WholeListResource): Promise<readonly T[]> {
    let list = this.wholeLists.get(resource);
    if (!list) {
      list = this.readAll(WHOLE_LISTS[resource], resource);
      this.wholeLists.set(resource, list);
    }
    return list as Promise<readonly T[]>;
  }

  async fromWholeList<T extends { id: PennylaneId }>(resource: WholeListResource, id: string | number): Promise<T | null> {
    return (await this.wholeList<T>(resource)).find((record) => String(record.id) === String(id)) ?? null;
  }

  /** Loader of one parent's children, shared by every parent asking the same question. */
  children<T extends { id: number }>(query: ChildrenQuery): DataLoader<string, ChildRows<T>> {
    const key = JSON.stringify([query.path, query.parentField, query.filter, query.sort ?? '', query.first]);
    let loader = this.childLoaders.get(key);
    if (!loader) {
      loader = createChildrenLoader(this.client, query);
      this.childLoaders.set(key, loader);
    }
    return loader as unknown as DataLoader<string, ChildRows<T>>;
  }

  private async readAll(path: string, resource: string): Promise<readonly { id: number }[]> {
    const rows: { id: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<{ id: number }> = await this.client.list(path, { limit: MAX_PAGE_SIZE, cursor }, { resource });
      rows.push(...page.items);
      cursor = page.has_more ? page.next_cursor : null;
    } while (cursor);
    return rows;
  }

  private async loadSingle(resource: SingleGetResource, id: string): Promise<object | null> {
    try {
      return await this.client.get<object>(`${SINGLE_GETS[resource]}/${id}`, {}, { resource });
    } catch (error) {
      if (error instanceof UpstreamHttpError && error.status === 404) return null;
      throw error;
    }
  }

  private async loadByIds(resource: IdFilteredResource, ids: readonly string[]): Promise<(object | null | Error)[]> {
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
            ID_FILTERED[resource],
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
