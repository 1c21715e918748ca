import type { PennylaneJournal, PennylaneLedgerAccount } from '../../datasources/pennylane/accounting.js';
import { builder } from '../builder.js';
import { addCreateMutation, addUpdateMutation, definePayload, type CreateMutation } from '../shared/mutation-fields.js';
import { findInWholeList } from '../shared/record-writes.js';
import type { InputChecks } from '../shared/validation.js';
import { JournalRef, LedgerAccountRef } from './refs.js';

/**
 * The chart of accounts and the journals: `POST /journals`, `POST /ledger_accounts`,
 * `PUT /ledger_accounts/{id}` (API.md §4.3, §5 rules 13–14). Neither has an external
 * reference: an unknown outcome is resolved by the journal's code or the account's number,
 * both unique in the company.
 */

export interface CreateJournalInput {
  code: string;
  label: string;
}

export const CreateJournalInputRef = builder.inputRef<CreateJournalInput>('CreateJournalInput').implement({
  description: 'A new journal.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Short code, 2 to 5 letters (e.g. OD, ACH), unique in the company.' }),
    label: t.string({ required: true, description: 'Name.' }),
  }),
});

export interface LedgerAccountInput {
  number?: string | null;
  label?: string | null;
  vatRate?: string | null;
  countryAlpha2?: string | null;
  enabled?: boolean | null;
}

export const CreateLedgerAccountInputRef = builder.inputRef<LedgerAccountInput>('CreateLedgerAccountInput').implement({
  description: 'A new ledger account. A 401… auxiliary account also creates its supplier, a 411… one its (company) customer.',
  fields: (t) => ({
    number: t.string({
      required: true,
      description:
        'Account number: digits of a PCG class 1 to 7 (3 to 12 digits, e.g. 606400), or an auxiliary 401…/411… number that may hold letters (e.g. 411LUMIN). Unique.',
    }),
    label: t.string({ required: true, description: 'Name (for an auxiliary account, the name of its supplier or customer).' }),
    vatRate: t.string({ required: false, description: 'Default VAT rate code (e.g. FR_200), or `any` (the default).' }),
    countryAlpha2: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country code, or `any` (the default).' }),
  }),
});

export const UpdateLedgerAccountInputRef = builder.inputRef<LedgerAccountInput>('UpdateLedgerAccountInput').implement({
  description: 'Fields of a ledger account to change (its number cannot change); the others keep their value.',
  fields: (t) => ({
    label: t.string({ required: false, description: 'Name.' }),
    vatRate: t.string({ required: false, description: 'Default VAT rate code (e.g. FR_200), or `any`.' }),
    countryAlpha2: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country code, or `any`.' }),
    enabled: t.boolean({ required: false, description: 'False disables the account: no new lines can use it.' }),
  }),
});

export const JournalPayload = definePayload<PennylaneJournal>('JournalPayload', 'journal', JournalRef, 'A journal as written.');
export const LedgerAccountPayload = definePayload<PennylaneLedgerAccount>(
  'LedgerAccountPayload',
  'ledgerAccount',
  LedgerAccountRef,
  'A ledger account as written.',
);

/** Numbers as Pennylane stores them: trimmed, upper-case. */
const normalNumber = (number: string) => number.trim().toUpperCase();

/** API.md §5.13: PCG classes 1–7, digits; 401/411 auxiliaries may hold letters. */
export function ledgerAccountNumberProblem(number: string): string | null {
  const n = normalNumber(number);
  if (/^[1-7]\d{2,11}$/.test(n) || /^(401|411)[A-Z0-9]{1,17}$/.test(n)) return null;
  if (/^[089]/.test(n)) return `"${number}" is not in a PCG class 1 to 7.`;
  return `"${number}" is not a ledger account number: 3 to 12 digits of a PCG class 1 to 7 (e.g. 606400), or a 401/411 auxiliary number of letters and digits (e.g. 411LUMIN).`;
}

/** Which third party a new auxiliary account creates with it (the general 401000 / 411000 create none). */
export function auxiliaryKind(number: string): 'supplier' | 'customer' | null {
  const n = normalNumber(number);
  if (/^401/.test(n) && !/^4010*$/.test(n)) return 'supplier';
  if (/^411/.test(n) && !/^4110*$/.test(n)) return 'customer';
  return null;
}

