import { beforeEach, describe, expect, it } from 'vitest';
import { multipart, pdfFile } from '../support/uploads.js';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, runMutation, type MutationResult } from '../support/mutations.js';

/** Imported invoices (with their uploaded file), their corrections, invoices from quotes, appendices. */

const RESULT = `__typename ... on MutationError { message refusedBy } ... on ValidationError { fieldErrors { path code message } }`;
const INVOICE = 'pennylaneId status draft filename invoiceNumber currencyAmount currencyTax externalReference quote { pennylaneId }';
const IMPORT = `mutation($input: ImportCustomerInvoiceInput!, $key: String) {
  importCustomerInvoice(input: $input, idempotencyKey: $key) { ${RESULT} ... on CustomerInvoicePayload { replayed customerInvoice { ${INVOICE} } } }
}`;
const UPDATE_IMPORTED = `mutation($id: ID!, $input: UpdateImportedCustomerInvoiceInput!) {
  updateImportedCustomerInvoice(id: $id, input: $input) { ${RESULT} ... on CustomerInvoicePayload { customerInvoice { ${INVOICE} } } }
}`;
const FROM_QUOTE = `mutation($input: CreateCustomerInvoiceFromQuoteInput!) {
  createCustomerInvoiceFromQuote(input: $input) { ${RESULT} ... on CustomerInvoicePayload { customerInvoice { ${INVOICE} } } }
}`;
const APPENDIX = `mutation($input: UploadCustomerInvoiceAppendixInput!, $key: String) {
  uploadCustomerInvoiceAppendix(input: $input, idempotencyKey: $key) { ${RESULT} ... on AppendixPayload { replayed appendix { pennylaneId filename url } } }
}`;

const bytesOf = async (file: File) => Buffer.from(await file.arrayBuffer());

const lines = [
  { label: 'Développement', quantity: '10', vatRate: 'FR_200', currencyAmount: '1200.00', currencyTax: '200.00' },
  { label: 'Hébergement', vatRate: 'FR_200', currencyAmount: '60.00', currencyTax: '10.00' },
];

