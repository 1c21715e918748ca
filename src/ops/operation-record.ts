import { edgeRequestOf } from '../edge/request-state.js';

/** One GraphQL request as it ended: what metrics, the status page and the trace report about it. */
export interface OperationRecord {
  readonly at: number;
  /** The tenant id (token hash); null when the edge refused the request before choosing one. */
  readonly tenant: string | null;
  readonly name: string | null;
  readonly kind: string | null;
  readonly status: number;
  readonly ms: number;
  /** `refused`: stopped at the edge (auth, CSRF, limits); `error`: answered with errors; else `ok`. */
  readonly outcome: 'ok' | 'error' | 'refused';
  readonly cost: OperationCost | null;
  readonly errorCodes: readonly string[];
}

export interface OperationCost {
  readonly upstreamCalls: number;
  readonly cacheHits: number;
  readonly retries: number;
  readonly throttled: number;
  readonly queuedMs: number;
}

/**
 * The record of a GraphQL request from what the edge gathered about it (src/edge/request-state.ts,
 * the same facts as its log line); null for requests that are not GraphQL.
 */
export function operationRecordOf(request: Request, status: number): OperationRecord | null {
  const state = edgeRequestOf(request);
  if (!state?.graphql) return null;
  const cost = state.usage ? (state.usage.cost() as unknown as OperationCost) : null;
  const errorCodes = [...state.errors.keys()];
  return {
    at: Date.now(),
    tenant: state.usage?.tenant ?? null,
    name: state.operation?.name ?? null,
    kind: state.operation?.kind ?? null,
    status,
    ms: Date.now() - state.startedAt,
    outcome: !state.usage ? 'refused' : errorCodes.length > 0 || status >= 400 ? 'error' : 'ok',
    cost: cost && {
      upstreamCalls: cost.upstreamCalls,
      cacheHits: cost.cacheHits,
      retries: cost.retries,
      throttled: cost.throttled,
      queuedMs: cost.queuedMs,
    },
    errorCodes,
  };
}
