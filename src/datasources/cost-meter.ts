/** What one GraphQL operation cost upstream; built per request, reported in extensions. */
export class CostMeter {
  /** Requests sent to Pennylane, retries included. */
  upstreamCalls = 0;
  /** Reads answered from the gateway cache instead of Pennylane. */
  cacheHits = 0;
  /** Attempts repeated after a 429, a 5xx or a transport failure. */
  retries = 0;
  /** 429 answers received. */
  throttled = 0;
  /** Total time requests of this operation waited for rate budget. */
  queuedMs = 0;
  /** The planner's estimate, made before the operation ran. */
  estimate: { calls: number; maxCalls: number; backgroundCalls: number; timeMs: number; backgroundTimeMs: number } | null = null;
  /**
   * `MISS`: a query the GraphQL response cache could have answered, run this time (a hit is
   * answered without a meter: `HIT`, see cache/graphql-cache-store.ts); absent otherwise.
   */
  responseCache: 'MISS' | null = null;

  toJSON() {
    return {
      upstreamCalls: this.upstreamCalls,
      cacheHits: this.cacheHits,
      retries: this.retries,
      throttled: this.throttled,
      queuedMs: Math.round(this.queuedMs),
      estimate: this.estimate,
      ...(this.responseCache ? { responseCache: this.responseCache } : {}),
    };
  }
}
