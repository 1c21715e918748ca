import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../src/ops/status/status-model.js';
import { MAX_STREAMS } from '../../src/ops/status/status-routes.js';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import { send, sha256Hex } from '../edge/support.js';
import { startHarness, type Harness } from '../support/harness.js';
import { connectCompany, startOAuthHarness } from '../support/oauth.js';
import { freePort, redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { useHarness } from '../support/use-harness.js';

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

const through = (h: Harness): Fetch => (path, init) => send(h, { ...init, path });

/** Reads `/status/events` until `done` accepts a snapshot (or the stream ends); returns the snapshots seen. */
async function events(fetch: Fetch, done: (snapshot: StatusSnapshot) => boolean, headers: Record<string, string> = {}): Promise<StatusSnapshot[]> {
  const response = await fetch('/status/events', { headers: { accept: 'text/event-stream', ...headers } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: StatusSnapshot[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return seen;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        seen.push(JSON.parse(data.slice(6)) as StatusSnapshot);
        if (done(seen.at(-1)!)) return seen;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

const UPSERT = 'mutation Up($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }';

describe('the status page', () => {
  const h = useHarness({ beforeEach: 'reset', env: { GATEWAY_STATUS_INTERVAL_MS: '100' } });

  it('is served by the gateway itself: no other origin, no inline script, never framed', async () => {
    const page = await send(h, { path: '/status' });
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>/);
    for (const asset of ['status.js', 'status.css']) expect((await send(h, { path: `/status/assets/${asset}` })).status).toBe(200);
    expect((await send(h, { path: '/status/assets/../../server.js' })).status).toBe(404);
    expect((await send(h, { path: '/status/assets/status-model.ts' })).status).toBe(404);
    expect((await send(h, { path: '/status/events', method: 'POST' })).status).toBe(405);
  });

  it("streams each active token's window against its limit, its queues, cache reads and recent operations", async () => {
    await h.gql('query Warm { customers(first: 2) { edges { node { name } } } }');
    await h.gql('query Warm { customers(first: 2) { edges { node { name } } } }');
    const [snapshot] = await events(through(h), () => true);
    const tenant = snapshot!.tenants.find((t) => t.id === tenantIdOf(h.sim.demoToken))!;
    // The gateway's own token is named as such; a client's token only by its hash.
    expect(tenant.label).toBe('gateway token');
    const token = tenant.buckets[0]!;
    expect(token).toMatchObject({ name: 'token', limit: 25, windowMs: 5_000, paused: false });
    // The one call of the first run still holds its slot (it comes back a window after its answer).
    expect(token.used).toBe(h.sim.control.count());
    expect(tenant.waiting).toEqual({ interactive: 0, mutation: 0, bulk: 0, background: 0 });
    expect(tenant.cache.hits).toBeGreaterThanOrEqual(1);
    expect(tenant.cache.misses).toBeGreaterThanOrEqual(1);
    expect(tenant.recent.map((op) => [op.name, op.calls])).toEqual([
      ['Warm', 0],
      ['Warm', h.sim.control.count()],
    ]);
    expect(snapshot!.replica).toMatchObject({ mode: 'memory', replicas: 1 });
    expect(snapshot!.redis).toBeNull();
    expect(JSON.stringify(snapshot)).not.toContain(h.sim.demoToken);
  });

  it('shows a running bulk operation moving until it completes', async () => {
    // Creates take a moment, so the stream sees the bar at several steps.
    h.sim.control.injectFault({ match: { route: 'POST /products' }, latencyMs: 150, times: 100 });
    const inputs = Array.from({ length: 6 }, (_, n) => ({ externalReference: `STATUS-${n}`, label: `Status ${n}`, priceBeforeTax: '10.00', vatRate: 'FR_200' }));
    const started = await h.gql<{ upsertProducts: { bulkOperation: { id: string } } }>(UPSERT, { inputs: [...inputs, { ...inputs[0]!, externalReference: 'STATUS-bad', vatRate: '20%' }] });
    const id = started.data!.upsertProducts.bulkOperation.id;
    const seen = await events(through(h), (snapshot) => snapshot.bulk.some((op) => op.id === id && op.status !== 'RUNNING'));
    const progress = seen.map((snapshot) => snapshot.bulk.find((op) => op.id === id)).filter((op) => op !== undefined);
    // The refused item counts from the start; the rest as they are written.
    expect(progress[0]!.failed).toBe(1);
    expect(progress.at(-1)).toMatchObject({ total: 7, succeeded: 6, failed: 1, status: 'COMPLETED_WITH_ERRORS', kind: 'upsertProducts', tenant: 'gateway token' });
    const processed = progress.map((op) => op.succeeded + op.failed);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
    expect(new Set(processed).size).toBeGreaterThan(1);
  });

  it('keeps at most 100 streams open at once', async () => {
    const open = await Promise.all(Array.from({ length: MAX_STREAMS }, () => send(h, { path: '/status/events' })));
    try {
      expect(open.every((response) => response.status === 200)).toBe(true);
      const refused = await send(h, { path: '/status/events' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
    } finally {
      await Promise.all(open.map((response) => response.body!.cancel()));
    }
    // Closed streams free their places.
    expect((await events(through(h), () => true)).length).toBe(1);
  });

  it('ends its streams when the gateway drains, so the server can close', async () => {
    const stream = events(through(h), () => false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    h.gateway.setDraining(true);
    try {
      expect((await stream).length).toBeGreaterThanOrEqual(1);
    } finally {
      h.gateway.setDraining(false);
    }
  });
});

describe('the status page behind client authentication', () => {
  const OPS_KEY = 'pgk_status-ops-key';
  const APP_KEY = 'pgk_status-app-key';
  const h = useHarness({ beforeEach: 'clearLog', env: { GATEWAY_API_KEYS: `operator=${sha256Hex(OPS_KEY)};ops,app=${sha256Hex(APP_KEY)}` } });

  it('serves the page (it holds no data) but its data only to a key granted ops', async () => {
    expect((await send(h, { path: '/status' })).status).toBe(200);
    const anonymous = await send(h, { path: '/status/events' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('x-api-key');
    expect((await send(h, { path: '/status/snapshot' })).status).toBe(401);
    expect((await send(h, { path: '/status/events', headers: { 'x-api-key': APP_KEY } })).status).toBe(403);
    expect((await send(h, { path: '/status/snapshot', headers: { 'x-api-key': APP_KEY } })).status).toBe(403);
    // A key in the address is not read: it would end up in proxies' and browsers' logs.
    expect((await send(h, { path: `/status/events?key=${OPS_KEY}` })).status).toBe(401);
    const snapshot = await send(h, { path: '/status/snapshot', headers: { 'x-api-key': OPS_KEY } });
    expect(snapshot.status).toBe(200);
    expect(((await snapshot.json()) as StatusSnapshot).replica.mode).toBe('memory');
    expect((await events(through(h), () => true, { 'x-api-key': OPS_KEY })).length).toBe(1);
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a cross-site page reading the stream with the browser’s credentials: there are none to reuse', async () => {
    // No cookie is ever set, and CORS lets no other origin read the answer.
    const response = await send(h, { path: '/status/events', headers: { origin: 'https://evil.example', 'x-api-key': OPS_KEY } });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    await response.body?.cancel();
  });
});

describe('an OAuth connection on the status page', () => {
  it('is shown by its connection id: the company name and its tokens are nowhere on the page or in the metrics', async () => {
    const h = await startOAuthHarness({ companies: ['bistro'], env: { GATEWAY_STATUS_INTERVAL_MS: '100', GATEWAY_METRICS_TENANTS: '5' } });
    try {
      const connection = await connectCompany(h.fetch, 'bistro');
      const me = await h.gql<{ me: { company: { name: string } } }>('{ me { company { name } } }', undefined, { 'x-pennylane-connection': connection });
      const COMPANY = me.data!.me.company.name;
      expect(COMPANY.length).toBeGreaterThan(3);
      const [snapshot] = await events(h.fetch, () => true);
      const shown = snapshot!.tenants.find((tenant) => tenant.label === connection);
      expect(shown?.buckets[0]?.used).toBeGreaterThanOrEqual(1);
      const text = JSON.stringify(snapshot) + (await (await h.fetch('/metrics')).text());
      expect(text).not.toContain(COMPANY);
      expect(text).not.toMatch(/oat_|ort_/);
    } finally {
      await h.close();
    }
  });
});

describe('Redis and replica state on the status page', () => {
  const SHORT_WINDOW = { PENNYLANE_RATE_LIMITS: 'token=5/1s', GATEWAY_STATUS_INTERVAL_MS: '100' };

  it('reads shared and reachable while the budget is shared through Redis, and follows bulk operations run as BullMQ jobs', async () => {
    if (!(await redisAnswers(TEST_REDIS_URL))) return console.warn('[status] no Redis at REDIS_URL: skipped');
    const h = await startHarness({ env: { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}`, ...SHORT_WINDOW } });
    try {
      expect((await h.gql('{ me { company { name } } }')).errors).toBeUndefined();
      const inputs = [1, 2].map((n) => ({ externalReference: `REDIS-STATUS-${n}`, label: `Redis status ${n}`, priceBeforeTax: '10.00', vatRate: 'FR_200' }));
      const started = await h.gql<{ upsertProducts: { bulkOperation: { id: string } } }>(UPSERT, { inputs });
      const id = started.data!.upsertProducts.bulkOperation.id;
      const seen = await events(through(h), (snapshot) => snapshot.bulk.some((op) => op.id === id && op.status === 'COMPLETED'));
      const snapshot = seen.at(-1);
      expect(snapshot!.bulk.find((op) => op.id === id)).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
      expect(snapshot!.redis).toEqual({ reachable: true });
      expect(snapshot!.replica.mode).toBe('shared');
      expect(snapshot!.replica.replicas).toBeGreaterThanOrEqual(1);
    } finally {
      await h.close();
    }
  });

  it('reads local and unreachable while Redis is away', async () => {
    const h = await startHarness({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}`, ...SHORT_WINDOW } });
    try {
      expect((await h.gql('{ me { company { name } } }')).errors).toBeUndefined();
      const [snapshot] = await events(through(h), () => true);
      expect(snapshot!.redis).toEqual({ reachable: false });
      expect(snapshot!.replica.mode).toBe('local');
    } finally {
      await h.close();
    }
  });
});
