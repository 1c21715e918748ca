import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { BulkObserver } from '../observers.js';
import type { Tenant } from '../tenant.js';

/**
 * Bulk operations: up to 1,000 writes started by one mutation, run in the background at
 * bulk priority (interactive reads overtake them in the scheduler), a few at a time. Every
 * item ends SUCCEEDED or FAILED on its own: one failing item never stops the others.
 * Progress is observable (`onChange`) for the GraphQL subscription.
 *
 * Operations live in process memory, scoped by tenant, for a day after they finish. If the
 * process dies mid-run, the items not yet written are not written; resubmitting with the same
 * idempotency key writes only those (each item's external reference derives from the key).
 */

export type BulkItemState = 'PENDING' | 'SUCCEEDED' | 'FAILED';
export type BulkStatus = 'RUNNING' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS';

export interface BulkItem {
  readonly index: number;
  state: BulkItemState;
  /** The written record (any Pennylane payload) when SUCCEEDED. */
  record: object | null;
  /** The node type of `record`, for the GraphQL `Node` interface. */
  typename: string | null;
  replayed: boolean;
  error: Error | null;
}

export interface ItemOutcome {
  readonly record: object;
  readonly typename: string;
  readonly replayed: boolean;
}

export class BulkOperation {
  readonly id = randomUUID();
  readonly createdAt = new Date().toISOString();
  finishedAt: string | null = null;
  succeeded = 0;
  failed = 0;
  readonly items: BulkItem[];
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly tenantId: string,
    readonly kind: string,
    total: number,
  ) {
    this.items = Array.from({ length: total }, (_, index) => ({
      index,
      state: 'PENDING' as BulkItemState,
      record: null,
      typename: null,
      replayed: false,
      error: null,
    }));
  }

  get total(): number {
    return this.items.length;
  }

  get processed(): number {
    return this.succeeded + this.failed;
  }

  get status(): BulkStatus {
    if (this.processed < this.total) return 'RUNNING';
    return this.failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
  }

  /** Calls `listener` after every item; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  settle(index: number, outcome: { ok: ItemOutcome } | { error: Error }): void {
    const item = this.items[index]!;
    if (item.state !== 'PENDING') return;
    if ('ok' in outcome) {
      Object.assign(item, { state: 'SUCCEEDED', record: outcome.ok.record, typename: outcome.ok.typename, replayed: outcome.ok.replayed });
      this.succeeded += 1;
    } else {
      Object.assign(item, { state: 'FAILED', error: outcome.error });
      this.failed += 1;
    }
    if (this.processed === this.total) this.finishedAt = new Date().toISOString();
    for (const listener of this.listeners) listener();
  }
}

export interface BulkRegistryOptions {
  /** Items of one operation in flight at once (the scheduler still paces them). */
  readonly concurrency?: number;
  /** How long finished operations stay readable. */
  readonly retentionMs?: number;
  /** Told of every operation started (src/ops: metrics, status). */
  readonly observer?: BulkObserver | undefined;
}

export class BulkRegistry {
  private readonly operations: LRUCache<string, BulkOperation>;
  private readonly running = new Set<Promise<void>>();
  private readonly latestByTenant = new LRUCache<string, string>({ max: 10_000 });
  private readonly concurrency: number;

  constructor(private readonly options: BulkRegistryOptions = {}) {
    this.concurrency = options.concurrency ?? 4;
    this.operations = new LRUCache<string, BulkOperation>({ max: 10_000, ttl: options.retentionMs ?? 24 * 3_600_000 });
  }

  /**
   * Starts an operation; `run` writes item `index` and resolves with the record, or throws
   * the item's error. Items already settled (refused by the gateway's checks) are skipped.
   */
  start(tenant: Tenant, kind: string, total: number, run: (index: number) => Promise<ItemOutcome>, presettled: ReadonlyMap<number, Error> = new Map()): BulkOperation {
    const operation = new BulkOperation(tenant.id, kind, total);
    this.operations.set(operation.id, operation);
    this.latestByTenant.set(tenant.id, operation.id);
    for (const [index, error] of presettled) operation.settle(index, { error });
    this.options.observer?.started(operation);
    const queue = operation.items.filter((item) => item.state === 'PENDING').map((item) => item.index);
    const worker = async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        try {
          operation.settle(index, { ok: await run(index) });
        } catch (error) {
          operation.settle(index, { error: error instanceof Error ? error : new Error(String(error)) });
        }
      }
    };
    const done = Promise.all(Array.from({ length: Math.min(this.concurrency, Math.max(queue.length, 1)) }, worker)).then(() => undefined);
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return operation;
  }

  /** An operation of this tenant; another tenant's id answers nothing. */
  get(tenant: Tenant, id: string): BulkOperation | null {
    const operation = this.operations.get(id);
    return operation && operation.tenantId === tenant.id ? operation : null;
  }

  /** The operation this tenant started last, if it is still kept. */
  latest(tenant: Tenant): BulkOperation | null {
    const id = this.latestByTenant.get(tenant.id);
    return id ? this.get(tenant, id) : null;
  }

  /** Resolves when every running operation has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
