import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Account = { id: number; number: string; enabled: boolean };
type Journal = { id: number; code: string };
type Entry = Json & { id: number; ledger_entry_lines: Array<{ id: number; debit: string; credit: string; ledger_account_id: number; label: string }> };
type EntryLine = { id: number; debit: string; credit: string; ledger_account: { id: number }; lettered_ledger_entry_lines: { ids: number[] } };

const account = (number: string) => (sim.control.snapshot('ledger_accounts') as Account[]).find((a) => a.number === number) as Account;
const journal = (code: string) => (sim.control.snapshot('journals') as Journal[]).find((j) => j.code === code) as Journal;
const line = (number: string, debit: string, credit: string, label = 'Ligne') => ({ ledger_account_id: account(number).id, debit, credit, label });

async function post(lines: unknown[], patch: Json = {}) {
  return call<Entry>(sim, '/ledger_entries', { method: 'POST', body: { date: '2026-11-05', label: 'Écriture manuelle', journal_id: journal('OD').id, ledger_entry_lines: lines, ...patch } });
}

describe('journals and ledger accounts', () => {
  it('POST /journals: 2–5 letters (422), label required (400), duplicate code → 409', async () => {
    const res = await call<Json>(sim, '/journals', { method: 'POST', body: { code: 'ca', label: 'Caisse' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'CA', label: 'Caisse', id: expect.any(Number) });
    expect((await call(sim, '/journals', { method: 'POST', body: { code: 'CA', label: 'Encore' } })).status).toBe(409);
    for (const code of ['A', 'ABCDEF', 'B1', 'É1']) expect((await call(sim, '/journals', { method: 'POST', body: { code, label: 'x' } })).status, code).toBe(422);
    expect((await call(sim, '/journals', { method: 'POST', body: { code: 'XY' } })).body).toMatchObject({ field: 'label', code: 'NotExistRequiredKey' });
  });

  it('POST /ledger_accounts: PCG numbers, auxiliaries with letters, 409 duplicates; 401… creates a supplier, 411… a customer', async () => {
    const general = await call<Account>(sim, '/ledger_accounts', { method: 'POST', body: { number: '622700', label: 'Frais d\'actes', vat_rate: 'FR_200' } });
    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({ number: '622700', enabled: true, vat_rate: 'FR_200', country_alpha2: 'any' });
    for (const number of ['822000', '06', 'ABC', '512-000', '706000X']) {
      expect((await call(sim, '/ledger_accounts', { method: 'POST', body: { number, label: 'x' } })).status, number).toBe(422);
    }
    expect((await call(sim, '/ledger_accounts', { method: 'POST', body: { number: '622700', label: 'dup' } })).status).toBe(409);
    const suppliers = sim.control.snapshot('suppliers').length;
    const aux = await call<Account>(sim, '/ledger_accounts', { method: 'POST', body: { number: '401LUMIN', label: 'Lumin SARL', country_alpha2: 'FR' } });
    expect(aux.status).toBe(201);
    const created = (sim.control.snapshot('suppliers') as Array<{ name: string; ledger_account: { id: number } }>);
    expect(created).toHaveLength(suppliers + 1);
    expect(created.at(-1)).toMatchObject({ name: 'Lumin SARL', ledger_account: { id: aux.body.id } });
    expect(sim.control.changes('suppliers').at(-1)).toMatchObject({ operation: 'insert' });
    const cust = await call<Account>(sim, '/ledger_accounts', { method: 'POST', body: { number: '411acme', label: 'Acme' } });
    expect(cust.body.number).toBe('411ACME');
    expect((sim.control.snapshot('customers') as Array<{ name: string; customer_type: string; ledger_account: { id: number } }>).at(-1)).toMatchObject({ name: 'Acme', customer_type: 'company', ledger_account: { id: cust.body.id } });
  });

  it('PUT /ledger_accounts/{id}: label, vat_rate, country, enabled; number is not updatable (400)', async () => {
    const a = account('606400');
    const res = await call<Account>(sim, `/ledger_accounts/${a.id}`, { method: 'PUT', body: { label: 'Fournitures', enabled: false, country_alpha2: 'FR' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ label: 'Fournitures', enabled: false, country_alpha2: 'FR', number: '606400' });
    expect((await call(sim, `/ledger_accounts/${a.id}`, { method: 'PUT', body: { number: '606401' } })).body).toMatchObject({ code: 'NotExistPropertyDefinition' });
  });
});

describe('ledger entries', () => {
  it('POST → 201 with its lines inline; Σ debit = Σ credit exactly, else 422 "Entry lines are not balanced"', async () => {
    const res = await post([line('606400', '100.00', '0.00'), line('445660', '20.00', '0.00'), line('512000', '0.00', '120.00')]);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ label: 'Écriture manuelle', date: '2026-11-05', journal_id: journal('OD').id, ledger_attachment_id: null });
    expect(res.body.ledger_entry_lines.map((l) => [l.debit, l.credit])).toEqual([['100.00', '0.00'], ['20.00', '0.00'], ['0.00', '120.00']]);
    expect(sim.control.subList(`/ledger_entries/${res.body.id}/ledger_entry_lines`)).toHaveLength(3);
    expect(sim.control.changes('ledger_entry_lines').slice(-3).map((e) => e.operation)).toEqual(['insert', 'insert', 'insert']);
    const unbalanced = await post([line('606400', '100.00', '0.00'), line('512000', '0.00', '99.99')]);
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.body).toEqual({ error: 'Entry lines are not balanced', status: 422 });
  });

  it.each([
    ['a line with both debit and credit', () => [line('606400', '10.00', '10.00'), line('512000', '0.00', '0.00')], 422],
    ['an unknown account', () => [{ ledger_account_id: 1, debit: '1.00', credit: '0.00', label: 'x' }, line('512000', '0.00', '1.00')], 422],
    ['a disabled account', () => [line('606300', '1.00', '0.00'), line('512000', '0.00', '1.00')], 422],
    ['a JSON number amount', () => [{ ...line('606400', '1.00', '0.00'), debit: 1 }, line('512000', '0.00', '1.00')], 400],
    ['more than 1000 lines', () => Array.from({ length: 1001 }, (_, i) => line('606400', i === 0 ? '0.00' : '1.00', i === 0 ? '1000.00' : '0.00')), 400],
  ])('refuses %s', async (_name, make, status) => {
    const lines = make();
    const res = await post(lines);
    expect(res.status).toBe(status);
    if (status === 400 && lines.length > 1000) expect(res.body).toMatchObject({ code: 'MoreThanMaxItems', field: 'ledger_entry_lines' });
  });

  it('422 on an unknown journal and in a closed fiscal year; date-time dates are accepted', async () => {
    expect((await post([line('606400', '1.00', '0.00'), line('512000', '0.00', '1.00')], { journal_id: 1 })).status).toBe(422);
    expect((await post([line('606400', '1.00', '0.00'), line('512000', '0.00', '1.00')], { date: '2025-03-01' })).status).toBe(422);
    const dt = await post([line('606400', '1.00', '0.00'), line('512000', '0.00', '1.00')], { date: '2026-11-05T10:00:00Z' });
    expect(dt.status).toBe(201);
    expect(dt.body['date']).toBe('2026-11-05');
  });

  it('PUT: create/update/delete line operations, must stay balanced; generated entries are refused', async () => {
    const created = (await post([line('606400', '100.00', '0.00'), line('512000', '0.00', '100.00')])).body;
    const [expense, bank] = created.ledger_entry_lines;
    const res = await call<Entry>(sim, `/ledger_entries/${created.id}`, {
      method: 'PUT',
      body: {
        label: 'Corrigée', date: '2026-11-06',
        ledger_entry_lines: { update: [{ id: expense?.id, debit: '80.00' }], create: [line('445660', '16.00', '0.00')], delete: [{ id: bank?.id }] },
      },
    });
    expect(res.status).toBe(422);
    const ok = await call<Entry>(sim, `/ledger_entries/${created.id}`, {
      method: 'PUT',
      body: { label: 'Corrigée', date: '2026-11-06', ledger_entry_lines: { update: [{ id: expense?.id, debit: '80.00' }, { id: bank?.id, credit: '96.00' }], create: [line('445660', '16.00', '0.00')] } },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ label: 'Corrigée', date: '2026-11-06' });
    expect(ok.body.ledger_entry_lines.map((l) => [l.debit, l.credit])).toEqual([['80.00', '0.00'], ['0.00', '96.00'], ['16.00', '0.00']]);
    const lines = sim.control.subList(`/ledger_entries/${created.id}/ledger_entry_lines`) as Array<{ date: string }>;
    expect(lines.every((l) => l.date === '2026-11-06')).toBe(true);
    const del = await call<Entry>(sim, `/ledger_entries/${created.id}`, { method: 'PUT', body: { ledger_entry_lines: { delete: [{ id: 1 }] } } });
    expect(del.status).toBe(422);
    const invoice = (sim.control.snapshot('customer_invoices') as Array<{ ledger_entry: { id: number } | null }>).find((i) => i.ledger_entry)?.ledger_entry?.id;
    const generated = await call<{ error: string }>(sim, `/ledger_entries/${invoice}`, { method: 'PUT', body: { label: 'x' } });
    expect(generated.status).toBe(422);
    expect(generated.body.error).toMatch(/customer invoice/);
  });
});

