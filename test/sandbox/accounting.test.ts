import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cents, filterParam, listAll, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
type Ref = { id: number; url?: string };
type Line = {
  id: number; debit: string; credit: string; label: string; date: string; ledger_account: Ref; journal: Ref; ledger_entry: Ref;
  lettered_ledger_entry_lines: { ids: number[]; url: string };
};
type Entry = { id: number; date: string; journal: Ref; journal_id: number; piece_number: string | null; label: string | null };
type Account = { id: number; number: string; label: string; enabled: boolean; letterable: boolean };
type Journal = { id: number; code: string; type: string };
type Inv = { id: number; status: string; draft: boolean; amount: string; tax: string; currency_amount_before_tax: string; date: string; invoice_number: string; ledger_entry: Ref | null; customer: Ref };
type SupInv = { id: number; accounting_status: string; amount: string; tax: string; currency_amount_before_tax: string; date: string; paid: boolean; ledger_entry: Ref | null; supplier: Ref; payment_status: string };

let lines: Line[];
let entries: Map<number, Entry>;
let accounts: Map<number, Account>;
let journals: Map<string, Journal>;
const linesOf = new Map<number, Line[]>();
const signed = (l: Line) => cents(l.debit) - cents(l.credit);

beforeAll(async () => {
  sim = await startTestSimulator();
  lines = sim.control.snapshot('ledger_entry_lines') as Line[];
  entries = new Map((sim.control.snapshot('ledger_entries') as Entry[]).map((e) => [e.id, e]));
  accounts = new Map((sim.control.snapshot('ledger_accounts') as Account[]).map((a) => [a.id, a]));
  journals = new Map((sim.control.snapshot('journals') as Journal[]).map((j) => [j.code, j]));
  for (const l of lines) linesOf.set(l.ledger_entry.id, [...(linesOf.get(l.ledger_entry.id) ?? []), l]);
});
afterAll(() => sim.close());

const numberOf = (l: Line) => accounts.get(l.ledger_account.id)?.number ?? '';

