import { randomUUID } from 'node:crypto';
import type { SharedValues } from '../state/shared-values.js';

/**
 * Which changelogs subscriptions need polled, per tenant, as every replica sees it: this
 * replica's own subscriptions (counted here), and the others' as shared fields
 * `feed|replica → expiry` that each replica renews while its subscriptions last. The replica
 * holding a token's poll lease polls every feed some replica needs, so subscribers on a
 * replica that does not hold the lease get their events all the same.
 */
export class LiveInterest {
  private readonly local = new Map<string, Map<string, number>>();
  private readonly replica = randomUUID();

  constructor(
    private readonly shared: SharedValues,
    /** How long a replica's interest lasts without being renewed (a dead replica's lapses). */
    private readonly ttlMs: number,
  ) {}

  async add(tenantId: string, feed: string): Promise<void> {
    let feeds = this.local.get(tenantId);
    if (!feeds) this.local.set(tenantId, (feeds = new Map()));
    feeds.set(feed, (feeds.get(feed) ?? 0) + 1);
    await this.write(tenantId, { [this.field(feed)]: String(Date.now() + this.ttlMs) });
  }

  async remove(tenantId: string, feed: string): Promise<void> {
    const feeds = this.local.get(tenantId);
    const count = (feeds?.get(feed) ?? 0) - 1;
    if (count > 0) {
      feeds!.set(feed, count);
      return;
    }
    feeds?.delete(feed);
    if (feeds?.size === 0) this.local.delete(tenantId);
    await this.write(tenantId, { [this.field(feed)]: '0' });
  }

  /** This replica has subscriptions for the tenant. */
  hasLocal(tenantId: string): boolean {
    return this.local.has(tenantId);
  }

  /** Feeds some replica's subscriptions need for the tenant now. */
  async feeds(tenantId: string): Promise<Set<string>> {
    const wanted = new Set(this.local.get(tenantId)?.keys() ?? []);
    const now = Date.now();
    for (const [field, value] of Object.entries(await this.shared.read(group(tenantId)))) {
      const [feed, replica] = field.split('|');
      if (feed && replica && Number(value) > now) wanted.add(feed);
    }
    return wanted;
  }

  /** Renews this replica's interest (every poll round). */
  async renew(): Promise<void> {
    const until = String(Date.now() + this.ttlMs);
    await Promise.all(
      [...this.local].map(([tenantId, feeds]) => this.write(tenantId, Object.fromEntries([...feeds.keys()].map((feed) => [this.field(feed), until])))),
    );
  }

  /** What polling spent for the tenant in the last minute, as the replica polling it last wrote. */
  async spent(tenantId: string): Promise<number> {
    return Number((await this.shared.read(group(tenantId))).spent ?? 0);
  }

  async reportSpent(tenantId: string, calls: number): Promise<void> {
    await this.write(tenantId, { spent: String(calls) });
  }

  private field(feed: string): string {
    return `${feed}|${this.replica}`;
  }

  private write(tenantId: string, fields: Record<string, string>): Promise<void> {
    return this.shared.write(group(tenantId), fields, this.ttlMs);
  }
}

const group = (tenantId: string) => `changes:${tenantId}`;
