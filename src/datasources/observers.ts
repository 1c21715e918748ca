import type { BulkOperation } from './bulk/bulk-registry.js';
import type { ApiFamily } from './scheduler/rate-limits.js';
import type { Priority } from './scheduler/priorities.js';

/**
 * What the request path reports to the operator's side (src/ops: metrics, traces, the status
 * page), measured where it happens and exported once there (DESIGN.md rule 13). Each hook is
 * optional and must never throw or block: the call path does not wait for it.
 */

/** A call entering the scheduler (all its attempts, retries included). */
export interface UpstreamCall {
  /** The tenant id: a hash of the token, never the token. */
  readonly tenant: string;
  readonly method: string;
  /** Relative to the API base, query included (ops reduces it to a route template). */
  readonly path: string;
  readonly family: ApiFamily | null;
  readonly priority: Priority;
}

/** One attempt of a call: first try or retry, sent or not. */
export interface UpstreamAttempt {
  /** When it started to wait for rate budget (epoch ms). */
  readonly queuedAt: number;
  /** When it left for Pennylane; null when it never left (refused or expired while waiting). */
  readonly sentAt: number | null;
  readonly endedAt: number;
  /** Pennylane's HTTP status; absent when there is none (transport failure, never sent). */
  readonly status?: number;
  /** Why there is no status: the transport failure, or the gateway's RATE_LIMITED refusal. */
  readonly error?: unknown;
}

export interface CallWatch {
  attempt(attempt: UpstreamAttempt): void;
}

export interface SchedulerObserver {
  /** Called as a call enters the scheduler (in the caller's async context); its attempts are reported to the watch. */
  call(call: UpstreamCall): CallWatch;
}

export interface CacheObserver {
  /** A read of the response cache (`key`: `GET /path?query` or `entity:<resource>:<id>`). */
  lookup(tenant: string, key: string, hit: boolean): void;
}

export interface BulkObserver {
  /** A bulk operation started; progress is read from it (`onChange`, counts). */
  started(operation: BulkOperation): void;
}
