import type { InvalidationEvent } from '../../state/invalidation-bus.js';
import { entityKey } from '../pennylane/client.js';
import type { ResponseCache } from './response-cache.js';

/**
 * What an invalidation event drops from the REST response cache: for each changed record its
 * entity entry, its own GET and everything under it (sub-collections, `?` variants); for
 * each changed list every page of it, whatever the filter, sort or cursor.
 */
export function dropInvalidated(cache: ResponseCache, event: InvalidationEvent): void {
  if (event.kind === 'everything') {
    cache.clear();
    return;
  }
  const lists = event.lists.map((path) => `GET ${path}`);
  const records = event.records.map((r) => ({ entity: entityKey(r.resource, String(r.id)), own: `GET ${r.path}/${r.id}` }));
  cache.invalidate(event.tenantId, (key) => {
    if (lists.some((list) => key === list || key.startsWith(`${list}?`))) return true;
    return records.some((r) => key === r.entity || key === r.own || key.startsWith(`${r.own}?`) || key.startsWith(`${r.own}/`));
  });
}
