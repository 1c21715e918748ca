import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type MutationResult } from '../support/mutations.js';

/** Editing, deleting, e-mailing, crediting, matching and categorising customer invoices. */

type Invoice = { id: number; status: string; draft: boolean; customer: { id: number } | null; remaining_amount_with_tax: string | null; amount: string };

const RESULT = `__typename ... on MutationError { message refusedBy } ... on ValidationError { fieldErrors { path code message } }`;
const INVOICE = 'id pennylaneId status draft label remainingAmountWithTax currencyAmount creditedInvoice { pennylaneId }';
const payload = `... on CustomerInvoicePayload { customerInvoice { ${INVOICE} } }`;

const mutation = (name: string, params: string, args: string) =>
  `mutation(${params}) { ${name}(${args}) { ${RESULT} ${payload} } }`;

const UPDATE_DRAFT = mutation('updateDraftCustomerInvoice', '$id: ID!, $input: UpdateDraftCustomerInvoiceInput!', 'id: $id, input: $input');
const UPDATE_FINALIZED = mutation('updateFinalizedCustomerInvoice', '$id: ID!, $input: UpdateFinalizedCustomerInvoiceInput!', 'id: $id, input: $input');
const SEND = mutation('sendCustomerInvoiceByEmail', '$id: ID!, $recipients: [String!]', 'id: $id, recipients: $recipients');
const LINK = mutation('linkCreditNote', '$id: ID!, $invoiceId: ID!', 'id: $id, invoiceId: $invoiceId');
const MATCH = mutation('matchCustomerInvoiceTransaction', '$id: ID!, $transactionId: ID!', 'id: $id, transactionId: $transactionId');
const UNMATCH = mutation('unmatchCustomerInvoiceTransaction', '$id: ID!, $transactionId: ID!', 'id: $id, transactionId: $transactionId');
const CATEGORIES = mutation('setCustomerInvoiceCategories', '$id: ID!, $categories: [CategoryWeightInput!]!', 'id: $id, categories: $categories');
const CREATE = mutation('createCustomerInvoice', '$input: CreateCustomerInvoiceInput!, $key: String', 'input: $input, idempotencyKey: $key');
const FINALIZE = mutation('finalizeCustomerInvoice', '$id: ID!', 'id: $id');
const DELETE = `mutation($id: ID!) { deleteDraftCustomerInvoice(id: $id) { ${RESULT} ... on DeleteCustomerInvoicePayload { deletedId deletedPennylaneId } } }`;

const line = { label: 'Conseil', quantity: '2', rawCurrencyUnitPrice: '150.00', unit: 'hour', vatRate: 'FR_200' };

