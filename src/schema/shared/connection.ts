import { createHash } from 'node:crypto';
import { MAX_PAGE_SIZE, type ListParams, type Page } from '../../datasources/pennylane/common.js';
import { userInputError } from './errors.js';

/**
 * Relay connections over Pennylane's cursor lists. `first`/`after` map onto `limit`/`cursor`;
 * filter and sort are re-sent with every page because Pennylane's cursor does not carry
 * them (API.md §6.1: without them pages 2+ silently widen).
 *
 * Our cursor wraps Pennylane's: `{c: page cursor, s: items of that page already seen,
 * f: fingerprint of list+filter+sort}`. The fingerprint lets us refuse a cursor replayed
 * against another filter instead of returning the wrong rows. Pennylane hands out one cursor
 * per page, so an edge in the middle of a page resumes by re-reading that page and
 * skipping `s` items.
 */

export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface Connection<T> {
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

export interface CursorState {
  readonly c: string | null;
  readonly s: number;
  readonly f: string;
}

export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionRequest {
  /** What the list is, for the fingerprint: path plus filter and sort. */
  readonly list: string;
  readonly filter?: ListParams['filter'];
  readonly sort?: string;
  /** Largest page Pennylane allows on this list (100; 1000 on changelogs and a few others). */
  readonly maxPageSize?: number;
  /** Query parameters sent with every page (e.g. the trial balance's period). */
  readonly extra?: Readonly<Record<string, string>>;
  /** Query parameters sent with the first page only (a changelog's `start_date`). */
  readonly firstPageOnly?: Readonly<Record<string, string>>;
}

/** Validates `first`/`after`/`last`/`before` and returns the page to ask Pennylane for. */
export interface PagePlan {
  readonly params: ListParams;
  readonly skip: number;
  readonly first: number;
  readonly fingerprint: string;
}

/** Validates `first`/`after`/`last`/`before` and returns the page to ask Pennylane for. */
export function planPage(args: ConnectionArgs, request: ConnectionRequest): PagePlan {
  const max = request.maxPageSize ?? MAX_PAGE_SIZE;
  const first = validFirst(args, max);
  const fingerprint = fingerprintOf(request);
  const state = args.after ? decodeCursor(args.after, fingerprint, max) : { c: null, s: 0, f: fingerprint };
  return {
    params: {
      filter: request.filter,
      sort: request.sort,
      cursor: state.c,
      limit: Math.min(max, state.s + first),
      extra: { ...request.extra, ...(state.c === null ? request.firstPageOnly : {}) },
    },
    skip: state.s,
    first,
    fingerprint,
  };
}

export function validFirst(args: ConnectionArgs, max = MAX_PAGE_SIZE): number {
  if (args.last != null || args.before != null) {
    throw userInputError('`last` and `before` are not supported: Pennylane lists only go forward. Use `first` and `after`.');
  }
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw userInputError(`\`first\` must be between 1 and ${max} (Pennylane's page size limit here), got ${first}.`, {
      field: 'first',
    });
  }
  return first;
}

/**
 * A first page built from rows read some other way (children batched across parents):
 * its cursors resume through the parent's own list, skipping what was already returned.
 */
export function connectionFromFirstRows<T>(rows: readonly T[], hasMore: boolean, request: ConnectionRequest): Connection<T> {
  const fingerprint = fingerprintOf(request);
  const edges = rows.map((node, index) => ({ cursor: encodeCursor({ c: null, s: index + 1, f: fingerprint }), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export async function resolvePennylaneConnection<T>(
  args: ConnectionArgs,
  request: ConnectionRequest,
  fetchPage: (params: ListParams) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const plan = planPage(args, request);
  const page = await fetchPage(plan.params);
  const items = page.items.slice(plan.skip, plan.skip + plan.first);
  const edges = items.map((node, index) => {
    const position = plan.skip + index + 1;
    const lastOfPage = position === page.items.length;
    const state: CursorState =
      lastOfPage && page.next_cursor
        ? { c: page.next_cursor, s: 0, f: plan.fingerprint }
        : { c: plan.params.cursor ?? null, s: position, f: plan.fingerprint };
    return { cursor: encodeCursor(state), node };
  });
  const moreInPage = plan.skip + items.length < page.items.length;
  return {
    edges,
    pageInfo: {
      hasNextPage: moreInPage || page.has_more,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function fingerprintOf(request: ConnectionRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.list, request.filter ?? [], request.sort ?? '', request.extra ?? {}, request.firstPageOnly ?? {}]))
    .digest('base64url')
    .slice(0, 12);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string, max: number): CursorState {
  let state: Partial<CursorState> | null = null;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
  } catch {
    state = null;
  }
  const valid =
    state !== null &&
    typeof state === 'object' &&
    (state.c === null || typeof state.c === 'string') &&
    typeof state.s === 'number' &&
    Number.isInteger(state.s) &&
    state.s >= 0 &&
    state.s <= max &&
    typeof state.f === 'string';
  if (!valid) {
    throw userInputError('`after` is not a cursor issued by this connection. Use an `endCursor` or edge `cursor` from a previous page.', {
      field: 'after',
    });
  }
  if (state!.f !== fingerprint) {
    throw userInputError(
      '`after` was issued for a different list, filter or sort. Send the same filter and sort with every page, or start again without `after`.',
      { field: 'after' },
    );
  }
  return state as CursorState;
}
