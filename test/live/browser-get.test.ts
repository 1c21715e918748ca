import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { direct, invoices, LIVE_ENV } from './live-support.js';

/** What the README's browser example sends: a GET of an event stream, the document in the URL. */
describe('a subscription as a browser EventSource opens it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: LIVE_ENV });
  });
  afterAll(() => h.close());

  const url = () => {
    const target = new URL('http://gateway.test/graphql');
    target.searchParams.set('query', 'subscription { customerInvoiceChanged(filter: { paid: true }) { cursor customerInvoice { invoiceNumber customer { name } } } }');
    return target.href;
  };

  it('streams events to a GET carrying a CSRF header (an EventSource that takes headers)', async () => {
    const response = await h.gateway.yoga.fetch(url(), { headers: { accept: 'text/event-stream', 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const target = invoices(h).find((i) => i.status === 'upcoming')!;
    await direct(h, 'PUT', `/customer_invoices/${target.id}/mark_as_paid`);
    let text = '';
    while (!text.includes('event: next')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    await reader.cancel();
    const data = JSON.parse(text.split('\n').find((line) => line.startsWith('data:'))!.slice(5)) as { data: { customerInvoiceChanged: { customerInvoice: { invoiceNumber: string } } } };
    expect(data.data.customerInvoiceChanged.customerInvoice.invoiceNumber).toBe((h.sim.control.snapshot('customer_invoices') as { id: number; invoice_number: string }[]).find((i) => i.id === target.id)!.invoice_number);
  });

  it('refuses the bare GET a page on another site could make the browser send, before anything runs', async () => {
    h.sim.control.clearLog();
    const response = await h.gateway.yoga.fetch(url(), { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('CSRF_HEADER_REQUIRED');
    expect(h.sim.control.count()).toBe(0);
  });
});
