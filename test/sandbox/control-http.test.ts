import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ rateLimit: { limit: 25, windowMs: 5000 } });
});
afterAll(() => sim.close());

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.url}/__sandbox${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('/__sandbox over HTTP', () => {
  it('drives reset, tokens, faults, rate limit, log, stats and snapshots', async () => {
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await control('POST', '/tokens', { token: 'remote', scopes: ['customers:readonly'], company: 'remote-co', seed: 9 })).status).toBe(201);
    expect((await call(sim, '/customers', { token: 'remote' })).status).toBe(200);
    expect((await call(sim, '/products', { token: 'remote' })).status).toBe(403);
    expect((await control('PUT', '/tokens/scopes', { token: 'remote', scopes: ['products:readonly'] })).status).toBe(200);
    expect((await call(sim, '/products', { token: 'remote' })).status).toBe(200);

    const fault = await control<{ id: string }>('POST', '/faults', { match: { pathRegex: '^/products' }, status: 503, times: 'Infinity' });
    expect(fault.status).toBe(201);
    expect((await call(sim, '/products')).status).toBe(503);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await call(sim, '/products')).status).toBe(200);

    const requests = await control<Array<{ route: string; seq: number }>>('GET', `/requests?route=${encodeURIComponent('GET /products')}`);
    expect(requests.body.map((r) => r.route)).toEqual(['GET /products', 'GET /products', 'GET /products', 'GET /products']);
    const since = requests.body[1]?.seq ?? 0;
    expect((await control<unknown[]>('GET', `/requests?route=${encodeURIComponent('GET /products')}&since=${since}`)).body).toHaveLength(2);
    expect((await control<unknown[]>('GET', '/requests?token=remote')).body).toHaveLength(3);
    expect((await control<{ count: number }>('GET', '/count?status=403')).body.count).toBe(1);
    expect((await control<Record<string, number>>('GET', '/counters')).body['GET /products']).toBe(4);
    expect((await control<{ accepted: number }>('GET', '/rate-stats?token=remote')).body.accepted).toBe(3);

    // Windows survive a reconfiguration: 'remote' already has 3 requests in its window.
    expect((await control('PUT', '/rate-limit', { rateLimit: { limit: 4, windowMs: 60000 } })).status).toBe(200);
    expect((await call(sim, '/me', { token: 'remote' })).status).toBe(200);
    expect((await call(sim, '/me', { token: 'remote' })).status).toBe(429);

    const remoteCustomers = await control<unknown[]>('GET', '/snapshot/customers?company=remote-co');
    expect(remoteCustomers.body.length).toBeGreaterThanOrEqual(60);
    const invoices = await control<Array<{ id: number }>>('GET', '/snapshot/customer_invoices');
    expect(invoices.body).toHaveLength(400);
    expect((await control<unknown[]>('GET', `/invoice-lines/${invoices.body[0]?.id}`)).body.length).toBeGreaterThan(0);
    expect((await control('GET', '/snapshot/nope')).status).toBe(400);
    expect((await control('GET', '/nope')).status).toBe(404);

    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect((await control<unknown[]>('GET', '/requests')).body).toEqual([]);
    await control('POST', '/reset');
    expect((await call(sim, '/me', { token: 'remote' })).status).toBe(401);
    expect((await call(sim, '/me')).headers.get('ratelimit-limit')).toBe('25');
  });
});