describe('imported invoices, invoices from quotes, appendices', () => {
  const h = useHarness({ beforeEach: 'reset' });
  let customerId: string;
  beforeEach(() => {
    customerId = String((h.sim.control.snapshot('customers')[2] as { id: number }).id);
  });

  const head = () => ({ customerId, date: '2026-11-02', deadline: '2026-12-02', currencyAmountBeforeTax: '1050.00', currencyTax: '210.00', currencyAmount: '1260.00', invoiceLines: lines });
  const importWith = async (file: File, input: Record<string, unknown>, key?: string) =>
    (await multipart<{ importCustomerInvoice: MutationResult }>(h, IMPORT, { input: { ...input, file: null }, key }, { 'variables.input.file': file })).data!.importCustomerInvoice;

  it('uploads the file then imports: the simulator serves the same bytes back; the invoice reads back without a call', async () => {
    const file = pdfFile('FA-EXT-2026-0042.pdf');
    const result = await importWith(file, { ...head(), invoiceNumber: 'EXT-0042', externalReference: 'erp-42' });
    expect(result).toMatchObject({ __typename: 'CustomerInvoicePayload', replayed: false, customerInvoice: { status: 'UPCOMING', currencyAmount: '1260.00', filename: 'FA-EXT-2026-0042.pdf' } });
    expect(h.sim.control.count({ route: 'POST /file_attachments' })).toBe(1);
    expect(h.sim.control.count({ route: 'POST /customer_invoices/import' })).toBe(1);
    const attachment = (h.sim.control.snapshot('file_attachments') as { id: number; url: string }[]).at(-1)!;
    expect(h.sim.control.file(attachment.id)!.bytes.equals(await bytesOf(file))).toBe(true);
    expect(Buffer.from(await (await fetch(attachment.url)).arrayBuffer()).equals(await bytesOf(file))).toBe(true);

    const id = (result.customerInvoice as { pennylaneId: string }).pennylaneId;
    h.sim.control.clearLog();
    const read = await h.gql<{ customerInvoice: { invoiceNumber: string } }>(`{ customerInvoice(id: "${id}") { invoiceNumber } }`);
    expect(read.data!.customerInvoice.invoiceNumber).toBe('EXT-0042');
    expect(h.sim.control.count()).toBe(0);

    const again = await importWith(pdfFile('FA-EXT-2026-0042.pdf'), { ...head(), invoiceNumber: 'EXT-0042', externalReference: 'erp-42' });
    expect(again).toMatchObject({ replayed: true, customerInvoice: { pennylaneId: id } });
    expect(h.sim.control.count({ method: 'POST' })).toBe(0);
  });

  it('checks that the amounts add up, and every other field, before any call', async () => {
    const result = await runMutation(h, IMPORT, {
      input: {
        ...head(),
        currencyAmount: '1270.00',
        currencyTax: '210.005',
        creditedInvoiceId: '123',
        invoiceLines: [{ ...lines[0], label: '', vatRate: 'TVA20' }, { vatRate: 'FR_200', currencyAmount: '-5.00', currencyTax: '1.00' }],
      },
    });
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY' });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.file', 'REQUIRED'],
      ['input.invoiceLines.0.label', 'REQUIRED'],
      ['input.invoiceLines.0.vatRate', 'INVALID_VAT_RATE'],
      ['input.invoiceLines.1.label', 'REQUIRED'],
      ['input.invoiceLines.1.currencyTax', 'SIGN'],
      ['input.currencyTax', 'TOO_PRECISE'],
      ['input.currencyAmount', 'UNBALANCED'],
      ['input.currencyAmount', 'SIGN'],
      ['input.invoiceLines', 'UNBALANCED'],
      ['input.invoiceLines', 'UNBALANCED'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it('imports from an uploaded attachment; a reset after Pennylane processed it leaves one invoice', async () => {
    const attachment = (h.sim.control.snapshot('file_attachments') as { id: number }[])[0]!;
    const count = h.sim.control.snapshot('customer_invoices').length;
    h.sim.control.injectFault({ match: { route: 'POST /customer_invoices/import' }, reset: 'after' });
    const result = await runMutation(h, IMPORT, { input: { ...head(), fileAttachmentId: String(attachment.id) } });
    expect(result).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { status: 'UPCOMING' } });
    expect(h.sim.control.snapshot('customer_invoices')).toHaveLength(count + 1);
    expect(h.sim.control.count({ route: 'POST /customer_invoices/import' })).toBe(1);
    const duplicate = await runMutation(h, IMPORT, { input: { ...head(), fileAttachmentId: String(attachment.id), invoiceNumber: 'X-1' } });
    expect(duplicate.__typename).toBe('CustomerInvoicePayload');
    const clash = await runMutation(h, IMPORT, { input: { ...head(), fileAttachmentId: String(attachment.id), invoiceNumber: 'X-1' } });
    expect(clash).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
  });

  it('completes an incomplete import with line changes; never resent, read back fresh', async () => {
    const attachment = (h.sim.control.snapshot('file_attachments') as { id: number }[])[0]!;
    const imported = await runMutation(h, IMPORT, { input: { ...head(), fileAttachmentId: String(attachment.id), importAsIncomplete: true } });
    expect(imported).toMatchObject({ customerInvoice: { status: 'INCOMPLETE' } });
    const id = (imported.customerInvoice as { pennylaneId: string }).pennylaneId;
    const before = await h.gql<{ customerInvoice: { lines: { edges: { node: { pennylaneId: string } }[] } } }>(`{ customerInvoice(id: "${id}") { lines(first: 10) { edges { node { pennylaneId } } } } }`);
    const [first, second] = before.data!.customerInvoice.lines.edges.map((e) => e.node.pennylaneId);

    const conflicting = await runMutation(h, UPDATE_IMPORTED, { id, input: { invoiceLines: { update: [{ id: first, label: 'x' }], delete: [first] } } });
    expect(fieldErrorCodes(conflicting)).toEqual([['input.invoiceLines.delete.0', 'CONFLICTING']]);

    const updated = await runMutation(h, UPDATE_IMPORTED, {
      id,
      input: {
        importAsIncomplete: false,
        currencyAmountBeforeTax: '1100.00', currencyTax: '220.00', currencyAmount: '1320.00',
        invoiceLines: { delete: [second], create: [{ label: 'Maintenance', vatRate: 'FR_200', currencyAmount: '120.00', currencyTax: '20.00' }] },
      },
    });
    expect(updated).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { status: 'UPCOMING', currencyAmount: '1320.00' } });
    const after = await h.gql<{ customerInvoice: { lines: { edges: { node: { label: string } }[] } } }>(`{ customerInvoice(id: "${id}") { lines(first: 10) { edges { node { label } } } } }`);
    expect(after.data!.customerInvoice.lines.edges.map((e) => e.node.label)).toEqual(['Développement', 'Maintenance']);

    h.sim.control.injectFault({ match: { route: 'PUT /customer_invoices/{id}/update_imported' }, reset: 'after' });
    const unknown = await runMutation(h, UPDATE_IMPORTED, { id, input: { label: 'Relabelled' } });
    expect(unknown).toMatchObject({ __typename: 'OutcomeUnknownError' });
    expect(h.sim.control.count({ route: 'PUT /customer_invoices/{id}/update_imported' })).toBe(2);
  });

  it('makes an invoice from a quote; the quote reads back invoiced; a second time is refused', async () => {
    const quote = (h.sim.control.snapshot('quotes') as { id: number; status: string }[]).find((q) => q.status === 'pending')!;
    await h.gql(`{ quote(id: "${quote.id}") { status } }`);
    const created = await runMutation(h, FROM_QUOTE, { input: { quoteId: String(quote.id), externalReference: 'from-quote-1' } });
    expect(created).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { draft: true, externalReference: 'from-quote-1', quote: { pennylaneId: String(quote.id) } } });
    const read = await h.gql<{ quote: { status: string } }>(`{ quote(id: "${quote.id}") { status } }`);
    expect(read.data!.quote.status).toBe('INVOICED');
    const again = await runMutation(h, FROM_QUOTE, { input: { quoteId: String(quote.id) } });
    expect(again).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    const bad = await runMutation(h, FROM_QUOTE, { input: { quoteId: Buffer.from(`CustomerInvoice:${quote.id}`).toString('base64') } });
    expect(fieldErrorCodes(bad)).toEqual([['input.quoteId', 'INVALID_ID']]);
  });

  it('appends a file to an invoice: bytes served back identical, the appendix list read fresh', async () => {
    const invoice = (h.sim.control.snapshot('customer_invoices') as { id: number; status: string }[]).find((i) => i.status === 'upcoming')!;
    const appendicesOf = async () =>
      (await h.gql<{ customerInvoice: { appendices: { edges: { node: { filename: string } }[] } } }>(`{ customerInvoice(id: "${invoice.id}") { appendices(first: 20) { edges { node { filename } } } } }`))
        .data!.customerInvoice.appendices.edges.map((e) => e.node.filename);
    const before = await appendicesOf();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), await bytesOf(pdfFile('cgv'))]);
    const file = new File([png], 'CGV-2026.png', { type: 'image/png' });
    const upload = (await multipart<{ uploadCustomerInvoiceAppendix: MutationResult }>(h, APPENDIX, { input: { customerInvoiceId: String(invoice.id), file: null }, key: 'cgv' }, { 'variables.input.file': file })).data!.uploadCustomerInvoiceAppendix;
    expect(upload).toMatchObject({ __typename: 'AppendixPayload', replayed: false, appendix: { filename: 'CGV-2026.png' } });
    const url = (upload.appendix as { url: string }).url;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(await bytesOf(file))).toBe(true);
    expect((await appendicesOf()).sort()).toEqual([...before, 'CGV-2026.png'].sort());

    const text = (await multipart<{ uploadCustomerInvoiceAppendix: MutationResult }>(h, APPENDIX, { input: { customerInvoiceId: String(invoice.id), file: null } }, { 'variables.input.file': new File(['x'], 'notes.txt', { type: 'text/plain' }) })).data!.uploadCustomerInvoiceAppendix;
    expect(fieldErrorCodes(text)).toEqual([['input.file', 'INVALID_FILE']]);
  });
});
