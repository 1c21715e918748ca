import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import { send, sha256Hex } from '../edge/support.js';
import { startHarness, type Harness } from '../support/harness.js';
import { parseMetrics, total, type Sample } from '../support/prometheus.js';
import { freePort, redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { useHarness } from '../support/use-harness.js';

async function scrape(h: Harness, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await send(h, { path: '/metrics', headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseMetrics(await response.text());
}

/** The simulator's request log as `route → count`, routes written like the gateway's labels. */
function simulatorRoutes(h: Harness): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of h.sim.control.requests()) {
    const route = entry.route.replace(/^[A-Z]+ /, '').replace(/\{[^}]+\}/g, '{id}');
    counts.set(route, (counts.get(route) ?? 0) + 1);
  }
  return counts;
}

function gatewayRoutes(samples: readonly Sample[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sample of samples.filter((s) => s.name === 'pennylane_upstream_requests_total')) {
    counts.set(sample.labels.route!, (counts.get(sample.labels.route!) ?? 0) + sample.value);
  }
  return counts;
}

const INVOICES = '{ customerInvoices(first: 3) { edges { node { invoiceNumber customer { name } } } } }';

describe('GET /metrics after GraphQL traffic', () => {
  // A roomy budget, so the tests of this block never wait for each other's slots.
  const h = useHarness({ beforeEach: 'reset', simulator: { rateLimit: { limit: 100, windowMs: 1_000 } }, env: { PENNYLANE_RATE_LIMITS: 'token=100/1s' } });

  it('counts every upstream request by route and status exactly as the simulator logged them, and cache reads by result', async () => {
    const before = await scrape(h);
    expect(await h.gql(INVOICES)).not.toHaveProperty('errors');
    // Same document again: answered from the cache.
    const again = await h.gql(INVOICES);
    expect(again.extensions?.cost?.upstreamCalls).toBe(0);

    const after = await scrape(h);
    const delta = (name: string, where: Record<string, string> = {}) => total(after, name, where) - total(before, name, where);
    const logged = h.sim.control.requests();
    expect(logged.length).toBeGreaterThan(0);
    expect(delta('pennylane_upstream_requests_total')).toBe(logged.length);
    expect(delta('pennylane_upstream_requests_total', { status: '200' })).toBe(logged.filter((entry) => entry.status === 200).length);
    expect(gatewayRoutes(after)).toEqual(simulatorRoutes(h));
    expect(delta('pennylane_upstream_requests_total', { family: 'sales_purchases' })).toBe(logged.length);
    // Every sent request waited for budget once, and took some time to answer.
    expect(delta('pennylane_rate_queue_wait_seconds_count', { priority: 'interactive' })).toBe(logged.length);
    expect(delta('pennylane_upstream_duration_seconds_count')).toBe(logged.length);
    // The second run read both of its GETs from the cache.
    expect(delta('pennylane_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(delta('pennylane_cache_requests_total', { resource: 'customer_invoices', result: 'miss' })).toBe(1);
    expect(delta('graphql_operation_duration_seconds_count', { operation: 'anonymous', kind: 'query', outcome: 'ok' })).toBe(2);
    expect(delta('pennylane_rate_limited_total')).toBe(0);
  });

  it("shows each token's budget against its limit, and Node's process metrics", async () => {
    await h.gql('{ me { company { name } } }');
    const samples = await scrape(h);
    expect(total(samples, 'pennylane_rate_budget_limit', { bucket: 'token' })).toBe(100);
    // The call above still holds its slot: it comes back one window after its answer.
    expect(total(samples, 'pennylane_rate_budget_remaining', { bucket: 'token' })).toBeLessThan(100);
    expect(samples.some((s) => s.name === 'pennylane_rate_queue_depth' && s.labels.priority === 'bulk')).toBe(true);
    expect(samples.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    // No Redis configured: no Redis gauges.
    expect(samples.some((s) => s.name === 'pennylane_redis_up')).toBe(false);
  });

  it('counts 429s from Pennylane and the retries they caused, as the simulator answered them', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customers' }, status: 429, retryAfter: 1, times: 1 });
    const before = await scrape(h);
    const res = await h.gql('{ customers(first: 2) { edges { node { name } } } }');
    expect(res.errors).toBeUndefined();
    const after = await scrape(h);
    const delta = (name: string, where: Record<string, string> = {}) => total(after, name, where) - total(before, name, where);
    const throttled = h.sim.control.requests({ status: 429 }).length;
    expect(throttled).toBe(1);
    expect(delta('pennylane_rate_limited_total', { source: 'pennylane' })).toBe(throttled);
    expect(delta('pennylane_upstream_requests_total', { route: '/customers', status: '429' })).toBe(throttled);
    expect(delta('pennylane_upstream_retries_total', { reason: 'rate_limited' })).toBe(throttled);
    expect(delta('pennylane_upstream_requests_total', { route: '/customers', status: '200' })).toBe(1);
  });

  it('counts retries after a 5xx by their reason', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /products' }, status: 503, times: 1 });
    const before = await scrape(h);
    expect((await h.gql('{ products(first: 1) { edges { node { label } } } }')).errors).toBeUndefined();
    const after = await scrape(h);
    const delta = (name: string, where: Record<string, string> = {}) => total(after, name, where) - total(before, name, where);
    expect(delta('pennylane_upstream_retries_total', { reason: 'server_error' })).toBe(1);
    expect(delta('pennylane_upstream_requests_total', { route: '/products', status: '503' })).toBe(1);
    expect(delta('pennylane_upstream_requests_total', { route: '/products', status: '200' })).toBe(1);
  });

  it('counts the bulk items this replica wrote, by final state (an item refused before any call is not written)', async () => {
    const before = await scrape(h);
    // One create answered 422 by Pennylane: that item fails upstream; '20%' is refused by the gateway.
    h.sim.control.injectFault({ match: { route: 'POST /products' }, status: 422, times: 1 });
    const inputs = [1, 2, 3, 4].map((n) => ({ externalReference: `METRICS-${n}`, label: `Metrics ${n}`, priceBeforeTax: '10.00', vatRate: 'FR_200' }));
    const started = await h.gql<{ upsertProducts: { bulkOperation: { id: string } } }>(
      'mutation Up($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }',
      { inputs: [...inputs, { externalReference: 'METRICS-bad', label: 'Bad', priceBeforeTax: '10.00', vatRate: '20%' }] },
    );
    const id = started.data!.upsertProducts.bulkOperation.id;
    let final: { status: string; succeeded: number; failed: number };
    for (;;) {
      const res = await h.gql<{ bulkOperation: typeof final }>('query S($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }', { id });
      final = res.data!.bulkOperation;
      if (final.status !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(final).toEqual({ status: 'COMPLETED_WITH_ERRORS', succeeded: 3, failed: 2 });
    const after = await scrape(h);
    const delta = (name: string, where: Record<string, string> = {}) => total(after, name, where) - total(before, name, where);
    expect(delta('pennylane_bulk_items_total', { state: 'succeeded' })).toBe(3);
    expect(delta('pennylane_bulk_items_total', { state: 'failed' })).toBe(1);
    expect(delta('pennylane_upstream_requests_total', { method: 'POST', route: '/products', status: '422' })).toBe(1);
    expect(total(after, 'pennylane_bulk_operations_running')).toBe(0);
    expect(total(after, 'graphql_operation_duration_seconds_count', { operation: 'Up', kind: 'mutation' })).toBe(1);
  });
});

describe('a call the scheduler refuses', () => {
  it('is counted with source="gateway", and its operation with outcome="error"', async () => {
    const h = await startHarness();
    try {
      // A 429 that asks for 5 s: a deadline of 300 ms cannot wait for it.
      h.sim.control.injectFault({ match: { route: 'GET /suppliers' }, status: 429, retryAfter: 5, times: Infinity });
      const refused = await h.gql('{ suppliers(first: 1) { edges { node { name } } } }', undefined, { 'x-pennylane-deadline-ms': '300' });
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      const samples = await scrape(h);
      expect(total(samples, 'pennylane_rate_limited_total', { source: 'pennylane' })).toBe(h.sim.control.count({ status: 429 }));
      expect(total(samples, 'pennylane_rate_limited_total', { source: 'gateway' })).toBeGreaterThanOrEqual(1);
      expect(total(samples, 'graphql_operation_duration_seconds_count', { outcome: 'error' })).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('/metrics behind client authentication', () => {
  const OPS_KEY = 'pgk_prometheus-test-key';
  const APP_KEY = 'pgk_app-test-key';
  const h = useHarness({
    beforeEach: 'clearLog',
    env: { GATEWAY_API_KEYS: `prometheus=${sha256Hex(OPS_KEY)};ops,app=${sha256Hex(APP_KEY)}` },
  });

  it('refuses a scrape without a key (401, like GraphQL) and a key without the ops grant (403)', async () => {
    const anonymous = await send(h, { path: '/metrics' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('x-api-key');
    const app = await send(h, { path: '/metrics', headers: { 'x-api-key': APP_KEY } });
    expect(app.status).toBe(403);
    expect(((await app.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('"ops" grant');
    const wrong = await send(h, { path: '/metrics', headers: { 'x-api-key': 'pgk_nope' } });
    expect(wrong.status).toBe(401);
  });

  it('serves a key granted ops, in x-api-key or as a bearer token (what Prometheus sends)', async () => {
    await scrape(h, { 'x-api-key': OPS_KEY });
    await scrape(h, { authorization: `Bearer ${OPS_KEY}` });
    expect((await send(h, { path: '/metrics', method: 'POST', headers: { 'x-api-key': OPS_KEY } })).status).toBe(405);
  });
});

describe('/metrics behind JWT authentication', () => {
  const SECRET = 'metrics-test-secret-of-at-least-32-bytes!';
  const h = useHarness({ beforeEach: 'clearLog', env: { GATEWAY_JWT_SECRET: SECRET } });
  const sign = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('prometheus').setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));

  it('answers 401 without a JWT, 403 without the gateway:ops scope, and the metrics with it', async () => {
    const anonymous = await send(h, { path: '/metrics' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await send(h, { path: '/metrics', headers: { authorization: `Bearer ${await sign({ scope: 'graphql:introspection' })}` } })).status).toBe(403);
    expect((await send(h, { path: '/metrics', headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
    await scrape(h, { authorization: `Bearer ${await sign({ scope: 'gateway:ops' })}` });
    expect(h.sim.control.count()).toBe(0);
  });
});

describe('route labels', () => {
  it('are the templates the schema declares: ids and references a client chose never become a label', async () => {
    const h = await startHarness();
    try {
      // Ids reach Pennylane's paths (`/commercial_documents/{id}`); the hostile ones are refused first.
      for (const id of ['424242', 'acme', 'Acme Corp SAS', '../../me']) {
        await h.gql('query One($id: ID!) { commercialDocument(id: $id) { id } customerInvoice(id: $id) { lines(first: 1) { edges { node { label } } } } }', { id });
      }
      const text = await (await send(h, { path: '/metrics' })).text();
      const routes = new Set(parseMetrics(text).filter((s) => s.name === 'pennylane_upstream_requests_total').map((s) => s.labels.route!));
      expect(routes).toContain('/commercial_documents/{id}');
      for (const route of routes) expect(route === 'other' || /^(\/([a-z_]+|\{id\}))+$/.test(route)).toBe(true);
      for (const chosen of ['424242', 'acme', 'Acme']) expect(text).not.toContain(chosen);
    } finally {
      await h.close();
    }
  });
});

describe('per-tenant series', () => {
  it('are off by default: no tenant label anywhere', async () => {
    const h = await startHarness();
    try {
      await h.gql('{ me { company { name } } }');
      const samples = await scrape(h);
      expect(samples.some((s) => 'tenant' in s.labels)).toBe(false);
    } finally {
      await h.close();
    }
  });

  it('label the first N tokens by hash and count the rest as "other"; no token or company name in any label', async () => {
    const h = await startHarness({ env: { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', GATEWAY_METRICS_TENANTS: '1' } });
    try {
      const tokens = ['metrics-token-one', 'metrics-token-two', 'metrics-token-three'];
      for (const [index, token] of tokens.entries()) h.sim.control.addToken(token, { company: `metrics-company-${index}`, seed: index + 1 });
      for (const token of tokens) {
        const res = await h.gql('{ me { company { name } } customers(first: 1) { edges { node { name } } } }', undefined, { authorization: `Bearer ${token}` });
        expect(res.errors).toBeUndefined();
      }
      const response = await send(h, { path: '/metrics' });
      const text = await response.text();
      const samples = parseMetrics(text);
      const tenants = new Set(samples.filter((s) => s.labels.tenant).map((s) => s.labels.tenant));
      expect(tenants).toEqual(new Set([tenantIdOf(tokens[0]!), 'other']));
      expect(total(samples, 'pennylane_upstream_requests_total', { tenant: 'other' })).toBe(4);
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text).not.toContain('metrics-company');
    } finally {
      await h.close();
    }
  });
});

describe('Redis gauges, with REDIS_URL', () => {
  // A replica joining (or falling back) waits one window: keep it short.
  const SHORT_WINDOW = { PENNYLANE_RATE_LIMITS: 'token=5/1s' };
  it('read 1 while the budget is shared through Redis, with the replicas counted', async () => {
    if (!(await redisAnswers(TEST_REDIS_URL))) return console.warn('[metrics] no Redis at REDIS_URL: skipped');
    const h = await startHarness({ env: { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}`, ...SHORT_WINDOW } });
    try {
      expect((await h.gql('{ me { company { name } } }')).errors).toBeUndefined();
      const samples = await scrape(h);
      expect(total(samples, 'pennylane_redis_up')).toBe(1);
      expect(total(samples, 'pennylane_replicas')).toBeGreaterThanOrEqual(1);
    } finally {
      await h.close();
    }
  });

  it('read 0 while Redis is unreachable (the replica keeps to its share)', async () => {
    const h = await startHarness({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}`, ...SHORT_WINDOW } });
    try {
      expect((await h.gql('{ me { company { name } } }')).errors).toBeUndefined();
      expect(total(await scrape(h), 'pennylane_redis_up')).toBe(0);
    } finally {
      await h.close();
    }
  });
});

describe('the README', () => {
  it('documents every metric the gateway exports, and its scrape config and alert rules name only those', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Metrics'), readme.indexOf('### Traces'));
    const named = new Set([...section.matchAll(/\b((?:pennylane|graphql)_[a-z_]+)\b/g)].map((match) => match[1]!.replace(/_(bucket|sum|count)$/, '')));
    // With REDIS_URL (unreachable is enough): the Redis gauges exist too.
    const h = await startHarness({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, PENNYLANE_REDIS_PREFIX: `test-${randomUUID()}` } });
    try {
      const text = await (await send(h, { path: '/metrics' })).text();
      const exported = new Set([...text.matchAll(/^# HELP ((?:pennylane|graphql)_[a-z_]+) /gm)].map((match) => match[1]!));
      expect(exported.size).toBeGreaterThanOrEqual(14);
      expect([...named].sort()).toEqual([...exported].sort());
    } finally {
      await h.close();
    }
  });
});
