import type { Tenant } from '../datasources/tenant.js';
import { itemOf, type BulkOperationView } from './bulk-jobs.js';
import { decodeResult, type ItemErrorCodec } from './bulk-codec.js';
import type { JobData } from './redis-bulk-jobs.js';
import { viewOf, type RedisBulkState } from './redis-bulk-state.js';

/** An operation this replica created, held until a replica has started it. */
export interface Kept {
  data: JobData;
  /** Items refused before any call, as stored. */
  readonly refused: ReadonlyMap<number, string>;
  persisted: boolean;
}

/**
 * The operations this replica created and no replica has started yet. Until then only the
 * creating replica could put them back: while Redis is unreachable they wait here (and are
 * read from here), and every second, once Redis answers, each is persisted if Redis does not
 * have it (never persisted, or lost in a flush) and dropped once a replica started it.
 */
export class KeptOperations {
  private readonly kept = new Map<string, Kept>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly state: RedisBulkState,
    private readonly errors: ItemErrorCodec,
    private readonly persist: (kept: Kept) => Promise<void>,
    private readonly canReconcile: () => boolean,
  ) {
    this.timer = setInterval(() => void this.reconcile(), 1_000);
    this.timer.unref();
  }

  add(data: JobData, refused: ReadonlyMap<number, string>): Kept {
    const kept: Kept = { data, refused, persisted: false };
    this.kept.set(data.id, kept);
    return kept;
  }

  /** The kept operation `id` of this tenant, if any. */
  of(tenant: Tenant, id: string): Kept | null {
    const kept = this.kept.get(id);
    return kept && kept.data.tenantId === tenant.id ? kept : null;
  }

  /** As it stands before any replica ran it: only the refused items are settled. */
  view(kept: Kept): BulkOperationView {
    const failed = kept.refused.size;
    return viewOf({ ...kept.data, succeeded: 0, failed, finishedAt: failed === kept.data.total ? kept.data.createdAt : null }, async () =>
      Array.from({ length: kept.data.total }, (_, index) => {
        const value = kept.refused.get(index);
        return itemOf(index, value ? (decodeResult(value, this.errors) ?? undefined) : undefined);
      }),
    );
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async reconcile(): Promise<void> {
    if (!this.canReconcile()) return;
    for (const [id, kept] of this.kept) {
      try {
        const stored = kept.persisted ? await this.state.head(id) : null;
        if (!stored) await this.persist(kept);
        else if (stored.startedAt || stored.finishedAt) this.kept.delete(id);
      } catch {
        return;
      }
    }
  }
}
