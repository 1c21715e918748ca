/** Building blocks of write routes: uniqueness of external references and the PUT flow. */
import { conflict, notFound, unprocessable } from '../errors.js';
import type { Timestamps } from '../records.js';
import type { ChangelogResource, CompanyStore, Table } from '../store.js';
import { validateBody, type Json, type ObjectSchema } from '../validate.js';
import { idParam, ok } from './helpers.js';
import type { ApiResponse, RouteContext, SerializeContext } from './types.js';

type Referenced = { id: number; external_reference: string | null };

/** `external_reference` is unique per resource type (API.md §3.4): a clash is a 409. */
export function ensureUniqueReference<R extends Referenced>(table: Table<R>, noun: string, ref: unknown, selfId: number | null): void {
  if (typeof ref !== 'string') return;
  if (table.find((row) => row.external_reference === ref && row.id !== selfId)) {
    throw conflict(`A ${noun} with external_reference "${ref}" already exists`);
  }
}

export interface UpdateDef<R extends Referenced & Timestamps> {
  readonly noun: string;
  readonly table: (company: CompanyStore) => Table<R>;
  /** Extra condition on the record (e.g. the customer kind of the path); false → 404. */
  readonly accepts?: (row: R) => boolean;
  readonly schema: ObjectSchema;
  readonly apply: (company: CompanyStore, row: R, body: Json) => void;
  readonly changelog: ChangelogResource;
  readonly serialize: (row: R, ctx: SerializeContext) => unknown;
}

/** PUT `/{resource}/{id}`: partial update of a copy, then stored, change event, 200. */
export function updateRecord<R extends Referenced & Timestamps>(ctx: RouteContext, def: UpdateDef<R>): ApiResponse {
  const { company } = ctx;
  const table = def.table(company);
  const current = table.get(idParam(ctx));
  if (!current || (def.accepts && !def.accepts(current))) throw notFound();
  const body = validateBody(def.schema, ctx.body);
  ensureUniqueReference(table, def.noun, body['external_reference'], current.id);
  const row: R = structuredClone(current);
  def.apply(company, row, body);
  row.updated_at = company.clock.after(current.updated_at);
  table.put(row);
  company.recordChange(def.changelog, row, 'update');
  return ok(def.serialize(row, ctx));
}

/** A record referenced from a request body: unknown → 422 (a path id would be a 404). */
export function mustExist<R extends { id: number }>(table: Table<R>, id: number, noun: string): R {
  const row = table.get(id);
  if (!row) throw unprocessable(`${noun} ${id} does not exist`);
  return row;
}

/** The record of a path `{id}` (404 when unknown). */
export function pathRecord<R extends { id: number }>(ctx: RouteContext, table: Table<R>, name = 'id'): R {
  const row = table.get(idParam(ctx, name));
  if (!row) throw notFound();
  return row;
}

/** Bump `updated_at` (simulated clock, strictly after the current value). */
export function touch(company: CompanyStore, row: Timestamps): string {
  row.updated_at = company.clock.after(row.updated_at);
  return row.updated_at;
}

/** The keys of `body` that `allowed` does not contain. */
export function keysOutside(body: Json, allowed: readonly string[]): string[] {
  return Object.keys(body).filter((k) => body[k] !== undefined && !allowed.includes(k));
}
