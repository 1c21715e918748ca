import type { ApiFamily } from './scheduler/rate-limits.js';
import type { Priority } from './scheduler/priorities.js';
import type { Tenant } from './tenant.js';

/**
 * What the request path reports to the operator's side (src/ops: metrics, traces, the status
 * page), measured where it happens and exported once there (DESIGN.md rule 13). Each hook is
 * optional and must never throw or block: the call path does not wait for it.
 */

/** A call entering the scheduler (all its attempts, retries included). */
export interface UpstreamCall {
  /** Whose budget it spends (ops reads only its id, a hash, and an OAuth connection's id). */
  readonly tenant: Tenant;
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
  lookup(tenant: Tenant, key: string, hit: boolean): void;
}

/** One replica's run of a bulk operation (src/jobs/bulk-runner.ts, both engines). */
export interface BulkRun {
  readonly id: string;
  readonly tenant: Tenant;
  readonly kind: string;
  readonly total: number;
  /** Items settled before this run started (refused at the start, or by an earlier run). */
  readonly succeeded: number;
  readonly failed: number;
}

export interface BulkRunWatch {
  /** An item this run wrote reached its final state. */
  settled(ok: boolean): void;
  /** The run ended: every item settled (`finished`), or it stopped and handed the rest on. */
  ended(finished: boolean): void;
}

export interface BulkObserver {
  /** A run starts on this replica; its items are reported to the watch. */
  run(run: BulkRun): BulkRunWatch;
}

/** Why a webhook was refused (src/webhooks): what the `reason` label holds. */
export type WebhookRefusal =
  | 'method' | 'content_type' | 'missing_headers' | 'stale_timestamp' | 'too_large' | 'unknown_hook' | 'bad_signature' | 'replayed' | 'not_json' | 'too_slow' | 'unprocessed';

/** Webhooks from Pennylane, as the route judged them. */
export interface WebhookObserver {
  /** Verified and accepted (`event`: one of the known event names, or `other`). */
  received(event: string): void;
  refused(reason: WebhookRefusal): void;
}

/** Changelog polling and change subscriptions (src/datasources/changes, src/live); no tenant in it. */
export interface LiveObserver {
  /** A changelog read sent, by API family (`token` when it spends the token bucket only). */
  onPollCall(family: string): void;
  /** A tenant's round stopped: polling spent its share of the budget. */
  onPollSkipped(): void;
  /** Change subscriptions opened (+1) or closed (-1) on this replica. */
  onSubscriptions(delta: number): void;
}
