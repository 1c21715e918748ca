import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SecretBox } from '../../src/connections/secret-box.js';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import { hookContext, type WebhookHook } from '../../src/webhooks/hook-store.js';
import { memoryLogger } from '../edge/support.js';
import { SseSubscription } from '../support/sse.js';
import { parseMetrics, total } from '../support/prometheus.js';
import { CREATE, postWebhook, registerGateway, servedGateway, signedHeaders, watch, webhookBody, type ServedGateway } from '../support/webhooks.js';
import { until } from '../support/eventually.js';

const KEY = 'a'.repeat(64);
const INVOICE = 'query One($id: ID!) { customerInvoice(id: $id) { pennylaneId invoiceNumber } }';

describe('createWebhookSubscription, then webhooks from the simulator', () => {
  let h: ServedGateway;
  let dir: string;
  const log = memoryLogger('debug');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webhooks-'));
    h = await servedGateway({ GATEWAY_ENCRYPTION_KEY: KEY, PENNYLANE_WEBHOOKS_FILE: join(dir, 'webhooks.json') }, log.logger);
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => h.sim.control.reset());

  it('registers the gateway\'s own route and keeps the secret sealed: never in the answer, the log or the file in clear', async () => {
    const created = await registerGateway(h);
    expect(created.callbackUrl).toMatch(new RegExp(`^${h.url}/webhooks/pennylane/wh_[A-Za-z0-9_-]{22}$`));
    expect(h.sim.control.counters()).toEqual({ 'POST /webhook_subscriptions': 1 });
    const again = await h.gql(`{ webhookSubscription(id: "${created.pennylaneId}") { callbackUrl enabled events } }`);
    expect(again.data).toEqual({ webhookSubscription: { callbackUrl: created.callbackUrl, enabled: true, events: ['CUSTOMER_INVOICE_E_INVOICING_STATUS_UPDATED', 'SUPPLIER_INVOICE_E_INVOICING_RECEIVED', 'DMS_FILE_CREATED'] } });
    const stored = await readFile(join(dir, 'webhooks.json'), 'utf8');
    expect(JSON.parse(stored)).toEqual([expect.objectContaining({ subscriptionId: created.pennylaneId, sealedSecret: expect.stringMatching(/^v1\./) })]);
    const key = created.secret.slice('whsec_'.length);
    for (const text of [stored, log.raw(), JSON.stringify(again)]) {
      expect(text).not.toContain(key);
    }
  });

  it('refuses a public URL Pennylane would not call, an empty event list and OTHER, before any call', async () => {
    const refusals = [
      { events: ['DMS_FILE_CREATED'], publicUrl: 'http://gateway.example.com' },
      { events: ['DMS_FILE_CREATED'], publicUrl: 'https://user:pw@gateway.example.com' },
      { events: [] },
      { events: ['OTHER'] },
    ];
    for (const input of refusals) {
      const answer = await h.gql<{ createWebhookSubscription: { __typename: string } }>(CREATE, { input });
      expect(answer.data?.createWebhookSubscription.__typename).toBe('ValidationError');
    }
    expect(h.sim.control.count()).toBe(0);
  });

  it('with GATEWAY_PUBLIC_URL set, a client cannot point the events elsewhere (another host, the simulator\'s control API, a path)', async () => {
    const simOrigin = new URL(h.sim.url).origin;
    for (const publicUrl of ['https://attacker.example.com', simOrigin, `${simOrigin}/__sandbox/reset`, `${h.url}/__sandbox/reset`]) {
      const answer = await h.gql<{ createWebhookSubscription: { __typename: string; fieldErrors: { path: string[]; code: string }[] } }>(CREATE, { input: { events: ['DMS_FILE_CREATED'], publicUrl } });
      expect([publicUrl, answer.data?.createWebhookSubscription]).toMatchObject([publicUrl, { __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'publicUrl'], code: 'INVALID_URL' }] }]);
    }
    expect(h.sim.control.count()).toBe(0);
    const same = await h.gql<{ createWebhookSubscription: { webhookSubscription: { callbackUrl: string } } }>(CREATE, { input: { events: ['DMS_FILE_CREATED'], publicUrl: `${h.url}/` } });
    expect(same.data?.createWebhookSubscription.webhookSubscription.callbackUrl.startsWith(`${h.url}/webhooks/pennylane/wh_`)).toBe(true);
  });

  it('an e-invoicing status webhook drops the cached invoice and reaches a subscriber of the tenant, once', async () => {
    await registerGateway(h);
    const invoice = (h.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!;
    await h.gql(INVOICE, { id: String(invoice.id) });
    await h.gql(INVOICE, { id: String(invoice.id) });
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(1); // the second came from the cache
    const seen = await watch(h.gateway, h.sim.demoToken);
    const sent = h.sim.control.webhooks.eInvoicingStatusUpdated(invoice.id, 'approved');
    await h.sim.control.webhooks.idle();
    await until(() => seen.changes.length > 0);
    expect(seen.changes).toEqual([expect.objectContaining({ resource: 'customer_invoices', operation: 'UPDATE', pennylaneId: String(invoice.id), source: 'webhook' })]);
    expect(seen.changes[0]!.upstreamCursor).toBe(sent.deliveries.find((d) => d.state === 'delivered')!.id);
    expect(seen.invalidations).toEqual([expect.objectContaining({ source: 'webhook', records: [expect.objectContaining({ resource: 'customer_invoices', id: String(invoice.id) })] })]);
    await h.gql(INVOICE, { id: String(invoice.id) });
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(2); // read again: the webhook dropped it
    await seen.stop();
    expect(h.sim.control.webhooks.deliveries().filter((d) => d.state === 'delivered').every((d) => d.attempts === 1 && d.lastStatus === 200)).toBe(true);
  });

  it('reaches a change subscription over SSE at once (no changelog poll), with the record read again', async () => {
    await registerGateway(h);
    const invoice = (h.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!;
    await h.gql(INVOICE, { id: String(invoice.id) });
    const reads = h.sim.control.count({ route: 'GET /customer_invoices' });
    type Changed = { customerInvoiceChanged: { operation: string; pennylaneId: string; source: string; customerInvoice: { pennylaneId: string } | null } };
    const sub = await SseSubscription.open<Changed>(h.gateway, 'subscription { customerInvoiceChanged { operation pennylaneId source customerInvoice { pennylaneId } } }');
    try {
      h.sim.control.webhooks.eInvoicingStatusUpdated(invoice.id, 'collected');
      const [event] = await sub.until(1);
      expect(event?.errors).toBeUndefined();
      expect(event?.data?.customerInvoiceChanged).toEqual({ operation: 'UPDATE', pennylaneId: String(invoice.id), source: 'WEBHOOK', customerInvoice: { pennylaneId: String(invoice.id) } });
      expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(reads + 1);
      expect(h.sim.control.count({ path: /changelogs/ })).toBe(0);
    } finally {
      await sub.close();
    }
  });

  it('dmsFileCreated delivers the DMS files webhooks announce, with no call at all', async () => {
    await registerGateway(h);
    h.sim.control.clearLog();
    const sub = await SseSubscription.open<{ dmsFileCreated: { pennylaneId: string; cursor: string } }>(h.gateway, 'subscription { dmsFileCreated { pennylaneId cursor } }');
    try {
      const file = h.sim.control.webhooks.dmsFileCreated('statuts.pdf');
      const [event] = await sub.until(1);
      expect(event?.data?.dmsFileCreated).toEqual({ pennylaneId: String(file.id), cursor: expect.any(String) });
      expect(h.sim.control.count()).toBe(0);
    } finally {
      await sub.close();
    }
  });

  it('a webhook the gateway fails to process is answered 503, not remembered, and processed once when Pennylane sends it again', async () => {
    await registerGateway(h);
    const seen = await watch(h.gateway, h.sim.demoToken);
    // The change hub (Redis, on several replicas) fails once: the event must not be lost.
    const publish = h.gateway.changeHub.publish.bind(h.gateway.changeHub);
    const failing = vi.spyOn(h.gateway.changeHub, 'publish').mockImplementationOnce(() => Promise.reject(new Error('hub unavailable'))).mockImplementation(publish);
    try {
      const before = total(parseMetrics(await (await fetch(`${h.url}/metrics`)).text()), 'pennylane_webhooks_refused_total', { reason: 'unprocessed' });
      const file = h.sim.control.webhooks.dmsFileCreated('kbis.pdf');
      await h.sim.control.webhooks.idle();
      const ids = new Set(file.deliveries.map((d) => d.id));
      expect(h.sim.control.webhooks.deliveries().filter((d) => ids.has(d.id)).map((d) => [d.state, d.attempts, d.lastStatus])).toEqual([['delivered', 2, 200]]);
      await until(() => seen.changes.length > 0);
      expect(seen.changes).toEqual([expect.objectContaining({ resource: 'dms_files', pennylaneId: String(file.id), source: 'webhook' })]);
      expect(total(parseMetrics(await (await fetch(`${h.url}/metrics`)).text()), 'pennylane_webhooks_refused_total', { reason: 'unprocessed' })).toBe(before + 1);
      expect(log.raw()).toContain('could not be processed');
    } finally {
      failing.mockRestore();
      await seen.stop();
    }
  });

  it('a supplier e-invoice is an INSERT (its list dropped), a DMS file a dms_files INSERT; both counted', async () => {
    await registerGateway(h);
    const list = '{ supplierInvoices(first: 5) { edges { node { pennylaneId } } } }';
    await h.gql(list);
    const seen = await watch(h.gateway, h.sim.demoToken);
    const received = h.sim.control.webhooks.supplierEInvoiceReceived();
    const file = h.sim.control.webhooks.dmsFileCreated('kbis.pdf');
    await h.sim.control.webhooks.idle();
    await until(() => seen.changes.length >= 2);
    expect(seen.changes.map((c) => [c.resource, c.operation, c.pennylaneId])).toEqual(
      expect.arrayContaining([['supplier_invoices', 'INSERT', String(received.id)], ['dms_files', 'INSERT', String(file.id)]]),
    );
    const before = h.sim.control.count({ route: 'GET /supplier_invoices' });
    const after = await h.gql<{ supplierInvoices: { edges: { node: { pennylaneId: string } }[] } }>(list);
    expect(h.sim.control.count({ route: 'GET /supplier_invoices' })).toBe(before + 1);
    expect(after.data!.supplierInvoices.edges[0]!.node.pennylaneId).toBe(String(received.id));
    await seen.stop();
    const samples = parseMetrics(await (await fetch(`${h.url}/metrics`)).text());
    expect(total(samples, 'pennylane_webhooks_received_total', { event: 'supplier_invoice.e_invoicing_received' })).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'pennylane_webhooks_received_total', { event: 'dms_file.created' })).toBeGreaterThanOrEqual(1);
  });

  it('update changes the events; delete forgets the secret, so its webhooks are refused from then on', async () => {
    const created = await registerGateway(h);
    const update = await h.gql<{ updateWebhookSubscription: { __typename: string; webhookSubscription?: { events: string[]; enabled: boolean } } }>(
      `mutation { updateWebhookSubscription(id: "${created.pennylaneId}", input: { events: [DMS_FILE_CREATED], enabled: false }) { __typename ... on WebhookSubscriptionPayload { webhookSubscription { events enabled } } } }`,
    );
    expect(update.data?.updateWebhookSubscription).toEqual({ __typename: 'WebhookSubscriptionPayload', webhookSubscription: { events: ['DMS_FILE_CREATED'], enabled: false } });
    const removed = await h.gql<{ deleteWebhookSubscription: { __typename: string } }>(`mutation { deleteWebhookSubscription(id: "${created.pennylaneId}") { __typename } }`);
    expect(removed.data?.deleteWebhookSubscription.__typename).toBe('DeleteWebhookSubscriptionPayload');
    expect(JSON.parse(await readFile(join(dir, 'webhooks.json'), 'utf8'))).not.toContainEqual(expect.objectContaining({ subscriptionId: created.pennylaneId }));
    const body = webhookBody('dms_file.created', 1);
    expect((await postWebhook(h, created.path, body, signedHeaders(created.secret, body))).status).toBe(401);
  });

  it('delete of a subscription already gone at Pennylane (404) forgets its secret too', async () => {
    const created = await registerGateway(h);
    // Deleted in Pennylane's own app: the gateway still holds the secret.
    const direct = await fetch(`${h.sim.baseUrl}/webhook_subscriptions/${created.pennylaneId}`, { method: 'DELETE', headers: { authorization: `Bearer ${h.sim.demoToken}` } });
    expect(direct.status).toBeLessThan(300);
    const removed = await h.gql<{ deleteWebhookSubscription: { __typename: string } }>(`mutation { deleteWebhookSubscription(id: "${created.pennylaneId}") { __typename } }`);
    expect(removed.data?.deleteWebhookSubscription.__typename).toBe('NotFoundError');
    expect(JSON.parse(await readFile(join(dir, 'webhooks.json'), 'utf8'))).not.toContainEqual(expect.objectContaining({ subscriptionId: created.pennylaneId }));
    expect(await h.gateway.webhooks.receives(tenantIdOf(h.sim.demoToken), created.pennylaneId)).toBe(false);
  });
});

