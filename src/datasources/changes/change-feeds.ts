import type { ChangeNotice, LiveOperation } from '../../live/change-hub.js';
import type { WriteEffects } from '../pennylane/client.js';
import type { PennylaneChangeEvent } from '../pennylane/core.js';

/** A changelog (API.md §4.6) and what its events make stale in the cache. */
export interface ChangeFeedDef {
  /** `/changelogs/{feed}`. */
  readonly feed: string;
  /** The resource whose records its events name. */
  readonly resource: string;
  /** Paths a record of this feed is read under (its own GET, sub-collections, list pages). */
  readonly paths: readonly string[];
  /** Polled to keep the cache fresh for every tenant that cached something (not only for subscribers). */
  readonly cached: boolean;
}

/** Every changelog Pennylane keeps: each can be subscribed to; the `cached` ones are also read for the cache. */
export const CHANGE_FEEDS: readonly ChangeFeedDef[] = [
  { feed: 'customer_invoices', resource: 'customer_invoices', paths: ['/customer_invoices'], cached: true },
  { feed: 'supplier_invoices', resource: 'supplier_invoices', paths: ['/supplier_invoices'], cached: true },
  { feed: 'customers', resource: 'customers', paths: ['/customers', '/company_customers', '/individual_customers'], cached: true },
  { feed: 'suppliers', resource: 'suppliers', paths: ['/suppliers'], cached: true },
  { feed: 'products', resource: 'products', paths: ['/products'], cached: true },
  { feed: 'transactions', resource: 'transactions', paths: ['/transactions'], cached: true },
  { feed: 'quotes', resource: 'quotes', paths: ['/quotes'], cached: true },
  { feed: 'ledger_entry_lines', resource: 'ledger_entry_lines', paths: ['/ledger_entry_lines'], cached: true },
  { feed: 'ledger_entries_categories', resource: 'ledger_entries', paths: ['/ledger_entries'], cached: false },
  { feed: 'ledger_entry_lines_categories', resource: 'ledger_entry_lines', paths: ['/ledger_entry_lines'], cached: false },
];

const OPERATION: Readonly<Record<PennylaneChangeEvent['operation'], LiveOperation>> = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' };

/** A changelog event as the change hub publishes it. */
export function noticeOf(feed: ChangeFeedDef, event: PennylaneChangeEvent): ChangeNotice {
  return { resource: feed.feed, operation: OPERATION[event.operation], pennylaneId: String(event.id), cursor: event.processed_at, source: 'changelog' };
}

/** What a page of a feed's events makes stale in the cache. */
export function effectsOf(feed: ChangeFeedDef, events: readonly PennylaneChangeEvent[]): WriteEffects {
  const ids = [...new Set(events.map((event) => event.id))];
  return {
    lists: feed.paths,
    records: feed.paths.flatMap((path) => ids.map((id) => ({ resource: feed.resource, path, id }))),
  };
}
