/** Shapes shared by every Pennylane v2 resource (API.md §3). */

/** Pennylane ids are integers above 2^32: we carry them as decimal strings or JS numbers. */
export type PennylaneId = number;

/** The cursor envelope every list returns. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly has_more: boolean;
  readonly next_cursor: string | null;
}

/** A child collection, never embedded: fetching it costs one more call. */
export interface Link {
  readonly url: string;
}

/** A reference to another record. */
export interface Ref {
  readonly id: PennylaneId;
  readonly url?: string;
}

export const FILTER_OPERATORS = ['eq', 'not_eq', 'lt', 'lteq', 'gt', 'gteq', 'in', 'not_in', 'start_with'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FilterScalar = string | number | boolean;

/** One condition of the `filter` query parameter; a list of them is AND-combined. */
export interface FilterCondition {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: FilterScalar | readonly FilterScalar[];
}

export interface ListParams {
  readonly filter?: readonly FilterCondition[];
  /** `field` ascending, `-field` descending; Pennylane's default is `-id`. */
  readonly sort?: string;
  /** 1..100 (1..1000 on a few lists); Pennylane answers 400 outside, it never clamps. */
  readonly limit?: number;
  readonly cursor?: string | null;
  /** Other query parameters of the list (a changelog's `start_date`, a period...). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Pennylane's page size ceiling for most lists; id batches are cut to this size. */
export const MAX_PAGE_SIZE = 100;

/** Query string for a list call, in a fixed order so equal requests share a cache key. */
export function listQuery(params: ListParams): Record<string, string> {
  const query: Record<string, string> = {};
  if (params.cursor) query.cursor = params.cursor;
  if (params.filter && params.filter.length > 0) query.filter = JSON.stringify(params.filter);
  if (params.limit !== undefined) query.limit = String(params.limit);
  if (params.sort) query.sort = params.sort;
  for (const key of Object.keys(params.extra ?? {}).sort()) query[key] = params.extra![key]!;
  return query;
}

export function withQuery(path: string, query: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}