describe('createWebhookSubscription without a public URL', () => {
  it('asks for publicUrl, then takes only an origin listed in GATEWAY_WEBHOOK_ORIGINS', async () => {
    const h = await servedGateway({ GATEWAY_PUBLIC_URL: '', GATEWAY_WEBHOOK_ORIGINS: 'https://gateway.example.com' });
    try {
      const missing = await h.gql<{ createWebhookSubscription: { __typename: string; fieldErrors: { path: string[]; message: string }[] } }>(CREATE, { input: { events: ['DMS_FILE_CREATED'] } });
      expect(missing.data?.createWebhookSubscription).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'publicUrl'], message: expect.stringContaining('GATEWAY_PUBLIC_URL') }] });
      for (const publicUrl of ['https://elsewhere.example.com', `${h.sim.url}`, 'https://gateway.example.com/__sandbox/reset']) {
        const refused = await h.gql<{ createWebhookSubscription: { __typename: string; fieldErrors: { code: string }[] } }>(CREATE, { input: { events: ['DMS_FILE_CREATED'], publicUrl } });
        expect([publicUrl, refused.data?.createWebhookSubscription]).toMatchObject([publicUrl, { __typename: 'ValidationError', fieldErrors: [{ code: 'INVALID_URL' }] }]);
      }
      expect(h.sim.control.count()).toBe(0);
      const given = await h.gql<{ createWebhookSubscription: { webhookSubscription: { callbackUrl: string } } }>(CREATE, { input: { events: ['DMS_FILE_CREATED'], publicUrl: 'https://gateway.example.com/' } });
      expect(given.data?.createWebhookSubscription.webhookSubscription.callbackUrl).toMatch(/^https:\/\/gateway\.example\.com\/webhooks\/pennylane\/wh_/);
    } finally {
      await h.close();
    }
  });

  it('with no GATEWAY_WEBHOOK_ORIGINS either, refuses every publicUrl', async () => {
    const h = await servedGateway({ GATEWAY_PUBLIC_URL: '' });
    try {
      const refused = await h.gql<{ createWebhookSubscription: { __typename: string; fieldErrors: { code: string }[] } }>(CREATE, { input: { events: ['DMS_FILE_CREATED'], publicUrl: 'https://gateway.example.com' } });
      expect(refused.data?.createWebhookSubscription).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ code: 'INVALID_URL' }] });
      expect(h.sim.control.count()).toBe(0);
    } finally {
      await h.close();
    }
  });
});

