import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodesOf, startHarness, type Harness } from '../support/harness.js';

type Json = Record<string, unknown>;

const INVOICE_FIELDS = /* GraphQL */ `
  id pennylaneId label invoiceNumber status draft paid date deadline language currency exchangeRate
  currencyAmountBeforeTax currencyTax currencyAmount amount tax remainingAmountWithTax remainingAmountWithoutTax
  discount { type value } specialMention pdfInvoiceFreeText pdfInvoiceSubject pdfDescription publicFileUrl filename
  externalReference archivedAt createdAt updatedAt ledgerEntry { pennylaneId }
  customer { pennylaneId } creditedInvoice { pennylaneId }
  lines(first: 100) { edges { node { pennylaneId label quantity rawCurrencyUnitPrice vatRate currencyAmountBeforeTax currencyTax currencyAmount amount tax product { pennylaneId } } } }
  payments(first: 100) { edges { node { pennylaneId currencyAmount currency status } } }
`;

/** Adds two decimal strings exactly, through integer cents-of-cents (6 decimals). */
function sum(values: string[]): string {
  const scaled = values.reduce((total, value) => {
    const [whole, fraction = ''] = value.replace('-', '').split('.');
    const units = BigInt(whole!) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
    return total + (value.startsWith('-') ? -units : units);
  }, 0n);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${String(abs % 1_000_000n).padStart(6, '0')}`;
}
const same = (a: string, b: string) => sum([a]) === sum([b]);

describe('field values', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('returns every invoice field exactly as the simulator holds it, amounts as exact strings', async () => {
    const invoices = h.sim.control.snapshot('customer_invoices') as Json[];
    const creditNote = invoices.find((i) => i.status === 'credit_note')!;
    const paid = invoices.find((i) => i.status === 'paid')!;
    const draft = invoices.find((i) => i.status === 'draft')!;

    for (const expected of [creditNote, paid, draft]) {
      const res = await h.gql<{ customerInvoice: Json }>(`query($id: ID!) { customerInvoice(id: $id) { ${INVOICE_FIELDS} } }`, {
        id: String(expected.id),
      });
      expect(res.errors).toBeUndefined();
      const actual = res.data!.customerInvoice;
      expect(actual.pennylaneId).toBe(String(expected.id));
      expect(actual.id).toBe(Buffer.from(`CustomerInvoice:${expected.id}`).toString('base64'));
      for (const [graphql, pennylane] of [
        ['currencyAmountBeforeTax', 'currency_amount_before_tax'],
        ['currencyTax', 'currency_tax'],
        ['currencyAmount', 'currency_amount'],
        ['amount', 'amount'],
        ['tax', 'tax'],
        ['exchangeRate', 'exchange_rate'],
        ['remainingAmountWithTax', 'remaining_amount_with_tax'],
        ['label', 'label'],
        ['date', 'date'],
        ['deadline', 'deadline'],
        ['currency', 'currency'],
        ['paid', 'paid'],
        ['draft', 'draft'],
        ['externalReference', 'external_reference'],
        ['createdAt', 'created_at'],
        ['updatedAt', 'updated_at'],
      ] as const) {
        expect(actual[graphql], graphql).toStrictEqual(expected[pennylane]);
      }
      expect(actual.status).toBe(String(expected.status).toUpperCase());
      expect(actual.customer).toEqual({ pennylaneId: String((expected.customer as { id: number }).id) });
      expect(actual.ledgerEntry).toEqual(expected.ledger_entry ? { pennylaneId: String((expected.ledger_entry as { id: number }).id) } : null);

      const lines = nodesOf(actual.lines as { edges: { node: Json }[] });
      const expectedLines = h.sim.control.invoiceLines(expected.id as number) as Json[];
      expect(lines.map((l) => l.pennylaneId)).toEqual(expectedLines.map((l) => String(l.id)));
      for (const [index, line] of lines.entries()) {
        expect(line.currencyAmount).toBe(expectedLines[index]!.currency_amount);
        expect(typeof line.quantity).toBe('string');
      }
      // Lines add up to the invoice to the cent.
      expect(same(sum(lines.map((l) => l.currencyAmount as string)), actual.currencyAmount as string)).toBe(true);
      expect(same(sum(lines.map((l) => l.currencyTax as string)), actual.currencyTax as string)).toBe(true);
    }
  });

  it('resolves a credit note to the invoice it credits', async () => {
    const creditNote = (h.sim.control.snapshot('customer_invoices') as Json[]).find((i) => i.credited_invoice)!;
    const res = await h.gql<{ customerInvoice: { creditedInvoice: { pennylaneId: string }; currencyAmount: string } }>(
      `query($id: ID!) { customerInvoice(id: $id) { currencyAmount creditedInvoice { pennylaneId } } }`,
      { id: String(creditNote.id) },
    );
    expect(res.data!.customerInvoice.creditedInvoice.pennylaneId).toBe(String((creditNote.credited_invoice as { id: number }).id));
    expect(res.data!.customerInvoice.currencyAmount.startsWith('-')).toBe(true);
  });

  it('resolves both kinds of customers with their own fields, by raw or global id', async () => {
    const customers = h.sim.control.snapshot('customers') as Json[];
    const company = customers.find((c) => c.customer_type === 'company')!;
    const person = customers.find((c) => c.customer_type === 'individual')!;
    const query = `query($a: ID!, $b: ID!) {
      a: customer(id: $a) { __typename name emails billingAddress { city postalCode countryAlpha2 } ... on CompanyCustomer { vatNumber regNo } }
      b: customer(id: $b) { __typename name ... on IndividualCustomer { firstName lastName } }
    }`;
    const res = await h.gql<{ a: Json; b: Json }>(query, {
      a: String(company.id),
      b: Buffer.from(`IndividualCustomer:${person.id}`).toString('base64'),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.a).toMatchObject({ __typename: 'CompanyCustomer', name: company.name, vatNumber: company.vat_number, regNo: company.reg_no });
    expect(res.data!.a.emails).toEqual(company.emails);
    expect(res.data!.b).toMatchObject({ __typename: 'IndividualCustomer', firstName: person.first_name, lastName: person.last_name });
  });

  it('answers me, products and node lookups', async () => {
    const product = h.sim.control.snapshot('products')[0] as Json;
    const nodeId = Buffer.from(`Product:${product.id}`).toString('base64');
    const res = await h.gql<{ me: Json; node: Json; product: Json }>(
      `query($id: ID!, $raw: ID!) {
        me { company { name } scopes }
        node(id: $id) { __typename ... on Product { label priceBeforeTax price vatRate } }
        product(id: $raw) { pennylaneId }
      }`,
      { id: nodeId, raw: String(product.id) },
    );
    expect(res.errors).toBeUndefined();
    expect((res.data!.me.scopes as string[]).length).toBeGreaterThan(5);
    expect(res.data!.node).toEqual({
      __typename: 'Product',
      label: product.label,
      priceBeforeTax: product.price_before_tax,
      price: product.price,
      vatRate: product.vat_rate,
    });
    expect(res.data!.product).toEqual({ pennylaneId: String(product.id) });
  });

  it('returns null for an unknown id and a clear error for an id that is not one', async () => {
    const res = await h.gql(`{ customerInvoice(id: "999999") { pennylaneId } customer(id: "1") { name } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ customerInvoice: null, customer: null });
    const bad = await h.gql(`{ customerInvoice(id: "F-2026-0001") { pennylaneId } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/neither a Pennylane id nor a global id/);
    const rawNode = await h.gql(`{ node(id: "123") { id } }`);
    expect(rawNode.errors?.[0]?.message).toMatch(/raw Pennylane id/);
  });
});

describe('node(id:)', () => {
  it('refuses a global id of a type that is not a node, instead of failing inside', async () => {
    const h = await startHarness();
    try {
      const res = await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from('Address:12').toString('base64') });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/cannot be fetched with node/);
    } finally {
      await h.close();
    }
  });
});
