import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpstreamResponse } from '../../src/datasources/http/pennylane-http.js';
import type { Priority } from '../../src/datasources/scheduler/priorities.js';
import { parseRateLimits } from '../../src/datasources/scheduler/rate-limits.js';
import { RateScheduler } from '../../src/datasources/scheduler/rate-scheduler.js';
import { Tenant } from '../../src/datasources/tenant.js';

/**
 * The scheduler's fast path, on fake timers: a call that fits the window is sent without any
 * timer running, and the calls that do not fit still wait for their slots, in priority order.
 * (Through the front door, test/gateway/scheduler.test.ts checks the same limits at the simulator.)
 */
const OK: UpstreamResponse = { status: 200, headers: {}, body: {}, bytes: 0 };

/** Lets every pending promise callback run, and no timer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

describe('the scheduler with the budget free', () => {
  let scheduler: RateScheduler;
  const tenant = new Tenant('fast-path-token');
  /** Each send: its path, priority, the (fake) clock when it left, and how many timer callbacks had run by then. */
  let sends: { path: string; priority: Priority; at: number; timersRun: number }[];
  /** Timer callbacks run so far (any setTimeout, setInterval or setImmediate, the scheduler's or not). */
  let timersRun: number;

  const call = (path: string, priority: Priority = 'interactive', flow = 'op') =>
    scheduler.run(tenant, { method: 'GET', path, priority, deadline: Date.now() + 60_000, idempotent: true, flow }, async () => {
      sends.push({ path, priority, at: Date.now(), timersRun });
      return OK;
    });

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'] });
    timersRun = 0;
    // Count every timer callback that runs: a send made from one is not on the fast path.
    for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
      const fake = globalThis[name] as (callback: (...args: unknown[]) => void, ...rest: unknown[]) => unknown;
      vi.spyOn(globalThis, name).mockImplementation(((callback: (...args: unknown[]) => void, ...rest: unknown[]) =>
        fake((...args: unknown[]) => {
          timersRun += 1;
          callback(...args);
        }, ...rest)) as never);
    }
    sends = [];
    scheduler = new RateScheduler({
      limits: parseRateLimits('token=25/5s,sales_purchases=2/1s,accounting=4/1s', { marginMs: 150 }),
      maxRetries: 0,
    });
  });
  afterEach(async () => {
    await scheduler.close();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('sends a call that fits the window before any timer runs', async () => {
    const answer = call('/me');
    // Timers due now are let run: a send deferred to one (a setTimeout(0), Bottleneck's turns) would be counted.
    await vi.advanceTimersByTimeAsync(0);
    await settle();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ at: 1_000_000, timersRun: 0 });
    await expect(answer).resolves.toBe(OK);
  });

  it('sends a burst up to the token limit at once, and the rest only as slots come back', async () => {
    const answers = Array.from({ length: 40 }, (_, i) => call(`/bank_accounts/${i}`));
    await settle();
    expect(sends).toHaveLength(25);
    // A slot comes back one window and its margin (5 s + 150 ms) after its answer.
    await vi.advanceTimersByTimeAsync(5_149);
    expect(sends).toHaveLength(25);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends).toHaveLength(40);
    await Promise.all(answers);
    const times = sends.map((s) => s.at);
    for (const at of times) expect(times.filter((t) => t >= at && t < at + 5_000).length).toBeLessThanOrEqual(25);
  });

  it('keeps the family limit on the fast path: 2 per second for sales and purchases, 4 for accounting', async () => {
    const answers = [
      ...Array.from({ length: 5 }, (_, i) => call(`/customers/${i}`)),
      ...Array.from({ length: 5 }, (_, i) => call(`/journals/${i}`)),
    ];
    await settle();
    expect(sends.filter((s) => s.path.startsWith('/customers'))).toHaveLength(2);
    expect(sends.filter((s) => s.path.startsWith('/journals'))).toHaveLength(4);
    // The family's slots come back after 1 s and its margin (3 % of the window: 30 ms).
    await vi.advanceTimersByTimeAsync(1_029);
    expect(sends).toHaveLength(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends.filter((s) => s.path.startsWith('/customers'))).toHaveLength(4);
    expect(sends.filter((s) => s.path.startsWith('/journals'))).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1_030);
    await Promise.all(answers);
    expect(sends).toHaveLength(10);
  });

  it('keeps the last free slot for queries: bulk work does not take it, even on the fast path', async () => {
    const first = Array.from({ length: 24 }, (_, i) => call(`/bank_accounts/${i}`, 'interactive', 'first'));
    await settle();
    expect(sends).toHaveLength(24);
    const bulk = call('/bank_accounts/bulk', 'bulk', 'import');
    await settle();
    expect(sends).toHaveLength(24);
    const query = call('/bank_accounts/query', 'interactive', 'later');
    await settle();
    expect(sends.map((s) => s.path).at(-1)).toBe('/bank_accounts/query');
    expect(sends.filter((s) => s.priority === 'bulk')).toHaveLength(0);
    // Once slots come back (5 s + 150 ms after the answers), the bulk call goes, and the window still held at most 25.
    await vi.advanceTimersByTimeAsync(6_000);
    await Promise.all([...first, bulk, query]);
    expect(sends.filter((s) => s.priority === 'bulk')).toHaveLength(1);
    const times = sends.map((s) => s.at);
    for (const at of times) expect(times.filter((t) => t >= at && t < at + 5_000).length).toBeLessThanOrEqual(25);
  });

  it('serves waiting queries before waiting bulk work once the window is spent', async () => {
    const first = Array.from({ length: 25 }, (_, i) => call(`/bank_accounts/${i}`, 'interactive', 'first'));
    await settle();
    expect(sends).toHaveLength(25);
    const bulk = Array.from({ length: 3 }, (_, i) => call(`/bank_accounts/bulk-${i}`, 'bulk', 'import'));
    const queries = Array.from({ length: 3 }, (_, i) => call(`/bank_accounts/query-${i}`, 'interactive', 'later'));
    await settle();
    expect(sends).toHaveLength(25);
    await vi.advanceTimersByTimeAsync(5_150);
    const after = sends.slice(25).map((s) => s.priority);
    expect(after.slice(0, 3)).toEqual(['interactive', 'interactive', 'interactive']);
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([...first, ...bulk, ...queries]);
    expect(sends.slice(28).map((s) => s.priority)).toEqual(['bulk', 'bulk', 'bulk']);
  });
});
