import type { CostMeter } from '../cost-meter.js';
import type { HttpMethod, PennylaneHttp, UpstreamResponse } from '../http/pennylane-http.js';
import { parseUpstreamErrorBody, UpstreamDataError, UpstreamHttpError, UpstreamTransportError } from '../http/upstream-errors.js';
import type { OperationReads } from '../cache/operation-reads.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { Priority } from '../scheduler/priorities.js';
import type { RateScheduler } from '../scheduler/rate-scheduler.js';
import type { Tenant } from '../tenant.js';
import type { IdempotencyStore } from '../writes/idempotency-store.js';
import type { InvalidationBus } from '../../state/invalidation-bus.js';
import { listQuery, withQuery, type ListParams, type Page } from './common.js';
import type { FlightControl, SharedGets } from './shared-gets.js';

/** Process-wide pieces every request shares: built once at start-up. */
export interface UpstreamDeps {
  readonly http: PennylaneHttp;
  readonly scheduler: RateScheduler;
  readonly cache: ResponseCache;
  /**
   * Identical GETs of one tenant in flight at the same time share one upstream call,
   * across requests, each waiter until its own deadline (shared-gets.ts).
   */
  readonly inflight: SharedGets;
  /** Results of creates by idempotency key (see writes/idempotency-store.ts). */
  readonly idempotency: IdempotencyStore;
  /** What writes and changelogs changed, to every replica's caches (state/invalidation-bus.ts). */
  readonly invalidations: InvalidationBus;
  /** Told of each tenant whose response was cached, to keep it fresh (changes/change-poller.ts). */
  readonly changes?: { watch(tenant: Tenant): void } | undefined;
}

/**
 * After a write whose outcome is unknown (it timed out, or the connection broke after
 * sending), the operation may spend this long past its deadline to look the record up,
 * so the outcome is resolved rather than reported unknown.
 */
export const LOOKUP_GRACE_MS = 2_000;

/** Per-request facts the client needs. */
export interface RequestScope {
  readonly tenant: Tenant;
  readonly meter: CostMeter;
  /** Read at call time: the operation kind is known only once the document is parsed. */
  readonly priority: () => Priority;
  readonly deadline: number;
  /** The operation this client serves (the scheduler's fairness unit). */
  readonly flow: string;
  /** What the operation read, for the GraphQL response cache (absent for background work). */
  readonly reads?: OperationReads | undefined;
}

export interface GetOptions {
  /** Resource name for TTLs and entity priming, e.g. `customers`. */
  readonly resource: string;
  /** Cache the whole response under its URL (default true). */
  readonly cacheResponse?: boolean;
}

export type EntitySink = (resource: string, items: readonly { id: number }[]) => void;

/** What a write changed, so reads after it see the new state. */
export interface WriteEffects {
  /** Lists whose pages may now differ, by API path, e.g. `/customer_invoices`. */
  readonly lists?: readonly string[];
  /** Records that changed: their entity entries, their own GETs and their sub-collections. */
  readonly records?: readonly { readonly resource: string; readonly path: string; readonly id: number | string }[];
}

export type InvalidationSink = (effects: WriteEffects) => void;

/**
 * A request's view of Pennylane: cache first, then the scheduler, then HTTP. Every path
 * here is relative to the API base (`/customers`), and every call goes through the
 * scheduler — there is no other way to reach Pennylane.
 */
export class PennylaneClient {
  private readonly sinks: EntitySink[] = [];
  private readonly invalidationSinks: InvalidationSink[] = [];
  /** Set after a write with an unknown outcome: until then, lookups may outlast the deadline. */
  private graceUntil = 0;

  constructor(
    private readonly deps: UpstreamDeps,
    private readonly scope: RequestScope,
  ) {}

  get tenant(): Tenant {
    return this.scope.tenant;
  }

  /** Called with every entity a list brings back, so by-id loaders need not ask again. */
  onEntities(sink: EntitySink): void {
    this.sinks.push(sink);
  }

  async get<T extends object>(path: string, query: Readonly<Record<string, string>>, options: GetOptions): Promise<T> {
    const { body, ttlMs } = await this.fetch<T>(path, query, options);
    this.scope.reads?.get(this.scope.tenant.id, path, query, options.resource, ttlMs, body);
    return body;
  }

  /** The body, and how long it stays fresh (ms): what is left of a REST cache entry, or the full TTL. */
  private async fetch<T extends object>(path: string, query: Readonly<Record<string, string>>, options: GetOptions): Promise<{ body: T; ttlMs: number }> {
    const url = withQuery(path, query);
    const key = `GET ${url}`;
    const cached = this.deps.cache.getFresh<T>(this.scope.tenant, key);
    if (cached) {
      this.scope.meter.cacheHits += 1;
      return { body: cached.value, ttlMs: cached.ttlMs };
    }
    const { cache, inflight } = this.deps;
    const body = await inflight.run<T>(
      `${this.scope.tenant.id}|${key}`,
      this.deadline(),
      path,
      async (flight) => {
        const response = await this.send('GET', url, undefined, flight);
        const body = response.body as T;
        if (options.cacheResponse !== false) {
          cache.set(this.scope.tenant, key, body, options.resource, response.bytes);
          this.deps.changes?.watch(this.scope.tenant);
        }
        return body;
      },
      () => (this.scope.meter.cacheHits += 1),
    );
    return { body, ttlMs: cache.ttlOf(options.resource) * 1_000 };
  }

  /** This request's deadline, and the grace to resolve a write whose outcome is unknown. */
  private deadline(): number {
    return Math.max(this.scope.deadline, this.graceUntil);
  }

