import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, upload, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Row = { id: number; external_reference?: string; status?: string; draft?: boolean };

const customerId = () => (sim.control.snapshot('customers') as Row[])[0]?.id as number;
const invoiceBody = (ref: string) => ({
  customer_id: customerId(), date: '2026-11-10', deadline: '2026-12-10', external_reference: ref,
  invoice_lines: [{ label: 'Audit', raw_currency_unit_price: '100.00', unit: 'jour', vat_rate: 'FR_200', quantity: '1' }],
});

describe('reset after processing on writes', () => {
  it('POST /customer_invoices: the socket dies, exactly one invoice exists; the log shows the external_reference; a retry gets 409', async () => {
    sim.control.injectFault({ match: { route: 'POST /customer_invoices' }, reset: 'after' });
    await expect(call(sim, '/customer_invoices', { method: 'POST', body: invoiceBody('RETRY-1') })).rejects.toThrow();
    const invoices = sim.control.snapshot('customer_invoices') as Row[];
    expect(invoices).toHaveLength(401);
    expect(invoices.filter((i) => i.external_reference === 'RETRY-1')).toHaveLength(1);
    expect(sim.control.requests({ route: 'POST /customer_invoices' })).toMatchObject([{ status: 0, externalReference: 'RETRY-1' }]);
    const retry = await call(sim, '/customer_invoices', { method: 'POST', body: invoiceBody('RETRY-1') });
    expect(retry.status).toBe(409);
    expect(sim.control.count({ externalReference: 'RETRY-1' })).toBe(2);
    expect(sim.control.requests({ externalReference: 'RETRY-1' }).map((e) => e.status)).toEqual([0, 409]);
    expect((sim.control.snapshot('customer_invoices') as Row[]).filter((i) => i.external_reference === 'RETRY-1')).toHaveLength(1);
    const remote = await fetch(`${sim.url}/__sandbox/count?externalReference=RETRY-1`);
    expect(await remote.json()).toEqual({ count: 2 });
  });

  it.each([
    ['PUT /customer_invoices/{id}/finalize', async () => {
      const draft = (sim.control.snapshot('customer_invoices') as Row[]).find((i) => i.draft) as Row;
      return { send: () => call(sim, `/customer_invoices/${draft.id}/finalize`, { method: 'PUT' }), check: () => expect((sim.control.snapshot('customer_invoices') as Row[]).find((i) => i.id === draft.id)?.draft).toBe(false) };
    }],
    ['DELETE /customer_invoices/{id}', async () => {
      const draft = (sim.control.snapshot('customer_invoices') as Row[]).find((i) => i.draft) as Row;
      return { send: () => call(sim, `/customer_invoices/${draft.id}`, { method: 'DELETE' }), check: () => expect(sim.control.snapshot('customer_invoices')).toHaveLength(399) };
    }],
    ['POST /suppliers', async () => ({
      send: () => call(sim, '/suppliers', { method: 'POST', body: { name: 'Reset SARL', external_reference: 'SUP-RESET' } }),
      check: () => expect((sim.control.snapshot('suppliers') as Row[]).filter((s) => s.external_reference === 'SUP-RESET')).toHaveLength(1),
    })],
    ['POST /file_attachments', async () => {
      const before = sim.control.snapshot('file_attachments').length;
      return {
        send: () => upload(sim, '/file_attachments', { bytes: new TextEncoder().encode('%PDF-1.4'), filename: 'a.pdf', type: 'application/pdf' }),
        check: () => expect(sim.control.snapshot('file_attachments')).toHaveLength(before + 1),
      };
    }],
    ['PUT /quotes/{id}/update_status', async () => {
      const quote = (sim.control.snapshot('quotes') as Row[]).find((q) => q.status === 'pending') as Row;
      const events = sim.control.changes('quotes').length;
      return {
        send: () => call(sim, `/quotes/${quote.id}/update_status`, { method: 'PUT', body: { status: 'denied' } }),
        check: () => expect(sim.control.changes('quotes')).toHaveLength(events + 1),
      };
    }],
  ] as Array<[string, () => Promise<{ send: () => Promise<unknown>; check: () => void }>]>)('%s: applied exactly once', async (route, prepare) => {
    const { send, check } = await prepare();
    sim.control.injectFault({ match: { route }, reset: 'after' });
    await expect(send()).rejects.toThrow();
    check();
    expect(sim.control.requests({ route })).toMatchObject([{ status: 0 }]);
    expect((await call<Json>(sim, '/me')).status).toBe(200);
  });
});

describe('control additions', () => {
  it('PDF delay over HTTP, sent e-mails over HTTP, reset() restores the delay and forgets the e-mails', async () => {
    const put = await fetch(`${sim.url}/__sandbox/pdf-delay`, { method: 'PUT', body: JSON.stringify({ pdfDelayMs: 30_000 }) });
    expect(await put.json()).toEqual({ pdfDelayMs: 30_000 });
    const inv = await call<Json & { id: number; public_file_url: string | null }>(sim, '/customer_invoices', { method: 'POST', body: invoiceBody('PDF-1') });
    expect(inv.body.public_file_url).toBeNull();
    sim.control.advanceClock(30_000);
    expect((await call(sim, `/customer_invoices/${inv.body.id}/send_by_email`, { method: 'POST', body: { recipients: ['x@y.fr'] } })).status).toBe(204);
    const sent = await (await fetch(`${sim.url}/__sandbox/sent-emails`)).json();
    expect(sent).toMatchObject([{ company: 'demo', resource: 'customer_invoices', id: inv.body.id, recipients: ['x@y.fr'], at: expect.stringMatching(/Z$/) }]);
    sim.control.reset();
    expect(sim.control.sentEmails()).toEqual([]);
    const again = await call<Json & { public_file_url: string | null }>(sim, '/customer_invoices', { method: 'POST', body: invoiceBody('PDF-2') });
    expect(again.body.public_file_url).not.toBeNull();
    expect((await fetch(`${sim.url}/__sandbox/files/1`)).status).toBe(404);
  });

  it('PUT /transactions/{id}/categories (weighted, inline on the transaction, an update event)', async () => {
    const [tx] = sim.control.snapshot('transactions') as Row[];
    const [cat] = sim.control.snapshot('categories') as Row[];
    const res = await call(sim, `/transactions/${tx?.id}/categories`, { method: 'PUT', body: [{ id: cat?.id, weight: '1' }] });
    expect(res.status).toBe(200);
    expect((await call<{ categories: Array<{ id: number; weight: string }> }>(sim, `/transactions/${tx?.id}`)).body.categories).toMatchObject([{ id: cat?.id, weight: '1' }]);
    expect(sim.control.changes('transactions').at(-1)).toMatchObject({ id: tx?.id, operation: 'update' });
  });
});
