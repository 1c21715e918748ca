import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseMetrics, total } from '../support/prometheus.js';
import { registerGateway, servedGateway, signedHeaders, webhookBody, type Created, type ServedGateway } from '../support/webhooks.js';

const EVENT = 'customer_invoice.e_invoicing_status_updated';

/** Sends `headers`, then `chunks` one by one (chunked, no content-length) every `everyMs` — never ending when `forever`; resolves with the status answered. */
function send(url: string, headers: Record<string, string>, chunk: string, options: { times: number; everyMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      clearInterval(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error) => (sent >= options.times ? undefined : reject(error)));
    req.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (req.destroyed) return clearInterval(timer);
      if (sent++ < options.times) req.write(chunk);
      else {
        clearInterval(timer);
        req.end();
      }
    }, options.everyMs);
  });
}

/**
 * How the route reads a webhook's body: the hook first (no body read for an unknown one, and
 * an unknown id costs one store read for a while), within the size limit while it streams,
 * and within PENNYLANE_WEBHOOK_READ_TIMEOUT_MS.
 */
describe('webhook bodies that are too long, too slow, or for no hook', () => {
  let h: ServedGateway;
  let demo: Created;
  beforeAll(async () => {
    h = await servedGateway({ PENNYLANE_WEBHOOK_MAX_BYTES: '2048', PENNYLANE_WEBHOOK_READ_TIMEOUT_MS: '200' });
    demo = await registerGateway(h);
  });
  afterAll(() => h.close());

  const metric = async (reason: string) => total(parseMetrics(await (await fetch(`${h.url}/metrics`)).text()), 'pennylane_webhooks_refused_total', { reason });

  it('a chunked body (no content-length) past the limit is refused 413 as it streams', async () => {
    const headers = signedHeaders(demo.secret, 'x');
    const before = await metric('too_large');
    // 64 chunks of 1 KiB: 32 times the limit; the answer comes before the last is sent.
    expect(await send(`${h.url}${demo.path}`, headers, 'x'.repeat(1024), { times: 64, everyMs: 5 })).toBe(413);
    expect(await metric('too_large')).toBe(before + 1);
  });

  it('a body trickling in is refused 408 at the read deadline, not after the server-wide timeout', async () => {
    const headers = signedHeaders(demo.secret, 'x');
    const before = await metric('too_slow');
    // One byte every 50 ms for 10 minutes: within the size limit, never complete.
    expect(await send(`${h.url}${demo.path}`, headers, 'x', { times: 12_000, everyMs: 50 })).toBe(408);
    expect(await metric('too_slow')).toBe(before + 1);
  });

  it('a flood on an unknown hook id costs one store read, and none of its bodies is read', async () => {
    const reads = vi.spyOn(h.gateway.webhooks.store, 'get');
    const body = webhookBody(EVENT, 1);
    const path = '/webhooks/pennylane/wh_BBBBBBBBBBBBBBBBBBBBBB';
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${h.url}${path}`, { method: 'POST', headers: signedHeaders(demo.secret, body), body });
      expect(response.status).toBe(401);
    }
    expect(reads.mock.calls.filter(([id]) => id === 'wh_BBBBBBBBBBBBBBBBBBBBBB')).toHaveLength(1);
    // An unknown hook's trickling body is not waited for either: 401 before the read deadline could apply.
    expect(await send(`${h.url}${path}`, signedHeaders(demo.secret, 'x'), 'x', { times: 12_000, everyMs: 50 })).toBe(401);
    reads.mockRestore();
  });
});
