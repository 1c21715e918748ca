import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetrics, total } from '../support/prometheus.js';
import { freePort } from '../support/redis.js';
import { memoryLogger } from '../edge/support.js';
import { postWebhook, registerGateway, servedGateway, signedHeaders, watch, webhookBody, type Created, type ServedGateway } from '../support/webhooks.js';
import { until } from '../support/eventually.js';

const BAKERY = 'bakery-token';
const EVENT = 'customer_invoice.e_invoicing_status_updated';
const INVOICE = 'query One($id: ID!) { customerInvoice(id: $id) { pennylaneId } }';

/**
 * Every way a webhook can be wrong, against a gateway with two tenants (the demo company on
 * the gateway's token, a bakery on its own): each is refused before anything is processed —
 * no cache entry dropped, no subscriber told — while a real one right after goes through.
 */
describe('webhooks a forger or a replayer sends', () => {
  let h: ServedGateway;
  let demo: Created;
  let bakery: Created;
  let invoiceId: number;
  const bakeryHeaders = { authorization: `Bearer ${BAKERY}` };
  beforeAll(async () => {
    h = await servedGateway({ PENNYLANE_TOKEN_SOURCE: 'client-or-server', PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_WEBHOOK_MAX_BYTES: '2048' });
    h.sim.control.addToken(BAKERY, { company: 'bakery', seed: 7 });
    demo = await registerGateway(h);
    bakery = await registerGateway(h, bakeryHeaders, 'bakery');
    invoiceId = (h.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!.id;
  });
  afterAll(() => h.close());

  const metric = async (reason: string) => total(parseMetrics(await (await fetch(`${h.url}/metrics`)).text()), 'pennylane_webhooks_refused_total', { reason });

  it('refuses each with nothing dropped and nothing published; the real one after them is processed', async () => {
    await h.gql(INVOICE, { id: String(invoiceId) });
    const calls = h.sim.control.count({ route: 'GET /customer_invoices' });
    const demoSeen = await watch(h.gateway, h.sim.demoToken);
    const bakerySeen = await watch(h.gateway, BAKERY);
    const body = webhookBody(EVENT, invoiceId);
    const good = signedHeaders(demo.secret, body);
    const without = (name: string) => Object.fromEntries(Object.entries(good).filter(([key]) => key !== name));
    const cases: { name: string; path?: string; body?: string; headers: Record<string, string>; status: number; reason: string; method?: string }[] = [
      { name: 'forged signature', headers: { ...good, 'webhook-signature': `v1,${Buffer.alloc(32, 7).toString('base64')}` }, status: 401, reason: 'bad_signature' },
      { name: 'signed with another secret', headers: signedHeaders('whsec_' + Buffer.alloc(24, 1).toString('base64'), body), status: 401, reason: 'bad_signature' },
      { name: 'signature of another body', body: webhookBody(EVENT, invoiceId + 1), headers: good, status: 401, reason: 'bad_signature' },
      { name: 'an unknown signature version', headers: { ...good, 'webhook-signature': good['webhook-signature']!.replace('v1,', 'v2,') }, status: 401, reason: 'bad_signature' },
      { name: 'no webhook-signature', headers: without('webhook-signature'), status: 401, reason: 'missing_headers' },
      { name: 'no webhook-id', headers: without('webhook-id'), status: 401, reason: 'missing_headers' },
      { name: 'no webhook-timestamp', headers: without('webhook-timestamp'), status: 401, reason: 'missing_headers' },
      { name: 'stale (10 min old), correctly signed', headers: signedHeaders(demo.secret, body, { timestamp: Math.floor(Date.now() / 1000) - 600 }), status: 401, reason: 'stale_timestamp' },
      { name: 'from the future (10 min)', headers: signedHeaders(demo.secret, body, { timestamp: Math.floor(Date.now() / 1000) + 600 }), status: 401, reason: 'stale_timestamp' },
      { name: 'oversize, correctly signed', body: oversize(), headers: signedHeaders(demo.secret, oversize()), status: 413, reason: 'too_large' },
      { name: 'an unknown hook id', path: '/webhooks/pennylane/wh_AAAAAAAAAAAAAAAAAAAAAA', headers: good, status: 401, reason: 'unknown_hook' },
      { name: 'no hook id', path: '/webhooks/pennylane', headers: good, status: 401, reason: 'unknown_hook' },
      { name: 'a path beyond the hook', path: `${demo.path}/../${bakery.path.split('/').pop()}x`, headers: good, status: 401, reason: 'unknown_hook' },
      { name: "tenant A's signature under tenant B's hook", path: bakery.path, headers: good, status: 401, reason: 'bad_signature' },
      { name: 'text/plain', headers: { ...good, 'content-type': 'text/plain' }, status: 415, reason: 'content_type' },
      { name: 'a form', headers: { ...good, 'content-type': 'application/x-www-form-urlencoded' }, status: 415, reason: 'content_type' },
      { name: 'GET', headers: good, status: 405, reason: 'method', method: 'GET' },
      { name: 'PUT', headers: good, status: 405, reason: 'method', method: 'PUT' },
    ];
    for (const c of cases) {
      const before = await metric(c.reason);
      const response = await postWebhook(h, c.path ?? demo.path, c.body ?? body, c.headers, c.method);
      expect([c.name, response.status]).toEqual([c.name, c.status]);
      const text = await response.text();
      expect(text).not.toContain(demo.secret.slice(6));
      expect([c.name, await metric(c.reason)]).toEqual([c.name, before + 1]);
    }
    // The same webhook twice: processed once; the second is acknowledged (so Pennylane stops retrying) and counted.
    const real = webhookBody(EVENT, invoiceId);
    const once = signedHeaders(demo.secret, real);
    expect((await postWebhook(h, demo.path, real, once)).status).toBe(200);
    await until(() => demoSeen.changes.length > 0);
    const replays = await metric('replayed');
    const replay = await postWebhook(h, demo.path, real, { ...once, ...signedHeaders(demo.secret, real, { id: once['webhook-id'] }) });
    expect([replay.status, await replay.json()]).toEqual([200, { received: true, duplicate: true }]);
    expect(await metric('replayed')).toBe(replays + 1);
    await h.gateway.webhooks.receiver.idle();
    // Everything before the real one left no trace: one event, one invalidation, in the right tenant only.
    expect(demoSeen.changes).toHaveLength(1);
    expect(demoSeen.changes[0]).toMatchObject({ resource: 'customer_invoices', operation: 'UPDATE', pennylaneId: String(invoiceId), upstreamCursor: once['webhook-id'] });
    expect(demoSeen.invalidations).toHaveLength(1);
    expect(bakerySeen.changes).toEqual([]);
    expect(bakerySeen.invalidations).toEqual([]);
    await h.gql(INVOICE, { id: String(invoiceId) });
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(calls + 1);
    await demoSeen.stop();
    await bakerySeen.stop();
  });

  it("a real webhook under the bakery's hook reaches the bakery's subscribers only", async () => {
    const demoSeen = await watch(h.gateway, h.sim.demoToken);
    const bakerySeen = await watch(h.gateway, BAKERY);
    h.sim.control.webhooks.dmsFileCreated('bakery.pdf', 'bakery');
    await h.sim.control.webhooks.idle();
    await until(() => bakerySeen.changes.length > 0);
    await h.gateway.webhooks.receiver.idle();
    expect(bakerySeen.changes.map((c) => c.resource)).toEqual(['dms_files']);
    expect(demoSeen.changes).toEqual([]);
    await demoSeen.stop();
    await bakerySeen.stop();
  });

  it('the route opens no other door: no CORS for browsers, no GraphQL, and the edge still guards /graphql', async () => {
    const graphql = await postWebhook(h, demo.path, JSON.stringify({ query: '{ me { company { name } } }' }), { 'content-type': 'application/json' });
    expect(graphql.status).toBe(401);
    expect(await graphql.text()).not.toContain('company');
    // Webhooks carry no client credential; the edge refuses them on /graphql as before.
    const secured = await servedGateway({ GATEWAY_API_KEYS: `app=${createHash('sha256').update('k').digest('hex')}`, GATEWAY_CORS_ORIGINS: 'https://app.example' });
    try {
      // Even an allowed origin's browser is never told it may send or read here (Yoga answers every preflight, without CORS headers on this path).
      const preflight = (path: string) => fetch(`${secured.url}${path}`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
      expect((await preflight('/graphql')).headers.get('access-control-allow-origin')).toBe('https://app.example');
      const refused = await preflight('/webhooks/pennylane/wh_AAAAAAAAAAAAAAAAAAAAAA');
      expect([...refused.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
      const hook = await registerGateway(secured, { 'x-api-key': 'k' });
      const body = webhookBody('dms_file.created', 1);
      expect((await postWebhook(secured, hook.path, body, signedHeaders(hook.secret, body))).status).toBe(200);
      expect((await fetch(`${secured.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { company { name } } }"}' })).status).toBe(401);
    } finally {
      await secured.close();
    }
  });
});

describe('webhooks while the hook store is unreachable', () => {
  it('answers 503 with retry-after (Pennylane retries), processes nothing, and says why in the log', async () => {
    const log = memoryLogger('info');
    const h = await servedGateway({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, GATEWAY_ENCRYPTION_KEY: 'c'.repeat(64) }, log.logger);
    try {
      const body = webhookBody(EVENT, 1);
      const response = await postWebhook(h, '/webhooks/pennylane/wh_AAAAAAAAAAAAAAAAAAAAAA', body, signedHeaders('whsec_' + Buffer.alloc(24).toString('base64'), body));
      expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
      expect(log.lines().some((line) => line.msg.includes('hook store is unavailable'))).toBe(true);
    } finally {
      await h.close();
    }
  });
});

function oversize(): string {
  return JSON.stringify({ id: 'msg_big', type: EVENT, data: { id: 1, padding: 'x'.repeat(4096) } });
}
