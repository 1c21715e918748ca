/**
 * Rate limits as configuration: `token=25/5s,sales_purchases=2/1s,accounting=4/1s`.
 * `token` is the per-token budget every request spends; the others are API-family buckets
 * a request passes before the token bucket (API.md §2).
 */
export const API_FAMILIES = ['sales_purchases', 'accounting'] as const;
export type ApiFamily = (typeof API_FAMILIES)[number];

export interface RateLimit {
  /** Requests allowed in any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimits {
  readonly token: RateLimit;
  readonly families: Readonly<Partial<Record<ApiFamily, RateLimit>>>;
  /**
   * Extra time a spent slot stays spent after its window: our clock starts at send time,
   * Pennylane's at arrival, so a little slack keeps network jitter from tipping a window over.
   * Capped at 3% of each window (see slotHoldMs).
   */
  readonly marginMs: number;
}

/**
 * How long a slot stays spent after its send: the window plus the margin, the margin being
 * at most 3% of the window. A fixed 150 ms on a 1 s family window would cost 13% of its
 * rate; 3% keeps every bucket at 97% or more of its limit.
 */
export function slotHoldMs(rate: RateLimit, marginMs: number): number {
  return rate.windowMs + Math.min(marginMs, Math.ceil(rate.windowMs * 0.03));
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000 };

export function parseRateLimit(text: string): RateLimit {
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not of the form <count>/<window>, e.g. 25/5s`);
  const limit = Number(match[1]);
  const windowMs = Math.round(Number(match[2] ?? '1') * (UNIT_MS[match[3] ?? 's'] ?? 1_000));
  if (limit < 1) throw new Error(`"${text}": the count must be at least 1`);
  if (windowMs < 1) throw new Error(`"${text}": the window must be positive`);
  return { limit, windowMs };
}

export function parseRateLimits(text: string, options: { marginMs: number }): RateLimits {
  let token: RateLimit | undefined;
  const families: Partial<Record<ApiFamily, RateLimit>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`"${part}" has no "=": expected name=count/window`);
    const name = part.slice(0, eq).trim();
    const limit = parseRateLimit(part.slice(eq + 1));
    if (name === 'token') token = limit;
    else if ((API_FAMILIES as readonly string[]).includes(name)) families[name as ApiFamily] = limit;
    else throw new Error(`unknown bucket "${name}" (known: token, ${API_FAMILIES.join(', ')})`);
  }
  if (!token) throw new Error('the "token" bucket is required, e.g. token=25/5s');
  return { token, families, marginMs: options.marginMs };
}

export function formatRateLimits(limits: RateLimits): string {
  const fmt = (l: RateLimit) => `${l.limit}/${l.windowMs}ms`;
  return [
    `token=${fmt(limits.token)}`,
    ...Object.entries(limits.families).map(([name, l]) => `${name}=${fmt(l)}`),
  ].join(',');
}
