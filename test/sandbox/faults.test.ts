import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ rateLimit: { limit: 25, windowMs: 5000 } });
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

const newProduct = { label: 'Fault probe', price_before_tax: '1.00', vat_rate: 'FR_200' };

/** A product create whose client gives up after 300 ms. */
const createGivingUpAfter300ms = (externalReference: string) =>
  fetch(`${sim.baseUrl}/products`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.demoToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...newProduct, external_reference: externalReference }),
    signal: AbortSignal.timeout(300),
  });

describe('injected faults', () => {
  it('a burst of N 503s then normal answers; they bypass the rate limiter', async () => {
    sim.control.injectFault({ match: { route: 'GET /customers' }, status: 503, times: 3 });
    for (let i = 0; i < 3; i++) {
      const res = await call(sim, '/customers');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: 'Service Unavailable', status: 503 });
    }
    expect((await call(sim, '/customers')).status).toBe(200);
    expect((await call(sim, '/products')).status).toBe(200); // other routes untouched
    expect(sim.control.requests({ route: 'GET /customers' }).map((e) => e.status)).toEqual([503, 503, 503, 200]);
    expect(sim.control.rateStats(sim.demoToken).accepted).toBe(2);
  });

  it('skip lets the first matches through; a path RegExp matches', async () => {
    const [inv] = sim.control.snapshot('customer_invoices') as Array<{ id: number }>;
    sim.control.injectFault({ match: { path: /\/invoice_lines$/ }, status: 500, skip: 1, times: 1 });
    const path = `/customer_invoices/${inv?.id}/invoice_lines`;
    expect((await call(sim, path)).status).toBe(200);
    const second = await call(sim, path);
    expect(second.status).toBe(500);
    expect(second.body).toEqual({ error: 'Internal server error', status: 500 });
    expect((await call(sim, path)).status).toBe(200);
  });

  it('a 429 fault answers the plain-text body with retry-after', async () => {
    sim.control.injectFault({ status: 429, retryAfter: 3 });
    const res = await call(sim, '/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect(res.text).toBe('Rate limit exceeded. Please retry in 3 seconds.');
  });

  it('times: Infinity until clearFaults()', async () => {
    sim.control.injectFault({ match: { method: 'GET', route: '/me' }, status: 502, times: Infinity });
    for (let i = 0; i < 5; i++) expect((await call(sim, '/me')).status).toBe(502);
    sim.control.clearFaults();
    expect((await call(sim, '/me')).status).toBe(200);
  });

  it('latency delays the answer (a later, undelayed request overtakes it)', async () => {
    const faultId = sim.control.injectFault({ match: { route: 'GET /me' }, latencyMs: 400 });
    const finished: string[] = [];
    const delayed = call(sim, '/me').then((res) => finished.push(`me ${res.status}`));
    const prompt = call(sim, '/products?limit=1').then((res) => finished.push(`products ${res.status}`));
    await Promise.all([delayed, prompt]);
    expect(finished).toEqual(['products 200', 'me 200']);
    expect(sim.control.requests({ route: 'GET /me' })).toMatchObject([{ fault: faultId, status: 200 }]);
  });

  it('reset before: the socket dies and nothing was written', async () => {
    sim.control.injectFault({ match: { route: 'POST /products' }, reset: 'before' });
    await expect(call(sim, '/products', { method: 'POST', body: newProduct })).rejects.toThrow();
    expect(sim.control.snapshot('products')).toHaveLength(40);
    expect(sim.control.requests({ route: 'POST /products' })).toMatchObject([{ status: 0 }]);
  });

  it('reset after: the socket dies but the write happened', async () => {
    sim.control.injectFault({ match: { route: 'POST /products' }, reset: 'after' });
    await expect(call(sim, '/products', { method: 'POST', body: newProduct })).rejects.toThrow();
    const products = sim.control.snapshot('products') as Array<{ label: string }>;
    expect(products).toHaveLength(41);
    expect(products.some((p) => p.label === 'Fault probe')).toBe(true);
    expect(sim.control.requests({ route: 'POST /products' })).toMatchObject([{ status: 0 }]);
    // The connection pool recovers.
    expect((await call(sim, '/me')).status).toBe(200);
  });

  it('body: a hostile answer of any status, not processed (an HTML 400, a 200 that is not JSON)', async () => {
    const page = `<!DOCTYPE html><html><body>${'x'.repeat(10_000)}</body></html>`;
    sim.control.injectFault({ match: { route: 'POST /products' }, status: 400, body: page });
    const rejected = await call(sim, '/products', { method: 'POST', body: newProduct });
    expect(rejected.status).toBe(400);
    expect(rejected.headers.get('content-type')).toMatch(/^text\/html/);
    expect(rejected.text).toBe(page);
    expect(sim.control.snapshot('products').some((p) => (p as { label: string }).label === newProduct.label)).toBe(false);

    sim.control.injectFault({ match: { route: 'GET /customers' }, body: 'Maintenance', contentType: 'text/plain' });
    const plain = await call(sim, '/customers');
    expect([plain.status, plain.headers.get('content-type'), plain.text]).toEqual([200, 'text/plain', 'Maintenance']);

    sim.control.injectFault({ match: { route: 'GET /customers' }, status: 422, body: { error: 'Trace:\n  at x (y.js:1:2)' } });
    expect(await call(sim, '/customers')).toMatchObject({ status: 422, body: { error: 'Trace:\n  at x (y.js:1:2)' } });
  });

  it('refuses a body fault that makes no sense', () => {
    expect(() => sim.control.injectFault({ status: 429, body: 'x' })).toThrow(/429/);
    expect(() => sim.control.injectFault({ body: { a: 1 }, contentType: 'text/html' })).toThrow(/contentType/);
  });

  it('reset() clears faults', async () => {
    sim.control.injectFault({ status: 500, times: Infinity });
    sim.control.reset();
    expect((await call(sim, '/me')).status).toBe(200);
  });

  it('hangMs holds the answer; a client that gives up during a hang before processing leaves nothing written', async () => {
    sim.control.injectFault({ match: { route: 'POST /products' }, hangMs: 60_000 });
    await expect(createGivingUpAfter300ms('hung-before')).rejects.toThrow();
    await expect.poll(() => sim.control.count({ route: 'POST /products' }), { timeout: 5_000 }).toBe(1);
    expect(sim.control.requests({ route: 'POST /products' })[0]?.status).toBe(0);
    expect((sim.control.snapshot('products') as { external_reference: string | null }[]).some((p) => p.external_reference === 'hung-before')).toBe(false);
  });

  it("hang: 'after' applies the write at once, then holds the answer", async () => {
    sim.control.injectFault({ match: { route: 'POST /products' }, hangMs: 60_000, hang: 'after' });
    await expect(createGivingUpAfter300ms('hung-after')).rejects.toThrow();
    expect((sim.control.snapshot('products') as { external_reference: string | null }[]).filter((p) => p.external_reference === 'hung-after')).toHaveLength(1);
    expect(sim.control.requests({ route: 'POST /products' })[0]?.status).toBe(201);
  });

  it('trickleBytesPerSecond sends the headers at once and the body byte by byte', async () => {
    sim.control.injectFault({ match: { route: 'GET /me' }, trickleBytesPerSecond: 1 });
    const controller = new AbortController();
    const res = await fetch(`${sim.baseUrl}/me`, { headers: { authorization: `Bearer ${sim.demoToken}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get('content-length'));
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(1);
    expect(declared).toBeGreaterThan(10);
    controller.abort();
  });

  it('bodyBytes pads the answer, still valid JSON', async () => {
    sim.control.injectFault({ match: { route: 'GET /me' }, bodyBytes: 200_000 });
    const res = await call<{ company: unknown }>(sim, '/me');
    expect(res.text.length).toBe(200_000);
    expect(res.body.company).toBeDefined();
    expect(() => sim.control.injectFault({ trickleBytesPerSecond: 0 })).toThrow(/trickleBytesPerSecond/);
    expect(() => sim.control.injectFault({ hang: 'after' })).toThrow(/hangMs/);
  });
});

describe('request log', () => {
  it('records method, path, route template, query, parsed filter, status, family, token hash', async () => {
    const filter = [{ field: 'draft', operator: 'eq', value: true }];
    await call(sim, '/customer_invoices', { query: { filter: JSON.stringify(filter), limit: '5' } });
    const [entry] = sim.control.requests({ route: 'GET /customer_invoices' });
    expect(entry).toMatchObject({
      method: 'GET', path: '/customer_invoices', route: 'GET /customer_invoices', status: 200, family: 'sales_purchases', filter,
    });
    expect(entry?.query).toEqual({ filter: JSON.stringify(filter), limit: '5' });
    expect(entry?.tokenHash).not.toContain(sim.demoToken);
    expect(entry?.tokenHash).toMatch(/^[0-9a-f]{16}$/);
    expect(sim.control.count({ token: sim.demoToken })).toBe(1);
    expect(sim.control.count({ token: 'other' })).toBe(0);
    const [inv] = sim.control.snapshot('customer_invoices') as Array<{ id: number }>;
    await call(sim, `/customer_invoices/${inv?.id}`);
    await call(sim, `/customer_invoices/${inv?.id}`);
    expect(sim.control.counters()).toEqual({ 'GET /customer_invoices': 1, 'GET /customer_invoices/{id}': 2 });
    expect(sim.control.requests({ path: `/customer_invoices/${inv?.id}` })).toHaveLength(2);
    sim.control.clearLog();
    expect(sim.control.count()).toBe(0);
    expect(sim.control.counters()).toEqual({});
  });
});
