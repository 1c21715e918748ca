import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type FieldErrors, type MutationResult } from '../support/mutations.js';

/** Lettering, unlettering and line categories through the gateway. */

type Row = Record<string, unknown> & { id: number };
type Line = { pennylaneId: string; isLettered: boolean; letteredLines: { pennylaneId: string }[] };

const ERRORS = `
  ... on MutationError { message refusedBy }
  ... on ValidationError { fieldErrors { path code message } }
`;
const LINE_FIELDS = 'pennylaneId isLettered letteredLines { pennylaneId }';

const LETTER = `mutation($ids: [ID!]!, $strategy: UnbalancedLetteringStrategy) {
  letterLedgerEntryLines(lineIds: $ids, unbalancedStrategy: $strategy) {
    __typename ... on LedgerEntryLinesPayload { ledgerEntryLines { ${LINE_FIELDS} } } ${ERRORS} } }`;
const UNLETTER = `mutation($ids: [ID!]!) { unletterLedgerEntryLines(lineIds: $ids) {
  __typename ... on LedgerEntryLinesPayload { ledgerEntryLines { ${LINE_FIELDS} } } ${ERRORS} } }`;
const CATEGORIES = `mutation($id: ID!, $categories: [CategoryWeightInput!]!) {
  setLedgerEntryLineCategories(id: $id, categories: $categories) {
    __typename ... on LedgerEntryLinePayload { ledgerEntryLine { pennylaneId categories { weight category { pennylaneId } } } } ${ERRORS} } }`;

