import { GraphQLError } from 'graphql';
import type { CostEstimate } from './estimate.js';

/**
 * Admission: an operation is refused before its first upstream call when its plan cannot
 * fit — more calls than the gateway allows one operation, or more time than its deadline
 * leaves, even at the token's full rate from an idle budget (the estimate's `timeMs`, a
 * lower bound of the time it needs). Starting it would only spend the token's budget on an
 * answer that ends in `data: null`.
 */
export interface AdmissionLimits {
  /** Calls one operation may make (PENNYLANE_MAX_OPERATION_CALLS). */
  readonly maxOperationCalls: number;
  /** Epoch ms: the operation's deadline. */
  readonly deadline: number;
  /** Longest deadline a client may ask for (PENNYLANE_MAX_DEADLINE_MS). */
  readonly maxDeadlineMs: number;
}

export function admissionRefusal(estimate: CostEstimate, limits: AdmissionLimits, now = Date.now()): GraphQLError | null {
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1_000));
  if (estimate.calls > limits.maxOperationCalls) {
    return new GraphQLError(
      `This operation would make about ${estimate.calls} Pennylane calls (at least ${seconds(estimate.timeMs)} s at this token's limits); this gateway allows ${limits.maxOperationCalls}. Ask for fewer records (first), fewer nested lists, or split it.`,
      { extensions: { code: 'OPERATION_TOO_EXPENSIVE', estimate } },
    );
  }
  const leftMs = limits.deadline - now;
  if (estimate.timeMs <= leftMs) return null;
  const canWait = estimate.timeMs <= limits.maxDeadlineMs;
  const longer = canWait
    ? `, or send the header x-pennylane-deadline-ms: ${Math.min(limits.maxDeadlineMs, Math.ceil((estimate.timeMs * 1.2) / 1_000) * 1_000)} (at most ${limits.maxDeadlineMs})`
    : '';
  return new GraphQLError(
    `This operation needs at least ${seconds(estimate.timeMs)} s at this token's rate limits (about ${estimate.calls} Pennylane calls) and its deadline leaves ${seconds(Math.max(0, leftMs))} s, so it was not started. Ask for fewer records (first), page it (after), split it${longer}.`,
    { extensions: { code: 'OPERATION_TOO_SLOW', estimate, deadlineMs: Math.max(0, leftMs), maxDeadlineMs: limits.maxDeadlineMs } },
  );
}
