/**
 * The change hub: where every replica's live change events meet their subscribers. Whoever
 * learns that a record changed (the changelog poll, a webhook received, one of our writes)
 * publishes it here for a tenant; every subscription of that tenant, on every replica, receives
 * it with an event cursor. Events are kept in a bounded log per tenant, so a subscriber can
 * resume after the last cursor it was given. Events carry ids only, never tokens or records.
 */

/** What happened to the record, in the GraphQL enum's words. */
export type LiveOperation = 'INSERT' | 'UPDATE' | 'DELETE';

/** Who noticed the change. */
export type LiveSource = 'changelog' | 'webhook' | 'write';

/** A change as its finder publishes it. */
export interface ChangeNotice {
  /** The changelog name of the record's resource (API.md §4.6), e.g. `customer_invoices`, `ledger_entry_lines_categories`. */
  readonly resource: string;
  readonly operation: LiveOperation;
  readonly pennylaneId: string;
  /** The finder's own position, for logs and dedup (a changelog event's `processed_at`, a webhook's event id). */
  readonly cursor?: string;
  readonly source: LiveSource;
}

/** A change as subscribers receive it. */
export interface LiveChange extends Omit<ChangeNotice, 'cursor'> {
  /** The hub's event cursor: resume after it with `subscribe(..., { after })`. Opaque to clients. */
  readonly cursor: string;
  /** The finder's position (ChangeNotice.cursor), if it gave one. */
  readonly upstreamCursor?: string;
}

/** Why `subscribe` refused an `after` cursor. */
export type CursorProblem = 'CURSOR_EXPIRED' | 'CURSOR_UNKNOWN';

export class LiveCursorError extends Error {
  constructor(
    readonly code: CursorProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface ChangeSubscribeOptions {
  /** Only these resources (changelog names); all of them when omitted. */
  readonly resources?: ReadonlySet<string>;
  /** Resume: every event logged after this cursor first, then live ones. */
  readonly after?: string;
}

/**
 * Batches of changes, in log order, each event once: what one `publish` call carried arrives
 * as one batch (so its records can be fetched together). `return()` (a `for await` left, a
 * client gone) releases everything the subscription holds.
 */
export type ChangeStream = AsyncIterableIterator<readonly LiveChange[]>;

export interface ChangeHub {
  /**
   * Logs the changes and delivers them to every subscriber of `tenantKey` (Tenant.id, a hash
   * of the token, never the token) on every replica. Resolves once logged; never rejects.
   */
  publish(tenantKey: string, changes: ChangeNotice | readonly ChangeNotice[]): Promise<void>;
  /** Rejects with LiveCursorError when `after` is malformed, unknown, or older than the log keeps. */
  subscribe(tenantKey: string, options?: ChangeSubscribeOptions): Promise<ChangeStream>;
  /** Subscriptions open on this replica (for metrics and tests). */
  subscriberCount(tenantKey?: string): number;
  close(): Promise<void>;
}