describe('lettering and line categories', () => {
  const h = useHarness({ beforeEach: 'reset' });
  let accounts: Record<string, number>;
  let od: number;
  beforeAll(() => {
    const rows = h.sim.control.snapshot('ledger_accounts') as (Row & { number: string })[];
    const customerAccount = rows.find((a) => /^411[A-Z]/.test(a.number))!;
    accounts = {
      customer: customerAccount.id,
      bank: rows.find((a) => a.number === '512000')!.id,
      revenue: rows.find((a) => a.number === '706000')!.id,
    };
    od = (h.sim.control.snapshot('journals') as (Row & { code: string })[]).find((j) => j.code === 'OD')!.id;
  });

  /** Books `debit` against `credit` and returns the two lines' ids. */
  async function book(label: string, debit: number, credit: number, amount: string): Promise<[string, string]> {
    const res = await h.gql<{ createLedgerEntry: { ledgerEntry: { pennylaneId: string } } }>(
      `mutation($input: CreateLedgerEntryInput!) { createLedgerEntry(input: $input) { ... on LedgerEntryPayload { ledgerEntry { pennylaneId } } } }`,
      {
        input: {
          date: '2026-11-12',
          label,
          journalId: String(od),
          lines: [
            { ledgerAccountId: String(debit), debit: amount },
            { ledgerAccountId: String(credit), credit: amount },
          ],
        },
      },
    );
    const lines = h.sim.control.subList(`/ledger_entries/${res.data!.createLedgerEntry.ledgerEntry.pennylaneId}/ledger_entry_lines`) as Row[];
    return [String(lines[0]!.id), String(lines[1]!.id)];
  }

  it('letters an invoice line with its payment line; both lines then list each other as lettered', async () => {
    const [invoiceLine] = await book('Facture 42', accounts.customer!, accounts.revenue!, '300.00');
    const [, paymentLine] = await book('Règlement 42', accounts.bank!, accounts.customer!, '300.00');
    const before = `{ a: ledgerEntryLine(id: "${invoiceLine}") { ${LINE_FIELDS} } b: ledgerEntryLine(id: "${paymentLine}") { ${LINE_FIELDS} } }`;
    expect((await h.gql<{ a: Line }>(before)).data!.a.isLettered).toBe(false);
    h.sim.control.clearLog();

    const res = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: [invoiceLine, paymentLine] });
    const lettered = res.data!.letterLedgerEntryLines;
    expect(lettered.__typename).toBe('LedgerEntryLinesPayload');
    const group = [invoiceLine, paymentLine].sort();
    expect((lettered.ledgerEntryLines as Line[]).map((l) => l.pennylaneId).sort()).toEqual(group);
    expect(h.sim.control.count({ route: 'POST /ledger_entry_lines/lettering' })).toBe(1);
    expect(h.sim.control.requests({ route: 'POST /ledger_entry_lines/lettering' })[0]!.status).toBe(200);

    // Read again in a new request: the lines cached before the write are not served stale.
    const after = await h.gql<{ a: Line; b: Line }>(before);
    for (const line of [after.data!.a, after.data!.b]) {
      expect(line.isLettered).toBe(true);
      expect(line.letteredLines.map((l) => l.pennylaneId).sort()).toEqual(group);
    }

    const un = await h.gql<{ unletterLedgerEntryLines: MutationResult }>(UNLETTER, { ids: [invoiceLine] });
    const unlettered = un.data!.unletterLedgerEntryLines.ledgerEntryLines as Line[];
    // The whole group is dissolved: the payment line, not named, comes back unlettered too.
    expect(unlettered.map((l) => [l.pennylaneId, l.isLettered]).sort()).toEqual(group.map((id) => [id, false]));
    const reread = await h.gql<{ a: Line; b: Line }>(before);
    expect([reread.data!.a.isLettered, reread.data!.b.isLettered]).toEqual([false, false]);
  });

  it('merges transitively: lettering C with A (lettered with B) returns A, B and C', async () => {
    const [a] = await book('Facture 43', accounts.customer!, accounts.revenue!, '100.00');
    const [, b] = await book('Acompte 43', accounts.bank!, accounts.customer!, '40.00');
    const [, c] = await book('Solde 43', accounts.bank!, accounts.customer!, '60.00');
    await h.gql(LETTER, { ids: [a, b], strategy: 'PARTIAL' });
    const res = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: [a, c] });
    const lines = res.data!.letterLedgerEntryLines.ledgerEntryLines as Line[];
    expect(lines.map((l) => l.pennylaneId).sort()).toEqual([a, b, c].sort());
    const readB = await h.gql<{ ledgerEntryLine: Line }>(`{ ledgerEntryLine(id: "${b}") { ${LINE_FIELDS} } }`);
    expect(readB.data!.ledgerEntryLine.letteredLines.map((l) => l.pennylaneId).sort()).toEqual([a, b, c].sort());
  });

  it('a lost answer is resolved by reading the lines: lettered once, not sent again', async () => {
    const [a] = await book('Facture 45', accounts.customer!, accounts.revenue!, '70.00');
    const [, b] = await book('Règlement 45', accounts.bank!, accounts.customer!, '70.00');
    h.sim.control.clearLog();
    h.sim.control.injectFault({ match: { route: 'POST /ledger_entry_lines/lettering' }, reset: 'after' });
    const res = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: [a, b] });
    expect((res.data!.letterLedgerEntryLines.ledgerEntryLines as Line[]).map((l) => l.isLettered)).toEqual([true, true]);
    expect(h.sim.control.count({ route: 'POST /ledger_entry_lines/lettering' })).toBe(1);
  });

  it('refuses one line or a repeated line before any call, and returns Pennylane refusals typed', async () => {
    const one = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: ['123'] });
    expect(one.data!.letterLedgerEntryLines).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['lineIds'], code: 'TOO_FEW' }] });
    const twice = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: ['123', '123'] });
    expect(twice.data!.letterLedgerEntryLines).toMatchObject({ fieldErrors: [{ path: ['lineIds', '1'], code: 'DUPLICATE' }] });
    expect(h.sim.control.count()).toBe(0);

    const [a, revenueLine] = await book('Facture 44', accounts.customer!, accounts.revenue!, '80.00');
    const [, b] = await book('Règlement 44', accounts.bank!, accounts.customer!, '50.00');
    const unbalanced = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: [a, b] });
    expect(unbalanced.data!.letterLedgerEntryLines).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    const notLetterable = await h.gql<{ letterLedgerEntryLines: MutationResult }>(LETTER, { ids: [a, revenueLine], strategy: 'PARTIAL' });
    expect(notLetterable.data!.letterLedgerEntryLines.message).toMatch(/not letterable/);
  });

  it('sets line categories: weights per group must sum to 1 (checked with the cached categories, no call)', async () => {
    const [, revenueLine] = await book('Prestation', accounts.bank!, accounts.revenue!, '500.00');
    const categories = h.sim.control.snapshot('categories') as (Row & { category_group: { id: number } })[];
    const groupId = categories[0]!.category_group.id;
    const [x, y] = categories.filter((c) => c.category_group.id === groupId);
    await h.gql('{ categories(first: 100) { edges { node { pennylaneId } } } }');
    h.sim.control.clearLog();

    const bad = await h.gql<{ setLedgerEntryLineCategories: MutationResult }>(CATEGORIES, {
      id: revenueLine,
      categories: [{ categoryId: String(x!.id), weight: '0.5' }, { categoryId: String(y!.id), weight: '0.3' }, { categoryId: '999', weight: '1.5' }],
    });
    const errors = bad.data!.setLedgerEntryLineCategories.fieldErrors as FieldErrors;
    expect(fieldErrorCodes(bad.data!.setLedgerEntryLineCategories)).toEqual([
      ['categories.2.weight', 'INVALID_WEIGHT'],
      ['categories.2.categoryId', 'NOT_FOUND'],
      ['categories', 'WEIGHTS_NOT_ONE'],
    ]);
    expect(errors[2]!.message).toMatch(/sum to 0\.80/);
    expect(h.sim.control.count({ method: 'PUT' })).toBe(0);
    expect(h.sim.control.count({ route: 'GET /categories' })).toBe(1); // only the unknown id

    const ok = await h.gql<{ setLedgerEntryLineCategories: MutationResult }>(CATEGORIES, {
      id: revenueLine,
      categories: [{ categoryId: String(x!.id), weight: '0.75' }, { categoryId: String(y!.id), weight: '0.25' }],
    });
    const line = ok.data!.setLedgerEntryLineCategories.ledgerEntryLine as { categories: { weight: string; category: { pennylaneId: string } }[] };
    expect(line.categories.map((c) => [c.category.pennylaneId, c.weight])).toEqual([
      [String(x!.id), '0.75'],
      [String(y!.id), '0.25'],
    ]);
    expect(h.sim.control.count({ route: 'PUT /ledger_entry_lines/{id}/categories' })).toBe(1);
  });
});
