import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cents, filterParam, listAll, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
type Ref = { id: number; url?: string };
type Doc = { id: number; customer: Ref; status?: string; amount: string; currency_amount: string; currency_amount_before_tax: string; currency_tax: string; tax: string };
type Inv = { id: number; quote: Ref | null; billing_subscription: Ref | null; customer: Ref; customer_invoice_template: Ref | null; language: string; draft: boolean; invoice_number: string };
type Line = { amount: string; currency_amount: string; currency_tax: string; currency_amount_before_tax: string; section_rank: number | null };

let invoices: Inv[];
beforeAll(async () => {
  sim = await startTestSimulator();
  invoices = sim.control.snapshot('customer_invoices') as Inv[];
});
afterAll(() => sim.close());

const sortedIds = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((a, b) => a - b);
function linesSum(path: string, doc: Doc): void {
  const lines = sim.control.subList(path) as Line[];
  expect(lines.length, path).toBeGreaterThan(0);
  for (const k of ['currency_amount', 'currency_amount_before_tax', 'currency_tax'] as const) expect(lines.reduce((s, l) => s + cents(l[k]), 0n), `${path} ${k}`).toBe(cents(doc[k]));
}

describe('quotes', () => {
  it('~60 quotes in every status; lines sum to the totals; invoiced ones are referenced by their invoice', async () => {
    const quotes = sim.control.snapshot('quotes') as Array<Doc & { quote_number: string; linked_invoices: { url: string } }>;
    expect(quotes.length).toBe(60);
    expect(new Set(quotes.map((q) => q.status))).toEqual(new Set(['pending', 'accepted', 'denied', 'invoiced', 'expired']));
    for (const q of quotes) linesSum(`/quotes/${q.id}/invoice_lines`, q);
    const invoiced = quotes.filter((q) => q.status === 'invoiced');
    for (const q of invoiced) {
      const linked = await listAll<Inv & Doc>(sim, '/customer_invoices', { filter: filterParam([{ field: 'quote_id', operator: 'eq', value: q.id }]) });
      expect(linked).toHaveLength(1);
      expect(linked[0]?.customer.id).toBe(q.customer.id);
      expect(linked[0]?.amount).toBe(q.amount);
      expect(q.linked_invoices.url).toBe(`${sim.baseUrl}/quotes/${q.id}/linked_invoices`);
    }
    expect(invoices.filter((i) => i.quote !== null)).toHaveLength(invoiced.length);
    expect(quotes.every((q) => /^D-\d{4}-\d{4}$/.test(q.quote_number))).toBe(true);
  });

  it('filters status/customer_id; others refused', async () => {
    const pending = await listAll<Doc>(sim, '/quotes', { filter: filterParam([{ field: 'status', operator: 'in', value: ['pending', 'accepted'] }]) });
    expect(pending.every((q) => q.status === 'pending' || q.status === 'accepted')).toBe(true);
    const customer = pending[0]?.customer.id as number;
    const mine = await listAll<Doc>(sim, '/quotes', { filter: filterParam([{ field: 'customer_id', operator: 'eq', value: customer }]) });
    expect(mine.every((q) => q.customer.id === customer)).toBe(true);
    expect((await call(sim, '/quotes', { query: { filter: filterParam([{ field: 'status', operator: 'eq', value: 'draft' }]) } })).status).toBe(400);
    expect((await call(sim, '/quotes', { query: { filter: filterParam([{ field: 'status', operator: 'gt', value: 'pending' }]) } })).status).toBe(400);
    expect((await call(sim, '/quotes', { query: { sort: 'date' } })).status).toBe(400);
  });
});

describe('billing subscriptions and commercial documents', () => {
  it('8 subscriptions; their generated invoices carry billing_subscription (one per month, same customer)', async () => {
    const subs = sim.control.snapshot('billing_subscriptions') as Array<Doc & { start: string; finish: string | null; next_occurrence: string | null; recurring_rule: { type: string; interval: number; day_of_month: number } }>;
    expect(subs).toHaveLength(8);
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(['in_progress', 'stopped', 'finished']));
    for (const s of subs) {
      expect(s.recurring_rule).toMatchObject({ type: 'monthly', interval: 1 });
      expect(s.next_occurrence === null).toBe(s.status !== 'in_progress');
      linesSum(`/billing_subscriptions/${s.id}/invoice_lines`, s);
      const generated = await listAll<Inv & { date: string }>(sim, '/customer_invoices', { filter: filterParam([{ field: 'billing_subscription_id', operator: 'eq', value: s.id }]) });
      expect(generated.length).toBeGreaterThanOrEqual(3);
      expect(generated.every((i) => i.customer.id === s.customer.id && i.date >= s.start && (s.finish === null || i.date <= s.finish))).toBe(true);
      expect(new Set(generated.map((i) => i.date.slice(0, 7))).size).toBe(generated.length);
    }
    const inProgress = await listAll(sim, '/billing_subscriptions', { filter: filterParam([{ field: 'status', operator: 'eq', value: 'in_progress' }, { field: 'start', operator: 'gteq', value: '2025-01-01' }]) });
    expect(inProgress.length).toBe(subs.filter((s) => s.status === 'in_progress').length);
    expect((await call(sim, '/billing_subscriptions', { query: { filter: filterParam([{ field: 'label', operator: 'eq', value: 'x' }]) } })).status).toBe(400);
  });

  it('commercial documents: purchase orders, proformas, delivery notes; id filter', async () => {
    const docs = sim.control.snapshot('commercial_documents') as Array<Doc & { document_type: string }>;
    expect(new Set(docs.map((d) => d.document_type))).toEqual(new Set(['purchase_order', 'proforma', 'delivery_note']));
    for (const d of docs) linesSum(`/commercial_documents/${d.id}/invoice_lines`, d);
    expect(sortedIds(await listAll(sim, '/commercial_documents', { filter: filterParam([{ field: 'id', operator: 'gteq', value: docs[2]?.id }]) }))).toEqual(sortedIds(docs.slice(2)));
  });
});

