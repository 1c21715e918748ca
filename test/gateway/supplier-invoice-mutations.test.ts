import { beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../support/uploads.js';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type MutationResult } from '../support/mutations.js';

/** Supplier invoices through the gateway: import (with an upload), update, payment status, matching, categories. */

type Row = Record<string, unknown> & { id: number };

const ERRORS = `
  ... on MutationError { message refusedBy }
  ... on ValidationError { fieldErrors { path code message } }
`;
const INVOICE_FIELDS = 'pennylaneId label invoiceNumber currencyAmount remainingAmountWithTax paymentStatus paid filename publicFileUrl externalReference';
const IMPORT = `mutation($input: ImportSupplierInvoiceInput!, $key: String) { importSupplierInvoice(input: $input, idempotencyKey: $key) {
  __typename ... on SupplierInvoicePayload { replayed supplierInvoice { ${INVOICE_FIELDS} } } ${ERRORS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateSupplierInvoiceInput!) { updateSupplierInvoice(id: $id, input: $input) {
  __typename ... on SupplierInvoicePayload { supplierInvoice { ${INVOICE_FIELDS} } } ${ERRORS} } }`;

const pdf = (text: string) => new File([`%PDF-1.4\n% ${text}\n%%EOF\n`], `${text}.pdf`, { type: 'application/pdf' });

describe('supplier invoice mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });
  let supplierId: string;
  beforeAll(() => {
    supplierId = String((h.sim.control.snapshot('suppliers') as Row[])[0]!.id);
  });

  const invoice = (number: string, extra: Record<string, unknown> = {}) => ({
    supplierId,
    date: '2026-11-03',
    deadline: '2026-12-03',
    invoiceNumber: number,
    label: `Fournitures ${number}`,
    currencyAmountBeforeTax: '100.00',
    currencyTax: '20.00',
    currencyAmount: '120.00',
    invoiceLines: [
      { label: 'Papier', vatRate: 'FR_200', currencyAmount: '72.00', currencyTax: '12.00' },
      { label: 'Encre', vatRate: 'FR_200', currencyAmount: '48.00', currencyTax: '8.00', imputationDates: { startDate: '2026-11-01', endDate: '2026-11-30' } },
    ],
    ...extra,
  });
  const importWithFile = async (input: Record<string, unknown>, file: File, key?: string) =>
    (await multipart<{ importSupplierInvoice: MutationResult }>(h, IMPORT, { input: { ...input, file: null }, key }, { 'variables.input.file': file })).data!
      .importSupplierInvoice;
  const importJson = async (input: Record<string, unknown>) => (await h.gql<{ importSupplierInvoice: MutationResult }>(IMPORT, { input })).data!.importSupplierInvoice;

  it('uploads the file, then imports: two calls; the invoice, its lines, its entry and its file read back', async () => {
    const file = pdf('FA-1001');
    const result = await importWithFile(invoice('FA-1001'), file, 'import-1001');
    expect(result).toMatchObject({
      __typename: 'SupplierInvoicePayload',
      replayed: false,
      supplierInvoice: { invoiceNumber: 'FA-1001', currencyAmount: '120.00', filename: 'FA-1001.pdf', paymentStatus: 'TO_BE_PAID' },
    });
    expect(h.sim.control.requests().map((r) => r.route)).toEqual(['POST /file_attachments', 'POST /supplier_invoices/import']);
    const written = result.supplierInvoice as { pennylaneId: string; publicFileUrl: string };
    const served = Buffer.from(await (await fetch(written.publicFileUrl)).arrayBuffer());
    expect(served.equals(Buffer.from(await file.arrayBuffer()))).toBe(true);

    h.sim.control.clearLog();
    const read = await h.gql<{ supplierInvoice: { lines: { edges: { node: { label: string; currencyAmountBeforeTax: string } }[] }; ledgerEntry: { label: string } } }>(
      `{ supplierInvoice(id: "${written.pennylaneId}") { lines(first: 10) { edges { node { label currencyAmountBeforeTax } } } ledgerEntry { label } } }`,
    );
    expect(read.data!.supplierInvoice.lines.edges.map((e) => [e.node.label, e.node.currencyAmountBeforeTax])).toEqual([
      ['Papier', '60.00'],
      ['Encre', '40.00'],
    ]);
    expect(read.data!.supplierInvoice.ledgerEntry.label).toBe('Fournitures FA-1001');
    // The invoice was primed by the write: its lines and its entry cost one call each.
    expect(h.sim.control.count()).toBe(2);

    // The same upload again with the same key: the first result, nothing uploaded or imported again.
    const again = await importWithFile(invoice('FA-1001'), pdf('FA-1001'), 'import-1001');
    expect(again).toEqual({ ...result, replayed: true });
    expect(h.sim.control.count({ method: 'POST' })).toBe(0);
  });

  it('imports with a file attachment uploaded before, and replays with the same key', async () => {
    const upload = await multipart<{ uploadFileAttachment: { fileAttachment: { pennylaneId: string } } }>(
      h,
      'mutation($file: File!) { uploadFileAttachment(file: $file) { ... on FileAttachmentPayload { fileAttachment { pennylaneId } } } }',
      { file: null },
      { 'variables.file': pdf('scan') },
    );
    const input = invoice('FA-1002', { fileAttachmentId: upload.data!.uploadFileAttachment.fileAttachment.pennylaneId });
    const first = (await h.gql<{ importSupplierInvoice: MutationResult }>(IMPORT, { input, key: 'import-1002' })).data!.importSupplierInvoice;
    const again = (await h.gql<{ importSupplierInvoice: MutationResult }>(IMPORT, { input, key: 'import-1002' })).data!.importSupplierInvoice;
    expect(first).toMatchObject({ __typename: 'SupplierInvoicePayload', supplierInvoice: { filename: 'scan.pdf' } });
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.sim.control.count({ route: 'POST /supplier_invoices/import' })).toBe(1);
  });

  it('refuses incoherent totals, lines that do not add up and a bad file, all at once, before any call', async () => {
    const input = invoice('FA-1003', { currencyAmount: '121.00', currency: 'EUR', amount: '120.00' });
    (input.invoiceLines as Record<string, unknown>[])[1] = { label: '', vatRate: '20%', currencyAmount: '40.005', currencyTax: '8.00' };
    const result = await importWithFile(input, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY' });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.file', 'INVALID_FILE'],
      ['input.currencyAmount', 'INCOHERENT_TOTAL'],
      ['input.amount', 'INCOHERENT_TOTAL'],
      ['input.invoiceLines.1.label', 'REQUIRED'],
      ['input.invoiceLines.1.vatRate', 'INVALID_VAT_RATE'],
      ['input.invoiceLines.1.currencyAmount', 'TOO_PRECISE'],
      ['input.currencyAmount', 'LINES_DO_NOT_ADD_UP'],
    ]);
    const noFile = await importJson(invoice('FA-1003'));
    expect(fieldErrorCodes(noFile)).toEqual([['input.file', 'REQUIRED']]);
    const lines = await importJson({ ...invoice('FA-1003'), fileAttachmentId: '1', currencyTax: '22.00', currencyAmountBeforeTax: '98.00' });
    expect(fieldErrorCodes(lines)).toEqual([['input.currencyTax', 'LINES_DO_NOT_ADD_UP']]);
    expect(h.sim.control.count()).toBe(0);
  });

  it("returns Pennylane's 409 (same number for the supplier) and 422 (closed period) typed", async () => {
    const existing = (h.sim.control.snapshot('supplier_invoices') as (Row & { invoice_number: string; supplier: { id: number } })[])[0]!;
    const dup = await importWithFile(invoice(existing.invoice_number, { supplierId: String(existing.supplier.id) }), pdf('dup'));
    expect(dup).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
    const closed = await importWithFile(invoice('FA-2025', { date: '2025-03-01', deadline: '2025-04-01' }), pdf('old'));
    expect(closed).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
  });

  it('updates with line operations (sent once) and the new lines read back', async () => {
    const imported = await importWithFile(invoice('FA-1004'), pdf('FA-1004'));
    const id = (imported.supplierInvoice as { pennylaneId: string }).pennylaneId;
    const lines = h.sim.control.subList(`/supplier_invoices/${id}/invoice_lines`) as Row[];
    await h.gql(`{ supplierInvoice(id: "${id}") { lines(first: 5) { edges { node { label } } } } }`);
    const bad = await h.gql<{ updateSupplierInvoice: MutationResult }>(UPDATE, { id, input: { currencyAmountBeforeTax: '1.00', currencyTax: '1.00', currencyAmount: '1.00' } });
    expect(fieldErrorCodes(bad.data!.updateSupplierInvoice)).toEqual([['input.currencyAmount', 'INCOHERENT_TOTAL']]);
    const res = await h.gql<{ updateSupplierInvoice: MutationResult }>(UPDATE, {
      id,
      input: {
        label: 'Fournitures et livraison',
        currencyAmountBeforeTax: '150.00',
        currencyTax: '30.00',
        currencyAmount: '180.00',
        invoiceLines: { create: [{ label: 'Livraison', vatRate: 'FR_200', currencyAmount: '60.00', currencyTax: '10.00' }], update: [{ id: String(lines[0]!.id), label: 'Papier A4' }] },
      },
    });
    expect(res.data!.updateSupplierInvoice).toMatchObject({ supplierInvoice: { label: 'Fournitures et livraison', currencyAmount: '180.00' } });
    expect(h.sim.control.count({ route: 'PUT /supplier_invoices/{id}' })).toBe(1);
    const read = await h.gql<{ supplierInvoice: { lines: { edges: { node: { label: string } }[] } } }>(
      `{ supplierInvoice(id: "${id}") { lines(first: 5) { edges { node { label } } } } }`,
    );
    expect(read.data!.supplierInvoice.lines.edges.map((e) => e.node.label)).toEqual(['Papier A4', 'Encre', 'Livraison']);
  });

  it('sets the payment status (PAID, then TO_BE_PAID) and matches / unmatches a bank transaction', async () => {
    const fee = (h.sim.control.snapshot('transactions') as (Row & { amount: string; outstanding_balance: string })[]).find(
      (t) => t.amount === '-22.50' && t.outstanding_balance === '-22.50',
    )!;
    const lines = [{ label: 'Frais', vatRate: 'exempt', currencyAmount: '22.50', currencyTax: '0.00' }];
    const imported = await importWithFile(
      invoice('BQ-0603', { currencyAmountBeforeTax: '22.50', currencyTax: '0.00', currencyAmount: '22.50', invoiceLines: lines }),
      pdf('BQ-0603'),
    );
    const id = (imported.supplierInvoice as { pennylaneId: string }).pennylaneId;
    const STATUS = `mutation($id: ID!, $s: SettableSupplierInvoicePaymentStatus!) { setSupplierInvoicePaymentStatus(id: $id, paymentStatus: $s) {
      __typename ... on SupplierInvoicePayload { supplierInvoice { paymentStatus paid remainingAmountWithTax } } ${ERRORS} } }`;
    const paid = await h.gql<{ setSupplierInvoicePaymentStatus: MutationResult }>(STATUS, { id, s: 'PAID' });
    expect(paid.data!.setSupplierInvoicePaymentStatus).toMatchObject({ supplierInvoice: { paymentStatus: 'PAID_OFFLINE', paid: true, remainingAmountWithTax: '0.00' } });
    const unpaid = await h.gql<{ setSupplierInvoicePaymentStatus: MutationResult }>(STATUS, { id, s: 'TO_BE_PAID' });
    expect(unpaid.data!.setSupplierInvoicePaymentStatus).toMatchObject({ supplierInvoice: { paymentStatus: 'TO_BE_PAID', paid: false } });

    const MATCH = (verb: string) => `mutation($id: ID!, $tx: ID!) { ${verb}SupplierInvoiceTransaction(id: $id, transactionId: $tx) {
      __typename ... on SupplierInvoicePayload { supplierInvoice { paymentStatus paid } } ${ERRORS} } }`;
    await h.gql(`{ transaction(id: "${fee.id}") { outstandingBalance } }`);
    const matched = await h.gql<{ matchSupplierInvoiceTransaction: MutationResult }>(MATCH('match'), { id, tx: String(fee.id) });
    expect(matched.data!.matchSupplierInvoiceTransaction).toMatchObject({ supplierInvoice: { paymentStatus: 'FULLY_PAID', paid: true } });
    const after = await h.gql<{ transaction: { outstandingBalance: string } }>(`{ transaction(id: "${fee.id}") { outstandingBalance } }`);
    expect(after.data!.transaction.outstandingBalance).toBe('0.00');
    const refused = await h.gql<{ setSupplierInvoicePaymentStatus: MutationResult }>(STATUS, { id, s: 'TO_BE_PAID' });
    expect(refused.data!.setSupplierInvoicePaymentStatus).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });

    const unmatched = await h.gql<{ unmatchSupplierInvoiceTransaction: MutationResult }>(MATCH('unmatch'), { id, tx: String(fee.id) });
    expect(unmatched.data!.unmatchSupplierInvoiceTransaction).toMatchObject({ supplierInvoice: { paymentStatus: 'TO_BE_PAID', paid: false } });
    const again = await h.gql<{ unmatchSupplierInvoiceTransaction: MutationResult }>(MATCH('unmatch'), { id, tx: String(fee.id) });
    expect(again.data!.unmatchSupplierInvoiceTransaction.__typename).toBe('NotFoundError');

    // A lost answer: the match is found among the invoice's matched transactions, not sent again.
    h.sim.control.clearLog();
    h.sim.control.injectFault({ match: { route: 'POST /supplier_invoices/{id}/matched_transactions' }, reset: 'after' });
    const lost = await h.gql<{ matchSupplierInvoiceTransaction: MutationResult }>(MATCH('match'), { id, tx: String(fee.id) });
    expect(lost.data!.matchSupplierInvoiceTransaction).toMatchObject({ supplierInvoice: { paymentStatus: 'FULLY_PAID' } });
    expect(h.sim.control.count({ route: 'POST /supplier_invoices/{id}/matched_transactions' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /supplier_invoices/{id}/matched_transactions' })).toBe(1);
  });

  it('sets categories; the invoice then lists them', async () => {
    const imported = await importWithFile(invoice('FA-1005'), pdf('FA-1005'));
    const id = (imported.supplierInvoice as { pennylaneId: string }).pennylaneId;
    const category = (h.sim.control.snapshot('categories') as Row[])[0]!;
    await h.gql(`{ supplierInvoice(id: "${id}") { categories { weight } } }`);
    const res = await h.gql<{ setSupplierInvoiceCategories: MutationResult }>(
      `mutation($id: ID!, $c: [CategoryWeightInput!]!) { setSupplierInvoiceCategories(id: $id, categories: $c) {
        __typename ... on SupplierInvoicePayload { supplierInvoice { categories { weight category { pennylaneId } } } } ${ERRORS} } }`,
      { id, c: [{ categoryId: String(category.id), weight: '1' }] },
    );
    expect(res.data!.setSupplierInvoiceCategories).toMatchObject({
      supplierInvoice: { categories: [{ weight: '1', category: { pennylaneId: String(category.id) } }] },
    });
  });
});
