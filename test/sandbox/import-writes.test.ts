import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, cents, startTestSimulator, upload, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Invoice = Json & { id: number; status: string; amount: string; remaining_amount_with_tax: string; ledger_entry: { id: number } | null; public_file_url: string; paid: boolean };
type Supplier = { id: number; ledger_account: { id: number } };
type Tx = { id: number; amount: string; outstanding_balance: string; customer: { id: number } | null };
type Line = { id: number; debit: string; credit: string; ledger_account: { id: number } };

const PDF = new TextEncoder().encode('%PDF-1.4\n% imported invoice\n%%EOF\n');

async function fileId(): Promise<number> {
  const res = await upload<{ id: number }>(sim, '/file_attachments', { bytes: PDF, filename: 'facture.pdf', type: 'application/pdf' });
  expect(res.status).toBe(201);
  return res.body.id;
}

const customerId = () => (sim.control.snapshot('customers') as Array<{ id: number }>)[0]?.id as number;
const supplier = () => (sim.control.snapshot('suppliers') as Supplier[])[0] as Supplier;
const balanced = (entryId: number) => {
  const lines = sim.control.subList(`/ledger_entries/${entryId}/ledger_entry_lines`) as Line[];
  return { lines, sum: lines.reduce((s, l) => s + cents(l.debit) - cents(l.credit), 0n) };
};

function customerImport(file: number, patch: Json = {}): Json {
  return {
    file_attachment_id: file, customer_id: customerId(), date: '2026-11-02', deadline: '2026-12-02', invoice_number: 'EXT-001',
    currency_amount_before_tax: '150.00', currency_tax: '30.00', currency_amount: '180.00',
    invoice_lines: [
      { label: 'Prestation A', vat_rate: 'FR_200', currency_amount: '120.00', currency_tax: '20.00' },
      { label: 'Prestation B', vat_rate: 'FR_200', currency_amount: '60.01', currency_tax: '9.99', quantity: '2' },
    ],
    ...patch,
  };
}

