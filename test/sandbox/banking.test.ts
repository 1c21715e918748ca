import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cents, filterParam, listAll, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
type Ref = { id: number; url?: string };
type Cat = { id: number; label: string; weight: string; category_group: Ref; analytical_code: string | null; direction: string | null };
type Tx = {
  id: number; label: string; date: string; amount: string; currency_amount: string; outstanding_balance: string | null; journal: Ref;
  bank_account: Ref; categories: Cat[]; matched_invoices: { url: string }; customer: Ref | null; supplier: Ref | null; attachment_required: boolean;
};
type Matched = { id: number; type: 'customer' | 'supplier'; url: string };
type Account = { id: number; name: string; balance: string; ledger_account: Ref; journal: Ref; bank_establishment: Ref; currency: string };
type Line = { debit: string; credit: string; ledger_account: Ref };

let txs: Tx[];
beforeAll(async () => {
  sim = await startTestSimulator();
  txs = sim.control.snapshot('transactions') as Tx[];
});
afterAll(() => sim.close());

/** Sum of category weights per group, in thousandths. */
function weightsPerGroup(cats: readonly Cat[]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const c of cats) {
    const [int, frac = ''] = c.weight.split('.');
    out.set(c.category_group.id, (out.get(c.category_group.id) ?? 0n) + BigInt(int ?? '0') * 1000n + BigInt(frac.padEnd(3, '0').slice(0, 3)));
  }
  return out;
}

describe('bank accounts', () => {
  it('two EUR accounts with establishment, journal and 512 account; balance = Σ of their 512 lines', async () => {
    const accounts = (await call<Page<Account>>(sim, '/bank_accounts')).body.items;
    expect(accounts).toHaveLength(2);
    const lines = sim.control.snapshot('ledger_entry_lines') as Line[];
    const establishments = new Set((sim.control.snapshot('bank_establishments') as Ref[]).map((e) => e.id));
    for (const a of accounts) {
      expect(a.currency).toBe('EUR');
      expect(establishments.has(a.bank_establishment.id)).toBe(true);
      const ledger = lines.filter((l) => l.ledger_account.id === a.ledger_account.id);
      expect(ledger.reduce((s, l) => s + cents(l.debit) - cents(l.credit), 0n), a.name).toBe(cents(a.balance));
      expect(cents(a.balance) > 0n).toBe(true);
    }
    expect((await call(sim, '/bank_accounts', { query: { filter: filterParam([{ field: 'id', operator: 'eq', value: 1 }]) } })).status).toBe(400);
  });

  it('bank establishments: filter id (all operators)', async () => {
    const all = sim.control.snapshot('bank_establishments') as Array<{ id: number; name: string }>;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const pick = all.slice(0, 2).map((e) => e.id);
    const got = await listAll<{ id: number }>(sim, '/bank_establishments', { filter: filterParam([{ field: 'id', operator: 'in', value: pick }]) });
    expect(got.map((e) => e.id).sort()).toEqual([...pick].sort());
    const gt = await listAll<{ id: number }>(sim, '/bank_establishments', { filter: filterParam([{ field: 'id', operator: 'gt', value: pick[0] }]) });
    expect(gt.length).toBe(all.length - 1);
  });
});

