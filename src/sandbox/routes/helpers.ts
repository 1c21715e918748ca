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
  readonly scope: string;
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
  readonly scope: string;
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
  readonly scope: string;
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