describe('lettering', () => {
  async function pair(amount: string): Promise<[number, number]> {
    const a = (await post([line('411000', amount, '0.00'), line('706000', '0.00', amount)])).body.ledger_entry_lines[0]?.id as number;
    const b = (await post([line('512000', amount, '0.00'), line('411000', '0.00', amount)])).body.ledger_entry_lines[1]?.id as number;
    return [a, b];
  }
  const lettered = async (id: number) => (await call<EntryLine>(sim, `/ledger_entry_lines/${id}`)).body.lettered_ledger_entry_lines.ids;

  it('letters, merges transitively, refuses unbalanced groups with "none", accepts them with "partial"; DELETE unletters', async () => {
    const [a, b] = await pair('100.00');
    const [c] = await pair('40.00');
    const none = await call<Json>(sim, '/ledger_entry_lines/lettering', { method: 'POST', body: { unbalanced_lettering_strategy: 'none', ledger_entry_lines: [{ id: a }, { id: c }] } });
    expect(none.status).toBe(422);
    const ab = await call<Array<{ id: number }>>(sim, '/ledger_entry_lines/lettering', { method: 'POST', body: { unbalanced_lettering_strategy: 'none', ledger_entry_lines: [{ id: a }, { id: b }] } });
    expect(ab.status).toBe(200);
    expect(ab.body).toEqual([{ id: a }, { id: b }].sort((x, y) => x.id - y.id));
    expect(await lettered(a)).toEqual([a, b].sort((x, y) => x - y));
    const merged = await call<Array<{ id: number }>>(sim, '/ledger_entry_lines/lettering', { method: 'POST', body: { unbalanced_lettering_strategy: 'partial', ledger_entry_lines: [{ id: a }, { id: c }] } });
    expect(merged.status).toBe(200);
    expect(merged.body.map((x) => x.id)).toEqual([a, b, c].sort((x, y) => x - y));
    expect(await lettered(b)).toEqual([a, b, c].sort((x, y) => x - y));
    expect(sim.control.changes('ledger_entry_lines').filter((e) => e.id === c && e.operation === 'update')).toHaveLength(1);
    expect((await call(sim, '/ledger_entry_lines/lettering', { method: 'DELETE', body: { ledger_entry_lines: [{ id: c }] } })).status).toBe(204);
    for (const id of [a, b, c]) expect(await lettered(id)).toEqual([]);
  });

  it('400 with fewer than 2 lines; 422 on non-letterable accounts or different accounts', async () => {
    const [a] = await pair('10.00');
    expect((await call<Json>(sim, '/ledger_entry_lines/lettering', { method: 'POST', body: { unbalanced_lettering_strategy: 'none', ledger_entry_lines: [{ id: a }] } })).body).toMatchObject({ code: 'LessThanMinItems' });
    const bankLine = (await post([line('512000', '5.00', '0.00'), line('706000', '0.00', '5.00')])).body.ledger_entry_lines;
    expect((await call(sim, '/ledger_entry_lines/lettering', { method: 'POST', body: { unbalanced_lettering_strategy: 'partial', ledger_entry_lines: bankLine.map((l) => ({ id: l.id })) } })).status).toBe(422);
    const supplierLine = (await post([line('401000', '10.00', '0.00'), line('512000', '0.00', '10.00')])).body.ledger_entry_lines[0]?.id;
    expect((await call(sim, '/ledger_entry_lines/lettering', { method: 'POST', body: { unbalanced_lettering_strategy: 'partial', ledger_entry_lines: [{ id: a }, { id: supplierLine }] } })).status).toBe(422);
  });
});

