/** Declarative route specs: what a resource module exports. */
import type { Query } from '../list-engine.js';
import type { Outbox } from '../outbox.js';
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

/** Simulator-wide settings a handler may need. */
export interface RuntimeSettings {
  /** Delay before an export becomes `ready` (SimulatorOptions.exportDelayMs). */
  readonly exportDelayMs: number;
  /** Simulated time between finalisation and the PDF (SimulatorOptions.pdfDelayMs, control.setPdfDelay). */
  readonly pdfDelayMs: number;
  /** Largest accepted upload (SimulatorOptions.maxUploadBytes, default 100 MiB). */
  readonly maxUploadBytes: number;
}

/** A file part of a multipart/form-data body. */
export interface UploadedFile {
  readonly bytes: Buffer;
  /** As sent in the part's Content-Disposition ('' when none). */
  readonly filename: string;
  /** As sent in the part's Content-Type ('' when none). */
  readonly contentType: string;
}

/** A parsed multipart/form-data body: file parts and text fields by name. */
export interface UploadForm {
  readonly files: Readonly<Record<string, UploadedFile>>;
  readonly fields: Readonly<Record<string, string>>;
}

export interface RouteContext extends SerializeContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  /** Parsed JSON body (undefined when the request has none). */
  readonly body: unknown;
  readonly scopes: readonly string[];
  readonly settings: RuntimeSettings;
  /** The multipart body, when the request was multipart/form-data (then `body` is undefined). */
  readonly upload?: UploadForm;
  /** Where `send_by_email` records what it sends. */
  readonly outbox: Outbox;
  /** Set by an injected fault with `exportError: true`: the export created by this request fails. */
  readonly exportError?: boolean;
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
   * `customers:all` otherwise), an exact scope (`exports:fec`), a list of
   * those (any one suffices; the 403 names the first), or null (none).
   */
  readonly scope: string | readonly string[] | null;
  readonly handler: (ctx: RouteContext) => ApiResponse;
}

/** A resource that `control.snapshot()` can dump, serialized as `GET /{name}/{id}`. */
export interface ResourceDef<R = unknown> {
  readonly name: string;
  readonly rows: (company: CompanyStore) => readonly R[];
  readonly serialize: (row: R, ctx: SerializeContext) => unknown;
}

function scopeFor(method: HttpMethod, scope: string): string {
  if (scope.includes(':')) return scope;
  return method === 'GET' ? `${scope}:readonly` : `${scope}:all`;
}

/** The scopes that each satisfy a route (any one is enough). */
export function acceptedScopes(route: RouteSpec): string[] {
  if (route.scope === null) return [];
  const list: readonly string[] = typeof route.scope === 'string' ? [route.scope] : route.scope;
  return list.map((s) => scopeFor(route.method, s));
}

/** The scope a route requires for a method (the first accepted one), or null. */
export function requiredScope(route: RouteSpec): string | null {
  return acceptedScopes(route)[0] ?? null;
}

export function hasScope(route: RouteSpec, scopes: readonly string[]): boolean {
  const accepted = acceptedScopes(route);
  if (accepted.length === 0) return true;
  return accepted.some((needed) => {
    if (scopes.includes(needed)) return true;
    return needed.endsWith(':readonly') && scopes.includes(`${needed.slice(0, -':readonly'.length)}:all`);
  });
}