describe('POST /customer_invoices/import, PUT …/update_imported', () => {
  it('imports with amounts as sent, the uploaded PDF as public file, a balanced VT entry', async () => {
    const file = await fileId();
    const res = await call<Invoice>(sim, '/customer_invoices/import', { method: 'POST', body: customerImport(file) });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'upcoming', amount: '180.00', currency_amount_before_tax: '150.00', invoice_number: 'EXT-001', filename: 'facture.pdf', remaining_amount_with_tax: '180.00' });
    const lines = sim.control.invoiceLines(res.body.id) as Array<{ currency_amount: string; raw_currency_unit_price: string }>;
    expect(lines.map((l) => l.currency_amount)).toEqual(['120.00', '60.01']);
    expect(lines[1]?.raw_currency_unit_price).toBe('25.01');
    const { sum, lines: entry } = balanced(res.body.ledger_entry?.id as number);
    expect(sum).toBe(0n);
    expect(entry.reduce((s, l) => s + cents(l.debit), 0n)).toBe(18000n);
    const pdf = await fetch(res.body.public_file_url);
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(PDF);
    // send_by_email works at once for imported invoices (their PDF is the uploaded file)
    expect((await call(sim, `/customer_invoices/${res.body.id}/send_by_email`, { method: 'POST', body: { recipients: ['a@b.fr'] } })).status).toBe(204);
  });

  it.each([
    ['before + tax ≠ total', { currency_amount: '181.00' }, /must equal currency_amount/],
    ['lines off by more than a cent per line', { invoice_lines: [{ label: 'A', vat_rate: 'FR_200', currency_amount: '175.00', currency_tax: '30.00' }] }, /lines' currency_amount/],
    ['line taxes off', { invoice_lines: [{ label: 'A', vat_rate: 'FR_200', currency_amount: '180.00', currency_tax: '25.00' }] }, /currency_tax/],
    ['more than 2 decimals', { currency_tax: '30.001', currency_amount_before_tax: '149.999' }, /2 decimals/],
    ['unknown file', { file_attachment_id: 1 }, /File attachment 1/],
  ])('422 %s', async (_name, patch, message) => {
    const file = await fileId();
    const res = await call<{ error: string }>(sim, '/customer_invoices/import', { method: 'POST', body: customerImport(file, patch) });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(message);
  });

  it('tolerates a cent per line; missing file_attachment_id → 400', async () => {
    const file = await fileId();
    const ok = await call(sim, '/customer_invoices/import', {
      method: 'POST',
      body: customerImport(file, { invoice_lines: [{ label: 'A', vat_rate: 'FR_200', currency_amount: '90.01', currency_tax: '15.00' }, { label: 'B', vat_rate: 'FR_200', currency_amount: '90.00', currency_tax: '15.01' }] }),
    });
    expect(ok.status).toBe(201);
    const { file_attachment_id: _f, ...rest } = customerImport(file);
    expect((await call(sim, '/customer_invoices/import', { method: 'POST', body: rest })).body).toMatchObject({ field: 'file_attachment_id', code: 'NotExistRequiredKey' });
  });

  it('duplicates → 409: external_reference, or the same invoice_number for the customer', async () => {
    const file = await fileId();
    expect((await call(sim, '/customer_invoices/import', { method: 'POST', body: customerImport(file, { external_reference: 'IMP-1' }) })).status).toBe(201);
    expect((await call(sim, '/customer_invoices/import', { method: 'POST', body: customerImport(file, { external_reference: 'IMP-1', invoice_number: 'EXT-002' }) })).status).toBe(409);
    const sameNumber = await call<{ error: string }>(sim, '/customer_invoices/import', { method: 'POST', body: customerImport(file) });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.error).toMatch(/EXT-001/);
  });

  it('import_as_incomplete → incomplete, no entry; update_imported completes it (lines create/update/delete), not for drafts', async () => {
    const file = await fileId();
    const created = await call<Invoice>(sim, '/customer_invoices/import', { method: 'POST', body: customerImport(file, { import_as_incomplete: true }) });
    expect(created.body).toMatchObject({ status: 'incomplete', ledger_entry: null });
    const [first, second] = sim.control.invoiceLines(created.body.id) as Array<{ id: number }>;
    const res = await call<Invoice>(sim, `/customer_invoices/${created.body.id}/update_imported`, {
      method: 'PUT',
      body: {
        import_as_incomplete: false, currency_amount_before_tax: '250.00', currency_tax: '50.00', currency_amount: '300.00',
        invoice_lines: { update: [{ id: first?.id, currency_amount: '240.00', currency_tax: '40.00' }], delete: [{ id: second?.id }], create: [{ label: 'C', vat_rate: 'FR_200', currency_amount: '60.00', currency_tax: '10.00' }] },
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'upcoming', amount: '300.00', remaining_amount_with_tax: '300.00' });
    const lines = sim.control.invoiceLines(created.body.id) as Array<{ id: number; currency_amount: string }>;
    expect(lines.map((l) => [l.id === first?.id, l.currency_amount])).toEqual([[true, '240.00'], [false, '60.00']]);
    expect(balanced(res.body.ledger_entry?.id as number).sum).toBe(0n);
    const incoherent = await call(sim, `/customer_invoices/${created.body.id}/update_imported`, { method: 'PUT', body: { currency_amount: '301.00' } });
    expect(incoherent.status).toBe(422);
    const foreignLine = await call(sim, `/customer_invoices/${created.body.id}/update_imported`, { method: 'PUT', body: { invoice_lines: { delete: [{ id: 1 }] } } });
    expect(foreignLine.status).toBe(422);
    const draft = await call<Invoice>(sim, '/customer_invoices', { method: 'POST', body: { customer_id: customerId(), date: '2026-11-10', deadline: '2026-11-20', draft: true, invoice_lines: [{ label: 'X', raw_currency_unit_price: '1.00', unit: 'h', vat_rate: 'FR_200', quantity: '1' }] } });
    expect((await call(sim, `/customer_invoices/${draft.body.id}/update_imported`, { method: 'PUT', body: { label: 'x' } })).status).toBe(422);
  });
});

