import { beforeAll, describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;
type Page<T = Json> = { edges: { node: T }[] };

const idOf = (ref: unknown) => (ref ? String((ref as { id: number }).id) : null);
/** subList reads ascending ids; lists without `sort` come in Pennylane's default order (newest first). */
const newestFirst = (rows: Json[]) => [...rows].sort((a, b) => (b.id as number) - (a.id as number));

describe('sales documents', () => {
  const h = useHarness({ beforeEach: 'clearLog' });
  let invoices: Json[];
  beforeAll(() => {
    invoices = h.sim.control.snapshot('customer_invoices') as Json[];
  });

  it('answers 20 invoices with quote, subscription and template in 1 list + 1 quotes + 1 subscriptions + 1 templates call', async () => {
    const withQuote = invoices.filter((i) => i.quote).slice(0, 7);
    const withSubscription = invoices.filter((i) => i.billing_subscription && !withQuote.includes(i)).slice(0, 7);
    const others = invoices.filter((i) => i.customer_invoice_template && !withQuote.includes(i) && !withSubscription.includes(i));
    const picked = [...withQuote, ...withSubscription, ...others].slice(0, 20);
    expect(withQuote.length).toBeGreaterThan(1);
    expect(withSubscription.length).toBeGreaterThan(1);
    const res = await h.gql<{ customerInvoices: Page<{ pennylaneId: string; quote: Json | null; billingSubscription: Json | null; template: Json | null }> }>(
      `query($ids: [ID!]) { customerInvoices(first: 20, filter: { id: { in: $ids } }) { edges { node { pennylaneId
        quote { pennylaneId quoteNumber } billingSubscription { pennylaneId label } template { pennylaneId name } } } } }`,
      { ids: picked.map((i) => String(i.id)) },
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /customer_invoices': 1,
      'GET /quotes': 1,
      'GET /billing_subscriptions': 1,
      'GET /customer_invoice_templates': 1,
    });
    const quotes = new Map((h.sim.control.snapshot('quotes') as Json[]).map((q) => [String(q.id), q]));
    const subscriptions = new Map((h.sim.control.snapshot('billing_subscriptions') as Json[]).map((s) => [String(s.id), s]));
    const templates = new Map((h.sim.control.snapshot('customer_invoice_templates') as Json[]).map((t) => [String(t.id), t]));
    const nodes = nodesOf(res.data!.customerInvoices);
    expect(nodes).toHaveLength(picked.length);
    for (const node of nodes) {
      const invoice = picked.find((i) => String(i.id) === node.pennylaneId)!;
      const quote = quotes.get(idOf(invoice.quote) ?? '');
      expect(node.quote).toEqual(quote ? { pennylaneId: String(quote.id), quoteNumber: quote.quote_number } : null);
      const subscription = subscriptions.get(idOf(invoice.billing_subscription) ?? '');
      expect(node.billingSubscription).toEqual(subscription ? { pennylaneId: String(subscription.id), label: subscription.label } : null);
      const template = templates.get(idOf(invoice.customer_invoice_template) ?? '');
      expect(node.template).toEqual(template ? { pennylaneId: String(template.id), name: template.name } : null);
    }
  });

  it('returns invoices\' sections, appendices and custom header fields at one call per invoice and sub-collection', async () => {
    const has = (i: Json, part: string) => (h.sim.control.subList(`/customer_invoices/${i.id}/${part}`) as Json[]).length > 0;
    const picked = ['invoice_line_sections', 'appendices', 'custom_header_fields'].map((part) => invoices.find((i) => has(i, part))!);
    expect(picked.every(Boolean)).toBe(true);
    const res = await h.gql<{ customerInvoices: Page<{ pennylaneId: string; sections: Page; appendices: Page; customHeaderFields: Page }> }>(
      `query($ids: [ID!]) { customerInvoices(first: 3, filter: { id: { in: $ids } }) { edges { node { pennylaneId
        sections(first: 100) { edges { node { pennylaneId title description rank createdAt } } }
        appendices(first: 100) { edges { node { pennylaneId filename url } } }
        customHeaderFields(first: 100) { edges { node { pennylaneId name value } } }
      } } } }`,
      { ids: picked.map((i) => String(i.id)) },
    );
    expect(res.errors).toBeUndefined();
    const distinct = new Set(picked).size;
    expect(h.sim.control.counters()).toEqual({
      'GET /customer_invoices': 1,
      'GET /customer_invoices/{id}/invoice_line_sections': distinct,
      'GET /customer_invoices/{id}/appendices': distinct,
      'GET /customer_invoices/{id}/custom_header_fields': distinct,
    });
    const nodes = nodesOf(res.data!.customerInvoices);
    expect(nodes).toHaveLength(distinct);
    for (const data of nodes) {
      const id = data.pennylaneId;
      const sections = h.sim.control.subList(`/customer_invoices/${id}/invoice_line_sections`) as Json[];
      expect(nodesOf(data.sections)).toEqual(
        sections.map((s) => ({ pennylaneId: String(s.id), title: s.title, description: s.description, rank: s.rank, createdAt: s.created_at })),
      );
      const appendices = newestFirst(h.sim.control.subList(`/customer_invoices/${id}/appendices`) as Json[]);
      expect(nodesOf(data.appendices)).toEqual(appendices.map((a) => ({ pennylaneId: String(a.id), filename: a.filename, url: a.url })));
      const fields = newestFirst(h.sim.control.subList(`/customer_invoices/${id}/custom_header_fields`) as Json[]);
      expect(nodesOf(data.customHeaderFields)).toEqual(fields.map((f) => ({ pennylaneId: String(f.id), name: f.name, value: f.value })));
    }
    expect(nodes.some((n) => n.sections.edges.length > 0)).toBe(true);
    expect(nodes.some((n) => n.appendices.edges.length > 0)).toBe(true);
    expect(nodes.some((n) => n.customHeaderFields.edges.length > 0)).toBe(true);
  });

  it('lists commercial documents and looks one up with its customer, lines, sections and appendices', async () => {
    const documents = h.sim.control.snapshot('commercial_documents') as Json[];
    expect(documents.length).toBeGreaterThan(0);
    const list = await h.gql<{ commercialDocuments: Page<{ pennylaneId: string; documentType: string; documentNumber: string | null }> }>(
      `{ commercialDocuments(first: 100) { edges { node { pennylaneId documentType documentNumber } } } }`,
    );
    expect(list.errors).toBeUndefined();
    expect(nodesOf(list.data!.commercialDocuments)).toEqual(
      newestFirst(documents).slice(0, 100).map((d) => ({ pennylaneId: String(d.id), documentType: d.document_type, documentNumber: d.document_number })),
    );

    h.sim.control.clearLog();
    const has = (d: Json, part: string) => (h.sim.control.subList(`/commercial_documents/${d.id}/${part}`) as Json[]).length > 0;
    const expected =
      documents.find((d) => has(d, 'invoice_line_sections') && has(d, 'appendices')) ??
      documents.find((d) => has(d, 'invoice_line_sections') || has(d, 'appendices')) ??
      documents[0]!;
    const res = await h.gql<{ commercialDocument: Json & { lines: Page; sections: Page; appendices: Page } }>(
      `query($id: ID!) { commercialDocument(id: $id) {
        id pennylaneId documentType documentNumber label date deadline currency currencyAmountBeforeTax currencyTax currencyAmount
        amount tax externalReference createdAt updatedAt customer { pennylaneId name }
        lines(first: 100) { edges { node { pennylaneId label currencyAmount } } }
        sections(first: 100) { edges { node { pennylaneId rank } } }
        appendices(first: 100) { edges { node { pennylaneId filename } } }
      } }`,
      { id: Buffer.from(`CommercialDocument:${expected.id}`).toString('base64') },
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /commercial_documents/{id}': 1,
      'GET /customers': 1,
      'GET /commercial_documents/{id}/invoice_lines': 1,
      'GET /commercial_documents/{id}/invoice_line_sections': 1,
      'GET /commercial_documents/{id}/appendices': 1,
    });
    const actual = res.data!.commercialDocument;
    for (const [graphql, pennylane] of [
      ['documentNumber', 'document_number'],
      ['label', 'label'],
      ['date', 'date'],
      ['deadline', 'deadline'],
      ['currency', 'currency'],
      ['currencyAmountBeforeTax', 'currency_amount_before_tax'],
      ['currencyTax', 'currency_tax'],
      ['currencyAmount', 'currency_amount'],
      ['amount', 'amount'],
      ['tax', 'tax'],
      ['externalReference', 'external_reference'],
      ['createdAt', 'created_at'],
      ['updatedAt', 'updated_at'],
    ] as const) {
      expect(actual[graphql], graphql).toStrictEqual(expected[pennylane] ?? null);
    }
    expect(actual.documentType).toBe(expected.document_type);
    expect((actual.customer as Json).pennylaneId).toBe(idOf(expected.customer));
    const lines = h.sim.control.subList(`/commercial_documents/${expected.id}/invoice_lines`) as Json[];
    expect(nodesOf(actual.lines)).toEqual(lines.map((l) => ({ pennylaneId: String(l.id), label: l.label, currencyAmount: l.currency_amount })));
    const sections = h.sim.control.subList(`/commercial_documents/${expected.id}/invoice_line_sections`) as Json[];
    expect(nodesOf(actual.sections)).toEqual(sections.map((s) => ({ pennylaneId: String(s.id), rank: s.rank })));
    const appendices = newestFirst(h.sim.control.subList(`/commercial_documents/${expected.id}/appendices`) as Json[]);
    expect(nodesOf(actual.appendices)).toEqual(appendices.map((a) => ({ pennylaneId: String(a.id), filename: a.filename })));

    const missing = await h.gql<{ commercialDocument: null }>(`{ commercialDocument(id: "1") { pennylaneId } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.commercialDocument).toBeNull();
  });

  it('lists invoice templates and numberings whole, once', async () => {
    const res = await h.gql<{ invoiceTemplates: Json[]; numberings: Json[] }>(
      `{ invoiceTemplates { pennylaneId name createdAt } numberings { pennylaneId name documentType format nextNumber } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /customer_invoice_templates': 1, 'GET /numberings': 1 });
    const templates = h.sim.control.snapshot('customer_invoice_templates') as Json[];
    expect(res.data!.invoiceTemplates).toEqual(
      newestFirst(templates).map((t) => ({ pennylaneId: String(t.id), name: t.name, createdAt: t.created_at })),
    );
    const numberings = h.sim.control.snapshot('numberings') as Json[];
    expect([...res.data!.numberings].sort((a, b) => String(a.pennylaneId).localeCompare(String(b.pennylaneId)))).toEqual(
      numberings
        .map((n) => ({ pennylaneId: String(n.id), name: n.name, documentType: n.document_type, format: n.format, nextNumber: n.next_number }))
        .sort((a, b) => a.pennylaneId.localeCompare(b.pennylaneId)),
    );
  });

  it('returns a customer\'s contacts (one call per customer) and one contact by id', async () => {
    const customers = h.sim.control.snapshot('customers') as Json[];
    const customer = customers.find((c) => (h.sim.control.subList(`/customers/${c.id}/contacts`) as Json[]).length > 0)!;
    expect(customer).toBeDefined();
    const contacts = newestFirst(h.sim.control.subList(`/customers/${customer.id}/contacts`) as Json[]);
    const res = await h.gql<{ customer: { contacts: Page }; customerContact: Json | null; unknown: Json | null }>(
      `query($c: ID!, $id: ID!) {
        customer(id: $c) { contacts(first: 100) { edges { node { pennylaneId firstName lastName email phone jobTitle } } } }
        customerContact(customerId: $c, id: $id) { pennylaneId firstName lastName email }
        unknown: customerContact(customerId: $c, id: "1") { pennylaneId }
      }`,
      { c: String(customer.id), id: String(contacts[0]!.id) },
    );
    expect(res.errors).toBeUndefined();
    const expected = contacts.map((c) => ({
      pennylaneId: String(c.id),
      firstName: c.first_name,
      lastName: c.last_name,
      email: c.email,
      phone: c.phone,
      jobTitle: c.job_title,
    }));
    expect(nodesOf(res.data!.customer.contacts)).toEqual(expected);
    const { phone: _p, jobTitle: _j, ...first } = expected[0]!;
    expect(res.data!.customerContact).toEqual(first);
    expect(res.data!.unknown).toBeNull();
    expect(h.sim.control.count({ route: 'GET /customers/{id}/contacts' })).toBe(1);
  });
});