describe('webhook settings', () => {
  it('GATEWAY_PUBLIC_URL is https (http only to loopback), without credentials or query; bounds are checked', () => {
    expect(loadConfig({ GATEWAY_PUBLIC_URL: 'https://gw.example.com/' }).webhooks.publicUrl).toBe('https://gw.example.com');
    expect(loadConfig({ GATEWAY_PUBLIC_URL: 'https://gw.example.com/api/' }).webhooks.publicUrl).toBe('https://gw.example.com/api');
    expect(loadConfig({ GATEWAY_PUBLIC_URL: 'http://127.0.0.1:4000' }).webhooks.publicUrl).toBe('http://127.0.0.1:4000');
    expect(() => loadConfig({ GATEWAY_PUBLIC_URL: 'http://gw.example.com' })).toThrow(/GATEWAY_PUBLIC_URL.*only calls https/);
    expect(() => loadConfig({ GATEWAY_PUBLIC_URL: 'https://u:p@gw.example.com' })).toThrow(/GATEWAY_PUBLIC_URL.*credentials/);
    expect(() => loadConfig({ GATEWAY_PUBLIC_URL: 'https://gw.example.com/?a=1' })).toThrow(/GATEWAY_PUBLIC_URL.*query/);
    expect(() => loadConfig({ PENNYLANE_WEBHOOK_TOLERANCE_SECONDS: '0' })).toThrow(/PENNYLANE_WEBHOOK_TOLERANCE_SECONDS/);
    expect(loadConfig({}).webhooks).toMatchObject({ publicUrl: null, allowedOrigins: [], toleranceMs: 300_000, maxBodyBytes: 262_144, readTimeoutMs: 10_000 });
    expect(loadConfig({ GATEWAY_WEBHOOK_ORIGINS: 'https://a.example.com/, https://b.example.com' }).webhooks.allowedOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(() => loadConfig({ GATEWAY_WEBHOOK_ORIGINS: 'https://a.example.com/hooks' })).toThrow(/GATEWAY_WEBHOOK_ORIGINS.*origin only/);
    expect(() => loadConfig({ GATEWAY_WEBHOOK_ORIGINS: 'http://a.example.com' })).toThrow(/GATEWAY_WEBHOOK_ORIGINS.*only calls https/);
  });

  it('without GATEWAY_ENCRYPTION_KEY, a secret is kept in memory and the log says it will not survive a restart', async () => {
    const log = memoryLogger('info');
    const h = await servedGateway({}, log.logger);
    try {
      await registerGateway(h);
      expect(h.gateway.webhooks.storeKind).toBe('memory');
      expect(log.lines().some((line) => line.level === 40 && line.msg.includes('throwaway key'))).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('rotating GATEWAY_ENCRYPTION_KEY', () => {
  const OLD = 'b'.repeat(64);
  const NEW = 'c'.repeat(64);
  it('a secret sealed with the previous key is sealed again with the new one at its first webhook, so the previous key can be dropped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webhooks-rotation-'));
    const file = join(dir, 'webhooks.json');
    const before = await servedGateway({ GATEWAY_ENCRYPTION_KEY: OLD, PENNYLANE_WEBHOOKS_FILE: file });
    const sim = before.sim;
    const stored = async () => (JSON.parse(await readFile(file, 'utf8')) as WebhookHook[])[0]!;
    const webhook = async (g: ServedGateway) => {
      const body = webhookBody('dms_file.created', 1);
      return (await postWebhook(g, created.path, body, signedHeaders(created.secret, body))).status;
    };
    const created = await registerGateway(before);
    const after: ServedGateway[] = [];
    try {
      const rotated = await servedGateway({ GATEWAY_ENCRYPTION_KEY: NEW, GATEWAY_ENCRYPTION_KEY_PREVIOUS: OLD, PENNYLANE_WEBHOOKS_FILE: file }, undefined, sim);
      after.push(rotated);
      const sealedWithOld = await stored();
      expect(() => SecretBox.fromConfig([NEW]).open(sealedWithOld.sealedSecret, hookContext(sealedWithOld))).toThrow(/does not have/);
      expect(await webhook(rotated)).toBe(200);
      const hook = await stored();
      expect(SecretBox.fromConfig([NEW]).open(hook.sealedSecret, hookContext(hook))).toBe(created.secret);
      // The previous key dropped: its webhooks still verify.
      const dropped = await servedGateway({ GATEWAY_ENCRYPTION_KEY: NEW, PENNYLANE_WEBHOOKS_FILE: file }, undefined, sim);
      after.push(dropped);
      expect(await webhook(dropped)).toBe(200);
    } finally {
      for (const g of after) await g.close();
      await before.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
