import type { Logger } from '../../logger.js';
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

/** Where a feed's next poll starts: Pennylane's `processed_at` of the last event seen. */
type Since = { readonly at: string } | 'oldest' | 'refused';

interface TenantWatch {
  readonly tenant: Tenant;
  lastSeenAt: number;
  readonly since: Map<string, Since>;
}

export interface ChangePollerOptions {
  readonly upstream: UpstreamDeps;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Tenants without a request for this long are no longer polled (their cache ages out). */
  readonly idleMs?: number;
}

/**
 * Keeps cached records fresh beyond their TTLs: for each tenant that cached a response
 * recently (so never for a token Pennylane refuses), it reads Pennylane's changelogs every interval, at background priority (after
 * every query, mutation and bulk call), and drops what changed from that tenant's cache.
 * Events carry no state, so nothing is fetched: the next read goes to Pennylane.
 *
 * Positions come from Pennylane's own timestamps, never from this machine's clock: the
 * first round of a tenant reads each feed from the oldest retained event to the end (one
 * page of 1000 for most companies), and each later round starts at the last event seen.
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
    this.tenants.set(tenant.id, { tenant, lastSeenAt: Date.now(), since: new Map(WATCHED_FEEDS.map((f) => [f.feed, 'oldest' as const])) });
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
    this.tenants.clear();
  }

  /** Tenants are polled side by side: one whose budget is saturated holds back no other. */
  private async round(): Promise<void> {
    const idleMs = this.options.idleMs ?? 15 * 60_000;
    const due: TenantWatch[] = [];
    for (const [id, watch] of this.tenants) {
      if (Date.now() - watch.lastSeenAt > idleMs) this.tenants.delete(id);
      else due.push(watch);
    }
    await Promise.all(due.map((watch) => this.pollTenant(watch)));
  }

  private async pollTenant(watch: TenantWatch): Promise<void> {
    for (const feed of WATCHED_FEEDS) {
      if (this.closed) return;
      // Background calls wait behind everything else, so they get a long deadline.
      const client = new PennylaneClient(this.options.upstream, {
        tenant: watch.tenant,
        meter: new CostMeter(),
        priority: () => 'background',
        deadline: Date.now() + BACKGROUND_DEADLINE_MS,
        flow: `changes:${watch.tenant.id}`,
      });
      await this.pollFeed(client, watch, feed);
    }
  }

  private async pollFeed(client: PennylaneClient, watch: TenantWatch, feed: WatchedFeed): Promise<void> {
    const since = watch.since.get(feed.feed);
    if (since === undefined || since === 'refused' || this.closed) return;
    try {
      let query: Record<string, string> = since === 'oldest' ? { limit: '1000' } : { limit: '1000', start_date: since.at };
      for (;;) {
        const page = await client.get<Page<ChangeEvent>>(`/changelogs/${feed.feed}`, query, { resource: 'changelogs', cacheResponse: false });
        // start_date is inclusive: the last event seen comes back first; it was handled.
        const fresh = since === 'oldest' ? page.items : page.items.filter((event) => event.processed_at > since.at);
        if (fresh.length > 0) {
          client.invalidate(effectsOf(feed, fresh));
          watch.since.set(feed.feed, { at: fresh[fresh.length - 1]!.processed_at });
        }
        if (!page.has_more || !page.next_cursor) break;
        query = { limit: '1000', cursor: page.next_cursor };
      }
    } catch (error) {
      if (error instanceof UpstreamHttpError && error.status === 403) {
        // The token lacks this resource's scope: it cannot read (or cache) these records either.
        watch.since.set(feed.feed, 'refused');
      } else if ((error instanceof UpstreamHttpError && error.status === 401) || isGoneConnection(error)) {
        // A token Pennylane refuses: forget the tenant until one of its requests arrives again.
        this.tenants.delete(watch.tenant.id);
        for (const key of watch.since.keys()) watch.since.set(key, 'refused');
      } else if (error instanceof UpstreamHttpError && error.status === 422) {
        // Our position left the 4-week retention (a long outage): start again from the oldest.
        watch.since.set(feed.feed, 'oldest');
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
