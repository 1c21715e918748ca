/** Declarative route specs: what a resource module exports. */
import type { Query } from '../list-engine.js';
import type { CompanyStore } from '../store.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Absolute URLs built from the simulator's own base URL. */
export interface Links {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** `http://127.0.0.1:PORT/api/external/v2` */
  readonly base: string;
}

export function apiUrl(links: Links, path: string): string {
  return `${links.base}${path}`;
}

export interface SerializeContext {
  readonly company: CompanyStore;
  readonly links: Links;
}

export interface RouteContext extends SerializeContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  /** Parsed JSON body (undefined when the request has none). */
  readonly body: unknown;
  readonly scopes: readonly string[];
}

export interface ApiResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Path template without the API prefix, e.g. `/customers/{id}`. */
  readonly path: string;
  /**
   * Scope: a resource name (`customers` → `customers:readonly` for GET,
   * `customers:all` otherwise), an exact scope (`exports:fec`), or null (none).
   */
  readonly scope: string | null;
  readonly handler: (ctx: RouteContext) => ApiResponse;
}

/** A resource that `control.snapshot()` can dump, serialized as `GET /{name}/{id}`. */
export interface ResourceDef<R = unknown> {
  readonly name: string;
  readonly rows: (company: CompanyStore) => readonly R[];
  readonly serialize: (row: R, ctx: SerializeContext) => unknown;
}

/** The scope a route requires for a method, or null. */
export function requiredScope(route: RouteSpec): string | null {
  if (route.scope === null) return null;
  if (route.scope.includes(':')) return route.scope;
  return route.method === 'GET' ? `${route.scope}:readonly` : `${route.scope}:all`;
}

export function hasScope(route: RouteSpec, scopes: readonly string[]): boolean {
  const needed = requiredScope(route);
  if (needed === null) return true;
  if (scopes.includes(needed)) return true;
  if (needed.endsWith(':readonly')) return scopes.includes(`${needed.slice(0, -':readonly'.length)}:all`);
  return false;
}
