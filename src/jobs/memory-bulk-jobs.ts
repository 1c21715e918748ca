import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Tenant } from '../datasources/tenant.js';
import { settledBy } from '../state/closing.js';
import { itemOf, statusOf, type BulkItem, type BulkJobs, type BulkOperationView, type BulkStart, type BulkStatus, type ItemResult } from './bulk-jobs.js';
import { runItems, type BulkWork } from './bulk-runner.js';
import { followChanges } from './follow.js';

/**
 * Bulk operations in this process's memory (no Redis): run at once, kept for the retention
 * time after they finish, gone with the process. Resubmitting with the same idempotency key
 * after a restart writes only the items not written yet (their keys derive from it).
 */
class MemoryOperation implements BulkOperationView {
  readonly id = randomUUID();
  readonly createdAt = new Date().toISOString();
  finishedAt: string | null = null;
  succeeded = 0;
  failed = 0;
  private readonly results = new Map<number, ItemResult>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly tenantId: string,
    readonly kind: string,
    readonly total: number,
  ) {}

  get processed(): number {
    return this.succeeded + this.failed;
  }

  get status(): BulkStatus {
    return statusOf(this);
  }

  items(): Promise<readonly BulkItem[]> {
    return Promise.resolve(Array.from({ length: this.total }, (_, index) => itemOf(index, this.results.get(index))));
  }

  has(index: number): boolean {
    return this.results.has(index);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  settle(index: number, result: ItemResult): void {
    if (this.results.has(index)) return;
    this.results.set(index, result);
    if ('ok' in result) this.succeeded += 1;
    else this.failed += 1;
    if (this.processed === this.total) this.finishedAt = new Date().toISOString();
    for (const listener of this.listeners) listener();
  }
}

export interface MemoryBulkJobsOptions {
  readonly work: BulkWork;
  /** How long finished operations stay readable. */
  readonly retentionMs: number;
  /** How long `close` waits for running operations before leaving them. */
  readonly drainMs?: number;
}

export class MemoryBulkJobs implements BulkJobs {
  private readonly operations: LRUCache<string, MemoryOperation>;
  private readonly latestByTenant = new LRUCache<string, string>({ max: 10_000 });
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: MemoryBulkJobsOptions) {
    this.operations = new LRUCache<string, MemoryOperation>({ max: 10_000, ttl: options.retentionMs });
  }

  start(request: BulkStart): Promise<BulkOperationView> {
    const operation = new MemoryOperation(request.tenant.id, request.kind, request.inputs.length);
    this.operations.set(operation.id, operation);
    this.latestByTenant.set(request.tenant.id, operation.id);
    for (const [index, error] of request.refused) operation.settle(index, { error });
    const pending = [...Array(operation.total).keys()].filter((index) => !operation.has(index));
    const settled = { succeeded: 0, failed: request.refused.size };
    const run = runItems({ id: operation.id, tenant: request.tenant, kind: request.kind, key: request.key, inputs: request.inputs, settled }, pending, this.options.work, {
      settle: async (index, result) => {
        operation.settle(index, result);
        // Kept for the retention time after its last change, like the Redis engine.
        this.operations.set(operation.id, operation);
      },
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return Promise.resolve(operation);
  }

  get(tenant: Tenant, id: string): Promise<BulkOperationView | null> {
    return Promise.resolve(this.find(tenant, id));
  }

  latest(tenant: Tenant): Promise<BulkOperationView | null> {
    const id = this.latestByTenant.get(tenant.id);
    return Promise.resolve(id ? this.find(tenant, id) : null);
  }

  async *follow(tenant: Tenant, id: string): AsyncGenerator<BulkOperationView> {
    const operation = this.find(tenant, id);
    if (!operation) return;
    yield* followChanges((wake) => operation.onChange(wake), async () => operation);
  }

  /** Lets running operations finish, within reason: what is left is recovered by resubmitting with the same key. */
  async close(deadline = Infinity): Promise<boolean> {
    const drained = (async () => {
      while (this.running.size > 0) await Promise.all([...this.running]);
    })();
    return settledBy(drained, Math.min(deadline, Date.now() + (this.options.drainMs ?? 20_000)));
  }

  private find(tenant: Tenant, id: string): MemoryOperation | null {
    const operation = this.operations.get(id);
    return operation && operation.tenantId === tenant.id ? operation : null;
  }
}
