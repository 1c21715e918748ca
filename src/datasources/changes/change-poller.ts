import type { Logger } from '../../logger.js';
import type { Leases } from '../../state/leases.js';
import type { SharedValues } from '../../state/shared-values.js';
import { CostMeter } from '../cost-meter.js';
import { UpstreamHttpError } from '../http/upstream-errors.js';
import { PennylaneClient, type UpstreamDeps, type WriteEffects } from '../pennylane/client.js';
import type { Page } from '../pennylane/common.js';
import type { Tenant } from '../tenant.js';

/** A changelog and what its events make stale in the cache. */
interface WatchedFeed {
  readonly feed: string;
  readonly resource: string;
  /** Paths a record of this feed is read under (its own GET, sub-collections, list pages). */
  readonly paths: readonly string[];
}

/** The changelogs whose records the gateway caches (API.md §4.6). */
export const WATCHED_FEEDS: readonly WatchedFeed[] = [
  { feed: 'customer_invoices', resource: 'customer_invoices', paths: ['/customer_invoices'] },
  { feed: 'supplier_invoices', resource: 'supplier_invoices', paths: ['/supplier_invoices'] },
  { feed: 'customers', resource: 'customers', paths: ['/customers', '/company_customers', '/individual_customers'] },
  { feed: 'suppliers', resource: 'suppliers', paths: ['/suppliers'] },
  { feed: 'products', resource: 'products', paths: ['/products'] },
  { feed: 'transactions', resource: 'transactions', paths: ['/transactions'] },
  { feed: 'quotes', resource: 'quotes', paths: ['/quotes'] },
  { feed: 'ledger_entry_lines', resource: 'ledger_entry_lines', paths: ['/ledger_entry_lines'] },
];

interface ChangeEvent {
  readonly id: number;
  readonly processed_at: string;
}

const BACKGROUND_DEADLINE_MS = 5 * 60_000;
/** Pennylane keeps changelog events for 4 weeks: a position older than that is useless. */
const POSITION_TTL_MS = 28 * 24 * 3_600_000;

/**
 * Where a feed's next poll starts, as stored in the shared positions (field = feed): Pennylane's
 * `processed_at` of the last event seen; `oldest` (or no field) to read from the oldest event
 * retained; `refused` when the token lacks the feed's scope.
 */
type Since = { readonly at: string } | 'oldest' | 'refused';

function sinceOf(stored: string | undefined): Since {
  if (stored === undefined || stored === 'oldest' || stored === '') return 'oldest';
  return stored === 'refused' ? 'refused' : { at: stored };
}

interface TenantWatch {
  readonly tenant: Tenant;
  lastSeenAt: number;
}

export interface ChangePollerOptions {
  readonly upstream: UpstreamDeps;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Tenants without a request for this long are no longer polled (their cache ages out). */
  readonly idleMs?: number;
  /** One replica at a time polls a token's changelogs: the holder of its lease. */
  readonly leases: Leases;
  /** Each token's positions, shared by the replicas (and kept across restarts with Redis). */
  readonly positions: SharedValues;
}

/** The lease of a token's changelog poll, and the group of its positions. */
export const changePollLease = (tenantId: string) => `changes:${tenantId}`;

/**
 * Keeps cached records fresh beyond their TTLs: for each tenant that cached a response
 * recently (so never for a token Pennylane refuses), it reads Pennylane's changelogs every
 * interval, at background priority (after every query, mutation and bulk call), and drops
 * what changed from every replica's cache (the invalidation bus). Events carry no state, so
 * nothing is fetched: the next read goes to Pennylane.
 *
 * With several replicas, a token is polled by one of them per interval: the holder of its
 * lease, which it keeps while it keeps polling; when it stops (idle, or dead) another
 * replica that caches for the token takes the lease over at its next round.
 *
 * Positions come from Pennylane's own timestamps, never from this machine's clock, and are
 * shared: the first round of a token reads each feed from the oldest retained event to the
 * end (one page of 1000 for most companies), and each later round, on whichever replica,
 * starts at the last event seen.
 */
