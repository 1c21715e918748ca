import type { EnvReader } from '../edge/edge-config.js';

/** Subscriptions on changes (src/live): their limits, the log kept for resumes, and what polling may spend. */
export interface LiveConfig {
  /** Change subscriptions one tenant (token or connection) may hold open on one replica. */
  readonly maxSubscriptionsPerTenant: number;
  /** Change subscriptions one client (API key, JWT subject, token) may hold open on one replica. */
  readonly maxSubscriptionsPerClient: number;
  /** Events kept per tenant for subscribers resuming with `after:`. */
  readonly logSize: number;
  /** A tenant's event log is dropped after this long without an event. */
  readonly logTtlMs: number;
  /** The share of a token's budget (token bucket, per minute) changelog polling may spend, in percent. */
  readonly maxPollSharePercent: number;
}

export function parseLiveConfig({ int }: Pick<EnvReader, 'int'>): LiveConfig {
  return {
    maxSubscriptionsPerTenant: int('PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_TENANT', 50, 1, 100_000),
    maxSubscriptionsPerClient: int('PENNYLANE_LIVE_MAX_SUBSCRIPTIONS_PER_CLIENT', 20, 1, 100_000),
    logSize: int('PENNYLANE_LIVE_LOG_SIZE', 10_000, 10, 1_000_000),
    logTtlMs: int('PENNYLANE_LIVE_LOG_HOURS', 24, 1, 28 * 24) * 3_600_000,
    maxPollSharePercent: int('PENNYLANE_CHANGE_POLL_MAX_SHARE', 10, 1, 100),
  };
}