describe('invoice sub-collections, contacts, templates, numberings', () => {
  it('sections, appendices and custom header fields exist on some documents', () => {
    const withSections = invoices.filter((i) => (sim.control.subList(`/customer_invoices/${i.id}/invoice_line_sections`) as unknown[]).length > 0);
    expect(withSections.length).toBeGreaterThan(3);
    const inv = withSections[0] as Inv;
    const sections = sim.control.subList(`/customer_invoices/${inv.id}/invoice_line_sections`) as Array<{ rank: number; title: string | null }>;
    const ranks = new Set(sections.map((s) => s.rank));
    for (const l of sim.control.invoiceLines(inv.id) as Line[]) expect(ranks.has(l.section_rank as number)).toBe(true);
    const appendices = invoices.flatMap((i) => sim.control.subList(`/customer_invoices/${i.id}/appendices`) as Array<{ url: string; filename: string }>);
    expect(appendices.length).toBeGreaterThan(3);
    expect(appendices[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__files\/appendices\/\d+\.pdf$/);
    const fields = invoices.flatMap((i) => sim.control.subList(`/customer_invoices/${i.id}/custom_header_fields`) as Array<{ name: string; value: string }>);
    expect(fields.length).toBeGreaterThan(3);
    expect(Object.keys(fields[0] as object).sort()).toEqual(['created_at', 'id', 'name', 'updated_at', 'value']);
  });

  it('contacts of a customer; a contact of another customer is 404', async () => {
    const customers = sim.control.snapshot('customers') as Ref[];
    const owners = customers.filter((c) => (sim.control.subList(`/customers/${c.id}/contacts`) as unknown[]).length > 0);
    expect(owners.length).toBeGreaterThanOrEqual(10);
    const [a, b] = owners as [Ref, Ref];
    const contact = (sim.control.subList(`/customers/${a.id}/contacts`) as Array<Record<string, unknown> & { id: number }>)[0] as { id: number };
    const res = await call(sim, `/customers/${a.id}/contacts/${contact.id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['created_at', 'email', 'first_name', 'id', 'job_title', 'last_name', 'phone', 'updated_at']);
    expect((await call(sim, `/customers/${b.id}/contacts/${contact.id}`)).status).toBe(404);
  });

  it('templates (2) are used by the invoices; numberings give the next numbers', async () => {
    const templates = (await call<Page<{ id: number; name: string }>>(sim, '/customer_invoice_templates')).body.items;
    expect(templates).toHaveLength(2);
    const templateIds = new Set(templates.map((t) => t.id));
    expect(invoices.every((i) => i.customer_invoice_template !== null && templateIds.has(i.customer_invoice_template.id))).toBe(true);
    const numberings = (await call<Page<{ document_type: string; format: string; next_number: number }>>(sim, '/numberings')).body.items;
    expect(new Set(numberings.map((n) => n.document_type))).toEqual(new Set(['invoice', 'credit_note', 'quote']));
    const invoiceNumbering = numberings.find((n) => n.document_type === 'invoice');
    const thisYear = invoices.filter((i) => i.invoice_number.startsWith('F-2026-')).length;
    expect(invoiceNumbering).toMatchObject({ format: 'F-{YYYY}-{NNNN}', next_number: thisYear + 1 });
  });
});

describe('mandates, PA registration, webhooks', () => {
  it('SEPA and GoCardless mandates with masked IBANs and every status', async () => {
    const sepa = sim.control.snapshot('sepa_mandates') as Array<{ iban: string; status: string; customer: Ref; signed_at: string }>;
    expect(sepa.length).toBeGreaterThanOrEqual(3);
    for (const m of sepa) expect(m.iban).toMatch(/^[A-Z]{2}\d{2} \*{4} \*{4} [0-9A-Z]{4}$/);
    expect(new Set(sepa.map((m) => m.status))).toEqual(new Set(['active', 'revoked', 'expired']));
    const gc = sim.control.snapshot('gocardless_mandates') as Array<{ status: string }>;
    expect(new Set(gc.map((m) => m.status))).toEqual(new Set(['pending_submission', 'submitted', 'active', 'cancelled', 'failed']));
    expect((await call(sim, '/sepa_mandates', { query: { filter: filterParam([{ field: 'id', operator: 'eq', value: 1 }]) } })).status).toBe(400);
  });

  it('PA registration and webhook subscription (never the secret)', async () => {
    expect((await call<Page>(sim, '/pa_registrations')).body.items).toEqual([expect.objectContaining({ siret: null, status: 'registered', platform_name: 'Pennylane' })]);
    const hooks = (await call<Page<Record<string, unknown>>>(sim, '/webhook_subscriptions')).body.items;
    expect(hooks).toHaveLength(1);
    expect(Object.keys(hooks[0] as object).sort()).toEqual(['callback_url', 'created_at', 'enabled', 'events', 'id', 'updated_at']);
    expect(String(hooks[0]?.['callback_url'])).toMatch(/^https:\/\//);
  });
});
