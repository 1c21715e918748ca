import { beforeEach, describe, expect, it } from 'vitest';
import { type GraphQLResponse } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, runMutation, type MutationResult } from '../support/mutations.js';

/** Quotes: create, edit, answer, e-mail, append files. */

const RESULT = `__typename ... on MutationError { message refusedBy } ... on ValidationError { fieldErrors { path code message } }`;
const QUOTE = 'pennylaneId quoteNumber status label currencyAmount externalReference';
const payload = `... on QuotePayload { replayed quote { ${QUOTE} } }`;
const CREATE = `mutation($input: CreateQuoteInput!, $key: String) { createQuote(input: $input, idempotencyKey: $key) { ${RESULT} ${payload} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateQuoteInput!) { updateQuote(id: $id, input: $input) { ${RESULT} ${payload} } }`;
const STATUS = `mutation($id: ID!, $status: QuoteStatus!) { updateQuoteStatus(id: $id, status: $status) { ${RESULT} ${payload} } }`;
const SEND = `mutation($id: ID!) { sendQuoteByEmail(id: $id) { ${RESULT} ${payload} } }`;
const APPENDIX = `mutation($input: UploadQuoteAppendixInput!) { uploadQuoteAppendix(input: $input) { ${RESULT} ... on AppendixPayload { appendix { filename url } } } }`;

const line = { label: 'Atelier', quantity: '3', rawCurrencyUnitPrice: '400.00', unit: 'day', vatRate: 'FR_200' };

describe('quote mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });
  let customerId: string;
  beforeEach(() => {
    customerId = String((h.sim.control.snapshot('customers')[1] as { id: number }).id);
  });

  const quoteId = (result: MutationResult) => (result.quote as { pennylaneId: string }).pennylaneId;
  const create = (input: Record<string, unknown> = {}, key?: string) =>
    runMutation(h, CREATE, { input: { customerId, date: '2026-11-16', deadline: '2026-12-16', invoiceLines: [line], ...input }, key });

  it('creates a quote once per external reference; it reads back without a call', async () => {
    const created = await create({ externalReference: 'crm-deal-9', label: 'Ateliers' });
    expect(created).toMatchObject({ __typename: 'QuotePayload', replayed: false, quote: { status: 'PENDING', currencyAmount: '1440.00', externalReference: 'crm-deal-9' } });
    expect((created.quote as { quoteNumber: string }).quoteNumber).toMatch(/^D-2026-\d{4}$/);
    const again = await create({ externalReference: 'crm-deal-9', label: 'Ateliers' });
    expect(again).toMatchObject({ replayed: true, quote: { pennylaneId: quoteId(created) } });
    expect(h.sim.control.count({ route: 'POST /quotes' })).toBe(1);
    h.sim.control.clearLog();
    const read = await h.gql<{ quote: { label: string } }>(`{ quote(id: "${quoteId(created)}") { label } }`);
    expect(read.data!.quote.label).toBe('Ateliers');
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a bad quote with every path, before any call', async () => {
    const result = await create({
      deadline: '2026-11-01',
      invoiceLines: [{ ...line, sectionRank: 2, discount: { type: 'RELATIVE', value: '120' } }],
      invoiceLineSections: [{ rank: 1 }, { rank: 1 }],
    });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.deadline', 'INVALID_DATE_ORDER'],
      ['input.invoiceLines.0.discount.value', 'TOO_LARGE'],
      ['input.invoiceLineSections.1.rank', 'DUPLICATE'],
      ['input.invoiceLines.0.sectionRank', 'INVALID'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it('edits a quote, its lines replaced; the next read sees them', async () => {
    const id = quoteId(await create());
    await h.gql(`{ quote(id: "${id}") { currencyAmount lines(first: 10) { edges { node { label } } } } }`);
    const updated = await runMutation(h, UPDATE, { id, input: { invoiceLines: [{ ...line, label: 'Coaching', quantity: '1' }] } });
    expect(updated).toMatchObject({ quote: { currencyAmount: '480.00' } });
    const read = await h.gql<{ quote: { lines: { edges: { node: { label: string } }[] } } }>(`{ quote(id: "${id}") { lines(first: 10) { edges { node { label } } } } }`);
    expect(read.data!.quote.lines.edges).toEqual([{ node: { label: 'Coaching' } }]);
  });

  it('records the answer; INVOICED is refused at the gateway; an invoiced quote by Pennylane', async () => {
    const id = quoteId(await create());
    const accepted = await runMutation(h, STATUS, { id, status: 'ACCEPTED' });
    expect(accepted).toMatchObject({ __typename: 'QuotePayload', quote: { status: 'ACCEPTED' } });
    h.sim.control.clearLog();
    expect((await h.gql<{ quote: { status: string } }>(`{ quote(id: "${id}") { status } }`)).data!.quote.status).toBe('ACCEPTED');
    expect(h.sim.control.count()).toBe(0);
    const invoiced = await runMutation(h, STATUS, { id, status: 'INVOICED' });
    expect(fieldErrorCodes(invoiced)).toEqual([['status', 'INVALID']]);
    const done = (h.sim.control.snapshot('quotes') as { id: number; status: string }[]).find((q) => q.status === 'invoiced')!;
    const refused = await runMutation(h, STATUS, { id: String(done.id), status: 'DENIED' });
    expect(refused).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
  });

  it('e-mails a quote once its PDF exists (ConflictError before, retry later)', async () => {
    const id = quoteId(await create());
    const early = await runMutation(h, SEND, { id });
    expect(early).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
    expect(early.message).toMatch(/retry in a minute/i);
    h.sim.control.advanceClock(60_000);
    expect(await runMutation(h, SEND, { id })).toMatchObject({ __typename: 'QuotePayload' });
    expect(h.sim.control.sentEmails()).toHaveLength(1);
    expect(h.sim.control.sentEmails()[0]).toMatchObject({ resource: 'quotes', id: Number(id) });
  });

  it('appends a file to a quote: the very bytes are served back', async () => {
    const id = quoteId(await create());
    const file = new File([Buffer.from('%PDF-1.4\n% plan\n%%EOF\n', 'latin1')], 'plan.pdf', { type: 'application/pdf' });
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: APPENDIX, variables: { input: { quoteId: id, file: null } } }));
    form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.append('0', file);
    const response = await h.gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } });
    const result = ((await response.json()) as GraphQLResponse<{ uploadQuoteAppendix: MutationResult }>).data!.uploadQuoteAppendix;
    expect(result).toMatchObject({ __typename: 'AppendixPayload', appendix: { filename: 'plan.pdf' } });
    const served = Buffer.from(await (await fetch((result.appendix as { url: string }).url)).arrayBuffer());
    expect(served.equals(Buffer.from(await file.arrayBuffer()))).toBe(true);
  });
});
