/**
 * The benchmark operations: what internal apps actually ask, each with the fewest upstream
 * calls Pennylane's API allows for it (the "minimum"), computed from the data, not assumed.
 */
export interface BenchOperation {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** Why the minimum is what it is. */
  readonly minimumReason: string;
}

export const INVOICES_WITH_CUSTOMERS: BenchOperation = {
  name: 'InvoicesWithCustomers',
  query: `query InvoicesWithCustomers {
    customerInvoices(first: 100) { edges { node { invoiceNumber currencyAmount customer { name } } } }
  }`,
  minimumReason: '1 invoice page of 100 + ceil(distinct customers / 100) `id in` lookups',
};

export const INVOICE_DETAIL = (invoiceId: string): BenchOperation => ({
  name: 'InvoiceDetail',
  query: `query InvoiceDetail($id: ID!) {
    customerInvoice(id: $id) {
      invoiceNumber currencyAmount
      customer { name }
      lines(first: 100) { edges { node { label currencyAmount product { label } } } }
      payments(first: 100) { edges { node { currencyAmount status } } }
    }
  }`,
  variables: { id: invoiceId },
  minimumReason:
    '1 invoice lookup + 1 customer lookup + 1 lines call + 1 payments call (links are per-invoice URLs) + 1 product `id in` lookup if a line has a product',
});

export const CUSTOMERS_WITH_INVOICES: BenchOperation = {
  name: 'CustomersWithInvoices',
  query: `query CustomersWithInvoices {
    customers(first: 10) { edges { node { name invoices(first: 5) { edges { node { invoiceNumber status } } } } } }
  }`,
  minimumReason: '1 customer page + invoices of the 10 customers through `customer_id in` (1 call while they fit in 100 rows)',
};
