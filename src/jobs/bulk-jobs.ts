import type { GatewayContext } from '../context.js';
import type { Tenant } from '../datasources/tenant.js';

/**
 * Bulk operations: up to 1,000 writes started by one mutation and run in the background at
 * bulk priority (interactive reads overtake them in the scheduler), a few items at a time.
 * Every item ends SUCCEEDED or FAILED on its own: one failing item never stops the others.
 *
 * One interface, two engines: in this process's memory when there is no Redis (the embedded
 * default, memory-bulk-jobs.ts), and as BullMQ jobs with their state in Redis when there is
 * (redis-bulk-jobs.ts): then any replica answers for any operation, streams its progress,
 * and takes it over when the replica running it dies.
 */

export type BulkItemState = 'PENDING' | 'SUCCEEDED' | 'FAILED';
export type BulkStatus = 'RUNNING' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS';
/** What a succeeded item did to its record. */
export type RecordChange = 'CREATED' | 'UPDATED' | 'UNCHANGED';

/** What writing one item gave. Extra fields (how it was written) travel with it. */
export interface ItemOutcome {
  /** The written record (any Pennylane payload). */
  readonly record: object;
  /** The node type of `record`, for the GraphQL `Node` interface. */
  readonly typename: string;
  /** Found already written under its idempotency key: nothing was written again. */
  readonly replayed: boolean;
  /** What it did to the record (upserts; creates are CREATED). */
  readonly change?: RecordChange;
}

export type ItemResult = { readonly ok: ItemOutcome } | { readonly error: Error };

export interface BulkItem {
  readonly index: number;
  readonly state: BulkItemState;
  readonly record: object | null;
  readonly typename: string | null;
  readonly replayed: boolean;
  /** What it did to the record, once SUCCEEDED (null before, or when not known). */
  readonly change?: RecordChange | null;
  readonly error: Error | null;
}

export interface BulkOperationView {
  readonly id: string;
  readonly kind: string;
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly processed: number;
  readonly status: BulkStatus;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  /** Per-item results in input order (read only when asked for). */
  items(): Promise<readonly BulkItem[]>;
}

export interface BulkStart {
  readonly tenant: Tenant;
  /** The mutation that started it, e.g. `upsertProducts`: it says how to write each item. */
  readonly kind: string;
  readonly inputs: readonly unknown[];
  /** Items the gateway refused before any call: FAILED from the start. */
  readonly refused: ReadonlyMap<number, Error>;
  /** The client's idempotency key, if any: items' keys derive from it (else from the id). */
  readonly key: string | null;
}

/**
 * Writes item `index` of an operation of `kind` in `ctx` (bulk priority), with `itemKey` as its
 * idempotency key, and resolves with the outcome or throws the item's typed error. One
 * function for both engines: src/schema/bulk/bulk-items.ts.
 */
export type BulkItemWriter = (ctx: GatewayContext, kind: string, inputs: readonly unknown[], index: number, itemKey: string) => Promise<ItemOutcome>;

export interface BulkJobs {
  start(request: BulkStart): Promise<BulkOperationView>;
  /** An operation of this tenant; another tenant's id answers nothing. */
  get(tenant: Tenant, id: string): Promise<BulkOperationView | null>;
  /** The operation this tenant started last, if it is still kept. */
  latest(tenant: Tenant): Promise<BulkOperationView | null>;
  /**
   * The operation after each change until it finishes (the last view is final); changes made
   * while the reader is slow collapse into one view, so it always sees the latest counts.
   */
  follow(tenant: Tenant, id: string): AsyncGenerator<BulkOperationView>;
  /**
   * Stops taking work; running items finish until `deadline` (epoch ms), and what is left is
   * handed to another replica. Whether every running item finished; it ends at most half a
   * second past the deadline (a last word to Redis).
   */
  close(deadline?: number): Promise<boolean>;
}

/** Bulk state cannot be read or written now (Redis is unreachable): retry shortly. */
export class BulkStateUnavailableError extends Error {
  override readonly name = 'BulkStateUnavailableError';
}

/** The key of one item: stable across replicas and restarts, so a resend finds what was written. */
export function itemKeyOf(operationId: string, key: string | null, index: number): string {
  return `${key ?? `operation:${operationId}`}#${index}`;
}

export function statusOf(counts: { readonly total: number; readonly succeeded: number; readonly failed: number }): BulkStatus {
  if (counts.succeeded + counts.failed < counts.total) return 'RUNNING';
  return counts.failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
}

export function itemOf(index: number, result: ItemResult | undefined): BulkItem {
  if (!result) return { index, state: 'PENDING', record: null, typename: null, replayed: false, error: null };
  if ('error' in result) return { index, state: 'FAILED', record: null, typename: null, replayed: false, error: result.error };
  return { ...result.ok, index, state: 'SUCCEEDED', error: null };
}
