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
    // The slow-upstream faults travel over HTTP too.
    expect((await control('POST', '/faults', { match: { route: 'GET /me' }, hangMs: 5, hang: 'after', trickleBytesPerSecond: 100000, bodyBytes: 4096 })).status).toBe(201);
    expect(sim.control.faults()[0]?.fault).toMatchObject({ hangMs: 5, hang: 'after', trickleBytesPerSecond: 100000, bodyBytes: 4096 });
    expect((await call(sim, '/me')).text.length).toBe(4096);

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

  it('drives the books: routes, sub-lists, trial balance, exports, Pro Account, clock', async () => {
    await control('POST', '/reset');
    const routes = await control<string[]>('GET', '/routes');
    expect(routes.body).toContain('GET /ledger_entry_lines/{id}/lettered_ledger_entry_lines');
    const [entry] = sim.control.snapshot('ledger_entries') as Array<{ id: number }>;
    const lines = await control<unknown[]>('GET', `/sub-list?path=${encodeURIComponent(`/ledger_entries/${entry?.id}/ledger_entry_lines`)}`);
    expect(lines.body).toEqual(sim.control.subList(`/ledger_entries/${entry?.id}/ledger_entry_lines`));
    expect((await control('GET', '/sub-list?path=/nope')).status).toBe(400);
    const tb = await control<unknown[]>('GET', '/trial-balance?period_start=2026-01-01&period_end=2026-03-31&is_auxiliary=true');
    expect(tb.body).toEqual(sim.control.trialBalance('2026-01-01', '2026-03-31', true));
    const before = await control<{ now: string }>('GET', '/clock');
    const moved = await control<{ now: string }>('POST', '/clock/advance', { ms: 3_600_000 });
    expect(Date.parse(moved.body.now) - Date.parse(before.body.now)).toBeGreaterThanOrEqual(3_600_000);
    const started = await call<{ id: number }>(sim, '/exports/fecs', { method: 'POST', body: { period_start: '2026-01-01', period_end: '2026-01-31' } });
    expect((await control('POST', `/exports/${started.body.id}/fail`)).status).toBe(204);
    expect((await call<{ status: string }>(sim, `/exports/fecs/${started.body.id}`)).body.status).toBe('error');
    expect((await call(sim, '/pro_account/mandates')).status).toBe(404);
    expect((await control('PUT', '/pro-account', { enabled: true })).status).toBe(200);
    expect((await call(sim, '/pro_account/mandates')).status).toBe(200);
    expect((await control('POST', '/tokens', { token: 'pro', company: 'pro-co', proAccount: true })).status).toBe(201);
    expect((await call(sim, '/pro_account/mandate_migrations', { token: 'pro' })).status).toBe(200);
    // reset(): exports, the Pro Account flag and the clock go back to the seed.
    await control('POST', '/reset');
    expect((await call(sim, `/exports/fecs/${started.body.id}`)).status).toBe(404);
    expect((await call(sim, '/pro_account/mandates')).status).toBe(404);
    expect(Date.parse((await control<{ now: string }>('GET', '/clock')).body.now)).toBeLessThan(Date.parse(moved.body.now));
  });

  it('reset() keeps an untouched demo company (same data, clock rewound)', async () => {
    await control('POST', '/reset');
    const snapshot = JSON.stringify(sim.control.snapshot('ledger_entry_lines'));
    sim.control.advanceClock(86_400_000);
    sim.control.reset();
    expect(JSON.stringify(sim.control.snapshot('ledger_entry_lines'))).toBe(snapshot);
    expect(sim.control.now() < '2026-11-16T07:00:00.000000Z').toBe(true);
  });
});