export class ChangePoller {
  private readonly tenants = new Map<string, TenantWatch>();
  private readonly timer: NodeJS.Timeout;
  private polling: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: ChangePollerOptions) {
    this.timer = setInterval(() => void this.poll(), options.intervalMs);
    this.timer.unref();
  }

  /** `tenant` just cached a Pennylane response: keep its cache fresh from now on. */
  watch(tenant: Tenant): void {
    const known = this.tenants.get(tenant.id);
    if (known) {
      known.lastSeenAt = Date.now();
      return;
    }
    this.tenants.set(tenant.id, { tenant, lastSeenAt: Date.now() });
  }

  /** One round over every watched tenant and feed; rounds never overlap. */
  poll(): Promise<void> {
    this.polling ??= this.round().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  /** Stops polling; a round in flight ends at its next call (the scheduler closes after this). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const id of this.tenants.keys()) void this.options.leases.release(changePollLease(id));
    this.tenants.clear();
  }

  /** Tenants are polled side by side: one whose budget is saturated holds back no other. */
  private async round(): Promise<void> {
    const idleMs = this.options.idleMs ?? 15 * 60_000;
    const due: TenantWatch[] = [];
    for (const [id, watch] of this.tenants) {
      if (Date.now() - watch.lastSeenAt > idleMs) this.forget(id);
      else due.push(watch);
    }
    await Promise.all(due.map((watch) => this.pollTenant(watch)));
  }

  private forget(tenantId: string): void {
    this.tenants.delete(tenantId);
    void this.options.leases.release(changePollLease(tenantId));
  }

  /**
   * The lease lasts two intervals and is renewed every half interval while this replica
   * polls the token (a round slowed by a saturated budget keeps it); a replica that dies
   * lets it go within two intervals, and another one polls at its next round.
   */
  private holdLease(tenantId: string): Promise<boolean> {
    return this.options.leases.hold(changePollLease(tenantId), 2 * this.options.intervalMs);
  }

  private async pollTenant(watch: TenantWatch): Promise<void> {
    if (!(await this.holdLease(watch.tenant.id))) return;
    const keep = setInterval(() => void this.holdLease(watch.tenant.id), this.options.intervalMs / 2);
    keep.unref();
    try {
      await this.pollFeeds(watch);
    } finally {
      clearInterval(keep);
    }
  }

  private async pollFeeds(watch: TenantWatch): Promise<void> {
    const positions = await this.options.positions.read(changePollLease(watch.tenant.id));
    for (const feed of WATCHED_FEEDS) {
      if (this.closed || !this.tenants.has(watch.tenant.id)) return;
      // Background calls wait behind everything else, so they get a long deadline.
      const client = new PennylaneClient(this.options.upstream, {
        tenant: watch.tenant,
        meter: new CostMeter(),
        priority: () => 'background',
        deadline: Date.now() + BACKGROUND_DEADLINE_MS,
        flow: `changes:${watch.tenant.id}`,
      });
      await this.pollFeed(client, watch, feed, sinceOf(positions[feed.feed]));
    }
  }

  private async pollFeed(client: PennylaneClient, watch: TenantWatch, feed: WatchedFeed, since: Since): Promise<void> {
    if (since === 'refused' || this.closed) return;
    const group = changePollLease(watch.tenant.id);
    const setPosition = (value: string) => this.options.positions.write(group, { [feed.feed]: value }, POSITION_TTL_MS);
    try {
      let query: Record<string, string> = since === 'oldest' ? { limit: '1000' } : { limit: '1000', start_date: since.at };
      for (;;) {
        const page = await client.get<Page<ChangeEvent>>(`/changelogs/${feed.feed}`, query, { resource: 'changelogs', cacheResponse: false });
        // start_date is inclusive: the last event seen comes back first; it was handled.
        const fresh = since === 'oldest' ? page.items : page.items.filter((event) => event.processed_at > since.at);
        if (fresh.length > 0) {
          await client.invalidate(effectsOf(feed, fresh), 'changelog');
          await setPosition(fresh[fresh.length - 1]!.processed_at);
        }
        if (!page.has_more || !page.next_cursor) break;
        query = { limit: '1000', cursor: page.next_cursor };
      }
    } catch (error) {
      if (error instanceof UpstreamHttpError && error.status === 403) {
        // The token lacks this resource's scope: it cannot read (or cache) these records either.
        await setPosition('refused');
      } else if ((error instanceof UpstreamHttpError && error.status === 401) || isGoneConnection(error)) {
        // A token Pennylane refuses: forget the tenant until one of its requests arrives again.
        this.forget(watch.tenant.id);
      } else if (error instanceof UpstreamHttpError && error.status === 422) {
        // Our position left the 4-week retention (a long outage): start again from the oldest.
        await setPosition('oldest');
      } else {
        this.options.logger.debug({ feed: feed.feed, err: error instanceof Error ? error.message : String(error) }, 'change polling failed; the next round retries');
      }
    }
  }
}

/** An OAuth connection revoked or deleted (src/connections) is a token Pennylane refuses, too. */
function isGoneConnection(error: unknown): boolean {
  const extensions = (error as { extensions?: { code?: unknown; reason?: unknown } } | null)?.extensions;
  return extensions?.reason === 'CONNECTION_REVOKED' || extensions?.code === 'CONNECTION_NOT_FOUND';
}

function effectsOf(feed: WatchedFeed, events: readonly ChangeEvent[]): WriteEffects {
  const ids = [...new Set(events.map((event) => event.id))];
  return {
    lists: feed.paths,
    records: feed.paths.flatMap((path) => ids.map((id) => ({ resource: feed.resource, path, id }))),
  };
}
