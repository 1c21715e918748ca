import { GraphQLError } from 'graphql';
import type { ChangePoller } from '../datasources/changes/change-poller.js';
import type { Tenant } from '../datasources/tenant.js';
import { LiveCursorError, type ChangeHub, type ChangeStream } from './change-hub.js';
import type { LiveInterest } from './interest.js';
import type { LiveConfig } from './live-config.js';

/** What a subscription's events report of polling's cost (in `extensions.polling`). */
export interface PollingCost {
  /** How often the token's changelogs are read. */
  readonly intervalMs: number;
  /** Changelog calls spent for this token in the last minute (by whichever replica polls it). */
  readonly callsLastMinute: number;
  /** The cap on them (PENNYLANE_CHANGE_POLL_MAX_SHARE of the token bucket). */
  readonly maxCallsPerMinute: number;
  /** callsLastMinute as a share of the token's whole budget per minute (0..1). */
  readonly budgetShare: number;
}

export interface LiveChangesOptions {
  readonly hub: ChangeHub;
  /** Null when polling is off (PENNYLANE_CHANGE_POLL_SECONDS=0): only webhook events arrive. */
  readonly poller: ChangePoller | null;
  readonly interest: LiveInterest;
  readonly config: LiveConfig;
  readonly maxPollCallsPerMinute: number;
  readonly tokenCallsPerMinute: number;
  readonly observer?: { onSubscriptions(delta: number): void };
}

/**
 * Opens change subscriptions: bounds how many a tenant and a client hold on this replica,
 * checks the resume cursor, has the poller follow the feed, and releases all of it when the
 * subscription ends (client gone, or the stream closed).
 */
export class LiveChanges {
  private readonly perTenant = new Map<string, number>();
  private readonly perClient = new Map<string, number>();

  constructor(private readonly options: LiveChangesOptions) {}

  /**
   * Batches of changes of `feed` for `tenant`, from now (or after `after`), the feed polled
   * unless `poll: false`. Refuses before any
   * event: over the limits (TOO_MANY_SUBSCRIPTIONS), a bad cursor (CURSOR_UNKNOWN, CURSOR_EXPIRED).
   */
  async open(tenant: Tenant, client: string, feed: string, after: string | undefined, options: { readonly poll?: boolean } = {}): Promise<ChangeStream> {
    const { maxSubscriptionsPerTenant, maxSubscriptionsPerClient } = this.options.config;
    if ((this.perTenant.get(tenant.id) ?? 0) >= maxSubscriptionsPerTenant) {
      throw tooMany(`This token already has ${maxSubscriptionsPerTenant} change subscriptions open (PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_TENANT): close one first.`);
    }
    if ((this.perClient.get(client) ?? 0) >= maxSubscriptionsPerClient) {
      throw tooMany(`This client already has ${maxSubscriptionsPerClient} change subscriptions open (PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT): close one first.`);
    }
    bump(this.perTenant, tenant.id, 1);
    bump(this.perClient, client, 1);
    let released = false;
    let counted = false;
    const releaseCounts = () => {
      if (released) return;
      released = true;
      bump(this.perTenant, tenant.id, -1);
      bump(this.perClient, client, -1);
      if (counted) this.options.observer?.onSubscriptions(-1);
    };
    let stream;
    let unfollow: (() => Promise<void>) | null = null;
    try {
      stream = await this.options.hub.subscribe(tenant.id, { resources: new Set([feed]), ...(after !== undefined ? { after } : {}) });
      // `poll: false`: a feed only webhooks feed (e.g. dms_files), with no changelog to read.
      unfollow = options.poll === false ? null : ((await this.options.poller?.follow(tenant, feed)) ?? null);
      // Counted once it is live: every change from now on reaches it.
      counted = true;
      this.options.observer?.onSubscriptions(1);
    } catch (error) {
      releaseCounts();
      if (error instanceof LiveCursorError) throw new GraphQLError(error.message, { extensions: { code: error.code, argument: 'after' } });
      throw error;
    }
    const source = stream;
    const release = async () => {
      releaseCounts();
      const follow = unfollow;
      unfollow = null;
      await follow?.();
    };
    // A plain iterator rather than a generator: `return()` (the client went away) must end a
    // `next()` still waiting for events at once, and a generator would wait for that first.
    const changes: ChangeStream = {
      next: async () => {
        try {
          const result = await source.next();
          if (result.done) await release();
          return result;
        } catch (error) {
          await release();
          throw error;
        }
      },
      return: async () => {
        await source.return?.();
        await release();
        return { value: undefined, done: true };
      },
      throw: async (error: unknown) => {
        await source.return?.();
        await release();
        throw error;
      },
      [Symbol.asyncIterator]: () => changes,
    };
    return changes;
  }

  /** What polling spends for the tenant now. */
  async cost(tenant: Tenant): Promise<PollingCost> {
    const calls = await this.options.interest.spent(tenant.id);
    return {
      intervalMs: this.options.poller?.intervalMs ?? 0,
      callsLastMinute: calls,
      maxCallsPerMinute: this.options.maxPollCallsPerMinute,
      budgetShare: Math.round((calls / this.options.tokenCallsPerMinute) * 1_000) / 1_000,
    };
  }
}

function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } });
}

function bump(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
