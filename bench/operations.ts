import type { Simulator } from '../src/sandbox/simulator.js';

/**
 * The benchmark operations: what internal apps ask, each with the fewest upstream calls
 * Pennylane's API allows for the same answer, computed from the simulator's data.
 */
export interface BenchOperation {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** Why the minimum is what it is. */
  readonly minimumReason: string;
  readonly minimum: (sim: Simulator) => number;
}

type Row = { id: number } & Record<string, unknown>;
const rows = (sim: Simulator, resource: string) => sim.control.snapshot(resource) as Row[];
const newest = (list: Row[], n: number) => [...list].sort((a, b) => b.id - a.id).slice(0, n);
const refId = (value: unknown) => (value as { id: number } | null)?.id;
/** Pages of 100 needed to bring back `wanted` rows if every page were full of them. */
const pages = (wanted: number) => Math.max(1, Math.ceil(wanted / 100));
/** Rows a batched child scan must see: each parent's first page plus one to know if more follow. */
const firstPages = (children: Row[], parentIds: number[], parentOf: (row: Row) => number | undefined, first: number) =>
  parentIds.reduce((total, id) => total + Math.min(first + 1, children.filter((c) => parentOf(c) === id).length), 0);

export const INVOICES_WITH_CUSTOMERS: BenchOperation = {
  name: 'InvoicesWithCustomers',
  query: `query InvoicesWithCustomers {
    customerInvoices(first: 100) { edges { node { invoiceNumber currencyAmount customer { name } } } }
  }`,
  minimumReason: '1 invoice page + ceil(distinct customers / 100) `id in` lookups',
  minimum: (sim) => 1 + pages(new Set(newest(rows(sim, 'customer_invoices'), 100).map((i) => refId(i.customer))).size),
};

export function invoiceDetail(sim: Simulator): BenchOperation {
  const invoice = newest(rows(sim, 'customer_invoices'), 1)[0]!;
  return {
    name: 'InvoiceDetail',
    query: `query InvoiceDetail($id: ID!) {
      customerInvoice(id: $id) {
        invoiceNumber currencyAmount
        customer { name }
        lines(first: 100) { edges { node { label currencyAmount product { label } } } }
        payments(first: 100) { edges { node { currencyAmount status } } }
      }
    }`,
    variables: { id: String(invoice.id) },
    minimumReason: 'invoice + customer + lines link + payments link (per-invoice URLs) + 1 product `id in` if a line has one',
    minimum: (s) => 4 + ((s.control.invoiceLines(invoice.id) as Row[]).some((l) => l.product) ? 1 : 0),
  };
}

export const CUSTOMERS_WITH_INVOICES: BenchOperation = {
  name: 'CustomersWithInvoices',
  query: `query CustomersWithInvoices {
    customers(first: 10) { edges { node { name invoices(first: 5) { edges { node { invoiceNumber status } } } } } }
  }`,
  minimumReason: '1 customer page + the `customer_id in` pages holding each customer\'s first 6 invoices',
  minimum: (sim) => {
    const ids = newest(rows(sim, 'customers'), 10).map((c) => c.id);
    return 1 + pages(firstPages(rows(sim, 'customer_invoices'), ids, (i) => refId(i.customer), 5));
  },
};

export const SUPPLIERS_WITH_INVOICES: BenchOperation = {
  name: 'SuppliersWithInvoices',
  query: `query SuppliersWithInvoices {
    suppliers(first: 20) { edges { node { name invoices(first: 3) { edges { node { invoiceNumber currencyAmount } } } } } }
  }`,
  minimumReason: '1 supplier page + the `supplier_id in` pages holding each supplier\'s first 4 invoices',
  minimum: (sim) => {
    const ids = newest(rows(sim, 'suppliers'), 20).map((s) => s.id);
    return 1 + pages(firstPages(rows(sim, 'supplier_invoices'), ids, (i) => refId(i.supplier), 3));
  },
};

export const JOURNALS_WITH_ENTRIES: BenchOperation = {
  name: 'JournalsWithEntries',
  query: `query JournalsWithEntries {
    journals(first: 10) { edges { node { code ledgerEntries(first: 5) { edges { node { label date } } } } } }
  }`,
  minimumReason: '1 journals list + the `journal_id in` pages holding each journal\'s first 6 entries, if pages were packed',
  minimum: (sim) => {
    const ids = rows(sim, 'journals').map((j) => j.id);
    return 1 + pages(firstPages(rows(sim, 'ledger_entries'), ids, (e) => (e.journal_id as number) ?? refId(e.journal), 5));
  },
};

export const TRANSACTIONS_WITH_CONTEXT: BenchOperation = {
  name: 'TransactionsWithContext',
  query: `query TransactionsWithContext {
    transactions(first: 50) { edges { node { amount bankAccount { name } journal { code } categories { weight category { label } } } } }
  }`,
  minimumReason: '1 transaction page + bank accounts and journals (small lists, read whole) + 0 for inline categories',
  minimum: () => 3,
};

export function ledgerEntryDetail(sim: Simulator): BenchOperation {
  const lines = rows(sim, 'ledger_entry_lines');
  const lettered = lines.find((l) => ((l.lettered_ledger_entry_lines as { ids: number[] }).ids.length ?? 0) > 1)!;
  const entryId = refId(lettered.ledger_entry)!;
  return {
    name: 'LedgerEntryDetail',
    query: `query LedgerEntryDetail($id: ID!) {
      ledgerEntry(id: $id) { label journal { code }
        lines(first: 50) { edges { node { debit credit ledgerAccount { number label } letteredLines { debit credit ledgerEntry { label } } } } } }
    }`,
    variables: { id: String(entryId) },
    minimumReason: 'entry + journals (whole) + lines link + 1 accounts `id in` + 1 lettered lines `id in` + 1 their entries `id in`',
    minimum: () => 6,
  };
}

/** Every benchmark operation, in the order the report lists them. */
export function benchmarkOperations(sim: Simulator): BenchOperation[] {
  return [
    INVOICES_WITH_CUSTOMERS,
    invoiceDetail(sim),
    CUSTOMERS_WITH_INVOICES,
    SUPPLIERS_WITH_INVOICES,
    JOURNALS_WITH_ENTRIES,
    TRANSACTIONS_WITH_CONTEXT,
    ledgerEntryDetail(sim),
  ];
}
