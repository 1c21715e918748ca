import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../logger.js';
import type { ChangeHub } from '../../live/change-hub.js';
import type { LiveInterest } from '../../live/interest.js';
import type { Leases } from '../../state/leases.js';
import type { SharedValues } from '../../state/shared-values.js';
import { CostMeter } from '../cost-meter.js';
import type { LiveObserver } from '../observers.js';
import { UpstreamHttpError } from '../http/upstream-errors.js';
import { PennylaneClient, type UpstreamDeps } from '../pennylane/client.js';
import type { Page } from '../pennylane/common.js';
import type { PennylaneChangeEvent } from '../pennylane/core.js';
import { apiFamilyOf } from '../scheduler/families.js';
import type { Tenant } from '../tenant.js';
import { CHANGE_FEEDS, effectsOf, noticeOf, type ChangeFeedDef } from './change-feeds.js';
import type { PollBudget } from './poll-budget.js';

const BACKGROUND_DEADLINE_MS = 5 * 60_000;
/** Pennylane keeps changelog events for 4 weeks: a position older than that is useless. */
const POSITION_TTL_MS = 28 * 24 * 3_600_000;
/** A missing scope is asked again after this long: a connection consented again (or a token given the scope) recovers. */
const REFUSED_TTL_MS = 3_600_000;

/**
 * Where a feed's next poll starts, as stored in the shared positions (field = feed):
 * - `{ at, seen }`: Pennylane's `processed_at` of the last event seen, and the events seen at
 *   exactly that time (`start_date` is inclusive, and several events may share a timestamp:
 *   one that comes in later at that time is still new); stored `at|id:op,id:op`;
 * - `baseline` set (stored with a `baseline:` prefix): the first read of the feed, not finished
 *   yet (cut short by the budget, a restart or a lease handover): what is left of it is the
 *   retained history, not live events, so it is read on without publishing;
 * - `oldest`: read (and publish) every retained event, the feed having been read to its end while empty;
 * - `unknown` (no field): the first time a token's feed is read (what happened before anyone
 *   subscribed is no live event): read to the end without publishing;
 * - `refused`: the token lacks the feed's scope (kept an hour).
 */
type Since = { readonly at: string; readonly seen: ReadonlySet<string>; readonly baseline: boolean } | 'oldest' | 'unknown' | 'refused';

const BASELINE = 'baseline:';

function sinceOf(stored: string | undefined): Since {
  if (stored === undefined || stored === '') return 'unknown';
  if (stored === 'oldest' || stored === 'refused') return stored;
  const baseline = stored.startsWith(BASELINE);
  const [at = '', seen = ''] = (baseline ? stored.slice(BASELINE.length) : stored).split('|');
  return { at, seen: new Set(seen ? seen.split(',') : []), baseline };
}

const eventKey = (event: PennylaneChangeEvent) => `${event.id}:${event.operation}`;

/** The position after `events` (processed_at ascending, at least one), carrying what was seen at its last timestamp. */
function positionAfter(since: Since, events: readonly PennylaneChangeEvent[], baseline: boolean): string {
  const at = events[events.length - 1]!.processed_at;
  const seen = new Set(typeof since === 'object' && since.at === at ? since.seen : []);
  for (const event of events) if (event.processed_at === at) seen.add(eventKey(event));
  return stored({ at, seen, baseline });
}

const stored = (since: Extract<Since, object>): string => `${since.baseline ? BASELINE : ''}${since.at}|${[...since.seen].join(',')}`;

/** A stored position subscriptions can start from: read to the end at least once. */
const positioned = (stored: string | undefined): boolean => !!stored && !stored.startsWith(BASELINE);

interface TenantWatch {
  readonly tenant: Tenant;
  /** Last time a response of the tenant was cached; 0: never (watched for subscribers only). */
  lastSeenAt: number;
  /** Where the next round starts in the feed list, so a round cut short by the budget starves no feed. */
  offset: number;
}

export interface ChangePollerOptions {
  readonly upstream: UpstreamDeps;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Tenants without a request for this long are no longer polled for the cache (their cache ages out). */
  readonly idleMs?: number;
  /** One replica at a time polls a token's changelogs: the holder of its lease. */
  readonly leases: Leases;
  /** Each token's positions, shared by the replicas (and kept across restarts with Redis). */
  readonly positions: SharedValues;
  /** Where the events found go to subscriptions (src/live). */
  readonly hub: ChangeHub;
  /** Which feeds subscriptions need, on any replica. */
  readonly interest: LiveInterest;
  readonly budget: PollBudget;
  /** Polls for the cache too (false when the cache is off: only subscriptions are served). */
  readonly forCache: boolean;
  readonly observer?: Pick<LiveObserver, 'onPollCall' | 'onPollSkipped'> | undefined;
}

/** The lease of a token's changelog poll, and the group of its positions. */
export const changePollLease = (tenantId: string) => `changes:${tenantId}`;

