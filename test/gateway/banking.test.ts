import { describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;
type Ref = { id: number };
interface Transaction {
  id: number;
  label: string;
  date: string;
  amount: string;
  currency_amount: string;
  outstanding_balance: string | null;
  fee: string | null;
  journal: Ref;
  bank_account: Ref;
  customer: Ref | null;
  supplier: Ref | null;
  attachment_required: boolean;
  categories: { id: number; label: string; weight: string }[];
}

const byIdDesc = (a: { id: number }, b: { id: number }) => b.id - a.id;

describe('banking', () => {
  const h = useHarness({ beforeEach: 'clearLog' });

  it('returns bank accounts with their journal, ledger account and bank', async () => {
    const accounts = h.sim.control.snapshot('bank_accounts') as { id: number; name: string; balance: string; journal: Ref; ledger_account: Ref; bank_establishment: Ref }[];
    const account = accounts[0]!;
    const res = await h.gql<{ bankAccount: Json; bankAccounts: { edges: { node: { pennylaneId: string } }[] } }>(
      `query($id: ID!) {
        bankAccount(id: $id) { pennylaneId name currency balance journal { pennylaneId type } ledgerAccount { pennylaneId number } bankEstablishment { pennylaneId name } }
        bankAccounts { edges { node { pennylaneId } } }
      }`,
      { id: String(account.id) },
    );
    expect(res.errors).toBeUndefined();
    const establishment = (h.sim.control.snapshot('bank_establishments') as { id: number; name: string }[]).find((b) => b.id === account.bank_establishment.id)!;
    expect(res.data!.bankAccount).toEqual({
      pennylaneId: String(account.id),
      name: account.name,
      currency: 'EUR',
      balance: account.balance,
      journal: { pennylaneId: String(account.journal.id), type: 'BANK' },
      ledgerAccount: { pennylaneId: String(account.ledger_account.id), number: expect.stringMatching(/^512/) },
      bankEstablishment: { pennylaneId: String(establishment.id), name: establishment.name },
    });
    expect(nodesOf(res.data!.bankAccounts).map((a) => a.pennylaneId)).toEqual([...accounts].sort(byIdDesc).map((a) => String(a.id)));
    // The lookup reads the whole list; the connection pages it with its own limit.
    expect(h.sim.control.counters()).toEqual({ 'GET /bank_accounts': 2, 'GET /journals': 1, 'GET /ledger_accounts': 1, 'GET /bank_establishments': 1 });
  });

  it('lists bank establishments with their id filter', async () => {
    const establishments = h.sim.control.snapshot('bank_establishments') as { id: number; name: string }[];
    const wanted = establishments.slice(0, 2);
    const res = await h.gql<{ bankEstablishments: { edges: { node: { name: string } }[] }; bankEstablishment: { name: string } }>(
      `query($ids: [ID!], $id: ID!) { bankEstablishments(filter: { id: { in: $ids } }) { edges { node { name } } } bankEstablishment(id: $id) { name } }`,
      { ids: wanted.map((b) => String(b.id)), id: String(establishments[3]!.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(nodesOf(res.data!.bankEstablishments).map((b) => b.name)).toEqual([...wanted].sort(byIdDesc).map((b) => b.name));
    expect(res.data!.bankEstablishment.name).toBe(establishments[3]!.name);
  });

  it('returns transactions as the simulator holds them', async () => {
    const tx = (h.sim.control.snapshot('transactions') as Transaction[]).find((t) => t.categories.length > 1 && t.supplier)!;
    const res = await h.gql<{ transaction: Json }>(
      `query($id: ID!) { transaction(id: $id) { pennylaneId label date currency currencyAmount amount fee currencyFee outstandingBalance attachmentRequired
        supplier { pennylaneId } customer { pennylaneId } categories { weight category { pennylaneId label } } } }`,
      { id: String(tx.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.transaction).toEqual({
      pennylaneId: String(tx.id),
      label: tx.label,
      date: tx.date,
      currency: 'EUR',
      currencyAmount: tx.currency_amount,
      amount: tx.amount,
      fee: tx.fee,
      currencyFee: null,
      outstandingBalance: tx.outstanding_balance,
      attachmentRequired: tx.attachment_required,
      supplier: { pennylaneId: String(tx.supplier!.id) },
      customer: null,
      categories: tx.categories.map((c) => ({ weight: c.weight, category: { pennylaneId: String(c.id), label: c.label } })),
    });
    expect(h.sim.control.counters()).toEqual({ 'GET /transactions': 1, 'GET /suppliers': 1 });
  });

  it('answers 20 transactions with their bank account, journal and categories in 3 calls', async () => {
    const res = await h.gql<{ transactions: { edges: { node: { pennylaneId: string; bankAccount: { pennylaneId: string }; journal: { code: string }; categories: { weight: string }[] } }[] } }>(
      `{ transactions(first: 20) { edges { node { pennylaneId bankAccount { pennylaneId name } journal { code }
          categories { weight category { label direction analyticalCode } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /transactions': 1, 'GET /bank_accounts': 1, 'GET /journals': 1 });
    const all = h.sim.control.snapshot('transactions') as Transaction[];
    const expected = [...all].sort(byIdDesc).slice(0, 20);
    const got = nodesOf(res.data!.transactions);
    expect(got.map((t) => t.pennylaneId)).toEqual(expected.map((t) => String(t.id)));
    got.forEach((t, i) => {
      expect(t.bankAccount.pennylaneId).toBe(String(expected[i]!.bank_account.id));
      expect(t.categories.map((c) => c.weight)).toEqual(expected[i]!.categories.map((c) => c.weight));
    });
  });

  it('sends transaction filters as Pennylane expects them', async () => {
    const account = (h.sim.control.snapshot('bank_accounts') as { id: number }[])[0]!;
    const res = await h.gql<{ transactions: { edges: { node: { date: string } }[] } }>(
      `query($a: ID!) { transactions(first: 10, filter: { bankAccountId: { in: [$a] }, date: { gteq: "2026-01-01", lt: "2026-02-01" } }) { edges { node { date } } } }`,
      { a: String(account.id) },
    );
    expect(res.errors).toBeUndefined();
    const [call] = h.sim.control.requests({ route: 'GET /transactions' });
    expect(call!.filter).toEqual(
      expect.arrayContaining([
        { field: 'bank_account_id', operator: 'in', value: [account.id] },
        { field: 'date', operator: 'gteq', value: '2026-01-01' },
        { field: 'date', operator: 'lt', value: '2026-02-01' },
      ]),
    );
    for (const { node } of res.data!.transactions.edges) expect(node.date.startsWith('2026-01')).toBe(true);
  });

  it("answers bank accounts' transactions through one bank_account_id-in call when they fit a page", async () => {
    const res = await h.gql<{ bankAccounts: { edges: { node: { pennylaneId: string; transactions: { edges: { node: { pennylaneId: string } }[] } } }[] } }>(
      `{ bankAccounts { edges { node { pennylaneId transactions(first: 3, filter: { date: { gteq: "2026-10-01" } }) { edges { node { pennylaneId } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /bank_accounts': 1, 'GET /transactions': 1 });
    const all = h.sim.control.snapshot('transactions') as Transaction[];
    for (const { node } of res.data!.bankAccounts.edges) {
      const own = all.filter((t) => String(t.bank_account.id) === node.pennylaneId && t.date >= '2026-10-01').sort(byIdDesc);
      expect(nodesOf(node.transactions).map((t) => t.pennylaneId)).toEqual(own.slice(0, 3).map((t) => String(t.id)));
    }
  });

  it('resolves matched invoices of both kinds, batched by id per kind', async () => {
    const all = (h.sim.control.snapshot('transactions') as Transaction[]).sort(byIdDesc);
    const matchesOf = (t: Transaction) => h.sim.control.subList(`/transactions/${t.id}/matched_invoices`) as { id: number; type: string }[];
    const incoming = all.filter((t) => matchesOf(t).some((m) => m.type === 'customer')).slice(0, 3);
    const outgoing = all.filter((t) => matchesOf(t).some((m) => m.type === 'supplier')).slice(0, 3);
    const ids = [...incoming, ...outgoing].map((t) => String(t.id));
    const res = await h.gql<{ transactions: { edges: { node: { pennylaneId: string; matchedInvoices: { edges: { node: Json }[] } } }[] } }>(
      `query($ids: [ID!]) { transactions(first: 10, filter: { id: { in: $ids } }) { edges { node { pennylaneId
        matchedInvoices(first: 10) { edges { node { __typename ... on CustomerInvoice { pennylaneId invoiceNumber } ... on SupplierInvoice { pennylaneId invoiceNumber } } } } } } } }`,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /transactions': 1,
      'GET /transactions/{id}/matched_invoices': 6,
      'GET /customer_invoices': 1,
      'GET /supplier_invoices': 1,
    });
    for (const { node } of res.data!.transactions.edges) {
      const expected = matchesOf(all.find((t) => String(t.id) === node.pennylaneId)!);
      expect(nodesOf(node.matchedInvoices).map((m) => [m.__typename, m.pennylaneId])).toEqual(
        expected.map((m) => [m.type === 'customer' ? 'CustomerInvoice' : 'SupplierInvoice', String(m.id)]),
      );
    }
  });

  it("returns an invoice's matched transactions, one call per invoice", async () => {
    const invoices = h.sim.control.snapshot('customer_invoices') as { id: number }[];
    const invoice = invoices.find((i) => h.sim.control.subList(`/customer_invoices/${i.id}/matched_transactions`).length > 0)!;
    const supplierInvoices = h.sim.control.snapshot('supplier_invoices') as { id: number }[];
    const supplierInvoice = supplierInvoices.find((i) => h.sim.control.subList(`/supplier_invoices/${i.id}/matched_transactions`).length > 0)!;
    const res = await h.gql<{ customerInvoice: { matchedTransactions: { edges: { node: { pennylaneId: string; amount: string } }[] } }; supplierInvoice: { matchedTransactions: { edges: { node: { pennylaneId: string } }[] } } }>(
      `query($c: ID!, $s: ID!) {
        customerInvoice(id: $c) { matchedTransactions { edges { node { pennylaneId amount } } } }
        supplierInvoice(id: $s) { matchedTransactions { edges { node { pennylaneId } } } } }`,
      { c: String(invoice.id), s: String(supplierInvoice.id) },
    );
    expect(res.errors).toBeUndefined();
    const expected = h.sim.control.subList(`/customer_invoices/${invoice.id}/matched_transactions`) as Transaction[];
    expect(nodesOf(res.data!.customerInvoice.matchedTransactions).map((t) => t.pennylaneId).sort()).toEqual(expected.map((t) => String(t.id)).sort());
    const expectedSupplier = h.sim.control.subList(`/supplier_invoices/${supplierInvoice.id}/matched_transactions`) as Transaction[];
    expect(nodesOf(res.data!.supplierInvoice.matchedTransactions).map((t) => t.pennylaneId).sort()).toEqual(
      expectedSupplier.map((t) => String(t.id)).sort(),
    );
    expect(h.sim.control.count({ route: 'GET /customer_invoices/{id}/matched_transactions' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /supplier_invoices/{id}/matched_transactions' })).toBe(1);
  });
});
