/**
 * Recent activity, so that every changelog has events inside the 4-week
 * retention window: updates on customers, products, suppliers and categorized
 * ledger records, a few deleted drafts; then every feed sorted by processed_at.
 */
import type { Timestamps } from '../records.js';
import type { ChangelogResource, CompanyStore, Identified, Table } from '../store.js';
import { parseMicros } from '../time.js';
import { iso, processedAfter, type SeedContext } from './context.js';

const DAY_US = 86_400_000_000;

/** A random instant within the last `days` days before the seed's "now". */
function recent(ctx: SeedContext, days = 26): number {
  return ctx.nowMicros - 2_000_000 - Math.floor(ctx.rng.next() * days * DAY_US);
}

function touch<R extends Identified & Timestamps>(ctx: SeedContext, table: Table<R>, feed: ChangelogResource, count: number, filter: (r: R) => boolean = () => true): void {
  for (const row of ctx.rng.shuffle(table.all().filter(filter)).slice(0, count)) {
    const at = iso(recent(ctx));
    if (at <= row.updated_at) continue;
    row.updated_at = at;
    ctx.store.recordChange(feed, row, 'update', processedAfter(ctx, at));
  }
}

function deletedDrafts(ctx: SeedContext, feed: 'customer_invoices' | 'supplier_invoices', count: number): void {
  for (let i = 0; i < count; i++) {
    const created = recent(ctx, 20);
    const deleted = Math.min(created + ctx.rng.int(1, 48) * 3_600_000_000, ctx.nowMicros - 1_500_000);
    const ghost = { id: ctx.store.ids.next(feed), created_at: iso(created), updated_at: iso(created) };
    ctx.store.recordChange(feed, ghost, 'insert', processedAfter(ctx, ghost.created_at));
    ctx.store.recordChange(feed, { ...ghost, updated_at: iso(deleted) }, 'delete', processedAfter(ctx, iso(deleted)));
  }
}

export function seedRecentActivity(ctx: SeedContext): void {
  const { store } = ctx;
  touch(ctx, store.tables.customers, 'customers', 8);
  touch(ctx, store.tables.products, 'products', 5);
  touch(ctx, store.tables.suppliers, 'suppliers', 6);
  touch(ctx, store.tables.ledger_entries, 'ledger_entries_categories', 4, (e) => e.categories.length > 0);
  touch(ctx, store.tables.ledger_entry_lines, 'ledger_entry_lines_categories', 6, (l) => l.categories.length > 0);
  deletedDrafts(ctx, 'customer_invoices', 2);
  deletedDrafts(ctx, 'supplier_invoices', 1);
}

/** Sorts every feed by processed_at and moves the company clock just past the last event. */
export function finalizeChanges(store: CompanyStore): void {
  let last = '';
  for (const list of store.changes.values()) {
    list.sort((a, b) => (a.processed_at < b.processed_at ? -1 : a.processed_at > b.processed_at ? 1 : a.id - b.id));
    const tail = list[list.length - 1];
    if (tail && tail.processed_at > last) last = tail.processed_at;
  }
  if (last !== '') store.startClockAt(parseMicros(last) + 1);
}