/**
 * Reads Pennylane's changelogs every interval, at background priority (after every query,
 * mutation and bulk call), for two uses: drop what changed from every replica's cache (the
 * invalidation bus), for each tenant that cached a response recently (so never for a token
 * Pennylane refuses); and publish each change to the tenant's subscriptions (the change hub),
 * for the feeds some subscription on some replica follows. One read per feed and interval
 * serves every subscriber and every cache.
 *
 * With several replicas, a token is polled by one of them per interval: the holder of its
 * lease, which it keeps while it keeps polling; when it stops (idle, or dead) another
 * replica that caches or subscribes for the token takes the lease over at its next round.
 *
 * Positions come from Pennylane's own timestamps, never from this machine's clock, and are
 * shared (Redis): each round, on whichever replica, and after a restart, starts at the last
 * event seen, and an event is published when its position is written, so none is lost or
 * published twice. What polling may spend is capped per token (PollBudget).
 */
export class ChangePoller {
  private readonly tenants = new Map<string, TenantWatch>();
  /**
   * Why Pennylane refused a tenant's token at its last poll, told to the subscriptions that wait
   * for it; bounded, as any string is a token to try.
   */
  private readonly refusals: LRUCache<string, { readonly error: unknown }>;
  private readonly timer: NodeJS.Timeout;
  private polling: Promise<void> | null = null;
  /** One tenant's polls for new subscriptions (pollOne), by tenant. */
  private readonly single = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly options: ChangePollerOptions) {
    this.refusals = new LRUCache({ max: 1_000, ttl: 3 * options.intervalMs });
    this.timer = setInterval(() => void this.poll(), options.intervalMs);
    this.timer.unref();
  }

  get intervalMs(): number {
    return this.options.intervalMs;
  }

  /** `tenant` just cached a Pennylane response: keep its cache fresh from now on. */
  watch(tenant: Tenant): void {
    if (!this.options.forCache) return;
    this.entry(tenant).lastSeenAt = Date.now();
  }

  /**
   * A subscription of `tenant` follows `feed` from now on: polled until `release`. Resolves
   * once the feed has a position (read to its end once, here or on the replica polling the
   * token), so every change made after this resolves is published to it.
   */
  async follow(tenant: Tenant, feed: string): Promise<() => Promise<void>> {
    this.refusals.delete(tenant.id);
    this.entry(tenant);
    await this.options.interest.add(tenant.id, feed);
    const release = () => this.options.interest.remove(tenant.id, feed);
    try {
      await this.untilPositioned(tenant, feed);
    } catch (error) {
      await release();
      throw error;
    }
    return release;
  }

  /** Waits (up to 3 intervals) for the feed's position; throws when Pennylane refuses the token or the feed. */
  private async untilPositioned(tenant: Tenant, feed: string): Promise<void> {
    const until = Date.now() + 3 * this.options.intervalMs;
    for (let polled = false; !this.closed && Date.now() < until; polled = true) {
      const refusal = this.refusals.get(tenant.id);
      if (refusal) throw refusal.error;
      const position = (await this.options.positions.read(changePollLease(tenant.id)))[feed];
      if (position === 'refused') throw new GraphQLError(`This token may not read the ${feed} changelog (Pennylane answered 403): give it the scope of ${feed}.`, { extensions: { code: 'FORBIDDEN' } });
      if (positioned(position)) return;
      // A round already running may have started without this feed: one more after it.
      if (polled) await new Promise((resolve) => setTimeout(resolve, Math.min(250, this.options.intervalMs / 4)));
      await this.pollOne(tenant.id);
    }
  }

  /** One round over every watched tenant and feed; rounds never overlap. */
  poll(): Promise<void> {
    this.polling ??= this.round().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  /**
   * One tenant's feeds now, for a subscription waiting for its feed's position: a new
   * subscription (or a bogus token) starts no round over every other tenant. Never two at once
   * for a tenant, nor alongside a round (which polls it too).
   */
  private pollOne(tenantId: string): Promise<void> {
    const watch = this.tenants.get(tenantId);
    if (!watch) return Promise.resolve();
    if (this.polling) return this.polling;
    let running = this.single.get(tenantId);
    if (!running) {
      running = this.pollTenant(watch).finally(() => this.single.delete(tenantId));
      this.single.set(tenantId, running);
    }
    return running;
  }

  /** Stops polling; a round in flight ends at its next call (the scheduler closes after this). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const id of this.tenants.keys()) void this.options.leases.release(changePollLease(id));
    this.tenants.clear();
  }

  private entry(tenant: Tenant): TenantWatch {
    let watch = this.tenants.get(tenant.id);
    if (!watch) this.tenants.set(tenant.id, (watch = { tenant, lastSeenAt: 0, offset: 0 }));
    return watch;
  }

  /** Tenants are polled side by side: one whose budget is saturated holds back no other. */
  private async round(): Promise<void> {
    await this.options.interest.renew();
    const due: TenantWatch[] = [];
    for (const [id, watch] of this.tenants) {
      if (this.cacheDue(watch) || this.options.interest.hasLocal(id)) due.push(watch);
      else this.forget(id);
    }
    await Promise.all(due.map((watch) => this.pollTenant(watch)));
  }

  private cacheDue(watch: TenantWatch): boolean {
    return watch.lastSeenAt > 0 && Date.now() - watch.lastSeenAt <= (this.options.idleMs ?? 15 * 60_000);
  }

  private forget(tenantId: string): void {
    this.tenants.delete(tenantId);
    this.options.budget.forget(tenantId);
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
      await this.options.interest.reportSpent(watch.tenant.id, this.options.budget.spent(watch.tenant.id));
    }
  }

  /** The feeds this round reads for the tenant, starting where the last round left. */
  private async feedsOf(watch: TenantWatch): Promise<ChangeFeedDef[]> {
    const live = await this.options.interest.feeds(watch.tenant.id);
    const cache = this.cacheDue(watch);
    const feeds = CHANGE_FEEDS.filter((feed) => live.has(feed.feed) || (cache && feed.cached));
    const start = feeds.length === 0 ? 0 : watch.offset % feeds.length;
    return [...feeds.slice(start), ...feeds.slice(0, start)];
  }

  private async pollFeeds(watch: TenantWatch): Promise<void> {
    const positions = await this.options.positions.read(changePollLease(watch.tenant.id));
    for (const feed of await this.feedsOf(watch)) {
      if (this.closed || !this.tenants.has(watch.tenant.id)) return;
      // Background calls wait behind everything else, so they get a long deadline.
      const client = new PennylaneClient(this.options.upstream, {
        tenant: watch.tenant,
        meter: new CostMeter(),
        priority: () => 'background',
        deadline: Date.now() + BACKGROUND_DEADLINE_MS,
        flow: `changes:${watch.tenant.id}`,
      });
      if (!(await this.pollFeed(client, watch, feed, sinceOf(positions[feed.feed])))) {
        this.options.observer?.onPollSkipped();
        return;
      }
      watch.offset += 1;
    }
  }

  /** False when the tenant's polling budget ran out before the feed was read to its end. */
  private async pollFeed(client: PennylaneClient, watch: TenantWatch, feed: ChangeFeedDef, since: Since): Promise<boolean> {
    if (since === 'refused' || this.closed) return true;
    const group = changePollLease(watch.tenant.id);
    const setPosition = (value: string) => this.options.positions.write(group, { [feed.feed]: value }, value === 'refused' ? REFUSED_TTL_MS : POSITION_TTL_MS);
    const path = `/changelogs/${feed.feed}`;
    // Until the first read reaches the end, what it finds is history: nothing is published.
    const baseline = since === 'unknown' || (typeof since === 'object' && since.baseline);
    try {
      let query: Record<string, string> = typeof since === 'object' ? { limit: '1000', start_date: since.at } : { limit: '1000' };
      let position: Since = since;
      for (;;) {
        if (!this.options.budget.take(watch.tenant.id)) return false;
        this.options.observer?.onPollCall(apiFamilyOf(path) ?? 'token');
        const page = await client.get<Page<PennylaneChangeEvent>>(path, query, { resource: 'changelogs', cacheResponse: false });
        // start_date is inclusive: the events seen at the position's time come back first; they were handled.
        const fresh = typeof since === 'object' ? page.items.filter((event) => event.processed_at > since.at || (event.processed_at === since.at && !since.seen.has(eventKey(event)))) : page.items;
        const end = !page.has_more || !page.next_cursor;
        if (fresh.length > 0) {
          await client.invalidate(effectsOf(feed, fresh), 'changelog');
          if (!baseline) await this.options.hub.publish(watch.tenant.id, fresh.map((event) => noticeOf(feed, event)));
          const next = positionAfter(position, fresh, baseline && !end);
          await setPosition(next);
          position = sinceOf(next);
        } else if (end && typeof position === 'object' && position.baseline) {
          // The first read's last page brought nothing new: its end is where live events start.
          await setPosition(stored({ ...position, baseline: false }));
        }
        if (end) break;
        query = { limit: '1000', cursor: page.next_cursor! };
      }
      // Read to its end while empty: whatever comes next is new.
      if (position === 'unknown') await setPosition('oldest');
    } catch (error) {
      if (error instanceof UpstreamHttpError && error.status === 403) {
        // The token lacks this resource's scope: it cannot read (or cache) these records either.
        await setPosition('refused');
      } else if ((error instanceof UpstreamHttpError && error.status === 401) || isGoneConnection(error)) {
        // A token Pennylane refuses: forget the tenant until one of its requests arrives again.
        this.refusals.set(watch.tenant.id, { error });
        this.forget(watch.tenant.id);
      } else if (error instanceof UpstreamHttpError && error.status === 422) {
        // Our position left the 4-week retention (a long outage): read to the end again, as the first time.
        await setPosition('');
      } else {
        this.options.logger.debug({ feed: feed.feed, err: error instanceof Error ? error.message : String(error) }, 'change polling failed; the next round retries');
      }
    }
    return true;
  }
}

/** An OAuth connection revoked or deleted (src/connections) is a token Pennylane refuses, too. */
function isGoneConnection(error: unknown): boolean {
  const extensions = (error as { extensions?: { code?: unknown; reason?: unknown } } | null)?.extensions;
  return extensions?.reason === 'CONNECTION_REVOKED' || extensions?.code === 'CONNECTION_NOT_FOUND';
}