describe('analytics writes', () => {
  it('categories and groups: POST/PUT, 409 duplicate labels, 422 unknown group', async () => {
    const group = await call<Json & { id: number }>(sim, '/category_groups', { method: 'POST', body: { label: 'Région' } });
    expect(group.status).toBe(201);
    expect((await call(sim, '/category_groups', { method: 'POST', body: { label: 'Région' } })).status).toBe(409);
    const cat = await call<Json & { id: number }>(sim, '/categories', { method: 'POST', body: { label: 'Nord', category_group_id: group.body.id, analytical_code: 'REG-N' } });
    expect(cat.status).toBe(201);
    expect(cat.body).toMatchObject({ label: 'Nord', category_group: { id: group.body.id }, analytical_code: 'REG-N', direction: null });
    expect((await call(sim, '/categories', { method: 'POST', body: { label: 'Sud', category_group_id: 1 } })).status).toBe(422);
    const put = await call<Json>(sim, `/categories/${cat.body.id}`, { method: 'PUT', body: { label: 'Nord-Est', analytical_code: null } });
    expect(put.body).toMatchObject({ label: 'Nord-Est', analytical_code: null });
    expect((await call<Json>(sim, `/category_groups/${group.body.id}`, { method: 'PUT', body: { label: 'Régions' } })).body).toMatchObject({ label: 'Régions' });
    expect(sim.control.subList(`/category_groups/${group.body.id}/categories`)).toHaveLength(1);
  });

  it('PUT /ledger_entry_lines/{id}/categories → {ledger_entry_line, categories}; a change event in ledger_entry_lines_categories', async () => {
    const id = (await post([line('606400', '10.00', '0.00', 'Papeterie'), line('512000', '0.00', '10.00')])).body.ledger_entry_lines[0]?.id as number;
    const [cat] = sim.control.snapshot('categories') as Array<{ id: number }>;
    const res = await call<Json>(sim, `/ledger_entry_lines/${id}/categories`, { method: 'PUT', body: [{ id: cat?.id, weight: '1' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ledger_entry_line: { id, label: 'Papeterie' }, categories: [{ id: cat?.id, weight: '1' }] });
    expect(sim.control.changes('ledger_entry_lines_categories').at(-1)).toMatchObject({ id, operation: 'update' });
  });
});
