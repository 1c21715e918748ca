import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, cents, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Quote = Json & { id: number; quote_number: string; status: string; amount: string; public_file_url: string | null; updated_at: string };
type Invoice = Json & { id: number; status: string; amount: string; quote: { id: number } | null; draft: boolean; invoice_number: string };
type Subscription = Json & { id: number; status: string; next_occurrence: string | null; currency_amount: string };

const customer = () => (sim.control.snapshot('customers') as Array<{ id: number; emails: string[] }>).find((c) => c.emails.length > 0) as { id: number; emails: string[] };
const free = (label: string, price: string, quantity = '1') => ({ label, raw_currency_unit_price: price, unit: 'jour', vat_rate: 'FR_200', quantity });

async function createQuote(patch: Json = {}): Promise<Quote> {
  const res = await call<Quote>(sim, '/quotes', {
    method: 'POST',
    body: { customer_id: customer().id, date: '2026-11-12', deadline: '2026-12-12', invoice_lines: [free('Atelier', '800.00', '2')], invoice_line_sections: [{ title: 'Phase 1', rank: 1 }], ...patch },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('quotes', () => {
  it('POST → 201 pending, D-YYYY-NNNN, exact amounts, an insert event; PUT edits; update_status', async () => {
    const q = await createQuote({ label: 'Devis formation' });
    expect(q).toMatchObject({ status: 'pending', amount: '1920.00', label: 'Devis formation' });
    expect(q.quote_number).toMatch(/^D-2026-\d{4}$/);
    expect(sim.control.changes('quotes').at(-1)).toMatchObject({ id: q.id, operation: 'insert' });
    const edited = await call<Quote>(sim, `/quotes/${q.id}`, { method: 'PUT', body: { invoice_lines: [free('Atelier', '800.00', '3')], special_mention: 'Valable 30 jours' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ amount: '2880.00', special_mention: 'Valable 30 jours', quote_number: q.quote_number });
    expect(sim.control.subList(`/quotes/${q.id}/invoice_lines`)).toHaveLength(1);
    const accepted = await call<Quote>(sim, `/quotes/${q.id}/update_status`, { method: 'PUT', body: { status: 'accepted' } });
    expect(accepted.body.status).toBe('accepted');
    expect((await call<Json>(sim, `/quotes/${q.id}/update_status`, { method: 'PUT', body: { status: 'signed' } })).body).toMatchObject({ code: 'NotEnumInclude' });
    expect((await call(sim, `/quotes/${q.id}/update_status`, { method: 'PUT', body: { status: 'invoiced' } })).status).toBe(422);
    expect((await call<Json>(sim, '/quotes', { method: 'POST', body: { customer_id: customer().id, date: '2026-11-12', invoice_lines: [free('A', '1.00')] } })).body).toMatchObject({ field: 'deadline', code: 'NotExistRequiredKey' });
  });

  it('send_by_email: 409 until its PDF is ready (after creation or an edit), then 204', async () => {
    sim.control.setPdfDelay(60_000);
    const q = await createQuote();
    expect(q.public_file_url).toBeNull();
    expect((await call(sim, `/quotes/${q.id}/send_by_email`, { method: 'POST' })).body).toEqual({ error: 'The PDF of this quote is not ready yet', status: 409 });
    sim.control.advanceClock(60_000);
    expect((await call(sim, `/quotes/${q.id}/send_by_email`, { method: 'POST' })).status).toBe(204);
    expect(sim.control.sentEmails()).toMatchObject([{ resource: 'quotes', id: q.id, recipients: customer().emails }]);
    await call(sim, `/quotes/${q.id}`, { method: 'PUT', body: { label: 'v2' } });
    expect((await call(sim, `/quotes/${q.id}/send_by_email`, { method: 'POST' })).status).toBe(409);
  });

  it('create_from_quote: inherits customer and lines, quote becomes invoiced, invoice carries quote {id}', async () => {
    const q = await createQuote();
    const res = await call<Invoice>(sim, '/customer_invoices/create_from_quote', { method: 'POST', body: { quote_id: q.id, draft: false, external_reference: 'FROM-Q' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ quote: { id: q.id }, amount: q.amount, customer: { id: customer().id }, draft: false, status: 'upcoming', external_reference: 'FROM-Q', date: '2026-11-16' });
    expect(res.body.invoice_number).toMatch(/^F-2026-/);
    const lines = sim.control.invoiceLines(res.body.id) as Array<{ amount: string; section_rank: number | null }>;
    expect(lines.reduce((s, l) => s + cents(l.amount), 0n)).toBe(cents(q.amount));
    expect(sim.control.subList(`/customer_invoices/${res.body.id}/invoice_line_sections`)).toHaveLength(1);
    expect((await call<Quote>(sim, `/quotes/${q.id}`)).body.status).toBe('invoiced');
    expect(sim.control.changes('quotes').at(-1)).toMatchObject({ id: q.id, operation: 'update' });
    expect((await call(sim, '/customer_invoices/create_from_quote', { method: 'POST', body: { quote_id: q.id, draft: true } })).status).toBe(422);
    expect((await call(sim, `/quotes/${q.id}`, { method: 'PUT', body: { label: 'x' } })).status).toBe(422);
    const q2 = await createQuote();
    expect((await call<Json>(sim, '/customer_invoices/create_from_quote', { method: 'POST', body: { quote_id: q2.id } })).body).toMatchObject({ field: 'draft', code: 'NotExistRequiredKey' });
    const draft = await call<Invoice>(sim, '/customer_invoices/create_from_quote', { method: 'POST', body: { quote_id: q2.id, draft: true } });
    expect(draft.body).toMatchObject({ draft: true, status: 'draft', invoice_number: '' });
  });
});

describe('billing subscriptions', () => {
  it('POST → 201 in_progress with its next occurrence; PUT stops it (next_occurrence null) and edits lines; finished → 422', async () => {
    const res = await call<Subscription>(sim, '/billing_subscriptions', {
      method: 'POST',
      body: { customer_id: customer().id, start: '2026-10-05', recurring_rule: { type: 'monthly', interval: 1, day_of_month: 5 }, invoice_lines: [free('Maintenance', '250.00')] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'in_progress', next_occurrence: '2026-12-05', currency_amount: '300.00', recurring_rule: { type: 'monthly', interval: 1, day_of_month: 5 } });
    expect(sim.control.subList(`/billing_subscriptions/${res.body.id}/invoice_lines`)).toHaveLength(1);
    const stopped = await call<Subscription>(sim, `/billing_subscriptions/${res.body.id}`, { method: 'PUT', body: { status: 'stopped', label: 'Maintenance annuelle', invoice_lines: [free('Maintenance', '250.00', '2')] } });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', next_occurrence: null, label: 'Maintenance annuelle', currency_amount: '600.00' });
    expect((await call<Json>(sim, `/billing_subscriptions/${res.body.id}`, { method: 'PUT', body: { status: 'finished' } })).body).toMatchObject({ code: 'NotEnumInclude' });
    const weekly = await call<Subscription>(sim, '/billing_subscriptions', {
      method: 'POST', body: { customer_id: customer().id, start: '2026-11-02', recurring_rule: { type: 'weekly', interval: 2 }, invoice_lines: [free('Ménage', '80.00')] },
    });
    expect(weekly.body.next_occurrence).toBe('2026-11-16');
    const finished = (sim.control.snapshot('billing_subscriptions') as Subscription[]).find((s) => s.status === 'finished');
    expect((await call(sim, `/billing_subscriptions/${finished?.id}`, { method: 'PUT', body: { label: 'x' } })).status).toBe(422);
    expect((await call<Json>(sim, '/billing_subscriptions', { method: 'POST', body: { customer_id: customer().id, start: '2026-11-02', invoice_lines: [free('A', '1.00')] } })).body).toMatchObject({ field: 'recurring_rule' });
  });
});