  /** One page of a list; its items are primed into the entity cache and the loaders. */
  async list<T extends { id: number }>(
    path: string,
    params: ListParams,
    options: GetOptions & { readonly primeEntities?: boolean },
  ): Promise<Page<T>> {
    const page = await this.get<Page<T>>(path, listQuery(params), options);
    if (!Array.isArray(page.items)) throw new UpstreamDataError(`Pennylane answered GET ${path} with a page that has no list of items; nothing of it is passed on.`);
    if (options.primeEntities !== false) this.primeEntities(options.resource, page.items);
    return page;
  }

  /** An entity cached by an earlier list or lookup of this tenant, if still fresh. */
  cachedEntity<T extends object>(resource: string, id: string): T | undefined {
    const hit = this.deps.cache.getFresh<T>(this.scope.tenant, entityKey(resource, id));
    if (hit) {
      this.scope.meter.cacheHits += 1;
      this.scope.reads?.entity(this.scope.tenant.id, resource, id, hit.ttlMs);
    }
    return hit?.value;
  }

  primeEntities(resource: string, items: readonly { id: number }[]): void {
    for (const item of items) {
      this.deps.cache.set(this.scope.tenant, entityKey(resource, String(item.id)), item, resource);
    }
    if (items.length > 0) this.deps.changes?.watch(this.scope.tenant);
    for (const sink of this.sinks) sink(resource, items);
  }

  /** Called with the effects of every write, so request loaders can forget what changed. */
  onInvalidate(sink: InvalidationSink): void {
    this.invalidationSinks.push(sink);
  }

  /**
   * A write. Never cached, never deduplicated, retried by the scheduler only where that is
   * provably safe. Whatever it changed is dropped from this tenant's cache and this request's
   * loaders once it succeeded — or once its outcome is unknown, since it may have happened.
   */
  async write<T>(method: Exclude<HttpMethod, 'GET'>, path: string, body?: unknown, effects: WriteEffects = {}): Promise<T> {
    // The answer goes back once every replica was told what changed (Redis took the event):
    // a read sent to another replica right after it sees the new state.
    try {
      const response = await this.send(method, path, body);
      await this.invalidate(effects);
      return response.body as T;
    } catch (error) {
      if (!(error instanceof UpstreamHttpError) || error.status >= 500) await this.invalidate(effects);
      if (error instanceof UpstreamTransportError || (error instanceof UpstreamHttpError && error.status >= 500)) {
        // It may have happened: leave time to look it up (reconciled-write.ts).
        this.graceUntil = Math.max(this.graceUntil, Date.now() + LOOKUP_GRACE_MS);
      }
      throw error;
    }
  }

  /**
   * Drops what a write changed, on every replica: exactly those records, and the pages of the
   * lists they appear in (cache/invalidation.ts). This replica's cache and this request's
   * loaders forget at once; the promise resolves once the other replicas were told.
   */
  invalidate(effects: WriteEffects, source: 'write' | 'changelog' = 'write'): Promise<void> {
    const lists = effects.lists ?? [];
    const records = effects.records ?? [];
    if (lists.length === 0 && records.length === 0) return Promise.resolve();
    const told = this.deps.invalidations.publish({ kind: 'changed', tenantId: this.scope.tenant.id, lists, records, source });
    for (const sink of this.invalidationSinks) sink(effects);
    return told;
  }

  private async send(
    method: HttpMethod,
    url: string,
    body?: unknown,
    shared?: FlightControl,
  ): Promise<UpstreamResponse> {
    const { scheduler, http } = this.deps;
    const { tenant } = this.scope;
    await tenant.ready();
    const deadline = shared?.deadline ?? (() => this.deadline());
    let authorization = '';
    const attempt = () =>
      scheduler.run(
        tenant,
        {
          method,
          path: url,
          priority: this.scope.priority(),
          deadline,
          idempotent: method === 'GET',
          meter: this.scope.meter,
          flow: this.scope.flow,
          ...(shared ? { signal: shared.signal } : {}),
        },
        () => {
          shared?.upstreamBound(true);
          authorization = tenant.authorization();
          const answer = http.request({
            method,
            path: url,
            authorization,
            ...(body instanceof FormData ? { form: body } : { json: body }),
            // Connect, headers and the whole body end by the deadline.
            deadline: deadline(),
            ...(shared ? { signal: shared.signal } : {}),
          });
          // Answered: what comes next waits for budget; failed below HTTP: for Pennylane again.
          answer.then(
            () => shared?.upstreamBound(false),
            () => undefined,
          );
          return answer;
        },
      );
    let response: UpstreamResponse;
    try {
      response = await attempt();
    } catch (error) {
      // A credential refused moments ago is not sent again; a tenant that can renew it (an OAuth
      // connection whose refresh failed earlier) gets its chance, once.
      if (!(error instanceof UpstreamHttpError && error.remembered && (await tenant.renew(tenant.authorization())))) throw error;
      response = await attempt();
    }
    // A 401 was not processed: after a token renewal (OAuth connections) it is safe to send once more, through the scheduler.
    if (response.status === 401 && (await tenant.renew(authorization))) response = await attempt();
    if (response.status < 200 || response.status >= 300) {
      const path = url.split('?')[0] ?? url;
      throw new UpstreamHttpError(response.status, method, path, parseUpstreamErrorBody(response.body, response.status));
    }
    // A 2xx must carry JSON (writes may answer empty): an HTML page or plain text is not passed on.
    const empty = response.status === 204 || (method !== 'GET' && response.body === '');
    if (!empty && (response.body === null || typeof response.body !== 'object')) {
      throw new UpstreamDataError(`Pennylane answered ${method} ${url.split('?')[0]} with HTTP ${response.status} but no JSON body; nothing of it is passed on.`);
    }
    return response;
  }
}

export function entityKey(resource: string, id: string): string {
  return `entity:${resource}:${id}`;
}
