import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, cents, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Invoice = Json & {
  id: number; status: string; draft: boolean; paid: boolean; invoice_number: string; amount: string; tax: string; currency_amount_before_tax: string;
  remaining_amount_with_tax: string | null; ledger_entry: { id: number } | null; public_file_url: string | null; updated_at: string; created_at: string;
  credited_invoice: { id: number } | null; external_reference: string; label: string | null;
};
type Line = { id: number; debit: string; credit: string; ledger_account: { id: number }; categories: { url: string } };
type Customer = { id: number; emails: string[]; ledger_account: { id: number } | null; customer_type: string };
type Product = { id: number; label: string; price_before_tax: string; vat_rate: string; unit: string };

const customers = () => sim.control.snapshot('customers') as Customer[];
const customer = () => customers().find((c) => c.emails.length > 0 && c.ledger_account !== null) as Customer;
const product = () => (sim.control.snapshot('products') as Product[]).find((p) => p.vat_rate === 'FR_200') as Product;
const free = (label: string, price: string, quantity = '1') => ({ label, raw_currency_unit_price: price, unit: 'forfait', vat_rate: 'FR_200', quantity });

async function createInvoice(body: Json = {}, draft = false): Promise<Invoice> {
  const res = await call<Invoice>(sim, '/customer_invoices', {
    method: 'POST',
    body: { customer_id: customer().id, date: '2026-11-10', deadline: '2026-12-10', draft, invoice_lines: [free('Audit', '1000.00')], ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const entryLines = (entryId: number) => sim.control.subList(`/ledger_entries/${entryId}/ledger_entry_lines`) as Line[];

describe('POST /customer_invoices', () => {
  it('creates a draft: exact totals from product and free lines, no number, no entry, an insert event', async () => {
    const p = product();
    const inv = await createInvoice({ invoice_lines: [{ product_id: p.id, quantity: '3' }, free('Déplacement', '12.345', '2')] }, true);
    expect(inv).toMatchObject({ status: 'draft', draft: true, paid: false, invoice_number: '', ledger_entry: null, public_file_url: null, remaining_amount_with_tax: null });
    const lines = sim.control.invoiceLines(inv.id) as Array<Json & { amount: string; currency_amount_before_tax: string; tax: string; label: string; unit: string }>;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ label: p.label, unit: p.unit, vat_rate: 'FR_200', raw_currency_unit_price: p.price_before_tax, product: { id: p.id } });
    expect(lines[1]?.currency_amount_before_tax).toBe('24.69');
    expect(lines.reduce((s, l) => s + cents(l.amount), 0n)).toBe(cents(inv.amount));
    expect(lines.reduce((s, l) => s + cents(l.tax), 0n)).toBe(cents(inv.tax));
    expect(cents(inv.currency_amount_before_tax) + cents(inv.tax)).toBe(cents(inv.amount));
    expect(inv.id).toBeGreaterThan(2 ** 32);
    expect(sim.control.changes('customer_invoices').at(-1)).toMatchObject({ id: inv.id, operation: 'insert', updated_at: inv.updated_at });
  });

  it('finalized (draft omitted): F-YYYY-NNNN from the numbering, balanced VT entry, PDF, remaining = total', async () => {
    const numbering = (sim.control.snapshot('numberings') as Array<{ format: string; next_number: number }>).find((n) => n.format.startsWith('F-'));
    const inv = await createInvoice();
    const c = customer();
    expect(inv.status).toBe('upcoming');
    expect(inv.label).toBe(`Facture ${(customers().find((x) => x.id === c.id) as Customer & { name: string }).name} - ${inv.invoice_number}`);
    expect(inv.invoice_number).toBe(`F-2026-${String(numbering?.next_number).padStart(4, '0')}`);
    expect(inv.amount).toBe('1200.00');
    expect(inv.remaining_amount_with_tax).toBe('1200.00');
    expect(inv.public_file_url).toMatch(/\/__files\/customer_invoices\/\d+\.pdf$/);
    expect(inv.ledger_entry?.id).toBeGreaterThan(2 ** 32);
    const entry = (await call<Json>(sim, `/ledger_entries/${inv.ledger_entry?.id}`)).body;
    expect(entry).toMatchObject({ piece_number: inv.invoice_number, date: '2026-11-10', label: inv.label });
    const journal = (await call<Json>(sim, `/journals/${(entry['journal'] as { id: number }).id}`)).body;
    expect(journal['code']).toBe('VT');
    const lines = entryLines(inv.ledger_entry?.id as number);
    expect(lines.reduce((s, l) => s + cents(l.debit) - cents(l.credit), 0n)).toBe(0n);
    expect(lines.find((l) => l.ledger_account.id === c.ledger_account?.id)?.debit).toBe('1200.00');
    const next = (sim.control.snapshot('numberings') as Array<{ format: string; next_number: number }>).find((n) => n.format.startsWith('F-'));
    expect(next?.next_number).toBe((numbering?.next_number ?? 0) + 1);
    expect(sim.control.changes('ledger_entry_lines').filter((e) => lines.some((l) => l.id === e.id)).map((e) => e.operation)).toEqual(['insert', 'insert', 'insert']);
  });

  it('a document discount is spread over the lines (Σ lines = totals)', async () => {
    const rel = await createInvoice({ discount: { type: 'relative', value: '10' }, invoice_lines: [free('A', '100.00'), free('B', '33.33')] }, true);
    expect(rel.currency_amount_before_tax).toBe('120.00'); // 90.00 + 30.00 (29.997 rounded per line)
    const abs = await createInvoice({ discount: { type: 'absolute', value: '10.00' }, invoice_lines: [free('A', '100.00'), free('B', '33.33', '3')] }, true);
    expect(abs.currency_amount_before_tax).toBe('189.99');
    const lines = sim.control.invoiceLines(abs.id) as Array<{ currency_amount_before_tax: string }>;
    expect(lines.reduce((s, l) => s + cents(l.currency_amount_before_tax), 0n)).toBe(18999n);
  });

  it.each([
    ['missing customer_id', { customer_id: undefined }, 'customer_id', 'NotExistRequiredKey'],
    ['no lines', { invoice_lines: [] }, 'invoice_lines', 'LessThanMinItems'],
    ['bad date', { date: '10/11/2026' }, 'date', 'InvalidDateFormat'],
    ['bad VAT code', { invoice_lines: [{ ...free('X', '1.00'), vat_rate: 'FR_999' }] }, 'invoice_lines[0].vat_rate', 'NotEnumInclude'],
    ['unknown property', { colour: 'blue' }, 'colour', 'NotExistPropertyDefinition'],
    ['number instead of decimal string', { invoice_lines: [{ ...free('X', '1.00'), quantity: 2 }] }, 'invoice_lines[0].quantity', 'ValidateError'],
    ['free line without label', { invoice_lines: [{ raw_currency_unit_price: '1.00', unit: 'h', vat_rate: 'FR_200', quantity: '1' }] }, 'invoice_lines[0].label', 'NotExistRequiredKey'],
  ])('400 %s', async (_name, patch, field, code) => {
    const body = { customer_id: customer().id, date: '2026-11-10', deadline: '2026-12-10', invoice_lines: [free('Audit', '10.00')], ...patch };
    const res = await call<Json>(sim, '/customer_invoices', { method: 'POST', body: JSON.parse(JSON.stringify(body)) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field, code });
  });

  it.each([
    ['unknown customer', { customer_id: 1 }, /Customer 1 does not exist/],
    ['unknown product', { invoice_lines: [{ product_id: 1, quantity: '1' }] }, /Product 1/],
    ['deadline before date', { deadline: '2026-11-01' }, /deadline/],
    ['transaction_reference on a draft', { draft: true, transaction_reference: { banking_provider: 'stripe', provider_field_name: 'pi', provider_field_value: 'x' } }, /draft/],
    ['closed fiscal year', { date: '2025-06-02', deadline: '2025-07-02' }, /closed/],
    ['credit note of an unknown invoice', { credited_invoice_id: 1, invoice_lines: [free('A', '-10.00')] }, /does not exist/],
  ])('422 %s', async (_name, patch, message) => {
    const body = { customer_id: customer().id, date: '2026-11-10', deadline: '2026-12-10', invoice_lines: [free('Audit', '10.00')], ...patch };
    const events = sim.control.changes('customer_invoices').length;
    const res = await call<{ error: string; status: number }>(sim, '/customer_invoices', { method: 'POST', body });
    expect(res.status).toBe(422);
    expect(res.body.status).toBe(422);
    expect(res.body.error).toMatch(message);
    expect(sim.control.changes('customer_invoices')).toHaveLength(events);
    expect(sim.control.snapshot('customer_invoices')).toHaveLength(400);
  });

  it('409 on a duplicate external_reference (create and PUT)', async () => {
    const first = await createInvoice({ external_reference: 'ERP-42' }, true);
    const dup = await call<Json>(sim, '/customer_invoices', { method: 'POST', body: { customer_id: customer().id, date: '2026-11-10', deadline: '2026-12-10', external_reference: 'ERP-42', invoice_lines: [free('A', '1.00')] } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: 409, error: expect.stringContaining('ERP-42') });
    const other = await createInvoice({}, true);
    expect((await call(sim, `/customer_invoices/${other.id}`, { method: 'PUT', body: { external_reference: 'ERP-42' } })).status).toBe(409);
    expect(first.external_reference).toBe('ERP-42');
  });
});

describe('PUT, DELETE, finalize', () => {
  it('a draft is fully editable: lines replaced, totals recomputed, updated_at bumped, an update event', async () => {
    const draft = await createInvoice({}, true);
    const before = sim.control.invoiceLines(draft.id) as Array<{ id: number }>;
    const res = await call<Invoice>(sim, `/customer_invoices/${draft.id}`, { method: 'PUT', body: { date: '2026-11-12', invoice_lines: [free('Conseil', '500.00', '2'), free('Frais', '20.00')] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: '2026-11-12', amount: '1224.00', status: 'draft' });
    expect(res.body.updated_at > draft.updated_at).toBe(true);
    const after = sim.control.invoiceLines(draft.id) as Array<{ id: number }>;
    expect(after).toHaveLength(2);
    expect(after.some((l) => before.some((b) => b.id === l.id))).toBe(false);
    expect(sim.control.changes('customer_invoices').at(-1)).toMatchObject({ id: draft.id, operation: 'update', updated_at: res.body.updated_at });
  });

  it('a finalized invoice accepts only the limited fields (422 otherwise)', async () => {
    const inv = await createInvoice();
    const ok = await call<Invoice>(sim, `/customer_invoices/${inv.id}`, { method: 'PUT', body: { label: 'Nouveau libellé', special_mention: 'Merci', pdf_invoice_subject: 'Objet' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ label: 'Nouveau libellé', special_mention: 'Merci', amount: inv.amount, invoice_number: inv.invoice_number });
    for (const body of [{ date: '2026-11-11' }, { invoice_lines: [free('X', '1.00')] }, { label: 'x', customer_id: customer().id }]) {
      const res = await call<{ error: string }>(sim, `/customer_invoices/${inv.id}`, { method: 'PUT', body });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatch(/finalized/);
    }
  });

  it('DELETE: drafts only (204, then 404, a delete event); finalized → 422', async () => {
    const draft = await createInvoice({}, true);
    expect((await call(sim, `/customer_invoices/${draft.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(sim, `/customer_invoices/${draft.id}`)).status).toBe(404);
    expect(sim.control.changes('customer_invoices').at(-1)).toMatchObject({ id: draft.id, operation: 'delete' });
    const inv = await createInvoice();
    const res = await call<{ error: string }>(sim, `/customer_invoices/${inv.id}`, { method: 'DELETE' });
    expect(res.status).toBe(422);
    expect((await call(sim, `/customer_invoices/${inv.id}`)).status).toBe(200);
    expect((await call(sim, '/customer_invoices/1', { method: 'DELETE' })).status).toBe(404);
  });

  it('finalize: drafts only; sequential numbers; entry created; then no more edits', async () => {
    const a = await createInvoice({}, true);
    const b = await createInvoice({}, true);
    const fa = await call<Invoice>(sim, `/customer_invoices/${a.id}/finalize`, { method: 'PUT' });
    const fb = await call<Invoice>(sim, `/customer_invoices/${b.id}/finalize`, { method: 'PUT' });
    expect([fa.status, fb.status]).toEqual([200, 200]);
    const n = (x: Invoice) => Number(x.invoice_number.slice(-4));
    expect(n(fb.body)).toBe(n(fa.body) + 1);
    expect(fa.body).toMatchObject({ draft: false, status: 'upcoming', remaining_amount_with_tax: fa.body.amount });
    const lines = entryLines(fa.body.ledger_entry?.id as number);
    expect(lines.reduce((s, l) => s + cents(l.debit), 0n)).toBe(lines.reduce((s, l) => s + cents(l.credit), 0n));
    const again = await call<{ error: string }>(sim, `/customer_invoices/${a.id}/finalize`, { method: 'PUT' });
    expect(again.status).toBe(422);
    expect((await call(sim, `/customer_invoices/${a.id}`, { method: 'DELETE' })).status).toBe(422);
  });
});

describe('mark_as_paid, send_by_email', () => {
  it('mark_as_paid → 204: paid, status paid, remaining 0, no payment or transaction; drafts → 422', async () => {
    const inv = await createInvoice();
    expect((await call(sim, `/customer_invoices/${inv.id}/mark_as_paid`, { method: 'PUT' })).status).toBe(204);
    const after = (await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body;
    expect(after).toMatchObject({ paid: true, status: 'paid', remaining_amount_with_tax: '0.00', remaining_amount_without_tax: '0.00' });
    expect(sim.control.payments(inv.id)).toEqual([]);
    expect(sim.control.subList(`/customer_invoices/${inv.id}/matched_transactions`)).toEqual([]);
    expect((await call(sim, `/customer_invoices/${inv.id}/mark_as_paid`, { method: 'PUT' })).status).toBe(204);
    const draft = await createInvoice({}, true);
    expect((await call(sim, `/customer_invoices/${draft.id}/mark_as_paid`, { method: 'PUT' })).status).toBe(422);
  });

  it('send_by_email: 409 until the PDF exists, then 204 to the customer emails; drafts → 422', async () => {
    sim.control.setPdfDelay(120_000);
    const inv = await createInvoice();
    expect(inv.public_file_url).toBeNull();
    const early = await call(sim, `/customer_invoices/${inv.id}/send_by_email`, { method: 'POST' });
    expect(early.status).toBe(409);
    expect(early.body).toEqual({ error: 'The PDF of this invoice is not ready yet', status: 409 });
    expect(sim.control.sentEmails()).toEqual([]);
    sim.control.advanceClock(120_000);
    expect((await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body.public_file_url).toMatch(/\.pdf$/);
    expect((await call(sim, `/customer_invoices/${inv.id}/send_by_email`, { method: 'POST' })).status).toBe(204);
    expect((await call(sim, `/customer_invoices/${inv.id}/send_by_email`, { method: 'POST', body: { recipients: ['compta@client.fr'] } })).status).toBe(204);
    expect(sim.control.sentEmails()).toMatchObject([
      { resource: 'customer_invoices', id: inv.id, recipients: customer().emails },
      { resource: 'customer_invoices', id: inv.id, recipients: ['compta@client.fr'] },
    ]);
    const draft = await createInvoice({}, true);
    expect((await call(sim, `/customer_invoices/${draft.id}/send_by_email`, { method: 'POST' })).status).toBe(422);
    sim.control.reset();
    expect(sim.control.sentEmails()).toEqual([]);
  });
});

describe('credit notes', () => {
  it('a credit note with credited_invoice_id: AV number, negative amounts, mirrored entry; the invoice becomes partially_cancelled then cancelled', async () => {
    const inv = await createInvoice({ invoice_lines: [free('Audit', '1000.00'), free('Suivi', '500.00')] });
    const note = await createInvoice({ credited_invoice_id: inv.id, invoice_lines: [free('Audit', '-1000.00')] });
    expect(note).toMatchObject({ status: 'credit_note', amount: '-1200.00', credited_invoice: { id: inv.id }, remaining_amount_with_tax: '0.00' });
    expect(note.invoice_number).toMatch(/^AV-2026-\d{4}$/);
    const lines = entryLines(note.ledger_entry?.id as number);
    expect(lines.find((l) => l.ledger_account.id === customer().ledger_account?.id)).toMatchObject({ debit: '0.00', credit: '1200.00' });
    let credited = (await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body;
    expect(credited).toMatchObject({ status: 'partially_cancelled', remaining_amount_with_tax: '600.00', paid: false });
    const tooMuch = await call<{ error: string }>(sim, '/customer_invoices', {
      method: 'POST', body: { customer_id: customer().id, date: '2026-11-10', deadline: '2026-12-10', credited_invoice_id: inv.id, invoice_lines: [free('X', '-600.00')] },
    });
    expect(tooMuch.status).toBe(422);
    await createInvoice({ credited_invoice_id: inv.id, invoice_lines: [free('Suivi', '-500.00')] });
    credited = (await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body;
    expect(credited).toMatchObject({ status: 'cancelled', remaining_amount_with_tax: '0.00', paid: false });
  });

  it('link_credit_note → 200 credit note; 422 for another customer, a non credit note, or an already linked one', async () => {
    const inv = await createInvoice();
    const note = await createInvoice({ invoice_lines: [free('Geste', '-100.00')] });
    expect(note).toMatchObject({ status: 'credit_note', credited_invoice: null });
    const res = await call<Invoice>(sim, `/customer_invoices/${inv.id}/link_credit_note`, { method: 'POST', body: { credit_note_id: note.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: note.id, credited_invoice: { id: inv.id } });
    expect((await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body).toMatchObject({ status: 'partially_cancelled', remaining_amount_with_tax: '1080.00' });
    const other = customers().find((c) => c.id !== customer().id) as Customer;
    const foreign = await createInvoice({ customer_id: other.id });
    const note2 = await createInvoice({ invoice_lines: [free('Geste', '-10.00')] });
    expect((await call(sim, `/customer_invoices/${foreign.id}/link_credit_note`, { method: 'POST', body: { credit_note_id: note2.id } })).status).toBe(422);
    expect((await call(sim, `/customer_invoices/${inv.id}/link_credit_note`, { method: 'POST', body: { credit_note_id: foreign.id } })).status).toBe(422);
    const other2 = await createInvoice();
    expect((await call(sim, `/customer_invoices/${other2.id}/link_credit_note`, { method: 'POST', body: { credit_note_id: note.id } })).status).toBe(422);
    expect((await call(sim, `/customer_invoices/${inv.id}/link_credit_note`, { method: 'POST', body: {} })).body).toMatchObject({ code: 'NotExistRequiredKey' });
  });
});

describe('categories of an invoice', () => {
  const groups = () => sim.control.snapshot('categories') as Array<{ id: number; category_group: { id: number } }>;

  it('refused on drafts; weights per group must total 1; the entry\'s revenue lines follow; [] clears', async () => {
    const cats = groups();
    const [g1a, g1b] = cats.filter((c) => c.category_group.id === cats[0]?.category_group.id);
    const g2 = cats.find((c) => c.category_group.id !== cats[0]?.category_group.id);
    const draft = await createInvoice({}, true);
    const refused = await call<{ error: string }>(sim, `/customer_invoices/${draft.id}/categories`, { method: 'PUT', body: [{ id: g1a?.id, weight: '1' }] });
    expect(refused.status).toBe(422);
    const inv = await createInvoice();
    const bad = await call<{ error: string }>(sim, `/customer_invoices/${inv.id}/categories`, { method: 'PUT', body: [{ id: g1a?.id, weight: '0.5' }, { id: g1b?.id, weight: '0.4' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/sum to 1/);
    const number = await call<Json>(sim, `/customer_invoices/${inv.id}/categories`, { method: 'PUT', body: [{ id: g1a?.id, weight: 1 }] });
    expect(number.body).toMatchObject({ code: 'ValidateError', field: 'body[0].weight' });
    const good = await call<Array<{ id: number; weight: string }>>(sim, `/customer_invoices/${inv.id}/categories`, {
      method: 'PUT', body: [{ id: g1a?.id, weight: '0.5' }, { id: g1b?.id, weight: '0.50' }, { id: g2?.id, weight: '1' }],
    });
    expect(good.status).toBe(200);
    expect(good.body.map((c) => c.weight).sort()).toEqual(['0.5', '0.50', '1']);
    expect(sim.control.subList(`/customer_invoices/${inv.id}/categories`)).toHaveLength(3);
    const revenue = entryLines(inv.ledger_entry?.id as number).filter((l) => cents(l.credit) > 0n && l.ledger_account.id !== undefined);
    const categorized = revenue.filter((l) => (sim.control.subList(`/ledger_entry_lines/${l.id}/categories`) as unknown[]).length === 3);
    expect(categorized.length).toBeGreaterThan(0);
    expect((await call(sim, `/customer_invoices/${inv.id}/categories`, { method: 'PUT', body: [] })).status).toBe(200);
    expect(sim.control.subList(`/customer_invoices/${inv.id}/categories`)).toEqual([]);
  });
});