describe('supplier invoices', () => {
  function supplierImport(file: number, patch: Json = {}): Json {
    return {
      file_attachment_id: file, supplier_id: supplier().id, date: '2026-11-03', deadline: '2026-12-03', invoice_number: 'SUP-77',
      currency_amount_before_tax: '100.00', currency_tax: '20.00', currency_amount: '120.00',
      invoice_lines: [{ label: 'Fournitures', vat_rate: 'FR_200', currency_amount: '120.00', currency_tax: '20.00' }],
      ...patch,
    };
  }

  it('import → 201 with its HA entry (credit 401, debit expense and 445660); 409 duplicates; incomplete → no entry', async () => {
    const file = await fileId();
    const res = await call<Invoice & { accounting_status: string; payment_status: string }>(sim, '/supplier_invoices/import', { method: 'POST', body: supplierImport(file) });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ accounting_status: 'validation_needed', payment_status: 'to_be_paid', paid: false, amount: '120.00', import_source: 'api' });
    const { lines, sum } = balanced(res.body.ledger_entry?.id as number);
    expect(sum).toBe(0n);
    expect(lines.find((l) => l.ledger_account.id === supplier().ledger_account.id)?.credit).toBe('120.00');
    expect(new Uint8Array(await (await fetch(res.body.public_file_url)).arrayBuffer())).toEqual(PDF);
    expect(sim.control.changes('supplier_invoices').at(-1)).toMatchObject({ id: res.body.id, operation: 'insert' });
    expect((await call(sim, '/supplier_invoices/import', { method: 'POST', body: supplierImport(file) })).status).toBe(409);
    const incomplete = await call<Invoice & { accounting_status: string }>(sim, '/supplier_invoices/import', { method: 'POST', body: supplierImport(file, { invoice_number: 'SUP-78', import_as_incomplete: true }) });
    expect(incomplete.body).toMatchObject({ accounting_status: 'entry', ledger_entry: null });
    expect((await call(sim, '/supplier_invoices/import', { method: 'POST', body: supplierImport(file, { invoice_number: 'SUP-79', currency_tax: '21.00' }) })).status).toBe(422);
    const validated = await call<Json>(sim, `/supplier_invoices/${res.body.id}/validate_accounting`, { method: 'PUT' });
    expect(validated.body).toMatchObject({ accounting_status: 'complete' });
    expect((await call(sim, `/supplier_invoices/${incomplete.body.id}/validate_accounting`, { method: 'PUT' })).status).toBe(422);
  });

  it('PUT /supplier_invoices/{id}: partial, lines as operations, entry re-booked; payment_status paid | to_be_paid only', async () => {
    const file = await fileId();
    const inv = (await call<Invoice>(sim, '/supplier_invoices/import', { method: 'POST', body: supplierImport(file) })).body;
    const [line] = sim.control.subList(`/supplier_invoices/${inv.id}/invoice_lines`) as Array<{ id: number }>;
    const res = await call<Invoice>(sim, `/supplier_invoices/${inv.id}`, {
      method: 'PUT', body: { label: 'Fournitures novembre', currency_amount_before_tax: '200.00', currency_tax: '40.00', currency_amount: '240.00', invoice_lines: { update: [{ id: line?.id, currency_amount: '240.00', currency_tax: '40.00' }] } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ label: 'Fournitures novembre', amount: '240.00', remaining_amount_with_tax: '240.00', ledger_entry: inv.ledger_entry });
    const { lines, sum } = balanced(inv.ledger_entry?.id as number);
    expect(sum).toBe(0n);
    expect(lines.reduce((s, l) => s + cents(l.credit), 0n)).toBe(24000n);
    const bad = await call<Json>(sim, `/supplier_invoices/${inv.id}/payment_status`, { method: 'PUT', body: { payment_status: 'fully_paid' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'payment_status', code: 'NotEnumInclude' });
    expect((await call(sim, `/supplier_invoices/${inv.id}/payment_status`, { method: 'PUT', body: { payment_status: 'paid' } })).status).toBe(204);
    expect((await call<Json>(sim, `/supplier_invoices/${inv.id}`)).body).toMatchObject({ paid: true, payment_status: 'paid_offline', remaining_amount_with_tax: '0.00' });
    expect((await call(sim, `/supplier_invoices/${inv.id}/payment_status`, { method: 'PUT', body: { payment_status: 'to_be_paid' } })).status).toBe(204);
    expect((await call<Json>(sim, `/supplier_invoices/${inv.id}`)).body).toMatchObject({ paid: false, payment_status: 'to_be_paid', remaining_amount_with_tax: '240.00' });
  });
});

