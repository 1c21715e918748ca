/** Building blocks so that a resource is a declaration: list, get, sub-list routes. */
import { notFound } from '../errors.js';
import { runList, type ListSpec } from '../list-engine.js';
import type { CompanyStore } from '../store.js';
import type { ApiResponse, RouteContext, RouteSpec, SerializeContext } from './types.js';

type Row = { id: number };

/** `{id}` path parameter → integer id, or 404 (like an unknown record). */
export function idParam(ctx: RouteContext, name = 'id'): number {
  const raw = ctx.params[name] ?? '';
  if (!/^\d{1,16}$/.test(raw)) throw notFound();
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}

export function ok(body: unknown, status = 200): ApiResponse {
  return { status, body };
}

export interface ListRouteDef<R extends Row> {
  readonly path: string;
  readonly scope: RouteSpec['scope'];
  readonly rows: (company: CompanyStore) => readonly R[];
  readonly list: ListSpec<R>;
  readonly serialize: (row: R, ctx: SerializeContext) => unknown;
}

export function listRoute<R extends Row>(def: ListRouteDef<R>): RouteSpec {
  return {
    method: 'GET',
    path: def.path,
    scope: def.scope,
    handler: (ctx) => {
      const page = runList(def.rows(ctx.company), ctx.query, def.list);
      return ok({ items: page.items.map((r) => def.serialize(r, ctx)), has_more: page.has_more, next_cursor: page.next_cursor });
    },
  };
}

export interface GetRouteDef<R extends Row> {
  readonly path: string;
  readonly scope: RouteSpec['scope'];
  readonly find: (company: CompanyStore, id: number) => R | undefined;
  readonly serialize: (row: R, ctx: SerializeContext) => unknown;
}

export function getRoute<R extends Row>(def: GetRouteDef<R>): RouteSpec {
  return {
    method: 'GET',
    path: def.path,
    scope: def.scope,
    handler: (ctx) => {
      const row = def.find(ctx.company, idParam(ctx));
      if (!row) throw notFound();
      return ok(def.serialize(row, ctx));
    },
  };
}

export interface SubListRouteDef<P extends Row, R extends Row> {
  /** e.g. `/customer_invoices/{id}/invoice_lines` */
  readonly path: string;
  readonly scope: RouteSpec['scope'];
  readonly parent: (company: CompanyStore, id: number) => P | undefined;
  readonly rows: (company: CompanyStore, parent: P) => readonly R[];
  readonly list: ListSpec<R>;
  readonly serialize: (row: R, ctx: SerializeContext) => unknown;
}

export function subListRoute<P extends Row, R extends Row>(def: SubListRouteDef<P, R>): RouteSpec {
  return {
    method: 'GET',
    path: def.path,
    scope: def.scope,
    handler: (ctx) => {
      const parent = def.parent(ctx.company, idParam(ctx));
      if (!parent) throw notFound();
      const page = runList(def.rows(ctx.company, parent), ctx.query, def.list);
      return ok({ items: page.items.map((r) => def.serialize(r, ctx)), has_more: page.has_more, next_cursor: page.next_cursor });
    },
  };
}

/** A page of rows through the list engine, serialized, in the standard envelope. */
export function pageOf<R extends Row>(ctx: RouteContext, rows: readonly R[], list: ListSpec<R>, serialize: (row: R, ctx: SerializeContext) => unknown): ApiResponse {
  const page = runList(rows, ctx.query, list);
  return ok({ items: page.items.map((r) => serialize(r, ctx)), has_more: page.has_more, next_cursor: page.next_cursor });
}

/** `{id, url}` reference to `/{collection}/{id}`. */
export function ref(ctx: SerializeContext, collection: string, id: number): { id: number; url: string } {
  return { id, url: `${ctx.links.base}/${collection}/${id}` };
}

/** `{id, url}` or null. */
export function refOrNull(ctx: SerializeContext, collection: string, id: number | null): { id: number; url: string } | null {
  return id === null ? null : ref(ctx, collection, id);
}

/** `{url}` link to a child collection. */
export function link(ctx: SerializeContext, path: string): { url: string } {
  return { url: `${ctx.links.base}${path}` };
}
