import { beforeAll, describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;
type Page<T = Json> = { edges: { node: T }[]; pageInfo?: { hasNextPage: boolean } };

const idOf = (ref: unknown) => (ref ? String((ref as { id: number }).id) : null);
const byIdDesc = (a: Json, b: Json) => (b.id as number) - (a.id as number);

describe('quotes', () => {
  const h = useHarness({ beforeEach: 'clearLog' });
  let quotes: Json[];
  let invoices: Json[];
  beforeAll(() => {
    quotes = h.sim.control.snapshot('quotes') as Json[];
    invoices = h.sim.control.snapshot('customer_invoices') as Json[];
  });

  it('returns every quote field as the simulator holds it', async () => {
    expect(quotes.length).toBeGreaterThan(0);
    for (const status of ['pending', 'accepted', 'invoiced']) {
      const expected = quotes.find((q) => q.status === status);
      if (!expected) continue;
      const res = await h.gql<{ quote: Json }>(
        `query($id: ID!) { quote(id: $id) {
          id pennylaneId quoteNumber label status date deadline language currency exchangeRate
          currencyAmountBeforeTax currencyTax currencyAmount amount tax discount { type value }
          specialMention pdfInvoiceFreeText pdfInvoiceSubject pdfDescription publicFileUrl filename externalReference
          createdAt updatedAt customer { pennylaneId }
        } }`,
        { id: String(expected.id) },
      );
      expect(res.errors).toBeUndefined();
      const actual = res.data!.quote;
      expect(actual.id).toBe(Buffer.from(`Quote:${expected.id}`).toString('base64'));
      for (const [graphql, pennylane] of [
        ['quoteNumber', 'quote_number'],
        ['label', 'label'],
        ['date', 'date'],
        ['deadline', 'deadline'],
        ['language', 'language'],
        ['currency', 'currency'],
        ['exchangeRate', 'exchange_rate'],
        ['currencyAmountBeforeTax', 'currency_amount_before_tax'],
        ['currencyTax', 'currency_tax'],
        ['currencyAmount', 'currency_amount'],
        ['amount', 'amount'],
        ['tax', 'tax'],
        ['specialMention', 'special_mention'],
        ['pdfInvoiceFreeText', 'pdf_invoice_free_text'],
        ['pdfInvoiceSubject', 'pdf_invoice_subject'],
        ['pdfDescription', 'pdf_description'],
        ['publicFileUrl', 'public_file_url'],
        ['filename', 'filename'],
        ['externalReference', 'external_reference'],
        ['createdAt', 'created_at'],
        ['updatedAt', 'updated_at'],
      ] as const) {
        expect(actual[graphql], graphql).toStrictEqual(expected[pennylane] ?? null);
      }
      expect(actual.status).toBe(status.toUpperCase());
      const discount = expected.discount as { type: string; value: string | null } | null;
      expect(actual.discount).toEqual(discount ? { type: discount.type.toUpperCase(), value: discount.value } : null);
      expect(actual.customer).toEqual({ pennylaneId: idOf(expected.customer) });
    }
  });

  it('answers a quote with its lines, sections, appendices and invoices in 1 lookup + 3 per-quote calls + 1', async () => {
    const has = (q: Json, part: string) => (h.sim.control.subList(`/quotes/${q.id}/${part}`) as Json[]).length > 0;
    const quote = quotes.find(
      (q) => invoices.some((i) => idOf(i.quote) === String(q.id)) && has(q, 'invoice_line_sections') && has(q, 'appendices'),
    )!;
    expect(quote).toBeDefined();
    const res = await h.gql<{ quote: { lines: Page; sections: Page; appendices: Page; invoices: Page } }>(
      `query($id: ID!) { quote(id: $id) {
        lines(first: 100) { edges { node { pennylaneId label quantity currencyAmount vatRate } } }
        sections(first: 100) { edges { node { pennylaneId title description rank } } }
        appendices(first: 100) { edges { node { pennylaneId filename url } } }
        invoices(first: 20) { edges { node { pennylaneId invoiceNumber quote { pennylaneId } } } }
      } }`,
      { id: String(quote.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /quotes': 1,
      'GET /quotes/{id}/invoice_lines': 1,
      'GET /quotes/{id}/invoice_line_sections': 1,
      'GET /quotes/{id}/appendices': 1,
      'GET /customer_invoices': 1,
    });
    const [lookup] = h.sim.control.requests({ route: 'GET /quotes' });
    expect(lookup!.filter).toEqual([{ field: 'id', operator: 'in', value: [quote.id] }]);
    const [invoiceCall] = h.sim.control.requests({ route: 'GET /customer_invoices' });
    expect(invoiceCall!.filter).toEqual([{ field: 'quote_id', operator: 'in', value: [quote.id] }]);

    const data = res.data!.quote;
    const lines = h.sim.control.subList(`/quotes/${quote.id}/invoice_lines`) as Json[];
    expect(nodesOf(data.lines)).toEqual(
      lines.map((l) => ({ pennylaneId: String(l.id), label: l.label, quantity: l.quantity, currencyAmount: l.currency_amount, vatRate: l.vat_rate })),
    );
    const sections = h.sim.control.subList(`/quotes/${quote.id}/invoice_line_sections`) as Json[];
    expect(nodesOf(data.sections)).toEqual(
      sections.map((s) => ({ pennylaneId: String(s.id), title: s.title, description: s.description, rank: s.rank })),
    );
    // subList reads ascending ids; appendices come in Pennylane's default order (newest first).
    const appendices = (h.sim.control.subList(`/quotes/${quote.id}/appendices`) as Json[]).sort(byIdDesc);
    expect(nodesOf(data.appendices)).toEqual(appendices.map((a) => ({ pennylaneId: String(a.id), filename: a.filename, url: a.url })));
    const own = invoices.filter((i) => idOf(i.quote) === String(quote.id)).sort(byIdDesc);
    expect(nodesOf(data.invoices)).toEqual(
      own.map((i) => ({ pennylaneId: String(i.id), invoiceNumber: i.invoice_number || null, quote: { pennylaneId: String(quote.id) } })),
    );
  });

  it('sends typed filters and the sort as Pennylane expects them, and returns what Pennylane selects', async () => {
    const customerId = idOf(quotes[0]!.customer)!;
    const res = await h.gql<{ quotes: Page<{ pennylaneId: string; status: string }> }>(
      `query($c: ID!) { quotes(first: 100, sort: ID_ASC, filter: { customerId: { eq: $c }, status: { notIn: [DENIED, EXPIRED] } }) {
        edges { node { pennylaneId status } } } }`,
      { c: customerId },
    );
    expect(res.errors).toBeUndefined();
    const [call] = h.sim.control.requests({ route: 'GET /quotes' });
    expect(call!.query.sort).toBe('id');
    expect(call!.filter).toEqual([
      { field: 'customer_id', operator: 'eq', value: Number(customerId) },
      { field: 'status', operator: 'not_in', value: ['denied', 'expired'] },
    ]);
    const expected = quotes
      .filter((q) => idOf(q.customer) === customerId && !['denied', 'expired'].includes(q.status as string))
      .sort((a, b) => (a.id as number) - (b.id as number));
    expect(nodesOf(res.data!.quotes)).toEqual(expected.map((q) => ({ pennylaneId: String(q.id), status: String(q.status).toUpperCase() })));
  });

  it('refuses OTHER in a status filter without calling Pennylane', async () => {
    const res = await h.gql(`{ quotes(filter: { status: { eq: OTHER } }) { edges { node { pennylaneId } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.sim.control.count()).toBe(0);
  });

  it('answers 10 customers with their first 3 quotes and 3 subscriptions in 3 calls', async () => {
    const res = await h.gql<{ customers: Page<{ pennylaneId: string; quotes: Page<{ pennylaneId: string }>; billingSubscriptions: Page<{ pennylaneId: string }> }> }>(
      `{ customers(first: 10) { edges { node { pennylaneId
          quotes(first: 3) { edges { node { pennylaneId } } pageInfo { hasNextPage } }
          billingSubscriptions(first: 3) { edges { node { pennylaneId } } pageInfo { hasNextPage } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /customers': 1, 'GET /quotes': 1, 'GET /billing_subscriptions': 1 });
    expect(h.sim.control.requests({ route: 'GET /quotes' })[0]!.filter).toEqual([
      { field: 'customer_id', operator: 'in', value: expect.any(Array) },
    ]);
    const subscriptions = h.sim.control.snapshot('billing_subscriptions') as Json[];
    let nonEmpty = 0;
    for (const { node } of res.data!.customers.edges) {
      const ownQuotes = quotes.filter((q) => idOf(q.customer) === node.pennylaneId).sort(byIdDesc);
      const ownSubscriptions = subscriptions.filter((s) => idOf(s.customer) === node.pennylaneId).sort(byIdDesc);
      expect(nodesOf(node.quotes).map((q) => q.pennylaneId)).toEqual(ownQuotes.slice(0, 3).map((q) => String(q.id)));
      expect(node.quotes.pageInfo!.hasNextPage).toBe(ownQuotes.length > 3);
      expect(nodesOf(node.billingSubscriptions).map((s) => s.pennylaneId)).toEqual(ownSubscriptions.slice(0, 3).map((s) => String(s.id)));
      expect(node.billingSubscriptions.pageInfo!.hasNextPage).toBe(ownSubscriptions.length > 3);
      nonEmpty += ownQuotes.length + ownSubscriptions.length;
    }
    expect(nonEmpty).toBeGreaterThan(0);
  });
});
