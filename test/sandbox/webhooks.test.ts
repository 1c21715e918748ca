import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureMatches, signedHeadersOf } from '../../src/webhooks/signature.js';
import { signedHeaders } from '../../src/sandbox/webhooks/signing.js';
import { call, startTestSimulator, type Page, type Simulator } from './helpers.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback receiver answering `statuses` in turn (then 204). */
async function receiver(statuses: number[] = []): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, got, server };
}

const EVENTS = ['customer_invoice.e_invoicing_status_updated', 'dms_file.created', 'supplier_invoice.e_invoicing_received'];

describe('webhook subscriptions (API.md §4.8)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());

  it('answers the secret once, at creation; list and get never show it; PUT and DELETE work', async () => {
    const created = await call<Record<string, unknown>>(sim, '/webhook_subscriptions', { method: 'POST', body: { callback_url: 'https://hooks.example.fr/p', events: ['dms_file.created'] } });
    expect(created.status).toBe(201);
    expect(created.body['secret']).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(created.body['enabled']).toBe(true);
    const id = created.body['id'] as number;
    const got = await call<Record<string, unknown>>(sim, `/webhook_subscriptions/${id}`);
    expect(got.body).not.toHaveProperty('secret');
    const list = await call<Page>(sim, '/webhook_subscriptions');
    expect(list.text).not.toContain('whsec_');
    expect(list.body.items.map((s) => s['id'])).toContain(id);
    const updated = await call<Record<string, unknown>>(sim, `/webhook_subscriptions/${id}`, { method: 'PUT', body: { enabled: false, events: EVENTS } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ enabled: false, events: EVENTS, callback_url: 'https://hooks.example.fr/p' });
    expect(updated.body).not.toHaveProperty('secret');
    expect((await call(sim, `/webhook_subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(sim, `/webhook_subscriptions/${id}`)).status).toBe(404);
    expect((await call(sim, `/webhook_subscriptions/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses http callbacks (except to loopback, sandbox only), credentials in the URL, no events, unknown events, an 11th subscription', async () => {
    const post = (body: unknown) => call<Record<string, unknown>>(sim, '/webhook_subscriptions', { method: 'POST', body });
    expect((await post({ callback_url: 'http://hooks.example.fr/p', events: ['dms_file.created'] })).body).toMatchObject({ field: 'callback_url', code: 'InvalidPattern' });
    expect((await post({ callback_url: 'https://user:pw@hooks.example.fr/p', events: ['dms_file.created'] })).status).toBe(400);
    expect((await post({ callback_url: 'https://hooks.example.fr/p', events: [] })).body).toMatchObject({ code: 'LessThanMinItems' });
    expect((await post({ callback_url: 'https://hooks.example.fr/p', events: ['invoice.paid'] })).body).toMatchObject({ code: 'NotEnumInclude' });
    expect((await post({ callback_url: 'http://127.0.0.1:9/p', events: ['dms_file.created'] })).status).toBe(201);
    // The seed has one; with the loopback one above, 8 more reach the limit of 10.
    for (let i = 0; i < 8; i++) expect((await post({ callback_url: `https://h${i}.example.fr/`, events: ['dms_file.created'] })).status).toBe(201);
    const eleventh = await post({ callback_url: 'https://h11.example.fr/', events: ['dms_file.created'] });
    expect(eleventh.status).toBe(422);
    expect(String(eleventh.body['error'])).toContain('at most 10');
  });
});

describe('the Standard Webhooks scheme', () => {
  it("signs the scheme's published test vector as published, and the gateway verifies it", () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    const headers = signedHeaders(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body);
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const signed = signedHeadersOf(new Headers(headers))!;
    expect(signatureMatches(secret, signed, Buffer.from(body))).toBe(true);
  });
});

describe('webhook deliveries', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());

  async function subscribe(url: string, events = EVENTS, enabled = true): Promise<{ id: number; secret: string }> {
    const r = await call<{ id: number; secret: string }>(sim, '/webhook_subscriptions', { method: 'POST', body: { callback_url: url, events, enabled } });
    return r.body;
  }

  it('posts each event, signed the Standard Webhooks way, to the enabled subscriptions listening to it', async () => {
    const hook = await receiver();
    const { id, secret } = await subscribe(hook.url);
    await subscribe(hook.url, ['dms_file.created']); // not listening to e-invoicing
    await subscribe(hook.url, EVENTS, false); // disabled
    const invoice = sim.control.snapshot('customer_invoices').find((i) => (i as { draft: boolean }).draft === false) as { id: number };
    const result = sim.control.webhooks.eInvoicingStatusUpdated(invoice.id, 'approved');
    // Ours, and the seeded one (whose made-up host is never called).
    expect(result.deliveries.map((d) => d.state)).toEqual(['skipped', 'pending']);
    await sim.control.webhooks.idle();
    expect(hook.got).toHaveLength(1);
    const { headers, body } = hook.got[0]!;
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(body)).toMatchObject({ id: headers['webhook-id'], type: 'customer_invoice.e_invoicing_status_updated', data: { id: invoice.id, e_invoicing: { status: 'approved' } } });
    // The change is in the books too: the invoice shows it, its changelog has the update.
    expect((await call<{ e_invoicing: unknown }>(sim, `/customer_invoices/${invoice.id}`)).body.e_invoicing).toMatchObject({ status: 'approved' });
    expect(sim.control.changes('customer_invoices').at(-1)).toMatchObject({ id: invoice.id, operation: 'update' });
    expect(sim.control.webhooks.deliveries().filter((d) => d.state !== 'skipped')).toEqual([expect.objectContaining({ subscriptionId: id, state: 'delivered', attempts: 1, lastStatus: 204 })]);
    hook.server.close();
  });

  it('a supplier e-invoice is a new supplier invoice (insert), a DMS file only a webhook', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    const received = sim.control.webhooks.supplierEInvoiceReceived();
    const file = sim.control.webhooks.dmsFileCreated('releve.pdf');
    await sim.control.webhooks.idle();
    const invoice = await call<Record<string, unknown>>(sim, `/supplier_invoices/${received.id}`);
    expect(invoice.body).toMatchObject({ id: received.id, accounting_status: 'draft', e_invoicing: { status: 'received' } });
    expect(sim.control.changes('supplier_invoices').at(-1)).toMatchObject({ id: received.id, operation: 'insert' });
    expect(hook.got.map((g) => JSON.parse(g.body))).toEqual([
      expect.objectContaining({ type: 'supplier_invoice.e_invoicing_received', data: expect.objectContaining({ id: received.id }) }),
      expect.objectContaining({ type: 'dms_file.created', data: { id: file.id, filename: 'releve.pdf' } }),
    ]);
    hook.server.close();
  });

  it('retries a failed delivery with the same webhook-id, and never calls a host outside the loopback', async () => {
    const hook = await receiver([500, 503]);
    await subscribe(hook.url, ['dms_file.created']);
    await subscribe('https://hooks.example.invalid/p', ['dms_file.created']);
    sim.control.webhooks.dmsFileCreated('a.pdf');
    await sim.control.webhooks.idle();
    expect(hook.got.map((g) => g.headers['webhook-id'])).toEqual(Array(3).fill(hook.got[0]!.headers['webhook-id']));
    expect(sim.control.webhooks.deliveries().map((d) => [d.state, d.attempts])).toEqual([['delivered', 3], ['skipped', 0]]);
    hook.server.close();
  });

  it('never calls itself: a callback into the simulator (its control API) or under /__sandbox is skipped', async () => {
    sim.control.addToken('kept-token');
    const self = new URL(sim.url);
    const hook = await receiver();
    for (const url of [`${self.origin}/__sandbox/reset`, `http://localhost:${self.port}/__sandbox/reset`, `${new URL(hook.url).origin}/__sandbox/reset`]) await subscribe(url, ['dms_file.created']);
    sim.control.webhooks.dmsFileCreated('a.pdf');
    await sim.control.webhooks.idle();
    expect(sim.control.webhooks.deliveries().map((d) => d.state)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(hook.got).toEqual([]);
    // Not reset: the token added above still answers.
    expect((await call(sim, '/me', { token: 'kept-token' })).status).toBe(200);
    hook.server.close();
  });

  it('is driven over HTTP too (/__sandbox/webhooks/*)', async () => {
    const hook = await receiver();
    const { id, secret } = await subscribe(hook.url);
    const post = (path: string, body: unknown) => fetch(`${sim.url}/__sandbox/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('dms-file', { filename: 'x.pdf' })).status).toBe(201);
    expect((await post('supplier-e-invoice', {})).status).toBe(201);
    // Control mistakes answer what they are: nothing there (an unknown invoice, endpoint, subscription or company) is a 404, not a 400.
    expect((await post('e-invoicing-status', { invoiceId: 1, status: 'approved' })).status).toBe(404);
    expect((await post('nope', {})).status).toBe(404);
    expect((await fetch(`${sim.url}/__sandbox/webhooks/secret?id=999999`)).status).toBe(404);
    expect((await post('dms-file', { filename: 'x.pdf', company: 'no-such-company' })).status).toBe(404);
    await sim.control.webhooks.idle();
    const deliveries = (await (await fetch(`${sim.url}/__sandbox/webhooks/deliveries`)).json()) as { state: string; event: string }[];
    expect(deliveries.filter((d) => d.state === 'delivered').map((d) => d.event)).toEqual(['dms_file.created', 'supplier_invoice.e_invoicing_received']);
    expect(await (await fetch(`${sim.url}/__sandbox/webhooks/secret?id=${id}`)).json()).toEqual({ secret });
    hook.server.close();
  });
});