function checkAccount(input: LedgerAccountInput, checks: InputChecks, creating: boolean): void {
  if (creating) {
    checks.required(['input', 'number'], input.number, 'The number');
    const problem = input.number ? ledgerAccountNumberProblem(input.number) : null;
    if (problem) checks.add(['input', 'number'], problem, 'INVALID_ACCOUNT_NUMBER');
  }
  if (creating || input.label !== undefined) checks.required(['input', 'label'], input.label, 'The label');
  checks.vatRate(['input', 'vatRate'], input.vatRate, { allowAny: true });
  if (input.countryAlpha2 != null && !/^([A-Z]{2}|any)$/.test(input.countryAlpha2)) {
    checks.add(['input', 'countryAlpha2'], `"${input.countryAlpha2}" is not an ISO 3166-1 alpha-2 country code (e.g. FR) or \`any\`.`, 'INVALID_COUNTRY');
  }
  if (input.enabled === null) checks.add(['input', 'enabled'], 'Enabled is true or false.', 'REQUIRED');
}

function accountBody(input: LedgerAccountInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.number != null) body.number = normalNumber(input.number);
  if (input.label !== undefined) body.label = input.label;
  if (input.vatRate != null) body.vat_rate = input.vatRate;
  if (input.countryAlpha2 != null) body.country_alpha2 = input.countryAlpha2;
  if (input.enabled != null) body.enabled = input.enabled;
  return body;
}

export const createJournalDef: CreateMutation<CreateJournalInput, PennylaneJournal> = addCreateMutation<CreateJournalInput, PennylaneJournal>({
  name: 'createJournal',
  description: 'Creates a journal (`POST /journals`).',
  endpoint: 'POST /journals',
  input: CreateJournalInputRef,
  payload: JournalPayload,
  noun: 'journal',
  resource: 'journals',
  path: '/journals',
  check: (input, checks) => {
    if (!/^[A-Za-z]{2,5}$/.test(input.code)) {
      checks.add(['input', 'code'], `A journal code is 2 to 5 letters, got "${input.code}".`, 'INVALID_JOURNAL_CODE');
    }
    checks.required(['input', 'label'], input.label, 'The label');
  },
  toBody: (input) => ({ code: input.code.toUpperCase(), label: input.label }),
  externalReferenceOf: () => null,
  find: (ctx, _ref, input) =>
    findInWholeList<PennylaneJournal>(ctx, '/journals', 'journals', (j) => j.code.toUpperCase() === input.code.toUpperCase()),
});

export const createLedgerAccountDef: CreateMutation<LedgerAccountInput, PennylaneLedgerAccount> = addCreateMutation<
  LedgerAccountInput,
  PennylaneLedgerAccount
>({
  name: 'createLedgerAccount',
  description:
    'Creates a ledger account (`POST /ledger_accounts`). An auxiliary 401… account also creates its supplier, a 411… one its company customer.',
  endpoint: 'POST /ledger_accounts',
  input: CreateLedgerAccountInputRef,
  payload: LedgerAccountPayload,
  noun: 'ledger account',
  resource: 'ledger_accounts',
  path: '/ledger_accounts',
  alsoChanges: (input) => {
    const kind = auxiliaryKind(input.number ?? '');
    return kind === 'supplier' ? ['/suppliers'] : kind === 'customer' ? ['/customers'] : [];
  },
  check: (input, checks) => checkAccount(input, checks, true),
  toBody: accountBody,
  externalReferenceOf: () => null,
  find: async (ctx, _ref, input) => {
    const number = normalNumber(input.number ?? '');
    const page = await ctx.pennylane.list<PennylaneLedgerAccount>(
      '/ledger_accounts',
      { filter: [{ field: 'number', operator: 'eq', value: number }], limit: 1 },
      { resource: 'ledger_accounts', cacheResponse: false },
    );
    return page.items[0] ?? null;
  },
});

addUpdateMutation<LedgerAccountInput, PennylaneLedgerAccount>({
  name: 'updateLedgerAccount',
  description: 'Changes a ledger account: label, default VAT rate, country, enabled (`PUT /ledger_accounts/{id}`).',
  endpoint: 'PUT /ledger_accounts/{id}',
  input: UpdateLedgerAccountInputRef,
  payload: LedgerAccountPayload,
  noun: 'ledger account',
  resource: 'ledger_accounts',
  path: '/ledger_accounts',
  typenames: ['LedgerAccount'],
  // The trial balance shows account labels.
  alsoChanges: ['/trial_balance'],
  check: (input, checks) => checkAccount(input, checks, false),
  toBody: accountBody,
});
