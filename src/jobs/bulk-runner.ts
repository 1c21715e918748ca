import type { BackgroundScope, GatewayContext } from '../context.js';
import type { BulkObserver } from '../datasources/observers.js';
import type { Tenant } from '../datasources/tenant.js';
import { itemKeyOf, type BulkItemWriter, type ItemResult } from './bulk-jobs.js';

/** How long one bulk item may wait for rate budget: bulk work yields to everything else. */
export const BULK_ITEM_DEADLINE_MS = 15 * 60_000;

/** What running items needs from the gateway, the same for both engines. */
export interface BulkWork {
  readonly write: BulkItemWriter;
  readonly contextFor: (tenant: Tenant, scope: BackgroundScope) => GatewayContext;
  /** Items of one operation in flight at once (the scheduler still paces them). */
  readonly concurrency: number;
  /** Told of each run and its items (src/ops: metrics, the status page). */
  readonly observer?: BulkObserver | undefined;
}

export interface RunnableOperation {
  readonly id: string;
  readonly tenant: Tenant;
  readonly kind: string;
  readonly key: string | null;
  readonly inputs: readonly unknown[];
  /** Items settled before this run (for the observer's progress). */
  readonly settled?: { readonly succeeded: number; readonly failed: number };
}

export interface RunHooks {
  /** Called before each item starts; false stops taking items (those in flight still settle). */
  readonly beforeItem?: (index: number) => Promise<boolean>;
  /** Records an item's result; never rejects. */
  readonly settle: (index: number, result: ItemResult) => Promise<void>;
}

/**
 * Runs the pending items of one operation, a few at a time, each in a context of its own at
 * bulk priority, each through the single mutation's pipeline (the writer). Items in
 * `checkFirst` may have been written by a replica that stopped: their creates look first.
 * Resolves true when every pending item ran, false when `beforeItem` stopped the run.
 */
export async function runItems(
  operation: RunnableOperation,
  pending: readonly number[],
  work: BulkWork,
  hooks: RunHooks,
  checkFirst: ReadonlySet<number> = new Set(),
): Promise<boolean> {
  const queue = [...pending];
  let stopped = false;
  const watch = work.observer?.run({ id: operation.id, tenant: operation.tenant, kind: operation.kind, total: operation.inputs.length, succeeded: 0, failed: 0, ...operation.settled });
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined && !stopped; index = queue.shift()) {
      if (hooks.beforeItem && !(await hooks.beforeItem(index))) {
        stopped = true;
        return;
      }
      const ctx = work.contextFor(operation.tenant, {
        priority: 'bulk',
        deadlineMs: BULK_ITEM_DEADLINE_MS,
        flow: `bulk:${operation.id}`,
        checkBeforeCreate: checkFirst.has(index),
      });
      let result: ItemResult;
      try {
        result = { ok: await work.write(ctx, operation.kind, operation.inputs, index, itemKeyOf(operation.id, operation.key, index)) };
      } catch (error) {
        result = { error: error instanceof Error ? error : new Error(String(error)) };
      }
      await hooks.settle(index, result);
      watch?.settled('ok' in result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(work.concurrency, Math.max(queue.length, 1)) }, worker)).finally(() => watch?.ended(!stopped));
  return !stopped;
}