describe('transactions', () => {
  it('receipts and payments match invoices for the same amounts; outstanding 0.00 when matched', () => {
    expect(txs.length).toBeGreaterThan(400);
    let matchedCount = 0;
    for (const t of txs) {
      const matched = sim.control.subList(`/transactions/${t.id}/matched_invoices`) as Matched[];
      expect(t.amount).toBe(t.currency_amount);
      if (matched.length === 0) {
        expect(t.outstanding_balance).toBe(t.amount);
        continue;
      }
      matchedCount++;
      expect(t.outstanding_balance).toBe('0.00');
      const m = matched[0] as Matched;
      expect(m.url).toBe(`${sim.baseUrl}/${m.type}_invoices/${m.id}`);
      if (m.type === 'customer') {
        expect(cents(t.amount) > 0n).toBe(true);
        expect(t.customer).not.toBeNull();
        const payments = sim.control.payments(m.id) as Array<{ currency_amount: string }>;
        expect(payments.map((p) => cents(p.currency_amount))).toContain(cents(t.amount));
      } else {
        expect(cents(t.amount) < 0n).toBe(true);
        expect(t.supplier).not.toBeNull();
        const payments = sim.control.subList(`/supplier_invoices/${m.id}/payments`) as Array<{ currency_amount: string }>;
        expect(payments.map((p) => -cents(p.currency_amount))).toContain(cents(t.amount));
      }
    }
    expect(matchedCount).toBeGreaterThan(300);
    const unmatched = txs.filter((t) => t.outstanding_balance !== '0.00');
    expect(unmatched.some((t) => t.label.startsWith('FRAIS'))).toBe(true);
    expect(unmatched.some((t) => t.label.startsWith('VIR INTERNE'))).toBe(true);
  });

  it('a paid customer invoice has matched transactions summing to its total (and so does a fully paid supplier invoice)', async () => {
    const invoices = sim.control.snapshot('customer_invoices') as Array<{ id: number; status: string; amount: string; draft: boolean }>;
    const paid = invoices.filter((i) => i.status === 'paid');
    expect(paid.length).toBeGreaterThan(100);
    for (const inv of paid) {
      const matched = sim.control.subList(`/customer_invoices/${inv.id}/matched_transactions`) as Tx[];
      expect(matched.reduce((s, t) => s + cents(t.amount), 0n), String(inv.id)).toBe(cents(inv.amount));
    }
    const draft = invoices.find((i) => i.draft) as { id: number };
    expect((await call<Page>(sim, `/customer_invoices/${draft.id}/matched_transactions`)).body.items).toEqual([]);
    const sup = sim.control.snapshot('supplier_invoices') as Array<{ id: number; payment_status: string; amount: string; paid: boolean; remaining_amount_with_tax: string }>;
    for (const inv of sup.filter((i) => i.payment_status === 'fully_paid' || i.payment_status === 'payment_found')) {
      const matched = sim.control.subList(`/supplier_invoices/${inv.id}/matched_transactions`) as Tx[];
      expect(matched.reduce((s, t) => s - cents(t.amount), 0n)).toBe(cents(inv.amount));
      expect(inv.paid).toBe(true);
      expect(inv.remaining_amount_with_tax).toBe('0.00');
    }
  });

  it('each transaction has its entry in its bank journal (512 against 411/401/627/580/768)', () => {
    const entries = new Map((sim.control.snapshot('ledger_entries') as Array<{ id: number; journal_id: number; label: string; date: string }>).map((e) => [e.id, e]));
    const byLabel = new Map<string, number>();
    for (const e of entries.values()) byLabel.set(`${e.journal_id}|${e.date}|${e.label}`, (byLabel.get(`${e.journal_id}|${e.date}|${e.label}`) ?? 0) + 1);
    for (const t of txs) expect(byLabel.has(`${t.journal.id}|${t.date}|${t.label}`), t.label).toBe(true);
  });

  it('filters: id/bank_account_id/journal_id eq|in, date ranges; `lt` on id is refused', async () => {
    const main = txs[0]?.bank_account.id as number;
    const q = filterParam([{ field: 'bank_account_id', operator: 'eq', value: main }, { field: 'date', operator: 'gteq', value: '2026-06-01' }, { field: 'date', operator: 'lt', value: '2026-07-01' }]);
    const got = await listAll<Tx>(sim, '/transactions', { filter: q });
    expect(got.map((t) => t.id).sort()).toEqual(txs.filter((t) => t.bank_account.id === main && t.date >= '2026-06-01' && t.date < '2026-07-01').map((t) => t.id).sort());
    const ids = txs.slice(0, 3).map((t) => t.id);
    expect((await listAll<Tx>(sim, '/transactions', { filter: filterParam([{ field: 'id', operator: 'in', value: ids }]) })).length).toBe(3);
    const journal = txs[0]?.journal.id as number;
    expect((await listAll<Tx>(sim, '/transactions', { filter: filterParam([{ field: 'journal_id', operator: 'not_eq', value: journal }]) })).every((t) => t.journal.id !== journal)).toBe(true);
    for (const bad of [{ field: 'id', operator: 'lt', value: 1 }, { field: 'date', operator: 'in', value: ['2026-01-01'] }, { field: 'amount', operator: 'eq', value: '1' }]) {
      expect((await call(sim, '/transactions', { query: { filter: filterParam([bad]) } })).status, bad.field).toBe(400);
    }
  });

  it('inline categories (attached form) sum to 1 per group and equal GET …/categories', async () => {
    const categorized = txs.filter((t) => t.categories.length > 0);
    expect(categorized.length).toBeGreaterThan(20);
    for (const t of categorized) {
      for (const [, sum] of weightsPerGroup(t.categories)) expect(sum).toBe(1000n);
      for (const c of t.categories) expect(Object.keys(c).sort()).toEqual(['analytical_code', 'category_group', 'created_at', 'direction', 'id', 'label', 'updated_at', 'weight']);
    }
    const one = categorized[0] as Tx;
    expect(sim.control.subList(`/transactions/${one.id}/categories`)).toEqual(one.categories);
  });
});