describe('matched transactions', () => {
  const unmatched = () => (sim.control.snapshot('transactions') as Tx[]).filter((t) => cents(t.outstanding_balance) !== 0n);

  it('customer invoice: 204, the transaction and the invoice move; DELETE restores; drafts → 422', async () => {
    const tx = unmatched().find((t) => cents(t.amount) > 0n) as Tx;
    const inv = (await call<Invoice>(sim, '/customer_invoices', {
      method: 'POST', body: { customer_id: customerId(), date: '2026-11-10', deadline: '2026-12-10', invoice_lines: [{ label: 'X', raw_currency_unit_price: '100000.00', unit: 'h', vat_rate: 'FR_200', quantity: '1' }] },
    })).body;
    expect((await call(sim, `/customer_invoices/${inv.id}/matched_transactions`, { method: 'POST', body: { transaction_id: tx.id } })).status).toBe(204);
    const after = (await call<Tx>(sim, `/transactions/${tx.id}`)).body;
    expect(after.outstanding_balance).toBe('0.00');
    expect(after.customer).toEqual({ id: customerId() });
    expect(sim.control.subList(`/transactions/${tx.id}/matched_invoices`)).toContainEqual(expect.objectContaining({ id: inv.id, type: 'customer' }));
    expect(sim.control.subList(`/customer_invoices/${inv.id}/matched_transactions`)).toMatchObject([{ id: tx.id }]);
    const paid = (await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body;
    expect(cents(paid.remaining_amount_with_tax)).toBe(12_000_000n - cents(tx.amount));
    expect(sim.control.payments(inv.id)).toHaveLength(1);
    expect(sim.control.changes('transactions').at(-1)).toMatchObject({ id: tx.id, operation: 'update' });
    expect((await call(sim, `/customer_invoices/${inv.id}/matched_transactions/${tx.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call<Tx>(sim, `/transactions/${tx.id}`)).body.outstanding_balance).toBe(tx.outstanding_balance);
    expect((await call<Invoice>(sim, `/customer_invoices/${inv.id}`)).body.remaining_amount_with_tax).toBe('120000.00');
    expect(sim.control.payments(inv.id)).toEqual([]);
    expect((await call(sim, `/customer_invoices/${inv.id}/matched_transactions/${tx.id}`, { method: 'DELETE' })).status).toBe(404);
    const draft = (sim.control.snapshot('customer_invoices') as Invoice[]).find((i) => i.status === 'draft') as Invoice;
    expect((await call(sim, `/customer_invoices/${draft.id}/matched_transactions`, { method: 'POST', body: { transaction_id: tx.id } })).status).toBe(422);
    expect((await call(sim, `/customer_invoices/${inv.id}/matched_transactions`, { method: 'POST', body: { transaction_id: 1 } })).status).toBe(422);
  });

  it('supplier invoice: a debit settles it (fully_paid, reconciled), the invoice scope suffices', async () => {
    const tx = unmatched().find((t) => cents(t.amount) < 0n) as Tx;
    const file = await fileId();
    const amount = (-cents(tx.amount)).toString();
    const total = `${amount.slice(0, -2) || '0'}.${amount.slice(-2).padStart(2, '0')}`;
    const inv = (await call<Invoice>(sim, '/supplier_invoices/import', {
      method: 'POST',
      body: {
        file_attachment_id: file, supplier_id: supplier().id, date: '2026-11-03', deadline: '2026-12-03', currency_amount_before_tax: total, currency_tax: '0.00', currency_amount: total,
        invoice_lines: [{ label: 'Frais', vat_rate: 'exempt', currency_amount: total, currency_tax: '0.00' }],
      },
    })).body;
    sim.control.addToken('purchases-only', { scopes: ['supplier_invoices:all'] });
    const res = await call(sim, `/supplier_invoices/${inv.id}/matched_transactions`, { method: 'POST', token: 'purchases-only', body: { transaction_id: tx.id } });
    expect(res.status).toBe(204);
    expect((await call<Json>(sim, `/supplier_invoices/${inv.id}`)).body).toMatchObject({ payment_status: 'fully_paid', paid: true, reconciled: true, remaining_amount_with_tax: '0.00' });
    expect((await call<Tx>(sim, `/transactions/${tx.id}`)).body.outstanding_balance).toBe('0.00');
  });
});
