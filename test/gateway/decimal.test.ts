import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

describe('Decimal: money never passes through a float', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PENNYLANE_CACHE_MAX_BYTES: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  const invoiceId = () => String((h.sim.control.snapshot('customer_invoices')[0] as { id: number }).id);
  const query = `query($id: ID!) { customerInvoice(id: $id) { label currencyAmount } }`;

  it('passes amounts through exactly as Pennylane writes them', async () => {
    const res = await h.gql<{ customerInvoice: { currencyAmount: string } }>(query, { id: invoiceId() });
    const expected = (h.sim.control.snapshot('customer_invoices')[0] as { currency_amount: string }).currency_amount;
    expect(res.data!.customerInvoice.currencyAmount).toBe(expected);
  });

  it.each([
    ['a JSON number', 1234.5],
    ['a comma decimal', '1234,50'],
    ['a float artefact', '0.30000000000000004'],
  ])('withholds an amount Pennylane sent as %s, with a clear error on that field', async (_, malformed) => {
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, corrupt: { currency_amount: malformed } });
    const res = await h.gql(query, { id: invoiceId() });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('UPSTREAM_INVALID_DATA');
    expect(res.errors![0]!.path).toEqual(['customerInvoice', 'currencyAmount']);
    expect(res.errors![0]!.message).toContain(JSON.stringify(malformed));
    expect(res.data).toEqual({ customerInvoice: null });
  });
});
