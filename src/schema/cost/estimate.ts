import type { DocumentNode, GraphQLSchema } from 'graphql';
import { apiFamilyOf } from '../../datasources/scheduler/families.js';
import { slotHoldMs, type RateLimit, type RateLimits } from '../../datasources/scheduler/rate-limits.js';
import { planOperation } from './plan.js';
import { portfolioCost } from './portfolio-cost.js';

/**
 * The cost planner: how many Pennylane calls an operation will make, from its document and
 * variables alone, before anything runs — page sizes, lookups batched 100 ids a call, one call
 * per parent for `{url}` sub-collections, small lists once, `node`/`nodes` by type, writes
 * with their uploads and the reads around them, bulk work at its pace — assuming nothing is
 * cached. And the time those calls need at the tenant's limits. Planning is linear in the
 * document (see plan.ts).
 */
export interface CostEstimate {
  /** Upstream calls the operation makes itself, when rows interleave as usual. */
  readonly calls: number;
  /**
   * The most it can make (retries aside): children batched across parents may need more
   * pages when one parent's rows crowd the others out (clustered data), then one call per
   * short parent.
   */
  readonly maxCalls: number;
  /** Calls bulk operations it starts will make in the background (not counted in `calls`). */
  readonly backgroundCalls: number;
  /**
   * The least time `calls` need at the configured limits, from an idle budget: each bucket
   * bursts its limit, then a slot comes back one window (and margin) after it was spent.
   * Latency and other operations of the token only add to it.
   */
  readonly timeMs: number;
  /** Time the background calls take at bulk pace (one call per token interval, at best). */
  readonly backgroundTimeMs: number;
}

export interface EstimateOptions {
  /** Companies a `portfolio` without `connectionIds` spans for this client. */
  readonly portfolioConnections?: number;
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  operationName: string | null | undefined,
  limits: RateLimits,
  options: EstimateOptions = {},
): CostEstimate {
  // Portfolio companies spend their own tokens: their calls add up, their time runs beside ours.
  const others: CostEstimate[] = [];
  const plan = planOperation(schema, document, variables, operationName, (sets, connectionIds) => {
    others.push(
      portfolioCost(sets, connectionIds, options.portfolioConnections ?? 0, document, (one) => estimateCost(schema, one, variables, null, limits)),
    );
  });
  const calls = total(plan.calls);
  const sum = (pick: (estimate: CostEstimate) => number) => others.reduce((acc, estimate) => acc + pick(estimate), 0);
  const longest = (pick: (estimate: CostEstimate) => number) => others.reduce((acc, estimate) => Math.max(acc, pick(estimate)), 0);
  return {
    calls: bounded(calls + sum((e) => e.calls)),
    maxCalls: bounded(calls + plan.extraCalls + sum((e) => e.maxCalls)),
    backgroundCalls: bounded(total(plan.background) + sum((e) => e.backgroundCalls)),
    timeMs: bounded(Math.max(timeAtLimits(plan.calls, limits, burstTime), longest((e) => e.timeMs))),
    backgroundTimeMs: bounded(Math.max(timeAtLimits(plan.background, limits, pacedTime), longest((e) => e.backgroundTimeMs))),
  };
}

function total(perResource: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const calls of perResource.values()) sum += calls;
  return sum;
}

/** Counts stay JSON numbers (a fan-out can price itself past 2^53, or to Infinity). */
function bounded(value: number): number {
  return Number.isFinite(value) ? Math.min(value, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
}

type Pace = (calls: number, rate: RateLimit, holdMs: number) => number;

/** Queries and mutations: the bucket's free slots at once, then one window per `limit` more. */
const burstTime: Pace = (calls, rate, holdMs) => (calls <= rate.limit ? 0 : Math.ceil(((calls - rate.limit) / rate.limit) * holdMs));

/** Bulk and background work: handed over one call per interval (window / limit), never in bursts. */
const pacedTime: Pace = (calls, rate, holdMs) => (calls <= 1 ? 0 : Math.ceil((calls - 1) * Math.ceil(holdMs / rate.limit)));

/** The slowest bucket decides: the token's, or a family's (2/s for sales & purchases by default). */
function timeAtLimits(perResource: ReadonlyMap<string, number>, limits: RateLimits, pace: Pace): number {
  let all = 0;
  const perFamily = new Map<string, number>();
  for (const [resource, calls] of perResource) {
    all += calls;
    const family = apiFamilyOf(`/${resource}`);
    if (family) perFamily.set(family, (perFamily.get(family) ?? 0) + calls);
  }
  let time = pace(all, limits.token, slotHoldMs(limits.token, limits.marginMs));
  for (const [family, calls] of perFamily) {
    const rate = limits.families[family as keyof typeof limits.families];
    if (rate) time = Math.max(time, pace(calls, rate, slotHoldMs(rate, limits.marginMs)));
  }
  return time;
}
