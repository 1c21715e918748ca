import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cents, filterParam, listAll, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
type Ref = { id: number; url?: string };
type Supplier = {
  id: number; name: string; establishment_no: string | null; vat_number: string; ledger_account: Ref | null; emails: string[];
  external_reference: string; postal_address: Record<string, string>; categories: { url: string };
};
type SupInv = {
  id: number; invoice_number: string; external_reference: string; date: string; supplier: Ref; accounting_status: string; payment_status: string;
  amount: string; tax: string; currency_amount: string; currency_amount_before_tax: string; currency_tax: string; remaining_amount_with_tax: string;
  paid: boolean; reconciled: boolean; ledger_entry: Ref | null; e_invoicing: null; import_source: string; archived_at: string | null;
};
type SupLine = { amount: string; tax: string; currency_amount: string; currency_amount_before_tax: string; currency_tax: string; vat_rate: string };

let suppliers: Supplier[];
let invoices: SupInv[];
beforeAll(async () => {
  sim = await startTestSimulator();
  suppliers = sim.control.snapshot('suppliers') as Supplier[];
  invoices = sim.control.snapshot('supplier_invoices') as SupInv[];
});
afterAll(() => sim.close());

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((a, b) => a - b);

describe('suppliers', () => {
  it('~40 suppliers with SIRET (FR), VAT number and a 401 auxiliary account', () => {
    expect(suppliers.length).toBeGreaterThanOrEqual(40);
    const accounts = new Map((sim.control.snapshot('ledger_accounts') as Array<{ id: number; number: string }>).map((a) => [a.id, a.number]));
    for (const s of suppliers) {
      if (s.postal_address['country_alpha2'] === 'FR') expect(s.establishment_no).toMatch(/^\d{14}$/);
      expect(s.vat_number.length).toBeGreaterThan(8);
      expect(accounts.get(s.ledger_account?.id ?? 0)).toMatch(/^401/);
      expect(s.categories.url).toBe(`${sim.baseUrl}/suppliers/${s.id}/categories`);
    }
  });

  it('filters: name start_with, emails in, ledger_account_id eq, external_reference in; others refused', async () => {
    const s = suppliers.find((x) => x.emails.length > 0) as Supplier;
    const byName = await listAll<Supplier>(sim, '/suppliers', { filter: filterParam([{ field: 'name', operator: 'start_with', value: s.name.slice(0, 6) }]) });
    expect(ids(byName)).toEqual(ids(suppliers.filter((x) => x.name.startsWith(s.name.slice(0, 6)))));
    expect(ids(await listAll<Supplier>(sim, '/suppliers', { filter: filterParam([{ field: 'emails', operator: 'in', value: [s.emails[0]] }]) }))).toEqual([s.id]);
    expect(ids(await listAll<Supplier>(sim, '/suppliers', { filter: filterParam([{ field: 'ledger_account_id', operator: 'eq', value: s.ledger_account?.id }]) }))).toEqual([s.id]);
    const refs = suppliers.slice(0, 3);
    expect(ids(await listAll<Supplier>(sim, '/suppliers', { filter: filterParam([{ field: 'external_reference', operator: 'in', value: refs.map((r) => r.external_reference) }]) }))).toEqual(ids(refs));
    for (const bad of [{ field: 'name', operator: 'eq', value: 'x' }, { field: 'emails', operator: 'eq', value: 'a@b.fr' }, { field: 'ledger_account_id', operator: 'in', value: [1] }, { field: 'vat_number', operator: 'eq', value: 'x' }]) {
      expect((await call(sim, '/suppliers', { query: { filter: filterParam([bad]) } })).status, bad.field).toBe(400);
    }
  });
});

