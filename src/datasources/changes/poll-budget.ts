const MINUTE_MS = 60_000;

/**
 * What changelog polling may spend of one token's budget: at most `maxPerMinute` calls in
 * any minute (a share of the token bucket, PENNYLANE_CHANGE_POLL_MAX_SHARE). A round that would
 * go past it stops, and the next round starts with the feeds this one left.
 */
export class PollBudget {
  private readonly sent = new Map<string, number[]>();

  constructor(readonly maxPerMinute: number) {}

  /** Spends one call for `tenantId`, or false when the minute's share is spent. */
  take(tenantId: string): boolean {
    const recent = this.recent(tenantId);
    if (recent.length >= this.maxPerMinute) return false;
    recent.push(Date.now());
    return true;
  }

  /** Calls sent for `tenantId` in the last minute. */
  spent(tenantId: string): number {
    return this.recent(tenantId).length;
  }

  forget(tenantId: string): void {
    this.sent.delete(tenantId);
  }

  private recent(tenantId: string): number[] {
    const since = Date.now() - MINUTE_MS;
    let list = this.sent.get(tenantId);
    if (!list) this.sent.set(tenantId, (list = []));
    while (list.length > 0 && list[0]! <= since) list.shift();
    return list;
  }
}

/** The per-minute call cap for a share (percent) of a token bucket of `limit` calls per `windowMs`. */
export function pollCallsPerMinute(sharePercent: number, token: { readonly limit: number; readonly windowMs: number }): number {
  return Math.max(1, Math.floor(((token.limit * MINUTE_MS) / token.windowMs) * (sharePercent / 100)));
}
