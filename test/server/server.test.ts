import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { parseMetrics, total } from '../support/prometheus.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';

/**
 * `npm start` as a newcomer runs it: no token, so the embedded simulator starts, GraphiQL
 * and health endpoints answer, and SIGTERM drains and exits cleanly.
 */
describe('npm start with no Pennylane token', () => {
  let server: DemoServer;

  beforeAll(async () => {
    server = await startDemoServer({}, { via: 'npm' });
  }, 120_000);
  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('says in one log line that it serves the embedded simulator, with its URL and demo token, its books dated today', () => {
    const lines = server.logs.filter((line) => line.includes('embedded Pennylane simulator'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, string>;
    expect(line.sandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/external\/v2$/);
    expect(line.sandboxControl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__sandbox\/$/);
    expect(line.demoToken).toBe('demo-token');
    // The demo is dated on the real calendar, so late invoices are late today.
    expect(line.booksUpTo).toBe(new Date().toISOString().slice(0, 10));
  });

  it('redirects / to GraphiQL', async () => {
    const response = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });

  it('answers GraphQL over HTTP from the demo company', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { company { name } } customerInvoices(first: 1) { edges { node { invoiceNumber } } } }' }),
    });
    const body = (await response.json()) as { data: { me: { company: { name: string } } } };
    expect(response.status).toBe(200);
    expect(body.data.me.company.name).toBeTruthy();
  });

  it('serves GraphiQL with its assets from the gateway itself (no CDN) and example operations', async () => {
    const page = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('/graphiql/assets/graphiql.js');
    expect(page).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
    expect(page).toContain('LateInvoices');
    for (const asset of ['graphiql.js', 'graphiql.css', 'editor.worker.js', 'graphql.worker.js', 'json.worker.js']) {
      const response = await fetch(`${server.url}/graphiql/assets/${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.text()).length, asset).toBeGreaterThan(1_000);
    }
  });

  it('serves the status page and its assets from the compiled server', async () => {
    const page = await fetch(`${server.url}/status`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/status/assets/status.js');
    for (const asset of ['status.js', 'status.css']) {
      const response = await fetch(`${server.url}/status/assets/${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.text()).length, asset).toBeGreaterThan(500);
    }
  });

  it('answers /health, /ready and /metrics', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('pennylane_upstream_requests_total{');
  });

  it('drains and exits 0 on SIGTERM sent to the npm process, and logged the demo token only in its start-up line', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    expect(server.logs.join('\n')).toContain('stopped');
    expect(server.logs.filter((line) => line.includes('demo-token'))).toEqual(server.logs.filter((line) => line.includes('embedded Pennylane simulator')));
    // The server itself is gone too (no orphan left serving).
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

/** The simulator answers GET /me after `latencyMs`; resolves once such a request is in flight. */
async function slowMe(server: DemoServer, latencyMs: number): Promise<{ answer: Promise<Response> }> {
  const control = String(server.entries.find((entry) => typeof entry.sandboxControl === 'string')!.sandboxControl);
  const fault = await fetch(`${control}faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ match: { route: 'GET /me' }, latencyMs, times: 1_000 }),
  });
  expect(fault.status).toBe(201);
  const inFlight = fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ me { company { name } } }' }),
  });
  for (let fired = 0; fired === 0; ) {
    const faults = (await (await fetch(`${control}faults`)).json()) as { fired: number }[];
    fired = faults[0]?.fired ?? 0;
    if (fired === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { answer: inFlight };
}

describe('stopping npm start with the signal a platform sends', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: refuses new connections, finishes the request in flight, exits 0 within GATEWAY_DRAIN_SECONDS`, async () => {
      const server = await startDemoServer({ GATEWAY_DRAIN_SECONDS: '20' }, { via: 'npm' });
      try {
        const inFlight = (await slowMe(server, 1_500)).answer;

        server.child.kill(signal);
        const exited = server.exit;
        const drainingLine = 'draining: refusing new connections, finishing requests in flight';
        while (!server.entries.some((entry) => entry.msg === drainingLine)) await new Promise((resolve) => setTimeout(resolve, 10));
        // Draining: a new connection is refused while the request in flight is still served.
        await expect(fetch(`${server.url}/health`)).rejects.toThrow();
        const answer = await inFlight;
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { data: { me: { company: { name: string } } } }).data.me.company.name).toBeTruthy();
        expect(await exited).toBe(0);
        expect(server.entries.find((entry) => entry.msg === drainingLine)).toMatchObject({ signal, drainSeconds: 20 });
        expect(server.entries.at(-1)?.msg).toBe('stopped');
        await expect(fetch(`${server.url}/health`)).rejects.toThrow();
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
    }, 120_000);
  }

  it('never outlives GATEWAY_DRAIN_SECONDS: a request still running is cut off, and the process exits 1 at the deadline', async () => {
    const server = await startDemoServer({ GATEWAY_DRAIN_SECONDS: '2' }, { via: 'npm' });
    try {
      const inFlight = (await slowMe(server, 20_000)).answer.then(
        (response) => response.status,
        () => 'cut off',
      );
      server.child.kill('SIGTERM');
      expect(await inFlight).toBe('cut off');
      expect(await server.exit).toBe(1);
      const messages = server.entries.map((entry) => entry.msg);
      expect(messages).toContain('requests still in flight: closing their connections');
      // Cut off at the deadline, however the rest went: the exit code says the stop was not clean.
      expect(messages.at(-1)).toMatch(/work unfinished/);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('the compiled server with REDIS_URL', () => {
  it('runs a bulk operation as a BullMQ job, and says so in its metrics', async () => {
    if (!(await redisAnswers(TEST_REDIS_URL))) return console.warn('[server] no Redis at REDIS_URL: skipped');
    const prefix = `test-${randomUUID()}`;
    const server = await startDemoServer({ REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix, PENNYLANE_JOB_LOCK_MS: '2000' });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const gql = async <T>(query: string, variables?: Record<string, unknown>) =>
        ((await (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data: T });
      const inputs = [1, 2, 3].map((n) => ({ externalReference: `DIST-${n}`, label: `Dist ${n}`, priceBeforeTax: '10.00', vatRate: 'FR_200' }));
      const started = await gql<{ upsertProducts: { bulkOperation: { id: string } } }>(
        'mutation Up($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id } } } }',
        { inputs },
      );
      const id = started.data.upsertProducts.bulkOperation.id;
      let status = 'RUNNING';
      for (let tries = 0; status === 'RUNNING' && tries < 300; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await gql<{ bulkOperation: { status: string } }>('query S($id: ID!) { bulkOperation(id: $id) { status } }', { id })).data.bulkOperation.status;
      }
      expect(status).toBe('COMPLETED');
      const samples = parseMetrics(await (await fetch(`${server.url}/metrics`)).text());
      expect(total(samples, 'pennylane_bulk_items_total', { state: 'succeeded' })).toBe(3);
      expect(total(samples, 'pennylane_redis_up')).toBe(1);
      // The job BullMQ kept, finished by this replica's worker.
      expect(await redis.hget(`${prefix}:bull:bulk-operations:${id}`, 'finishedOn')).toMatch(/^\d+$/);
    } finally {
      await server.stop();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  }, 120_000);
});
