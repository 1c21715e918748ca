import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, sleep, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ rateLimit: { limit: 25, windowMs: 5000 } });
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

function expectRateHeaders(headers: Headers, limit: number): void {
  expect(headers.get('ratelimit-limit')).toBe(String(limit));
  expect(headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  expect(headers.get('ratelimit-reset')).toMatch(/^\d{10}$/);
}

describe('default 25 requests per 5 s per token', () => {
  it('the 26th request is throttled: 429 text/plain with retry-after and headers', async () => {
    for (let i = 0; i < 25; i++) {
      const res = await call(sim, '/me');
      expect(res.status).toBe(200);
      expectRateHeaders(res.headers, 25);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(24 - i));
    }
    const res = await call(sim, '/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^Rate limit exceeded\. Please retry in \d+ seconds\.$/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 5).toBe(true);
    expect(res.text).toContain(`retry in ${retryAfter} seconds`);
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expectRateHeaders(res.headers, 25);
    expect(res.headers.get('api-version-expires-at')).toBe('');
    const stats = sim.control.rateStats(sim.demoToken);
    expect(stats).toEqual({ accepted: 25, throttled: 1, maxInAnyWindow: 25 });
  });

  it('ratelimit-* headers are on every non-throttled response, 4xx included', async () => {
    sim.control.addToken('ro', { scopes: ['customers:readonly'] });
    for (const [path, token, status] of [
      ['/customers', undefined, 200], ['/nope', undefined, 404], ['/customers?limit=0', undefined, 400], ['/products', 'ro', 403], ['/me', 'bad', 401],
    ] as const) {
      const [p, search] = path.split('?');
      const res = await call(sim, p as string, { ...(token ? { token } : {}), query: Object.fromEntries(new URLSearchParams(search ?? '')) });
      expect(res.status).toBe(status);
      expectRateHeaders(res.headers, 25);
    }
  });

  it('each token has its own budget; invalid tokens are answered 401 and not counted', async () => {
    sim.control.addToken('other');
    for (let i = 0; i < 30; i++) expect((await call(sim, '/me', { token: 'bogus' })).status).toBe(401);
    for (let i = 0; i < 25; i++) await call(sim, '/me');
    expect((await call(sim, '/me')).status).toBe(429);
    const other = await call(sim, '/me', { token: 'other' });
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('24');
  });

  it('control endpoints are never rate limited nor logged', async () => {
    for (let i = 0; i < 25; i++) await call(sim, '/me');
    for (let i = 0; i < 30; i++) expect((await fetch(`${sim.url}/__sandbox/health`)).status).toBe(200);
    expect(sim.control.count()).toBe(25);
  });
});

describe('sliding window (small: 5 per 1000 ms)', () => {
  it('a slot frees when the oldest request leaves the window, not at a fixed boundary', async () => {
    sim.control.setRateLimit({ limit: 5, windowMs: 1000 });
    for (let i = 0; i < 3; i++) expect((await call(sim, '/me')).status).toBe(200); // batch A
    await sleep(600);
    for (let i = 0; i < 2; i++) expect((await call(sim, '/me')).status).toBe(200); // batch B
    const blocked = await call(sim, '/me');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    for (let i = 0; i < 3; i++) expect((await call(sim, '/me')).status).toBe(429); // throttled: not counted
    await sleep(500); // A has left the window, B has not
    for (let i = 0; i < 3; i++) expect((await call(sim, '/me')).status).toBe(200);
    expect((await call(sim, '/me')).status).toBe(429);
    const stats = sim.control.rateStats(sim.demoToken);
    expect(stats.accepted).toBe(8);
    expect(stats.throttled).toBe(5);
    expect(stats.maxInAnyWindow).toBe(5);
  });

  it('family limits apply on top of the token limit', async () => {
    sim.control.setRateLimit({ limit: 50, windowMs: 1000 }, { sales_purchases: { limit: 2, windowMs: 1000 } });
    expect((await call(sim, '/customers')).status).toBe(200);
    const second = await call(sim, '/products');
    expect(second.status).toBe(200);
    expect(second.headers.get('ratelimit-limit')).toBe('2');
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    const third = await call(sim, '/customer_invoices');
    expect(third.status).toBe(429);
    expect(third.headers.get('ratelimit-limit')).toBe('2');
    const me = await call(sim, '/me'); // no family
    expect(me.status).toBe(200);
    expect(me.headers.get('ratelimit-limit')).toBe('50');
    expect(sim.control.requests({ status: 429 })[0]).toMatchObject({ family: 'sales_purchases', route: 'GET /customer_invoices', throttled: true });
  });

  it('rateLimit false disables throttling', async () => {
    sim.control.setRateLimit(false);
    for (let i = 0; i < 40; i++) expect((await call(sim, '/me')).status).toBe(200);
  });

  it('reset() clears the windows and restores the configured limit', async () => {
    sim.control.setRateLimit({ limit: 1, windowMs: 60_000 });
    await call(sim, '/me');
    expect((await call(sim, '/me')).status).toBe(429);
    sim.control.reset();
    const res = await call(sim, '/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('25');
  });
});
