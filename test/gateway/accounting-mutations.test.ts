import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type FieldErrors, type MutationResult } from '../support/mutations.js';

/** Journals, ledger accounts and ledger entries, written through the gateway over the simulator. */

type Row = Record<string, unknown> & { id: number };

const ERRORS = `
  ... on MutationError { message refusedBy }
  ... on ValidationError { fieldErrors { path code message } }
  ... on OutcomeUnknownError { idempotencyKey }
`;

const CREATE_ENTRY = `
  mutation($input: CreateLedgerEntryInput!, $key: String) {
    createLedgerEntry(input: $input, idempotencyKey: $key) {
      __typename
      ... on LedgerEntryPayload { replayed ledgerEntry { pennylaneId label date journal { code } } }
      ${ERRORS}
    }
  }
`;

describe('accounting mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });
  let od: number;
  let bank: number;
  let revenue: number;
  let disabled: number;
  beforeAll(() => {
    const journals = h.sim.control.snapshot('journals') as (Row & { code: string })[];
    od = journals.find((j) => j.code === 'OD')!.id;
    const accounts = h.sim.control.snapshot('ledger_accounts') as (Row & { number: string; enabled: boolean })[];
    bank = accounts.find((a) => a.number === '512000')!.id;
    revenue = accounts.find((a) => a.number === '706000')!.id;
    disabled = accounts.find((a) => !a.enabled)!.id;
  });

  const entry = (label: string, amount = '150.00', extra: Record<string, unknown> = {}) => ({
    date: '2026-11-10',
    label,
    journalId: String(od),
    lines: [
      { ledgerAccountId: String(bank), debit: amount },
      { ledgerAccountId: String(revenue), credit: amount, label: `${label} (produit)` },
    ],
    ...extra,
  });
  const createEntry = async (input: Record<string, unknown>, key?: string) =>
    (await h.gql<{ createLedgerEntry: MutationResult }>(CREATE_ENTRY, { input, key })).data!.createLedgerEntry;
  const entriesLabelled = (label: string) => (h.sim.control.snapshot('ledger_entries') as (Row & { label: string })[]).filter((e) => e.label === label);

  it('books a balanced entry (one call) and reads it and its lines back fresh', async () => {
    const result = await createEntry(entry('Vente comptoir'));
    expect(result).toMatchObject({ __typename: 'LedgerEntryPayload', replayed: false, ledgerEntry: { label: 'Vente comptoir', date: '2026-11-10' } });
    expect(h.sim.control.count({ route: 'POST /ledger_entries' })).toBe(1);
    const id = (result.ledgerEntry as { pennylaneId: string }).pennylaneId;
    const [lines] = [h.sim.control.subList(`/ledger_entries/${id}/ledger_entry_lines`) as (Row & { debit: string; credit: string; label: string })[]];
    expect(lines.map((l) => [l.debit, l.credit, l.label])).toEqual([
      ['150.00', '0.00', 'Vente comptoir'],
      ['0.00', '150.00', 'Vente comptoir (produit)'],
    ]);
    h.sim.control.clearLog();
    const read = await h.gql<{ ledgerEntry: { lines: { edges: { node: { debit: string; credit: string } }[] } } }>(
      `{ ledgerEntry(id: "${id}") { label lines(first: 10) { edges { node { debit credit } } } } }`,
    );
    expect(read.data!.ledgerEntry.lines.edges.map((e) => e.node.debit)).toEqual(['150.00', '0.00']);
    // The entry itself was primed by the write: only its lines cost a call.
    expect(h.sim.control.count()).toBe(1);
    expect(h.sim.control.count({ route: 'GET /ledger_entries/{id}/ledger_entry_lines' })).toBe(1);
  });

  it('refuses an unbalanced entry with both totals, and every other mistake at once, before any call', async () => {
    const input = entry('Bancal');
    input.lines[1] = { ledgerAccountId: String(revenue), credit: '140.00', label: 'x' };
    input.lines.push({ ledgerAccountId: String(revenue), debit: '10.005' } as never, { ledgerAccountId: 'nope', debit: '1.00', credit: '1.00' } as never);
    const result = await createEntry({ ...input, currency: 'EURO' });
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY' });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.currency', 'INVALID_CURRENCY'],
      ['input.lines.2.debit', 'TOO_PRECISE'],
      ['input.lines.3.ledgerAccountId', 'INVALID_ID'],
      ['input.lines.3', 'DEBIT_XOR_CREDIT'],
    ]);
    const balanced = await createEntry({ ...entry('Bancal'), lines: [entry('x').lines[0], { ledgerAccountId: String(revenue), credit: '140.00' }] });
    expect(fieldErrorCodes(balanced)).toEqual([['input.lines', 'UNBALANCED']]);
    expect((balanced.fieldErrors as FieldErrors)[0]!.message).toMatch(/debits total 150\.00, credits total 140\.00 \(difference 10\.00\)/);
    expect(h.sim.control.count()).toBe(0);
  });

  it("returns Pennylane's 422 (a disabled account) as a typed ValidationError", async () => {
    const input = entry('Compte fermé');
    input.lines[1] = { ledgerAccountId: String(disabled), credit: '150.00', label: 'x' };
    const result = await createEntry(input);
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    expect(result.message).toMatch(/disabled/);
  });

  it('a connection reset after Pennylane booked the entry: found by journal, date, label and lines — exactly one entry', async () => {
    await createEntry(entry('Reprise', '99.00'));
    h.sim.control.clearLog();
    h.sim.control.injectFault({ match: { route: 'POST /ledger_entries' }, reset: 'after' });
    const result = await createEntry(entry('Reprise'), 'entry-reset');
    expect(result.__typename).toBe('LedgerEntryPayload');
    expect(entriesLabelled('Reprise')).toHaveLength(2);
    expect(h.sim.control.count({ route: 'POST /ledger_entries' })).toBe(1);
    const [lookup] = h.sim.control.requests({ route: 'GET /ledger_entries' });
    expect(lookup!.filter).toEqual([
      { field: 'journal_id', operator: 'eq', value: od },
      { field: 'date', operator: 'eq', value: '2026-11-10' },
    ]);
    const created = entriesLabelled('Reprise').at(-1)!;
    expect((result.ledgerEntry as { pennylaneId: string }).pennylaneId).toBe(String(created.id));
    // The retry with the same key replays, without a second entry.
    const again = await createEntry(entry('Reprise'), 'entry-reset');
    expect(again.replayed).toBe(true);
    expect(entriesLabelled('Reprise')).toHaveLength(2);
  });

  it('a reset before Pennylane processed it: an entry with the same label but other lines is not taken for it; sent again', async () => {
    await createEntry(entry('Avant', '99.00'));
    h.sim.control.clearLog();
    h.sim.control.injectFault({ match: { route: 'POST /ledger_entries' }, reset: 'before' });
    const result = await createEntry(entry('Avant'));
    expect(result.__typename).toBe('LedgerEntryPayload');
    expect(entriesLabelled('Avant')).toHaveLength(2);
    expect(h.sim.control.count({ route: 'POST /ledger_entries' })).toBe(2);
    expect(h.sim.control.count({ route: 'GET /ledger_entries/{id}/ledger_entry_lines' })).toBe(1);
  });

  it('updates an entry with line operations, refusing unbalanced additions at the gateway', async () => {
    const created = await createEntry(entry('À modifier'));
    const id = (created.ledgerEntry as { pennylaneId: string }).pennylaneId;
    const lines = h.sim.control.subList(`/ledger_entries/${id}/ledger_entry_lines`) as Row[];
    const UPDATE = `mutation($id: ID!, $input: UpdateLedgerEntryInput!) {
      updateLedgerEntry(id: $id, input: $input) { __typename ... on LedgerEntryPayload { ledgerEntry { label } } ${ERRORS} } }`;
    const bad = await h.gql<{ updateLedgerEntry: MutationResult }>(UPDATE, {
      id,
      input: { lines: { create: [{ ledgerAccountId: String(bank), debit: '5.00', label: 'frais' }] } },
    });
    expect(fieldErrorCodes(bad.data!.updateLedgerEntry)).toEqual([['input.lines.create', 'UNBALANCED']]);
    expect(h.sim.control.count({ route: 'PUT /ledger_entries/{id}' })).toBe(0);
    await h.gql(`{ ledgerEntryLine(id: "${lines[0]!.id}") { debit } }`);
    const ok = await h.gql<{ updateLedgerEntry: MutationResult }>(UPDATE, {
      id,
      input: { label: 'Modifiée', lines: { update: [{ id: String(lines[0]!.id), debit: '200.00' }, { id: String(lines[1]!.id), credit: '200.00' }] } },
    });
    expect(ok.data!.updateLedgerEntry).toMatchObject({ __typename: 'LedgerEntryPayload', ledgerEntry: { label: 'Modifiée' } });
    const line = await h.gql<{ ledgerEntryLine: { debit: string } }>(`{ ledgerEntryLine(id: "${lines[0]!.id}") { debit } }`);
    expect(line.data!.ledgerEntryLine.debit).toBe('200.00');

    // Line operations are not sent twice after a lost answer: the client is told the outcome is unknown.
    h.sim.control.clearLog();
    h.sim.control.injectFault({ match: { route: 'PUT /ledger_entries/{id}' }, reset: 'after' });
    const lost = await h.gql<{ updateLedgerEntry: MutationResult }>(UPDATE, {
      id,
      input: {
        lines: {
          create: [
            { ledgerAccountId: String(bank), debit: '1.00', label: 'Arrondi' },
            { ledgerAccountId: String(revenue), credit: '1.00', label: 'Arrondi' },
          ],
        },
      },
    });
    expect(lost.data!.updateLedgerEntry).toMatchObject({ __typename: 'OutcomeUnknownError' });
    expect(h.sim.control.count({ route: 'PUT /ledger_entries/{id}' })).toBe(1);
  });

  it('creates a journal, refusing a bad code before any call and a duplicate as a conflict', async () => {
    const CREATE = `mutation($input: CreateJournalInput!) { createJournal(input: $input) {
      __typename ... on JournalPayload { journal { pennylaneId code label } } ${ERRORS} } }`;
    const bad = await h.gql<{ createJournal: MutationResult }>(CREATE, { input: { code: 'B1', label: ' ' } });
    expect(fieldErrorCodes(bad.data!.createJournal)).toEqual([['input.code', 'INVALID_JOURNAL_CODE'], ['input.label', 'REQUIRED']]);
    expect(h.sim.control.count()).toBe(0);
    await h.gql('{ journals(first: 20) { edges { node { code } } } }');
    const ok = await h.gql<{ createJournal: MutationResult }>(CREATE, { input: { code: 'ach', label: 'Achats divers' } });
    expect(ok.data!.createJournal).toMatchObject({ __typename: 'JournalPayload', journal: { code: 'ACH', label: 'Achats divers' } });
    const listed = await h.gql<{ journals: { edges: { node: { code: string } }[] } }>('{ journals(first: 20) { edges { node { code } } } }');
    expect(listed.data!.journals.edges.map((e) => e.node.code)).toContain('ACH');
    const dup = await h.gql<{ createJournal: MutationResult }>(CREATE, { input: { code: 'OD', label: 'Encore' } });
    expect(dup.data!.createJournal).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
  });

  it('creates ledger accounts: number rules at the gateway, a 401… auxiliary creates its supplier', async () => {
    const CREATE = `mutation($input: CreateLedgerAccountInput!) { createLedgerAccount(input: $input) {
      __typename ... on LedgerAccountPayload { ledgerAccount { pennylaneId number label } } ${ERRORS} } }`;
    for (const number of ['806000', '60', '606-100', '512ABC']) {
      const bad = await h.gql<{ createLedgerAccount: MutationResult }>(CREATE, { input: { number, label: 'x' } });
      expect(fieldErrorCodes(bad.data!.createLedgerAccount)).toEqual([['input.number', 'INVALID_ACCOUNT_NUMBER']]);
    }
    expect(h.sim.control.count()).toBe(0);
    await h.gql('{ suppliers(first: 1) { edges { node { name } } } }');
    const ok = await h.gql<{ createLedgerAccount: MutationResult }>(CREATE, { input: { number: '401zenith', label: 'Zénith SARL', vatRate: 'FR_200' } });
    expect(ok.data!.createLedgerAccount).toMatchObject({ ledgerAccount: { number: '401ZENITH', label: 'Zénith SARL' } });
    const suppliers = await h.gql<{ suppliers: { edges: { node: { name: string } }[] } }>('{ suppliers(first: 1) { edges { node { name } } } }');
    expect(suppliers.data!.suppliers.edges[0]!.node.name).toBe('Zénith SARL');
    const dup = await h.gql<{ createLedgerAccount: MutationResult }>(CREATE, { input: { number: '512000', label: 'Banque' } });
    expect(dup.data!.createLedgerAccount.__typename).toBe('ConflictError');

    const UPDATE = `mutation($id: ID!, $input: UpdateLedgerAccountInput!) { updateLedgerAccount(id: $id, input: $input) {
      __typename ... on LedgerAccountPayload { ledgerAccount { label enabled } } ${ERRORS} } }`;
    const id = (ok.data!.createLedgerAccount.ledgerAccount as { pennylaneId: string }).pennylaneId;
    const updated = await h.gql<{ updateLedgerAccount: MutationResult }>(UPDATE, { id, input: { label: 'Zénith', enabled: false } });
    expect(updated.data!.updateLedgerAccount).toMatchObject({ ledgerAccount: { label: 'Zénith', enabled: false } });
    const badUpdate = await h.gql<{ updateLedgerAccount: MutationResult }>(UPDATE, { id, input: { vatRate: '20%', countryAlpha2: 'fr' } });
    expect(fieldErrorCodes(badUpdate.data!.updateLedgerAccount)).toEqual([['input.vatRate', 'INVALID_VAT_RATE'], ['input.countryAlpha2', 'INVALID_COUNTRY']]);
  });
});
