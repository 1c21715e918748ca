/**
 * Per-token sliding-window rate limiting (API.md §2): N accepted requests in
 * any window of W ms, plus optional per-family windows. Throttled requests are
 * not recorded.
 */
import type { Family } from './families.js';

export interface RateLimitConfig {
  readonly limit: number;
  readonly windowMs: number;
}
export type FamilyLimits = Partial<Record<Family, RateLimitConfig>>;

/** What the ratelimit-* headers report. */
export interface WindowState {
  readonly limit: number;
  readonly remaining: number;
  /** Unix epoch seconds when the oldest request of the window leaves it. */
  readonly reset: number;
}

export type Verdict =
  | { readonly accepted: true; readonly state: WindowState }
  | { readonly accepted: false; readonly state: WindowState; readonly retryAfter: number };

interface Window {
  readonly key: string;
  readonly config: RateLimitConfig;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private global: RateLimitConfig | false,
    private families: FamilyLimits = {},
  ) {}

  configure(global: RateLimitConfig | false, families: FamilyLimits = {}): void {
    this.global = global;
    this.families = { ...families };
  }

  get config(): { rateLimit: RateLimitConfig | false; familyLimits: FamilyLimits } {
    return { rateLimit: this.global, familyLimits: { ...this.families } };
  }

  /** Is any limit configured at all? */
  get enabled(): boolean {
    return this.global !== false || Object.values(this.families).some(Boolean);
  }

  clear(): void {
    this.hits.clear();
  }

  private windows(tokenKey: string, family: Family | null): Window[] {
    const out: Window[] = [];
    if (this.global) out.push({ key: tokenKey, config: this.global });
    const fam = family ? this.families[family] : undefined;
    if (family && fam) out.push({ key: `${tokenKey}|${family}`, config: fam });
    return out;
  }

  private live(key: string, windowMs: number, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && now - (list[drop] as number) >= windowMs) drop++;
    if (drop > 0) list.splice(0, drop);
    this.hits.set(key, list);
    return list;
  }

  private stateOf(list: readonly number[], config: RateLimitConfig, now: number): WindowState {
    const oldest = list[0] ?? now;
    return {
      limit: config.limit,
      remaining: Math.max(0, config.limit - list.length),
      reset: Math.ceil((oldest + config.windowMs) / 1000),
    };
  }

  /** Count the request if every window has room; otherwise report the throttling window. */
  check(tokenKey: string, family: Family | null, now: number): Verdict | null {
    const windows = this.windows(tokenKey, family);
    if (windows.length === 0) return null;
    const lists = windows.map((w) => this.live(w.key, w.config.windowMs, now));
    let throttled: { state: WindowState; retryAfter: number } | null = null;
    for (let i = 0; i < windows.length; i++) {
      const { config } = windows[i] as Window;
      const list = lists[i] as number[];
      if (list.length < config.limit) continue;
      // The slot frees when the request `limit` places from the end leaves the window.
      const blocking = list[list.length - config.limit] as number;
      const retryAfter = Math.max(1, Math.ceil((blocking + config.windowMs - now) / 1000));
      if (!throttled || retryAfter > throttled.retryAfter) {
        throttled = { retryAfter, state: { limit: config.limit, remaining: 0, reset: Math.ceil((blocking + config.windowMs) / 1000) } };
      }
    }
    if (throttled) return { accepted: false, ...throttled };
    let best: WindowState | null = null;
    for (let i = 0; i < windows.length; i++) {
      const list = lists[i] as number[];
      list.push(now);
      const state = this.stateOf(list, (windows[i] as Window).config, now);
      if (!best || state.remaining < best.remaining) best = state;
    }
    return best ? { accepted: true, state: best } : null;
  }

  /** The window as it stands, without counting a request (for 401 and injected faults). */
  peek(tokenKey: string, family: Family | null, now: number): WindowState | null {
    const windows = this.windows(tokenKey, family);
    let best: WindowState | null = null;
    for (const w of windows) {
      const state = this.stateOf(this.live(w.key, w.config.windowMs, now), w.config, now);
      if (!best || state.remaining < best.remaining) best = state;
    }
    return best;
  }
}
