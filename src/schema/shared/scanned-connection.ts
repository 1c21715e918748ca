import { MAX_PAGE_SIZE, type ListParams, type Page } from '../../datasources/pennylane/common.js';
import { encodeCursor, planPage, type Connection, type ConnectionArgs, type ConnectionRequest, type CursorState } from './connection.js';

/**
 * A connection over a list filtered by the gateway, for conditions Pennylane cannot filter on
 * (an invoice's status). Pennylane's pages are read whole (100 rows, one call each, with the
 * request's own filter and sort) and the rows that `keep` accepts become edges, until there are
 * `first` of them or `maxPages` pages were read. A page can thus hold fewer than `first` edges
 * while `hasNextPage` is true; `endCursor` resumes right after the last row read, kept or not.
 */
export async function resolveScannedConnection<T>(
  args: ConnectionArgs,
  request: ConnectionRequest,
  keep: (row: T) => boolean,
  maxPages: number,
  fetchPage: (params: ListParams) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const plan = planPage(args, request);
  const at = (c: string | null, s: number): string => encodeCursor({ c, s, f: plan.fingerprint } satisfies CursorState);
  const edges: { cursor: string; node: T }[] = [];
  let cursor = plan.params.cursor ?? null;
  let skip = plan.skip;
  let endCursor: string | null = null;
  let hasNextPage = false;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage({ ...plan.params, cursor, limit: MAX_PAGE_SIZE });
    for (let index = skip; index < page.items.length; index++) {
      const position = index + 1;
      const next = position === page.items.length && page.next_cursor ? at(page.next_cursor, 0) : at(cursor, position);
      endCursor = next;
      const row = page.items[index]!;
      if (!keep(row)) continue;
      edges.push({ cursor: next, node: row });
      if (edges.length === plan.first) {
        hasNextPage = position < page.items.length || page.has_more;
        return connection(edges, hasNextPage, endCursor);
      }
    }
    if (!page.has_more || !page.next_cursor) return connection(edges, false, endCursor);
    cursor = page.next_cursor;
    skip = 0;
    endCursor = at(cursor, 0);
    hasNextPage = true;
  }
  return connection(edges, hasNextPage, endCursor);
}

function connection<T>(edges: { cursor: string; node: T }[], hasNextPage: boolean, endCursor: string | null): Connection<T> {
  return { edges, pageInfo: { hasNextPage, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor } };
}
