import type { InvalidationEvent } from '../../state/invalidation-bus.js';

/**
 * What one GraphQL operation read from Pennylane, so its answer can be cached as a whole
 * (graphql-cache-store.ts) and dropped exactly when one of those reads changes. Tags mirror
 * what the REST cache's invalidation drops (cache/invalidation.ts), scoped by tenant:
 *
 * - `ent:<resource>:<id>`: a record the answer holds (from a list page, a lookup by id, a GET);
 * - `rec:<path>/<id>`: a record's own GET and everything under it (sub-collections);
 * - `list:<path>`: a list read with a filter other than `id in [...]` (or an `id in` lookup that
 *   missed an id): a write anywhere in that list may change which records it returns.
 *
 * A lookup `id in [...]` that found every id is tagged by those records only, so a write of
 * another record of the same resource leaves the answer in place.
 */
export class OperationReads {
  readonly tags = new Set<string>();
  /** Shortest TTL (ms) of everything read; Infinity when nothing was read. */
  ttlMs = Infinity;
  /** Why the answer must not be cached (it read state that no invalidation event covers). */
  uncacheableBecause: string | null = null;
  /** The invalidation epoch of each tenant when this operation first read from it. */
  readonly epochs = new Map<string, number>();

  /** `tenantId`: the operation's own tenant, whose epoch counts from the operation's start. */
  constructor(
    private readonly epochOf: (tenantId: string) => number = () => 0,
    tenantId?: string,
  ) {
    if (tenantId !== undefined) this.epochs.set(tenantId, epochOf(tenantId));
  }

  /** This operation read state the cache cannot follow (connections, bulk jobs): never cache its answer. */
  uncacheable(reason: string): void {
    this.uncacheableBecause ??= reason;
  }

  /** A GET of `path` (relative to the API base) answered `body`, from Pennylane or the REST cache, fresh for `ttlMs` more. */
  get(tenantId: string, path: string, query: Readonly<Record<string, string>>, resource: string, ttlMs: number, body: unknown): void {
    this.seen(tenantId, ttlMs);
    const segments = path.split('/').filter(Boolean);
    const items = itemsOf(body);
    if (segments.length >= 2) {
      this.tags.add(recTag(tenantId, `/${segments[0]}/${segments[1]}`));
      if (segments.length === 2 && body && typeof body === 'object' && 'id' in body) this.tags.add(entTag(tenantId, resource, String((body as { id: unknown }).id)));
    } else {
      const wanted = idLookup(query.filter);
      if (wanted === null || !items || wanted.some((id) => !items.some((item) => String(item.id) === id))) this.tags.add(listTag(tenantId, path));
      for (const id of wanted ?? []) this.tags.add(entTag(tenantId, resource, id));
    }
    for (const item of items ?? []) this.tags.add(entTag(tenantId, resource, String(item.id)));
  }

  /** A record served from the REST cache's entity entries. */
  entity(tenantId: string, resource: string, id: string, ttlMs: number): void {
    this.seen(tenantId, ttlMs);
    this.tags.add(entTag(tenantId, resource, id));
  }

  private seen(tenantId: string, ttlMs: number): void {
    if (!this.epochs.has(tenantId)) this.epochs.set(tenantId, this.epochOf(tenantId));
    this.ttlMs = Math.min(this.ttlMs, ttlMs);
  }
}

export const entTag = (tenantId: string, resource: string, id: string) => `${tenantId}|ent:${resource}:${id}`;
export const recTag = (tenantId: string, path: string) => `${tenantId}|rec:${path}`;
export const listTag = (tenantId: string, path: string) => `${tenantId}|list:${path}`;

/** The tags an invalidation event drops: the same records and lists the REST cache drops. */
export function tagsOfEvent(event: Extract<InvalidationEvent, { kind: 'changed' }>): string[] {
  const tags = event.lists.map((path) => listTag(event.tenantId, path));
  for (const record of event.records) {
    tags.push(entTag(event.tenantId, record.resource, String(record.id)), recTag(event.tenantId, `${record.path}/${record.id}`));
  }
  return tags;
}

function itemsOf(body: unknown): readonly { id: unknown }[] | null {
  const items = body && typeof body === 'object' ? (body as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? (items as { id: unknown }[]) : null;
}

/** The ids of a filter that is exactly `id in [...]`; null for any other filter (or none). */
function idLookup(filter: string | undefined): string[] | null {
  if (!filter) return null;
  try {
    const parsed = JSON.parse(filter) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 1) return null;
    const [condition] = parsed as { field?: unknown; operator?: unknown; value?: unknown }[];
    if (condition?.field !== 'id' || condition.operator !== 'in' || !Array.isArray(condition.value)) return null;
    return condition.value.map(String);
  } catch {
    return null;
  }
}
