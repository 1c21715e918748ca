/**
 * Generic list engine (API.md §3.1–3.3): limit, keyset cursor, sort, filter.
 * A list is declared by a ListSpec; the engine validates the query exactly
 * like Pennylane (400 validator shapes) and pages the rows.
 */
import { validationError } from './errors.js';
import { matches, parseFilter, type Condition, type FilterSpec } from './filter.js';

export type SortValue = string | number | null;

export interface ListSpec<R extends { id: number }> {
  /** Largest accepted `limit` (100; 1000 on changelogs, ledger_accounts, trial_balance). */
  readonly maxLimit?: number;
  /** Sortable fields; `id` is always sortable. */
  readonly sort?: Readonly<Record<string, (row: R) => SortValue>>;
  /** Default `-id`. */
  readonly defaultSort?: string;
  /** Filterable fields; a list without filters rejects any non-empty filter. */
  readonly filters?: FilterSpec<R>;
}

export type Query = Readonly<Record<string, string>>;

export interface ListPage<R> {
  items: R[];
  has_more: boolean;
  next_cursor: string | null;
}

export const DEFAULT_LIMIT = 20;
export const DEFAULT_MAX_LIMIT = 100;

export function parseLimit(query: Query, max: number): number {
  const raw = query['limit'];
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw validationError(`limit must be an integer (got "${raw}")`, 'limit', 'ValidateError');
  const n = Number(raw);
  if (n < 1) throw validationError(`limit must be greater than or equal to 1 (got ${raw})`, 'limit', 'LessThanMinimum');
  if (n > max) throw validationError(`limit must be less than or equal to ${max} (got ${raw})`, 'limit', 'MoreThanMaximum');
  return n;
}

interface Sort<R> {
  readonly field: string;
  readonly desc: boolean;
  readonly key: (row: R) => SortValue;
}

function parseSort<R extends { id: number }>(query: Query, spec: ListSpec<R>): Sort<R> {
  const keys: Record<string, (row: R) => SortValue> = { id: (r) => r.id, ...spec.sort };
  const raw = query['sort'] ?? spec.defaultSort ?? '-id';
  const desc = raw.startsWith('-');
  const field = desc ? raw.slice(1) : raw;
  const key = Object.prototype.hasOwnProperty.call(keys, field) ? keys[field] : undefined;
  if (!key) {
    const allowed = Object.keys(keys).flatMap((f) => [f, `-${f}`]).join(', ');
    throw validationError(`Invalid sort "${raw}". Allowed values: ${allowed}`, 'sort', 'NotEnumInclude');
  }
  return { field, desc, key };
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1; // nulls last ascending, first descending
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

interface Position {
  readonly id: number;
  readonly values: Readonly<Record<string, SortValue>>;
}

export function encodeCursor(position: Record<string, SortValue>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64');
}

function badCursor(raw: string): never {
  throw validationError(`Invalid cursor "${raw.length > 64 ? `${raw.slice(0, 64)}…` : raw}"`, 'cursor', 'ValidateError');
}

export function decodeCursor(raw: string): Position {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) badCursor(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    badCursor(raw);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) badCursor(raw);
  const obj = parsed as Record<string, unknown>;
  const id = obj['id'];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) badCursor(raw);
  const values: Record<string, SortValue> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') badCursor(raw);
    values[k] = v as SortValue;
  }
  return { id, values };
}

/**
 * Page `rows` (the whole, unfiltered collection) according to the query.
 * The cursor is a position only: it does not carry filter or sort.
 */
export function runList<R extends { id: number }>(rows: readonly R[], query: Query, spec: ListSpec<R>): ListPage<R> & { conditions: Condition[] } {
  const limit = parseLimit(query, spec.maxLimit ?? DEFAULT_MAX_LIMIT);
  const rawCursor = query['cursor'];
  const position = rawCursor ? decodeCursor(rawCursor) : null;
  const sort = parseSort(query, spec);
  const rawFilter = query['filter'];
  const conditions = rawFilter !== undefined && rawFilter !== '' ? parseFilter(rawFilter, spec.filters ?? {}) : [];

  const dir = sort.desc ? -1 : 1;
  const cmp = (a: R, b: R) => dir * (compareValues(sort.key(a), sort.key(b)) || a.id - b.id);
  const filters = spec.filters ?? {};
  const selected = conditions.length > 0 ? rows.filter((r) => matches(r, conditions, filters)) : rows.slice();
  selected.sort(cmp);

  let start = 0;
  if (position) {
    let anchor: SortValue;
    if (sort.field === 'id') anchor = position.id;
    else if (Object.prototype.hasOwnProperty.call(position.values, sort.field)) anchor = position.values[sort.field] ?? null;
    else {
      const row = rows.find((r) => r.id === position.id);
      if (!row) badCursor(rawCursor ?? '');
      anchor = sort.key(row);
    }
    const after = (r: R) => dir * (compareValues(sort.key(r), anchor) || r.id - position.id) > 0;
    start = selected.findIndex(after);
    if (start < 0) start = selected.length;
  }
  const items = selected.slice(start, start + limit);
  const hasMore = start + limit < selected.length;
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (hasMore && last) {
    nextCursor = encodeCursor(sort.field === 'id' ? { id: last.id } : { id: last.id, [sort.field]: sort.key(last) });
  }
  return { items, has_more: hasMore, next_cursor: nextCursor, conditions };
}
