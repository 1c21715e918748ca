import { describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;
type Ref = { id: number };
interface Line {
  id: number;
  debit: string;
  credit: string;
  label: string;
  date: string;
  ledger_account: Ref;
  journal: Ref;
  ledger_entry: Ref;
  lettered_ledger_entry_lines: { ids: number[] };
}
interface Entry {
  id: number;
  label: string;
  date: string;
  journal_id: number;
  piece_number: string | null;
}

const cents = (amount: string) => BigInt(amount.replace('.', ''));
const byIdDesc = (a: { id: number }, b: { id: number }) => b.id - a.id;

describe('accounting', () => {
  const h = useHarness({ beforeEach: 'clearLog' });

  it('returns journals from the whole list, and filters them by type', async () => {
    const journals = h.sim.control.snapshot('journals') as { id: number; code: string; label: string; type: string }[];
    const bank = journals.find((j) => j.code === 'BQ1')!;
    const res = await h.gql<{ journal: Json; all: { pennylaneId: string; code: string; type: string }[]; banks: { edges: { node: Json }[] } }>(
      `query($id: ID!) {
        journal(id: $id) { pennylaneId code label type }
        all: journals(first: 20) { edges { node { pennylaneId code type } } }
        banks: journals(first: 20, filter: { type: { eq: BANK } }) { edges { node { code } } }
      }`,
      { id: String(bank.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.journal).toEqual({ pennylaneId: String(bank.id), code: 'BQ1', label: bank.label, type: 'BANK' });
    const all = nodesOf(res.data!.all as unknown as { edges: { node: { pennylaneId: string; code: string; type: string } }[] });
    expect(all.map((j) => j.pennylaneId)).toEqual([...journals].sort(byIdDesc).map((j) => String(j.id)));
    expect(all.map((j) => j.type)).toEqual([...journals].sort(byIdDesc).map((j) => j.type.toUpperCase()));
    expect(nodesOf(res.data!.banks).map((j) => j.code).sort()).toEqual(['BQ1', 'BQ2']);
    const typed = h.sim.control.requests({ route: 'GET /journals' }).find((r) => r.filter);
    expect(typed!.filter).toEqual([{ field: 'type', operator: 'eq', value: 'bank' }]);
  });

  it('reads the chart of accounts up to 1000 a page, with its filters', async () => {
    const accounts = h.sim.control.snapshot('ledger_accounts') as { id: number; number: string; enabled: boolean; letterable: boolean }[];
    const res = await h.gql<{ customers411: { edges: { node: { number: string; letterable: boolean } }[] }; disabled: { edges: { node: { number: string } }[] } }>(
      `{ customers411: ledgerAccounts(first: 1000, filter: { number: { startWith: "411" } }) { edges { node { number letterable } } }
         disabled: ledgerAccounts(filter: { enabled: { eq: false } }) { edges { node { number } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const expected411 = accounts.filter((a) => a.number.startsWith('411')).sort(byIdDesc);
    expect(nodesOf(res.data!.customers411).map((a) => a.number)).toEqual(expected411.map((a) => a.number));
    expect(nodesOf(res.data!.customers411).every((a) => a.letterable)).toBe(true);
    expect(nodesOf(res.data!.disabled).map((a) => a.number)).toEqual(accounts.filter((a) => !a.enabled).map((a) => a.number));
    const calls = h.sim.control.requests({ route: 'GET /ledger_accounts' });
    const big = calls.find((c) => c.query.limit === '1000')!;
    expect(big.filter).toEqual([{ field: 'number', operator: 'start_with', value: '411' }]);
    expect(calls.some((c) => JSON.stringify(c.filter) === '[{"field":"enabled","operator":"eq","value":false}]')).toBe(true);
  });

  it('sends ledger entry and line filters and sorts as Pennylane expects them', async () => {
    const journal = (h.sim.control.snapshot('journals') as { id: number; code: string }[]).find((j) => j.code === 'VT')!;
    const res = await h.gql<{ ledgerEntries: { edges: { node: { pennylaneId: string; date: string } }[] }; ledgerEntryLines: { edges: { node: { pennylaneId: string } }[] } }>(
      `query($j: ID!) {
        ledgerEntries(first: 5, sort: DATE_ASC, filter: { journalId: { in: [$j] }, date: { gteq: "2026-03-01", lt: "2026-04-01" } }) {
          edges { node { pennylaneId date } } }
        ledgerEntryLines(first: 5, sort: DATE_DESC, filter: { journalId: { eq: $j }, date: { lteq: "2026-03-31" } }) { edges { node { pennylaneId } } }
      }`,
      { j: String(journal.id) },
    );
    expect(res.errors).toBeUndefined();
    const [entries] = h.sim.control.requests({ route: 'GET /ledger_entries' });
    expect(entries!.query.sort).toBe('date');
    expect(entries!.filter).toEqual(
      expect.arrayContaining([
        { field: 'journal_id', operator: 'in', value: [journal.id] },
        { field: 'date', operator: 'gteq', value: '2026-03-01' },
        { field: 'date', operator: 'lt', value: '2026-04-01' },
      ]),
    );
    expect(entries!.filter).toHaveLength(3);
    const expected = (h.sim.control.snapshot('ledger_entries') as Entry[])
      .filter((e) => e.journal_id === journal.id && e.date >= '2026-03-01' && e.date < '2026-04-01')
      .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
      .slice(0, 5);
    expect(nodesOf(res.data!.ledgerEntries).map((e) => e.pennylaneId)).toEqual(expected.map((e) => String(e.id)));
    const [lines] = h.sim.control.requests({ route: 'GET /ledger_entry_lines' });
    expect(lines!.query.sort).toBe('-date');
    expect(lines!.filter).toEqual(
      expect.arrayContaining([
        { field: 'journal_id', operator: 'eq', value: journal.id },
        { field: 'date', operator: 'lteq', value: '2026-03-31' },
      ]),
    );
    expect(lines!.filter).toHaveLength(2);
  });

  it("answers every journal's first 5 entries of a month in 2 calls", async () => {
    const res = await h.gql<{ journals: { edges: { node: { pennylaneId: string; ledgerEntries: { edges: { node: { pennylaneId: string } }[] } } }[] } }>(
      `{ journals(first: 10) { edges { node { pennylaneId
          ledgerEntries(first: 5, filter: { date: { gteq: "2026-11-01" } }) { edges { node { pennylaneId } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /journals': 1, 'GET /ledger_entries': 1 });
    expect(h.sim.control.requests({ route: 'GET /ledger_entries' })[0]!.filter).toContainEqual(
      expect.objectContaining({ field: 'journal_id', operator: 'in' }),
    );
    const entries = h.sim.control.snapshot('ledger_entries') as Entry[];
    for (const { node } of res.data!.journals.edges) {
      const own = entries.filter((e) => String(e.journal_id) === node.pennylaneId && e.date >= '2026-11-01').sort(byIdDesc);
      expect(nodesOf(node.ledgerEntries).map((e) => e.pennylaneId)).toEqual(own.slice(0, 5).map((e) => String(e.id)));
    }
  });

  it('answers an entry with its lines, their accounts and lettered lines in 4 calls', async () => {
    const lines = h.sim.control.snapshot('ledger_entry_lines') as Line[];
    const byEntry = new Map<number, Line[]>();
    for (const line of lines) byEntry.set(line.ledger_entry.id, [...(byEntry.get(line.ledger_entry.id) ?? []), line]);
    const [entryId, own] = [...byEntry].find(
      ([, ls]) => ls.length === 4 && ls.some((l) => l.lettered_ledger_entry_lines.ids.some((id) => !ls.some((o) => o.id === id))),
    )!;
    const res = await h.gql<{ ledgerEntry: { label: string; lines: { edges: { node: Json }[] } } }>(
      `query($id: ID!) { ledgerEntry(id: $id) { label
        lines(first: 10) { edges { node { pennylaneId debit credit label date isLettered
          ledgerAccount { pennylaneId number } letteredLines { pennylaneId debit credit } } } } } }`,
      { id: String(entryId) },
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /ledger_entries': 1,
      'GET /ledger_entries/{id}/ledger_entry_lines': 1,
      'GET /ledger_accounts': 1,
      'GET /ledger_entry_lines': 1,
    });
    const accounts = h.sim.control.snapshot('ledger_accounts') as { id: number; number: string }[];
    const got = nodesOf(res.data!.ledgerEntry.lines);
    expect(got.map((l) => l.pennylaneId)).toEqual(own.map((l) => String(l.id)));
    got.forEach((line, i) => {
      const expected = own[i]!;
      expect(line).toMatchObject({ debit: expected.debit, credit: expected.credit, label: expected.label, date: expected.date });
      expect(line.isLettered).toBe(expected.lettered_ledger_entry_lines.ids.length > 0);
      expect((line.ledgerAccount as Json).number).toBe(accounts.find((a) => a.id === expected.ledger_account.id)!.number);
      const lettered = line.letteredLines as { pennylaneId: string; debit: string; credit: string }[];
      expect(lettered.map((l) => l.pennylaneId)).toEqual(expected.lettered_ledger_entry_lines.ids.map(String));
      const balance = lettered.reduce((sum, l) => sum + cents(l.debit) - cents(l.credit), 0n);
      if (lettered.length > 0) expect(balance).toBe(0n);
    });
    const debits = got.reduce((s, l) => s + cents(l.debit as string), 0n);
    expect(debits).toBe(got.reduce((s, l) => s + cents(l.credit as string), 0n));
  });

  it("filters an entry's lines by account, and reads an account's and a journal's lines", async () => {
    const lines = h.sim.control.snapshot('ledger_entry_lines') as Line[];
    const sample = lines.find((l) => lines.filter((o) => o.ledger_entry.id === l.ledger_entry.id).length >= 3)!;
    const account = sample.ledger_account.id;
    const res = await h.gql<{ ledgerEntry: { lines: { edges: { node: { pennylaneId: string } }[] } }; ledgerAccount: { ledgerEntryLines: { edges: { node: { pennylaneId: string; ledgerEntry: { pennylaneId: string } } }[] } }; journal: { ledgerEntryLines: { edges: { node: { pennylaneId: string } }[] } } }>(
      `query($e: ID!, $a: ID!, $j: ID!) {
        ledgerEntry(id: $e) { lines(filter: { ledgerAccountId: { eq: $a } }) { edges { node { pennylaneId } } } }
        ledgerAccount(id: $a) { ledgerEntryLines(first: 5) { edges { node { pennylaneId ledgerEntry { pennylaneId } } } } }
        journal(id: $j) { ledgerEntryLines(first: 3, sort: ID_ASC) { edges { node { pennylaneId } } } }
      }`,
      { e: String(sample.ledger_entry.id), a: String(account), j: String(sample.journal.id) },
    );
    expect(res.errors).toBeUndefined();
    const [sub] = h.sim.control.requests({ route: 'GET /ledger_entries/{id}/ledger_entry_lines' });
    expect(sub!.filter).toEqual([{ field: 'ledger_account_id', operator: 'eq', value: account }]);
    expect(nodesOf(res.data!.ledgerEntry.lines).map((l) => l.pennylaneId)).toEqual(
      lines.filter((l) => l.ledger_entry.id === sample.ledger_entry.id && l.ledger_account.id === account).map((l) => String(l.id)),
    );
    const ofAccount = lines.filter((l) => l.ledger_account.id === account).sort(byIdDesc).slice(0, 5);
    expect(nodesOf(res.data!.ledgerAccount.ledgerEntryLines).map((l) => [l.pennylaneId, l.ledgerEntry.pennylaneId])).toEqual(
      ofAccount.map((l) => [String(l.id), String(l.ledger_entry.id)]),
    );
    const ofJournal = lines.filter((l) => l.journal.id === sample.journal.id).sort((a, b) => a.id - b.id).slice(0, 3);
    expect(nodesOf(res.data!.journal.ledgerEntryLines).map((l) => l.pennylaneId)).toEqual(ofJournal.map((l) => String(l.id)));
  });

  it('batches the ledger accounts of customers, suppliers, products and bank accounts: one call per list', async () => {
    const lists: [string, string][] = [
      ['suppliers(first: 50)', 'GET /suppliers'],
      ['products(first: 50)', 'GET /products'],
      ['bankAccounts', 'GET /bank_accounts'],
    ];
    for (const [list, route] of lists) {
      h.sim.control.clearLog();
      const other = await h.gql(`{ ${list} { edges { node { ledgerAccount { number } } } } }`);
      expect(other.errors).toBeUndefined();
      expect(h.sim.control.counters()).toEqual({ [route]: 1, 'GET /ledger_accounts': 1 });
    }
    h.sim.control.clearLog();
    h.gateway.upstream.cache.clear();
    const res = await h.gql<{ customers: { edges: { node: { pennylaneId: string; ledgerAccount: { pennylaneId: string } | null } }[] } }>(
      `{ customers(first: 50) { edges { node { pennylaneId ledgerAccount { pennylaneId number } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /customers': 1, 'GET /ledger_accounts': 1 });
    const customers = h.sim.control.snapshot('customers') as { id: number; ledger_account: Ref | null }[];
    for (const { node } of res.data!.customers.edges) {
      const customer = customers.find((c) => String(c.id) === node.pennylaneId)!;
      expect(node.ledgerAccount?.pennylaneId).toBe(String(customer.ledger_account!.id));
    }
    const invoice = (h.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!;
    const lines = await h.gql<{ customerInvoice: { lines: { edges: { node: { ledgerAccount: { number: string } | null } }[] } } }>(
      `query($id: ID!) { customerInvoice(id: $id) { lines(first: 20) { edges { node { ledgerAccount { number } } } } } }`,
      { id: String(invoice.id) },
    );
    expect(lines.errors).toBeUndefined();
    for (const { node } of lines.data!.customerInvoice.lines.edges) expect(node.ledgerAccount?.number).toMatch(/^70/);
  });

  it('links invoices and customers to their accounting', async () => {
    const res = await h.gql<{ customerInvoices: { edges: { node: { pennylaneId: string; ledgerEntry: { pennylaneId: string } | null; customer: { ledgerAccount: { number: string } | null } | null } }[] } }>(
      `{ customerInvoices(first: 50) { edges { node { pennylaneId ledgerEntry { pennylaneId date journal { code } }
          customer { ledgerAccount { number } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /customer_invoices': 1,
      'GET /ledger_entries': 1,
      'GET /journals': 1,
      'GET /customers': 1,
      'GET /ledger_accounts': 1,
    });
    const invoices = h.sim.control.snapshot('customer_invoices') as { id: number; ledger_entry: Ref | null }[];
    for (const { node } of res.data!.customerInvoices.edges) {
      const invoice = invoices.find((i) => String(i.id) === node.pennylaneId)!;
      expect(node.ledgerEntry?.pennylaneId ?? null).toBe(invoice.ledger_entry ? String(invoice.ledger_entry.id) : null);
      expect(node.customer?.ledgerAccount?.number).toMatch(/^411/);
    }
  });

  it('returns the trial balance of a period: balanced, with the period on every page', async () => {
    const res = await h.gql<{ trialBalance: { edges: { node: { number: string; formattedNumber: string; label: string; debits: string; credits: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      `{ trialBalance(periodStart: "2026-01-01", periodEnd: "2026-12-31", first: 1000) {
          edges { node { number formattedNumber label debits credits } } pageInfo { hasNextPage } } }`,
    );
    expect(res.errors).toBeUndefined();
    const rows = nodesOf(res.data!.trialBalance);
    const expected = h.sim.control.trialBalance('2026-01-01', '2026-12-31');
    expect(rows).toEqual(expected.map((r) => ({ number: r.number, formattedNumber: r.formatted_number, label: r.label, debits: r.debits, credits: r.credits })));
    expect(rows.reduce((s, r) => s + cents(r.debits), 0n)).toBe(rows.reduce((s, r) => s + cents(r.credits), 0n));
    const [call] = h.sim.control.requests({ route: 'GET /trial_balance' });
    expect(call!.query).toMatchObject({ period_start: '2026-01-01', period_end: '2026-12-31', limit: '1000' });

    const page1 = await h.gql<{ trialBalance: { edges: { node: { number: string } }[]; pageInfo: { endCursor: string } } }>(
      `{ trialBalance(periodStart: "2026-01-01", periodEnd: "2026-12-31", isAuxiliary: true, first: 10) { edges { node { number } } pageInfo { endCursor } } }`,
    );
    const page2 = await h.gql<{ trialBalance: { edges: { node: { number: string } }[] } }>(
      `query($after: String) { trialBalance(periodStart: "2026-01-01", periodEnd: "2026-12-31", isAuxiliary: true, first: 10, after: $after) { edges { node { number } } } }`,
      { after: page1.data!.trialBalance.pageInfo.endCursor },
    );
    const auxiliary = h.sim.control.trialBalance('2026-01-01', '2026-12-31', true).map((r) => r.number);
    expect([...nodesOf(page1.data!.trialBalance), ...nodesOf(page2.data!.trialBalance)].map((r) => r.number)).toEqual(auxiliary.slice(0, 20));
    for (const call of h.sim.control.requests({ route: 'GET /trial_balance' }).slice(1)) {
      expect(call.query).toMatchObject({ period_start: '2026-01-01', period_end: '2026-12-31', is_auxiliary: 'true' });
    }
  });

  it('requires a valid period for the trial balance', async () => {
    const missing = await h.gql(`{ trialBalance(periodEnd: "2026-12-31") { edges { node { number } } } }`);
    expect(missing.errors?.[0]?.message).toMatch(/periodStart/);
    const reversed = await h.gql(`{ trialBalance(periodStart: "2026-12-31", periodEnd: "2026-01-01") { edges { node { number } } } }`);
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.sim.control.count()).toBe(0);
  });

  it('lists fiscal years, oldest first', async () => {
    const years = h.sim.control.snapshot('fiscal_years') as { id: number; start: string; finish: string; status: string }[];
    const res = await h.gql<{ fiscalYears: Json[] }>(`{ fiscalYears { pennylaneId start finish status } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.fiscalYears).toEqual(
      [...years].sort((a, b) => a.start.localeCompare(b.start)).map((y) => ({ pennylaneId: String(y.id), start: y.start, finish: y.finish, status: y.status.toUpperCase() })),
    );
    expect(h.sim.control.count()).toBe(1);
  });
});