describe('customer invoice mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });

  const run = async (query: string, variables: Record<string, unknown>) => {
    const res = await h.gql<Record<string, MutationResult>>(query, variables);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!;
  };
  const invoices = () => h.sim.control.snapshot('customer_invoices') as Invoice[];
  const draft = () => invoices().find((i) => i.draft)!;
  const upcoming = () => invoices().find((i) => i.status === 'upcoming')!;
  const readInvoice = (id: number, fields = INVOICE) => h.gql<{ customerInvoice: Record<string, unknown> | null }>(`{ customerInvoice(id: "${id}") { ${fields} } }`);

  it('edits a draft whole, its lines replaced; the next read sees the new lines and totals', async () => {
    const target = draft();
    await readInvoice(target.id, 'currencyAmount lines(first: 20) { edges { node { label } } }');
    const result = await run(UPDATE_DRAFT, { id: String(target.id), input: { label: 'Mission mai', invoiceLines: [line, { ...line, label: 'Audit', quantity: '1' }] } });
    expect(result).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { label: 'Mission mai', currencyAmount: '540.00', draft: true } });
    h.sim.control.clearLog();
    const read = await readInvoice(target.id, 'currencyAmount lines(first: 20) { edges { node { label } } }');
    expect(read.data!.customerInvoice).toEqual({ currencyAmount: '540.00', lines: { edges: [{ node: { label: 'Conseil' } }, { node: { label: 'Audit' } }] } });
    expect(h.sim.control.count()).toBe(1);
    expect(h.sim.control.count({ route: 'GET /customer_invoices/{id}/invoice_lines' })).toBe(1);
  });

  it('refuses a bad draft edit with every path, before any call', async () => {
    const result = await run(UPDATE_DRAFT, {
      id: String(draft().id),
      input: { date: '2026-05-10', deadline: '2026-05-01', currency: 'EURO', invoiceLines: [{ quantity: '1', vatRate: '20%' }], pdfInvoiceSubject: null },
    });
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY' });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.pdfInvoiceSubject', 'NOT_NULLABLE'],
      ['input.deadline', 'INVALID_DATE_ORDER'],
      ['input.currency', 'INVALID_CURRENCY'],
      ['input.invoiceLines.0.label', 'REQUIRED'],
      ['input.invoiceLines.0.rawCurrencyUnitPrice', 'REQUIRED'],
      ['input.invoiceLines.0.unit', 'REQUIRED'],
      ['input.invoiceLines.0.vatRate', 'INVALID_VAT_RATE'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it('changes the texts of a finalized invoice; its lines cannot change (Pennylane refuses)', async () => {
    const target = upcoming();
    const refused = await run(UPDATE_DRAFT, { id: String(target.id), input: { invoiceLines: [line] } });
    expect(refused).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    const result = await run(UPDATE_FINALIZED, { id: String(target.id), input: { label: 'Facture corrigée', specialMention: 'Merci !' } });
    expect(result).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { label: 'Facture corrigée', status: 'UPCOMING' } });
    h.sim.control.clearLog();
    expect((await readInvoice(target.id, 'label specialMention')).data!.customerInvoice).toEqual({ label: 'Facture corrigée', specialMention: 'Merci !' });
    expect(h.sim.control.count()).toBe(0);
  });

  it('deletes a draft (read back as gone); a finalized one is refused by Pennylane', async () => {
    const target = draft();
    await readInvoice(target.id);
    const deleted = await run(DELETE, { id: String(target.id) });
    expect(deleted).toEqual({ __typename: 'DeleteCustomerInvoicePayload', deletedId: Buffer.from(`CustomerInvoice:${target.id}`).toString('base64'), deletedPennylaneId: String(target.id) });
    expect(invoices().some((i) => i.id === target.id)).toBe(false);
    expect((await readInvoice(target.id)).data!.customerInvoice).toBeNull();
    const finalized = await run(DELETE, { id: String(upcoming().id) });
    expect(finalized).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    expect(h.sim.control.count({ route: 'DELETE /customer_invoices/{id}' })).toBe(2);
  });

  it('answers ConflictError while the PDF is being made, then sends once it exists', async () => {
    const created = await run(CREATE, { input: { customerId: String(upcoming().customer!.id), date: '2026-11-16', deadline: '2026-12-16', draft: false, invoiceLines: [line] } });
    const id = (created.customerInvoice as { pennylaneId: string }).pennylaneId;
    const early = await run(SEND, { id });
    expect(early).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
    expect(early.message).toMatch(/retry in a minute/i);
    expect(h.sim.control.sentEmails()).toHaveLength(0);
    h.sim.control.advanceClock(60_000);
    const sent = await run(SEND, { id, recipients: ['compta@example.fr'] });
    expect(sent).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { pennylaneId: id } });
    expect(h.sim.control.sentEmails().map((e) => e.recipients)).toEqual([['compta@example.fr']]);
    const bad = await run(SEND, { id, recipients: ['nope'] });
    expect(fieldErrorCodes(bad)).toEqual([['recipients.0', 'INVALID_EMAIL']]);
  });

  it('links a credit note to the invoice it credits: both read back fresh', async () => {
    const invoice = upcoming();
    const note = await run(CREATE, {
      input: { customerId: String(invoice.customer!.id), date: '2026-11-16', deadline: '2026-11-16', draft: false, invoiceLines: [{ ...line, quantity: '-1', rawCurrencyUnitPrice: '10.00' }] },
    });
    const noteId = (note.customerInvoice as { pennylaneId: string }).pennylaneId;
    await readInvoice(invoice.id);
    const linked = await run(LINK, { id: noteId, invoiceId: String(invoice.id) });
    expect(linked).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { pennylaneId: noteId, status: 'CREDIT_NOTE', creditedInvoice: { pennylaneId: String(invoice.id) } } });
    const read = await readInvoice(invoice.id, 'status');
    expect(read.data!.customerInvoice).toEqual({ status: 'PARTIALLY_CANCELLED' });
    const self = await run(LINK, { id: noteId, invoiceId: noteId });
    expect(fieldErrorCodes(self)).toEqual([['invoiceId', 'INVALID']]);
  });

  it('matches and unmatches a transaction: the invoice and the transaction change, read fresh', async () => {
    const invoice = upcoming();
    const tx = (h.sim.control.snapshot('transactions') as { id: number; outstanding_balance: string }[]).find((t) => Number(t.outstanding_balance) > Number(invoice.amount))!;
    const query = `{ customerInvoice(id: "${invoice.id}") { status remainingAmountWithTax matchedTransactions(first: 5) { edges { node { pennylaneId } } } } transaction(id: "${tx.id}") { outstandingBalance } }`;
    await h.gql(query);
    const matched = await run(MATCH, { id: String(invoice.id), transactionId: String(tx.id) });
    expect(matched).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { status: 'PAID', remainingAmountWithTax: '0.00' } });
    const after = await h.gql<{ customerInvoice: { matchedTransactions: { edges: unknown[] } }; transaction: { outstandingBalance: string } }>(query);
    expect(after.data!.customerInvoice.matchedTransactions.edges).toEqual([{ node: { pennylaneId: String(tx.id) } }]);
    expect(Number(after.data!.transaction.outstandingBalance)).toBeCloseTo(Number(tx.outstanding_balance) - Number(invoice.amount), 2);

    const unmatched = await run(UNMATCH, { id: String(invoice.id), transactionId: String(tx.id) });
    expect(unmatched).toMatchObject({ customerInvoice: { status: 'UPCOMING', remainingAmountWithTax: invoice.amount } });
    const back = await h.gql<{ transaction: { outstandingBalance: string } }>(query);
    expect(back.data!.transaction.outstandingBalance).toBe(tx.outstanding_balance);
    const onDraft = await run(MATCH, { id: String(draft().id), transactionId: String(tx.id) });
    expect(onDraft).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
  });

  it('sets categories of a finalized invoice; a draft is refused by Pennylane', async () => {
    const [ventes] = h.sim.control.snapshot('categories') as { id: number }[];
    const categories = [{ categoryId: String(ventes!.id), weight: '1' }];
    const set = await run(CATEGORIES, { id: String(upcoming().id), categories });
    expect(set).toMatchObject({ __typename: 'CustomerInvoicePayload' });
    const read = await readInvoice(upcoming().id, 'categories { weight category { pennylaneId } }');
    expect(read.data!.customerInvoice).toEqual({ categories: [{ weight: '1', category: { pennylaneId: String(ventes!.id) } }] });
    const refused = await run(CATEGORIES, { id: String(draft().id), categories });
    expect(refused).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
  });

  it('a reset after Pennylane created the invoice leaves exactly one invoice and answers success', async () => {
    const count = invoices().length;
    h.sim.control.injectFault({ match: { route: 'POST /customer_invoices' }, reset: 'after' });
    const created = await run(CREATE, { input: { customerId: String(upcoming().customer!.id), date: '2026-11-16', deadline: '2026-12-16', invoiceLines: [line] }, key: 'order-77' });
    expect(created).toMatchObject({ __typename: 'CustomerInvoicePayload', customerInvoice: { draft: true } });
    expect(invoices()).toHaveLength(count + 1);
    expect(h.sim.control.count({ route: 'POST /customer_invoices' })).toBe(1);
    const finalized = await run(FINALIZE, { id: (created.customerInvoice as { pennylaneId: string }).pennylaneId });
    expect(finalized).toMatchObject({ customerInvoice: { draft: false, status: 'UPCOMING' } });
  });
});