describe('supplier invoices', () => {
  it('~250 invoices over 18 months, lines summing exactly, every accounting and payment status', () => {
    expect(invoices.length).toBeGreaterThanOrEqual(240);
    expect(new Set(invoices.map((i) => i.accounting_status))).toEqual(new Set(['draft', 'entry', 'validation_needed', 'complete', 'archived']));
    expect(new Set(invoices.map((i) => i.payment_status))).toEqual(
      new Set(['to_be_processed', 'to_be_paid', 'partially_paid', 'payment_error', 'payment_scheduled', 'payment_in_progress', 'payment_emitted', 'payment_found', 'paid_offline', 'fully_paid']),
    );
    const dates = invoices.map((i) => i.date).sort();
    expect(dates[0] && dates[0] >= '2025-05-01').toBe(true);
    for (const inv of invoices) {
      const lines = sim.control.subList(`/supplier_invoices/${inv.id}/invoice_lines`) as SupLine[];
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(6);
      for (const k of ['amount', 'tax', 'currency_amount', 'currency_amount_before_tax', 'currency_tax'] as const) {
        expect(lines.reduce((s, l) => s + cents(l[k]), 0n), `${inv.id} ${k}`).toBe(cents(inv[k]));
      }
      expect(cents(inv.currency_amount_before_tax) + cents(inv.currency_tax)).toBe(cents(inv.currency_amount));
      const payments = sim.control.subList(`/supplier_invoices/${inv.id}/payments`) as Array<{ currency_amount: string }>;
      const paid = payments.reduce((s, p) => s + cents(p.currency_amount), 0n);
      expect(cents(inv.remaining_amount_with_tax)).toBe(cents(inv.amount) - paid);
      expect(inv.paid).toBe(['fully_paid', 'payment_found', 'paid_offline'].includes(inv.payment_status));
      if (inv.paid) expect(inv.remaining_amount_with_tax).toBe('0.00');
      expect(inv.e_invoicing).toBeNull();
      expect(inv.archived_at !== null).toBe(inv.accounting_status === 'archived');
    }
  });

  it('paid offline: no transaction, settled by an OD entry lettered with the invoice', () => {
    const offline = invoices.find((i) => i.payment_status === 'paid_offline') as SupInv;
    expect(sim.control.subList(`/supplier_invoices/${offline.id}/matched_transactions`)).toEqual([]);
    const lines = sim.control.subList(`/ledger_entries/${offline.ledger_entry?.id}/ledger_entry_lines`) as Array<{ id: number; credit: string; lettered_ledger_entry_lines: { ids: number[] } }>;
    const party = lines.find((l) => l.credit !== '0.00' && l.lettered_ledger_entry_lines.ids.length > 0);
    expect(party?.lettered_ledger_entry_lines.ids.length).toBe(2);
  });

  it('filters: supplier_id in, date range, invoice_number eq, category_id in; sort by date', async () => {
    const supplier = invoices[10]?.supplier.id as number;
    const got = await listAll<SupInv>(sim, '/supplier_invoices', { filter: filterParam([{ field: 'supplier_id', operator: 'in', value: [supplier] }, { field: 'date', operator: 'gteq', value: '2026-01-01' }]), sort: 'date' });
    expect(ids(got)).toEqual(ids(invoices.filter((i) => i.supplier.id === supplier && i.date >= '2026-01-01')));
    expect(got.map((i) => i.date)).toEqual([...got.map((i) => i.date)].sort());
    const one = invoices[42] as SupInv;
    expect(ids(await listAll<SupInv>(sim, '/supplier_invoices', { filter: filterParam([{ field: 'invoice_number', operator: 'eq', value: one.invoice_number }]) }))).toEqual([one.id]);
    expect(ids(await listAll<SupInv>(sim, '/supplier_invoices', { filter: filterParam([{ field: 'external_reference', operator: 'not_in', value: [one.external_reference] }]) }))).toHaveLength(invoices.length - 1);
    const category = (sim.control.snapshot('categories') as Array<{ id: number }>)[0]?.id as number;
    const withCategory = await listAll<SupInv>(sim, '/supplier_invoices', { filter: filterParam([{ field: 'category_id', operator: 'in', value: [category] }]) });
    for (const inv of withCategory) expect((sim.control.subList(`/supplier_invoices/${inv.id}/categories`) as Ref[]).map((c) => c.id)).toContain(category);
    expect((await call(sim, '/supplier_invoices', { query: { filter: filterParam([{ field: 'category_id', operator: 'eq', value: category }]) } })).status).toBe(400);
    expect((await call(sim, '/supplier_invoices', { query: { sort: 'amount' } })).status).toBe(400);
    expect((await listAll(sim, '/supplier_invoices', { filter: filterParam([{ field: 'flow_id', operator: 'eq', value: 'x' }]) }))).toEqual([]);
  });
});

describe('purchase requests and file attachments', () => {
  it('purchase requests: statuses, reviewer, filters', async () => {
    const requests = sim.control.snapshot('purchase_requests') as Array<{ id: number; status: string; user: Ref; reviewed_by: Ref | null; supplier: Ref | null }>;
    expect(requests.length).toBe(20);
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['pending', 'approved', 'rejected']));
    for (const r of requests) expect(r.reviewed_by === null).toBe(r.status === 'pending');
    const user = requests[0]?.user.id as number;
    expect(ids(await listAll(sim, '/purchase_requests', { filter: filterParam([{ field: 'user_id', operator: 'eq', value: user }]) }))).toEqual(ids(requests.filter((r) => r.user.id === user)));
    const withSupplier = requests.filter((r) => r.supplier !== null);
    const sup = withSupplier[0]?.supplier?.id as number;
    expect(ids(await listAll(sim, '/purchase_requests', { filter: filterParam([{ field: 'supplier_id', operator: 'in', value: [sup] }]) }))).toEqual(ids(requests.filter((r) => r.supplier?.id === sup)));
    expect((await call(sim, '/purchase_requests', { query: { filter: filterParam([{ field: 'user_id', operator: 'gt', value: 1 }]) } })).status).toBe(400);
  });

  it('file attachments: one PDF per supplier invoice, served', async () => {
    const files = await listAll<{ id: number; url: string; filename: string }>(sim, '/file_attachments');
    expect(files.length).toBe(invoices.length);
    const res = await fetch((files[0] as { url: string }).url);
    expect(res.status).toBe(200);
    expect((await res.text()).startsWith('%PDF')).toBe(true);
    expect((await call<Page>(sim, '/file_attachments', { query: { filter: filterParam([{ field: 'id', operator: 'eq', value: 1 }]) } })).status).toBe(400);
  });
});