describe('analytics', () => {
  it('3 groups; categories filters; attached categories everywhere sum to 1 per group', async () => {
    const groups = sim.control.snapshot('category_groups') as Array<{ id: number; label: string; categories: { url: string } }>;
    expect(groups.map((g) => g.label).sort()).toEqual(['Canal', 'Département', 'Projet']);
    const canal = groups.find((g) => g.label === 'Canal') as { id: number; categories: { url: string } };
    expect(canal.categories.url).toBe(`${sim.baseUrl}/category_groups/${canal.id}/categories`);
    const inCanal = sim.control.subList(`/category_groups/${canal.id}/categories`) as Array<{ direction: string | null }>;
    expect(inCanal.length).toBe(3);
    expect(inCanal.every((c) => c.direction === 'cash_in')).toBe(true);
    const byGroup = await listAll<{ id: number }>(sim, '/categories', { filter: filterParam([{ field: 'category_group_id', operator: 'eq', value: canal.id }]) });
    expect(byGroup.length).toBe(3);
    expect((await listAll(sim, '/categories', { filter: filterParam([{ field: 'label', operator: 'start_with', value: 'Projet' }]) })).length).toBe(4);
    expect((await listAll(sim, '/categories', { filter: filterParam([{ field: 'analytical_code', operator: 'in', value: ['DEP-VTE', 'DEP-MKT'] }]) })).length).toBe(2);
    expect((await call(sim, '/categories', { query: { filter: filterParam([{ field: 'label', operator: 'not_eq', value: 'x' }]) } })).status).toBe(400);
    expect((await call(sim, '/category_groups', { query: { filter: filterParam([{ field: 'id', operator: 'eq', value: canal.id }]) } })).status).toBe(400);
    const parents: Array<[string, string]> = [['customers', 'customers'], ['suppliers', 'suppliers'], ['customer_invoices', 'customer_invoices'], ['supplier_invoices', 'supplier_invoices']];
    for (const [resource, path] of parents) {
      let found = 0;
      for (const row of sim.control.snapshot(resource) as Ref[]) {
        const cats = sim.control.subList(`/${path}/${row.id}/categories`) as Cat[];
        if (cats.length === 0) continue;
        found++;
        for (const [, sum] of weightsPerGroup(cats)) expect(sum, `${resource} ${row.id}`).toBe(1000n);
      }
      expect(found, resource).toBeGreaterThan(5);
    }
    const lines = sim.control.snapshot('ledger_entry_lines') as Array<{ id: number }>;
    const withCats = lines.filter((l) => l.id % 3 === 0).map((l) => sim.control.subList(`/ledger_entry_lines/${l.id}/categories`) as Cat[]).filter((c) => c.length > 0);
    expect(withCats.length).toBeGreaterThan(20);
    for (const cats of withCats) for (const [, sum] of weightsPerGroup(cats)) expect(sum).toBe(1000n);
  });
});
