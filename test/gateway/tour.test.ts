import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodesOf, startHarness, type Harness } from '../support/harness.js';

/**
 * One query that walks the whole graph — sales → accounting → banking → purchases — and
 * checks its answers against the simulator's books, not against themselves.
 */
const TOUR = /* GraphQL */ `
  query Tour($invoice: ID!, $day: Date!) {
    customerInvoice(id: $invoice) {
      pennylaneId invoiceNumber status currencyAmount
      customer { name ledgerAccount { number } }
      ledgerEntry {
        journal { code }
        lines(first: 50) { edges { node {
          pennylaneId debit credit ledgerAccount { number }
          letteredLines { pennylaneId debit credit ledgerEntry { journal { code } } }
        } } }
      }
      matchedTransactions(first: 2) { edges { node {
        pennylaneId amount date
        bankAccount {
          name ledgerAccount { number } journal { code }
          transactions(first: 10, filter: { date: { eq: $day } }) { edges { node {
            pennylaneId amount
            matchedInvoices(first: 2) { edges { node {
              __typename
              ... on SupplierInvoice {
                pennylaneId currencyAmount
                supplier { name ledgerAccount { number } }
                ledgerEntry { journal { code } lines(first: 10) { edges { node { debit credit ledgerAccount { number } } } } }
              }
            } } }
          } } }
        }
      } } }
    }
  }
`;

/** Exact sum of decimal strings, in millionths. */
const sum = (values: readonly string[]) =>
  values.reduce((total, value) => {
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = value.replace('-', '').split('.');
    const units = BigInt(whole!) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
    return total + (negative ? -units : units);
  }, 0n);

interface Line {
  pennylaneId: string;
  debit: string;
  credit: string;
  ledgerAccount: { number: string };
  letteredLines?: { pennylaneId: string; debit: string; credit: string; ledgerEntry: { journal: { code: string } } }[];
}

describe('a tour of the graph', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('walks an invoice to its entry, its payment, the bank and a supplier invoice paid from it', async () => {
    const invoices = h.sim.control.snapshot('customer_invoices') as { id: number; status: string; currency: string }[];
    const paid = invoices.find(
      (i) => i.status === 'paid' && i.currency === 'EUR' && h.sim.control.subList(`/customer_invoices/${i.id}/matched_transactions`).length === 1,
    )!;
    // A day on which the same bank account paid a supplier invoice.
    const [matched] = h.sim.control.subList(`/customer_invoices/${paid.id}/matched_transactions`) as { bank_account: { id: number } }[];
    const supplierPayment = (h.sim.control.snapshot('transactions') as { id: number; date: string; amount: string; bank_account: { id: number } }[]).find(
      (t) =>
        t.bank_account.id === matched!.bank_account.id &&
        t.amount.startsWith('-') &&
        (h.sim.control.subList(`/transactions/${t.id}/matched_invoices`) as { type: string }[]).some((m) => m.type === 'supplier'),
    )!;
    const res = await h.gql<{ customerInvoice: Record<string, unknown> }>(TOUR, { invoice: String(paid.id), day: supplierPayment.date });
    expect(res.errors).toBeUndefined();
    const invoice = res.data!.customerInvoice as {
      currencyAmount: string;
      customer: { ledgerAccount: { number: string } };
      ledgerEntry: { journal: { code: string }; lines: { edges: { node: Line }[] } };
      matchedTransactions: { edges: { node: { amount: string; bankAccount: Record<string, unknown> } }[] };
    };

    // Sales → accounting: the entry is in the sales journal, balances, and debits the
    // customer's own account with exactly the invoice total.
    expect(invoice.ledgerEntry.journal.code).toBe('VT');
    const lines = nodesOf(invoice.ledgerEntry.lines);
    expect(sum(lines.map((l) => l.debit))).toBe(sum(lines.map((l) => l.credit)));
    const receivable = lines.filter((l) => l.ledgerAccount.number === invoice.customer.ledgerAccount.number);
    expect(receivable).toHaveLength(1);
    expect(sum([receivable[0]!.debit])).toBe(sum([invoice.currencyAmount]));

    // Accounting → banking: the receivable is lettered with the bank entry's line that settles it.
    const group = receivable[0]!.letteredLines!;
    expect(group.map((l) => l.pennylaneId)).toContain(receivable[0]!.pennylaneId);
    expect(group.some((l) => l.ledgerEntry.journal.code.startsWith('BQ'))).toBe(true);
    expect(sum(group.map((l) => l.debit))).toBe(sum(group.map((l) => l.credit)));

    // Banking: the matched transaction brought in exactly the invoice total.
    const [transaction] = nodesOf(invoice.matchedTransactions);
    expect(sum([transaction!.amount])).toBe(sum([invoice.currencyAmount]));
    const bank = transaction!.bankAccount as {
      ledgerAccount: { number: string };
      journal: { code: string };
      transactions: { edges: { node: { amount: string; matchedInvoices: { edges: { node: Record<string, unknown> }[] } } }[] };
    };
    expect(bank.ledgerAccount.number.startsWith('512')).toBe(true);

    // Banking → purchases: a payment out of the same account settles a supplier invoice,
    // whose entry credits the supplier's account with exactly its total.
    const supplierInvoices = nodesOf(bank.transactions)
      .filter((t) => t.amount.startsWith('-'))
      .flatMap((t) => nodesOf(t.matchedInvoices).map((i) => ({ transaction: t, invoice: i })))
      .filter(({ invoice: i }) => i.__typename === 'SupplierInvoice');
    expect(supplierInvoices.length).toBeGreaterThan(0);
    for (const { transaction: t, invoice: raw } of supplierInvoices) {
      const si = raw as {
        currencyAmount: string;
        supplier: { ledgerAccount: { number: string } };
        ledgerEntry: { journal: { code: string }; lines: { edges: { node: Line }[] } };
      };
      expect(si.supplier.ledgerAccount.number.startsWith('401')).toBe(true);
      expect(si.ledgerEntry.journal.code).toBe('HA');
      const siLines = nodesOf(si.ledgerEntry.lines);
      expect(sum(siLines.map((l) => l.debit))).toBe(sum(siLines.map((l) => l.credit)));
      const payable = siLines.find((l) => l.ledgerAccount.number === si.supplier.ledgerAccount.number)!;
      expect(sum([payable.credit])).toBe(sum([si.currencyAmount]));
      expect(sum([t.amount])).toBe(-sum([si.currencyAmount]));
    }
  });
});
