import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerGateway, servedGateway, type ServedGateway } from '../support/webhooks.js';
import { until } from '../support/eventually.js';

const INVOICE = 'query One($id: ID!) { customerInvoice(id: $id) { pennylaneId invoiceNumber } }';

/** With the GraphQL response cache on (issue 15), a webhook drops the whole answers that hold its record, not only the upstream cache. */
describe('a webhook and the GraphQL response cache', () => {
  let h: ServedGateway;
  beforeAll(async () => {
    h = await servedGateway({ PENNYLANE_RESPONSE_CACHE_MAX_BYTES: String(8 * 1024 * 1024) });
  });
  afterAll(() => h.close());

  it('an e-invoicing status webhook makes the next identical query run again', async () => {
    await registerGateway(h);
    const invoice = (h.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!;
    await h.gql(INVOICE, { id: String(invoice.id) });
    const cached = await h.gql(INVOICE, { id: String(invoice.id) });
    expect(cached.extensions?.cost?.upstreamCalls).toBe(0);
    const reads = h.sim.control.count({ route: 'GET /customer_invoices' });

    h.sim.control.webhooks.eInvoicingStatusUpdated(invoice.id, 'approved');
    await h.sim.control.webhooks.idle();
    await until(() => h.sim.control.webhooks.deliveries().some((d) => d.state === 'delivered'));
    await h.gateway.webhooks.receiver.idle();

    const after = await h.gql(INVOICE, { id: String(invoice.id) });
    expect(after.extensions?.cost?.upstreamCalls).toBe(1);
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBe(reads + 1);
  });
});