describe('books balance', () => {
  it('every entry balances to the cent; each line has exactly one side at "0.00"', () => {
    expect(entries.size).toBeGreaterThan(1000);
    for (const [id, entry] of entries) {
      const own = linesOf.get(id) ?? [];
      expect(own.length, `entry ${id}`).toBeGreaterThanOrEqual(2);
      expect(own.reduce((s, l) => s + signed(l), 0n), `entry ${id}`).toBe(0n);
      for (const l of own) {
        expect([l.debit, l.credit]).toContain('0.00');
        expect(signed(l)).not.toBe(0n);
        expect(l.date).toBe(entry.date);
        expect(l.journal.id).toBe(entry.journal_id);
      }
    }
  });

  it('every finalized customer invoice has its VT entry: 411 debit = total, revenue + tax credits', () => {
    const invoices = sim.control.snapshot('customer_invoices') as Inv[];
    const customers = new Map((sim.control.snapshot('customers') as Array<{ id: number; ledger_account: Ref }>).map((c) => [c.id, c]));
    for (const inv of invoices) {
      if (inv.draft) {
        expect(inv.ledger_entry).toBeNull();
        continue;
      }
      const entry = entries.get(inv.ledger_entry?.id ?? 0) as Entry;
      expect(entry, inv.invoice_number).toBeDefined();
      expect(entry.journal_id).toBe(journals.get('VT')?.id);
      expect(entry.piece_number).toBe(inv.invoice_number);
      expect(entry.date).toBe(inv.date);
      const own = linesOf.get(entry.id) ?? [];
      const customerAccount = customers.get(inv.customer.id)?.ledger_account.id;
      const party = own.filter((l) => l.ledger_account.id === customerAccount);
      expect(party).toHaveLength(1);
      expect(numberOf(party[0] as Line)).toMatch(/^411/);
      expect(signed(party[0] as Line)).toBe(cents(inv.amount));
      const revenue = own.filter((l) => numberOf(l).startsWith('7'));
      expect(revenue.reduce((s, l) => s + signed(l), 0n)).toBe(-cents(inv.currency_amount_before_tax));
      const vat = own.filter((l) => numberOf(l) === '445710');
      expect(vat.reduce((s, l) => s + signed(l), 0n)).toBe(-cents(inv.tax));
      expect(party.length + revenue.length + vat.length).toBe(own.length);
    }
  });

  it('supplier invoices mirror it in HA: 401 credit = total, 6xx debits, 445660 debit; drafts have no entry', () => {
    const invoices = sim.control.snapshot('supplier_invoices') as SupInv[];
    expect(invoices.length).toBeGreaterThanOrEqual(200);
    for (const inv of invoices) {
      if (inv.accounting_status === 'draft') {
        expect(inv.ledger_entry).toBeNull();
        continue;
      }
      const entry = entries.get(inv.ledger_entry?.id ?? 0) as Entry;
      expect(entry.journal_id).toBe(journals.get('HA')?.id);
      const own = linesOf.get(entry.id) ?? [];
      const party = own.filter((l) => numberOf(l).startsWith('401'));
      expect(party).toHaveLength(1);
      expect(signed(party[0] as Line)).toBe(-cents(inv.amount));
      expect(own.filter((l) => numberOf(l).startsWith('6')).reduce((s, l) => s + signed(l), 0n)).toBe(cents(inv.currency_amount_before_tax));
      expect(own.filter((l) => numberOf(l) === '445660').reduce((s, l) => s + signed(l), 0n)).toBe(cents(inv.tax));
    }
  });

  it('lettering groups balance, list every line (self included) and pair invoices with their settlements', async () => {
    const groups = new Map<string, Line[]>();
    for (const l of lines) {
      if (l.lettered_ledger_entry_lines.ids.length === 0) continue;
      expect(l.lettered_ledger_entry_lines.ids).toContain(l.id);
      const key = l.lettered_ledger_entry_lines.ids.join(',');
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    expect(groups.size).toBeGreaterThan(200);
    for (const [key, members] of groups) {
      expect(members.map((m) => m.id).sort((a, b) => a - b).join(','), key).toBe(key);
      expect(members.reduce((s, l) => s + signed(l), 0n), key).toBe(0n);
      const prefixes = new Set(members.map((m) => numberOf(m).slice(0, 3)));
      expect(prefixes.size).toBe(1);
      expect(['401', '411']).toContain([...prefixes][0]);
    }
    const invoices = sim.control.snapshot('customer_invoices') as Inv[];
    const bank = new Set([journals.get('BQ1')?.id, journals.get('BQ2')?.id]);
    for (const inv of invoices.filter((i) => !i.draft)) {
      const party = (linesOf.get(inv.ledger_entry?.id ?? 0) ?? []).find((l) => numberOf(l).startsWith('411')) as Line;
      const group = party.lettered_ledger_entry_lines.ids;
      if (inv.status === 'upcoming' || inv.status === 'late' || inv.status === 'partially_cancelled') expect(group).toEqual([]);
      if (inv.status === 'paid') {
        const others = lines.filter((l) => group.includes(l.id) && l.id !== party.id);
        expect(others.length).toBeGreaterThan(0);
        for (const o of others) expect(bank.has(o.journal.id)).toBe(true);
      }
    }
    const sample = [...groups.values()][7]?.[0] as Line;
    const res = await call<Page<Line>>(sim, `/ledger_entry_lines/${sample.id}/lettered_ledger_entry_lines`, { query: { sort: 'id' } });
    expect(res.body.items.map((l) => l.id)).toEqual(sample.lettered_ledger_entry_lines.ids);
    const lone = lines.find((l) => l.lettered_ledger_entry_lines.ids.length === 0) as Line;
    expect((await call<Page>(sim, `/ledger_entry_lines/${lone.id}/lettered_ledger_entry_lines`)).body.items).toEqual([]);
  });
});

describe('trial balance', () => {
  type Row = { number: string; formatted_number: string; label: string; debits: string; credits: string };
  const total = (rows: Row[], k: 'debits' | 'credits') => rows.reduce((s, r) => s + cents(r[k]), 0n);

  it('debits = credits, and equal the lines of the period; auxiliaries roll up unless is_auxiliary', async () => {
    const [start, end] = ['2026-01-01', '2026-06-30'];
    const rows = await listAll<Row>(sim, '/trial_balance', { period_start: start, period_end: end }, 1000);
    expect(rows).toEqual(sim.control.trialBalance(start, end));
    expect(Object.keys(rows[0] as Row).sort()).toEqual(['credits', 'debits', 'formatted_number', 'label', 'number']);
    const inPeriod = lines.filter((l) => l.date >= start && l.date <= end);
    expect(total(rows, 'debits')).toBe(inPeriod.reduce((s, l) => s + cents(l.debit), 0n));
    expect(total(rows, 'credits')).toBe(total(rows, 'debits'));
    expect(rows.map((r) => r.number)).toEqual([...rows.map((r) => r.number)].sort());
    expect(rows.some((r) => /^41[19]\D/.test(r.number) || /^411[A-Z]/.test(r.number))).toBe(false);
    expect(rows.find((r) => r.number === '411000')).toMatchObject({ formatted_number: '41100000', label: 'Clients' });
    expect(rows.find((r) => r.number === '445710')?.formatted_number).toBe('44571000');
    const aux = await listAll<Row>(sim, '/trial_balance', { period_start: start, period_end: end, is_auxiliary: 'true' }, 1000);
    expect(aux.some((r) => /^411[A-Z]/.test(r.number))).toBe(true);
    expect(aux.some((r) => r.number === '411000')).toBe(false);
    expect(total(aux, 'debits')).toBe(total(rows, 'debits'));
    const clients = aux.filter((r) => r.number.startsWith('411'));
    expect(total(clients, 'debits')).toBe(cents(rows.find((r) => r.number === '411000')?.debits ?? '0'));
  });

  it('pages with a cursor (limit ≤ 1000) and validates its parameters', async () => {
    const q = { period_start: '2025-01-01', period_end: '2026-12-31' };
    const page = await call<Page<Row>>(sim, '/trial_balance', { query: { ...q, limit: '5' } });
    expect(page.body.items).toHaveLength(5);
    expect(page.body.has_more).toBe(true);
    const next = await call<Page<Row>>(sim, '/trial_balance', { query: { ...q, limit: '5', cursor: page.body.next_cursor as string } });
    expect((next.body.items[0]?.number ?? '') > (page.body.items[4]?.number ?? '')).toBe(true);
    expect((await call(sim, '/trial_balance', { query: { ...q, limit: '1000' } })).status).toBe(200);
    expect((await call(sim, '/trial_balance', { query: { ...q, limit: '1001' } })).body).toMatchObject({ field: 'limit', code: 'MoreThanMaximum' });
    expect((await call(sim, '/trial_balance', { query: { period_start: '2026-01-01' } })).body).toMatchObject({ field: 'period_end', code: 'NotExistRequiredKey' });
    expect((await call(sim, '/trial_balance', { query: { period_end: '2026-01-01' } })).body).toMatchObject({ field: 'period_start', code: 'NotExistRequiredKey' });
    const bad = await call(sim, '/trial_balance', { query: { ...q, period_start: '2026-13-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'period_start', code: 'InvalidDateFormat' });
    expect((await call(sim, '/trial_balance', { query: { ...q, is_auxiliary: 'yes' } })).status).toBe(400);
  });
});

describe('journals, ledger accounts, fiscal years', () => {
  it('journals: VT/HA/BQ1/BQ2/OD/AN with a type, no timestamps; type filter only', async () => {
    expect([...journals.keys()].sort()).toEqual(['AN', 'BQ1', 'BQ2', 'HA', 'OD', 'VT']);
    const j = journals.get('VT') as Journal;
    expect(j).toEqual({ id: j.id, code: 'VT', label: 'Ventes', type: 'sales' });
    const banks = await listAll<Journal>(sim, '/journals', { filter: filterParam([{ field: 'type', operator: 'eq', value: 'bank' }]) });
    expect(banks.map((b) => b.code).sort()).toEqual(['BQ1', 'BQ2']);
    const notBank = await listAll<Journal>(sim, '/journals', { filter: filterParam([{ field: 'type', operator: 'not_in', value: ['bank', 'sales'] }]) });
    expect(notBank).toHaveLength(3);
    expect((await call(sim, '/journals', { query: { filter: filterParam([{ field: 'id', operator: 'eq', value: j.id }]) } })).status).toBe(400);
    expect((await call(sim, '/journals', { query: { filter: filterParam([{ field: 'type', operator: 'eq', value: 'other' }]) } })).status).toBe(400);
  });

  it('ledger accounts: filters number/enabled/id, letterable, limit up to 1000', async () => {
    const all = await listAll<Account>(sim, '/ledger_accounts', {}, 1000);
    expect(all.length).toBe(accounts.size);
    expect((await call<Page>(sim, '/ledger_accounts', { query: { limit: '1000' } })).body.has_more).toBe(false);
    expect((await call(sim, '/ledger_accounts', { query: { limit: '1001' } })).status).toBe(400);
    const clients = await listAll<Account>(sim, '/ledger_accounts', { filter: filterParam([{ field: 'number', operator: 'start_with', value: '411' }]) });
    expect(clients.length).toBeGreaterThanOrEqual(65);
    expect(clients.every((a) => a.letterable)).toBe(true);
    const suppliers = [...accounts.values()].filter((a) => a.number.startsWith('401'));
    expect(suppliers.length).toBeGreaterThanOrEqual(41);
    expect([...accounts.values()].filter((a) => a.letterable).length).toBe(clients.length + suppliers.length);
    const disabled = await listAll<Account>(sim, '/ledger_accounts', { filter: filterParam([{ field: 'enabled', operator: 'eq', value: false }]) });
    expect(disabled.length).toBeGreaterThan(0);
    const some = await listAll<Account>(sim, '/ledger_accounts', { filter: filterParam([{ field: 'number', operator: 'in', value: ['445660', '445710', '627000'] }]) });
    expect(some.map((a) => a.number).sort()).toEqual(['445660', '445710', '627000']);
    expect((await call(sim, '/ledger_accounts', { query: { filter: filterParam([{ field: 'number', operator: 'not_eq', value: '1' }]) } })).status).toBe(400);
  });

  it('fiscal years: previous closed, current open; sortable by start', async () => {
    const asc = await listAll<{ start: string; finish: string; status: string }>(sim, '/fiscal_years', { sort: 'start' });
    expect(asc.map((f) => [f.start, f.finish, f.status])).toEqual([['2025-01-01', '2025-12-31', 'closed'], ['2026-01-01', '2026-12-31', 'open']]);
    const desc = (await call<Page<{ start: string }>>(sim, '/fiscal_years')).body.items;
    expect(desc.map((f) => f.start)).toEqual(['2026-01-01', '2025-01-01']);
    expect((await call(sim, '/fiscal_years', { query: { sort: 'finish' } })).status).toBe(400);
  });
});

describe('ledger entries and lines: filters and sorts', () => {
  it('entries: journal_id, date range; `in` on date is refused; sort date', async () => {
    const vt = journals.get('VT')?.id as number;
    const q = filterParam([{ field: 'journal_id', operator: 'eq', value: vt }, { field: 'date', operator: 'gteq', value: '2026-10-01' }, { field: 'date', operator: 'lt', value: '2026-11-01' }]);
    const got = await listAll<Entry>(sim, '/ledger_entries', { filter: q, sort: 'date' });
    const expected = [...entries.values()].filter((e) => e.journal_id === vt && e.date >= '2026-10-01' && e.date < '2026-11-01');
    expect(got.length).toBe(expected.length);
    expect(got.map((e) => e.date)).toEqual([...got.map((e) => e.date)].sort());
    const res = await call<{ field: string }>(sim, '/ledger_entries', { query: { filter: filterParam([{ field: 'date', operator: 'in', value: ['2026-01-02'] }]) } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('filter');
    expect(got[0]?.journal).toEqual({ id: vt, url: `${sim.baseUrl}/journals/${vt}` });
  });

  it('entry lines: global list filters, and per entry filtered by ledger_account_id', async () => {
    const tva = [...accounts.values()].find((a) => a.number === '445710') as Account;
    const q = filterParam([{ field: 'ledger_account_id', operator: 'eq', value: tva.id }, { field: 'date', operator: 'gteq', value: '2026-09-01' }]);
    const got = await listAll<Line>(sim, '/ledger_entry_lines', { filter: q, sort: '-date' });
    expect(got.map((l) => l.id).sort()).toEqual(lines.filter((l) => l.ledger_account.id === tva.id && l.date >= '2026-09-01').map((l) => l.id).sort());
    expect(got.map((l) => l.date)).toEqual([...got.map((l) => l.date)].sort().reverse());
    const entry = [...entries.values()].find((e) => (linesOf.get(e.id) ?? []).length >= 3) as Entry;
    const own = (linesOf.get(entry.id) ?? []).sort((a, b) => a.id - b.id);
    expect(sim.control.subList(`/ledger_entries/${entry.id}/ledger_entry_lines`)).toEqual(own);
    const first = own[0] as Line;
    const filtered = await listAll<Line>(sim, `/ledger_entries/${entry.id}/ledger_entry_lines`, { filter: filterParam([{ field: 'ledger_account_id', operator: 'eq', value: first.ledger_account.id }]) });
    expect(filtered.every((l) => l.ledger_account.id === first.ledger_account.id)).toBe(true);
    expect((await call(sim, `/ledger_entries/${entry.id}/ledger_entry_lines`, { query: { filter: filterParam([{ field: 'date', operator: 'eq', value: '2026-01-01' }]) } })).status).toBe(400);
    expect((await call(sim, '/ledger_entry_lines', { query: { filter: filterParam([{ field: 'journal_id', operator: 'start_with', value: 1 }]) } })).status).toBe(400);
  });
});
