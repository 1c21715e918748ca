/**
 * Changelogs (API.md §4.6): `GET /changelogs/{resource}`, processed_at
 * ascending, 4-week retention relative to the simulator clock, `start_date`
 * (RFC 3339) or a cursor (keyset on processed_at + position), never both.
 */
import { unprocessable, validationError } from '../errors.js';
import { encodeCursor, parseLimit } from '../list-engine.js';
import type { ChangeEvent } from '../records.js';
import { CHANGELOG_RETENTION_MICROS, type ChangelogResource } from '../store.js';
import { formatMicros } from '../time.js';
import { ok } from './helpers.js';
import type { RouteContext, RouteSpec } from './types.js';

/** Each feed and the resource whose read scope it needs. */
export const CHANGELOG_FEEDS: Readonly<Record<ChangelogResource, string>> = {
  customer_invoices: 'customer_invoices',
  supplier_invoices: 'supplier_invoices',
  customers: 'customers',
  suppliers: 'suppliers',
  products: 'products',
  transactions: 'transactions',
  ledger_entry_lines: 'ledger_entries',
  quotes: 'quotes',
  ledger_entries_categories: 'ledger_entries',
  ledger_entry_lines_categories: 'ledger_entries',
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 date-time → epoch microseconds, or null when malformed. */
export function parseRfc3339(raw: string): number | null {
  if (!RFC3339.test(raw)) return null;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) return null;
  const frac = /\.(\d+)/.exec(raw)?.[1] ?? '';
  return Math.floor(ms / 1000) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

interface Position {
  readonly processed_at: string;
  readonly seq: number;
}

function decode(raw: string): Position {
  const bad = () => validationError(`Invalid cursor "${raw.slice(0, 64)}"`, 'cursor', 'ValidateError');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    throw bad();
  }
  const p = parsed as Partial<Position> | null;
  if (!p || typeof p.processed_at !== 'string' || typeof p.seq !== 'number' || !Number.isInteger(p.seq)) throw bad();
  return { processed_at: p.processed_at, seq: p.seq };
}

function after(e: ChangeEvent, i: number, pos: Position): boolean {
  return e.processed_at > pos.processed_at || (e.processed_at === pos.processed_at && i > pos.seq);
}

function handler(feed: ChangelogResource) {
  return (ctx: RouteContext) => {
    const limit = parseLimit(ctx.query, 1000);
    const rawStart = ctx.query['start_date'];
    const rawCursor = ctx.query['cursor'];
    const hasStart = rawStart !== undefined && rawStart !== '';
    const hasCursor = rawCursor !== undefined && rawCursor !== '';
    if (hasStart && hasCursor) throw validationError('start_date and cursor cannot be used together', 'start_date', 'ValidateError');
    if (ctx.query['filter'] !== undefined && ctx.query['filter'] !== '') {
      throw validationError('Changelogs cannot be filtered (use start_date)', 'filter', 'ValidateError');
    }
    const cutoff = formatMicros(ctx.company.clock.peekMicros() - CHANGELOG_RETENTION_MICROS);
    const events = ctx.company.changeEvents(feed);
    let from = events.findIndex((e) => e.processed_at >= cutoff);
    if (from < 0) from = events.length;
    if (hasStart) {
      const micros = parseRfc3339(rawStart);
      if (micros === null) throw validationError(`"start_date" must be an RFC 3339 date-time (got "${rawStart}")`, 'start_date', 'InvalidDateTimeFormat');
      const start = formatMicros(micros);
      if (start < cutoff) throw unprocessable('start_date is beyond the 4-week retention');
      while (from < events.length && (events[from] as ChangeEvent).processed_at < start) from++;
    } else if (hasCursor) {
      const pos = decode(rawCursor);
      while (from < events.length && !after(events[from] as ChangeEvent, from, pos)) from++;
    }
    const page = events.slice(from, from + limit);
    const hasMore = from + limit < events.length;
    const lastIndex = from + page.length - 1;
    const last = events[lastIndex];
    return ok({
      items: page.map((e) => ({ id: e.id, operation: e.operation, processed_at: e.processed_at, updated_at: e.updated_at, created_at: e.created_at })),
      has_more: hasMore,
      next_cursor: hasMore && last ? encodeCursor({ processed_at: last.processed_at, seq: lastIndex }) : null,
    });
  };
}

export const changelogRoutes: readonly RouteSpec[] = (Object.keys(CHANGELOG_FEEDS) as ChangelogResource[]).map((feed) => ({
  method: 'GET',
  path: `/changelogs/${feed}`,
  scope: CHANGELOG_FEEDS[feed],
  handler: handler(feed),
}));
