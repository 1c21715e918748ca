import { describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;

describe('purchases', () => {
  const h = useHarness({ beforeEach: 'clearLog' });

  it('returns suppliers and supplier invoices as the simulator holds them', async () => {
    const invoice = (h.sim.control.snapshot('supplier_invoices') as Json[]).find((i) => i.supplier)!;
    const res = await h.gql<{ supplierInvoice: Json }>(
      `query($id: ID!) { supplierInvoice(id: $id) {
        pennylaneId invoiceNumber currencyAmount currencyTax currencyAmountBeforeTax accountingStatus paymentStatus date deadline
        supplier { pennylaneId name vatNumber establishmentNo postalAddress { city } }
        lines(first: 100) { edges { node { label currencyAmount currencyTax vatRate } } }
      } }`,
      { id: String(invoice.id) },
    );
    expect(res.errors).toBeUndefined();
    const actual = res.data!.supplierInvoice;
    expect(actual.currencyAmount).toBe(invoice.currency_amount);
    expect(actual.invoiceNumber).toBe(invoice.invoice_number);
    expect(actual.accountingStatus).toBe(String(invoice.accounting_status).toUpperCase());
    const supplier = (h.sim.control.snapshot('suppliers') as Json[]).find((s) => s.id === (invoice.supplier as { id: number }).id)!;
    expect(actual.supplier).toMatchObject({ pennylaneId: String(supplier.id), name: supplier.name, vatNumber: supplier.vat_number });
    const lines = nodesOf(actual.lines as { edges: { node: Json }[] });
    const expectedLines = h.sim.control.subList(`/supplier_invoices/${invoice.id}/invoice_lines`) as Json[];
    expect(lines).toHaveLength(expectedLines.length);
  });

  it('answers 100 supplier invoices with their suppliers in 2 calls', async () => {
    const res = await h.gql(`{ supplierInvoices(first: 100) { edges { node { invoiceNumber supplier { name } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.count()).toBe(2);
  });

  it('answers 10 suppliers with their first 3 invoices and purchase requests in 3 calls', async () => {
    const res = await h.gql<{ suppliers: { edges: { node: { pennylaneId: string; invoices: { edges: { node: { pennylaneId: string } }[] } } }[] } }>(
      `{ suppliers(first: 10) { edges { node { pennylaneId
          invoices(first: 3) { edges { node { pennylaneId } } }
          purchaseRequests(first: 3) { edges { node { pennylaneId } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /suppliers': 1,
      'GET /supplier_invoices': 1,
      'GET /purchase_requests': 1,
    });
    const invoices = h.sim.control.snapshot('supplier_invoices') as { id: number; supplier: { id: number } | null }[];
    for (const { node } of res.data!.suppliers.edges) {
      const own = invoices.filter((i) => String(i.supplier?.id) === node.pennylaneId).sort((a, b) => b.id - a.id);
      expect(node.invoices.edges.map((e) => e.node.pennylaneId)).toEqual(own.slice(0, 3).map((i) => String(i.id)));
    }
  });

  it('sends typed filters and sorts as Pennylane expects them', async () => {
    const supplier = (h.sim.control.snapshot('suppliers') as Json[])[0]!;
    const res = await h.gql(
      `query($s: ID!) { supplierInvoices(first: 5, sort: DATE_ASC, filter: { supplierId: { in: [$s] }, date: { gteq: "2026-01-01" } }) { edges { node { date } } } }`,
      { s: String(supplier.id) },
    );
    expect(res.errors).toBeUndefined();
    const [call] = h.sim.control.requests({ route: 'GET /supplier_invoices' });
    expect(call!.query.sort).toBe('date');
    // Conditions are AND-combined: their order does not matter to Pennylane.
    expect(call!.filter).toHaveLength(2);
    expect(call!.filter).toEqual(
      expect.arrayContaining([
        { field: 'supplier_id', operator: 'in', value: [supplier.id] },
        { field: 'date', operator: 'gteq', value: '2026-01-01' },
      ]),
    );
  });

  it('validates a supplier invoice\'s accounting, and a read after shows it without a stale cache', async () => {
    const invoice = (h.sim.control.snapshot('supplier_invoices') as Json[]).find((i) => i.accounting_status === 'validation_needed')!;
    const query = `query($id: ID!) { supplierInvoice(id: $id) { accountingStatus } }`;
    expect((await h.gql<{ supplierInvoice: Json }>(query, { id: String(invoice.id) })).data!.supplierInvoice.accountingStatus).toBe('VALIDATION_NEEDED');
    const res = await h.gql<{ validateSupplierInvoiceAccounting: Json }>(
      `mutation($id: ID!) { validateSupplierInvoiceAccounting(id: $id) { __typename } }`,
      { id: String(invoice.id) },
    );
    expect(res.data!.validateSupplierInvoiceAccounting.__typename).toBe('SupplierInvoicePayload');
    h.sim.control.clearLog();
    expect((await h.gql<{ supplierInvoice: Json }>(query, { id: String(invoice.id) })).data!.supplierInvoice.accountingStatus).toBe('COMPLETE');
    expect(h.sim.control.count()).toBe(0);
  });
});
