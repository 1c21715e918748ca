import type { GatewayContext } from '../../context.js';
import type { PennylaneLedgerEntry, PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import { MAX_PAGE_SIZE, type Page } from '../../datasources/pennylane/common.js';
import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, definePayload, type CreateMutation, type RecordRef } from '../shared/mutation-fields.js';
import { decimalUnits, type InputChecks } from '../shared/validation.js';
import {
  checkBalanced,
  checkLineUpdate,
  checkNewLine,
  LedgerEntryLineInputRef,
  LedgerEntryLineOpsInputRef,
  lineOpsBody,
  MAX_ENTRY_LINES,
  newLineBody,
  type LedgerEntryLineInput,
  type LedgerEntryLineOpsInput,
} from './ledger-entry-inputs.js';
import { LedgerEntryRef } from './refs.js';

/** Ledger entries: `POST /ledger_entries`, `PUT /ledger_entries/{id}` (API.md §4.3, §5 rules 11–12). */

export interface CreateLedgerEntryInput {
  date: string;
  label: string;
  journalId: string;
  currency?: string | null;
  fileAttachmentId?: string | null;
  lines: LedgerEntryLineInput[];
}

export interface UpdateLedgerEntryInput {
  date?: string | null;
  label?: string | null;
  journalId?: string | null;
  currency?: string | null;
  fileAttachmentId?: string | null;
  lines?: LedgerEntryLineOpsInput | null;
}

export const CreateLedgerEntryInputRef = builder.inputRef<CreateLedgerEntryInput>('CreateLedgerEntryInput').implement({
  description: 'A balanced entry: Σ debits = Σ credits exactly, 2 to 1000 lines, in an open period.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: 'Accounting date.' }),
    label: t.string({ required: true, description: 'Label; also the default label of its lines.' }),
    journalId: t.id({ required: true, description: 'The journal (global or Pennylane id).' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency of every line; default EUR.' }),
    fileAttachmentId: t.id({ required: false, description: 'An uploaded file (`uploadFileAttachment`) to attach as the entry\'s document.' }),
    lines: t.field({ type: [LedgerEntryLineInputRef], required: true, description: 'The lines, 2 to 1000.' }),
  }),
});

export const UpdateLedgerEntryInputRef = builder.inputRef<UpdateLedgerEntryInput>('UpdateLedgerEntryInput').implement({
  description: 'Changes to an entry and line operations; fields left out keep their value. The entry must still balance.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: false, description: 'Accounting date (its lines follow).' }),
    label: t.string({ required: false, description: 'Label.' }),
    journalId: t.id({ required: false, description: 'The journal (global or Pennylane id).' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency.' }),
    fileAttachmentId: t.id({ required: false, description: 'The attached document; null detaches it.' }),
    lines: t.field({ type: LedgerEntryLineOpsInputRef, required: false, description: 'Lines to add, change and remove.' }),
  }),
});

export const LedgerEntryPayload = definePayload<PennylaneLedgerEntry>('LedgerEntryPayload', 'ledgerEntry', LedgerEntryRef, 'A ledger entry as written.');

/** What an entry write changes besides the entry: its lines, their lists, the trial balance. */
const ACCOUNTING_LISTS = ['/ledger_entry_lines', '/trial_balance'];

function checkHead(input: CreateLedgerEntryInput | UpdateLedgerEntryInput, checks: InputChecks): void {
  if (input.label !== undefined) checks.required(['input', 'label'], input.label, 'The label');
  if (input.journalId === null) checks.add(['input', 'journalId'], 'An entry needs a journal.', 'REQUIRED');
  else checks.entityId(['input', 'journalId'], input.journalId, ['Journal']);
  if (input.date === null) checks.add(['input', 'date'], 'An entry needs a date.', 'REQUIRED');
  checks.currency(['input', 'currency'], input.currency);
  if (input.fileAttachmentId) checks.entityId(['input', 'fileAttachmentId'], input.fileAttachmentId, ['FileAttachment']);
}

function checkCreate(input: CreateLedgerEntryInput, checks: InputChecks): void {
  checkHead(input, checks);
  checks.count(['input', 'lines'], input.lines, 2, MAX_ENTRY_LINES, 'lines');
  const amounts = input.lines.map((line, i) => checkNewLine(checks, ['input', 'lines', i], line, false));
  if (amounts.every((a): a is bigint => a !== null)) checkBalanced(checks, ['input', 'lines'], amounts);
}

function checkUpdate(input: UpdateLedgerEntryInput, checks: InputChecks): void {
  checkHead(input, checks);
  const ops = input.lines;
  if (!ops) return;
  const path = ['input', 'lines'];
  const count = (ops.create?.length ?? 0) + (ops.update?.length ?? 0) + (ops.delete?.length ?? 0);
  if (count > MAX_ENTRY_LINES) checks.add(path, `At most ${MAX_ENTRY_LINES} line operations are accepted, got ${count}.`, 'TOO_MANY');
  const created = (ops.create ?? []).map((line, i) => checkNewLine(checks, [...path, 'create', i], line, input.label == null));
  for (const [i, line] of (ops.update ?? []).entries()) checkLineUpdate(checks, [...path, 'update', i], line);
  for (const [i, id] of (ops.delete ?? []).entries()) checks.entityId([...path, 'delete', i], id, ['LedgerEntryLine']);
  // Only added lines: the entry balanced before, so it balances after iff they do.
  const onlyCreates = !ops.update?.length && !ops.delete?.length;
  if (onlyCreates && created.length > 0 && created.every((a): a is bigint => a !== null)) checkBalanced(checks, [...path, 'create'], created);
}

function headBody(input: CreateLedgerEntryInput | UpdateLedgerEntryInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.date != null) body.date = input.date;
  if (input.label != null) body.label = input.label;
  if (input.journalId != null) body.journal_id = pennylaneIdOf(input.journalId, ['Journal']);
  if (input.currency != null) body.currency = input.currency;
  if (input.fileAttachmentId !== undefined) {
    body.ledger_attachment_id = input.fileAttachmentId === null ? null : pennylaneIdOf(input.fileAttachmentId, ['FileAttachment']);
  }
  return body;
}

/** A line as compared when looking an entry up: account, exact amounts, label. */
function lineKey(account: number, debit: string, credit: string, label: string): string {
  return `${account}|${decimalUnits(debit)}|${decimalUnits(credit)}|${label}`;
}

async function linesOfEntry(ctx: GatewayContext, entryId: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<PennylaneLedgerEntryLine> = await ctx.pennylane.list<PennylaneLedgerEntryLine>(
      `/ledger_entries/${entryId}/ledger_entry_lines`,
      { limit: MAX_PAGE_SIZE, cursor },
      { resource: 'ledger_entry_lines', cacheResponse: false },
    );
    for (const l of page.items) keys.push(lineKey(l.ledger_account.id, l.debit, l.credit, l.label ?? ''));
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor);
  return keys.sort();
}

/**
 * Entries have no external reference: after an unknown outcome, the entry is looked for among
 * the journal's entries of that date, newest first, by label and then by lines (account,
 * amounts, label). An identical entry made earlier cannot be told from this one.
 */
export async function findLedgerEntry(ctx: GatewayContext, input: CreateLedgerEntryInput): Promise<PennylaneLedgerEntry | null> {
  const wanted = input.lines
    .map((line) => {
      const body = newLineBody(line, input.label);
      return lineKey(body.ledger_account_id as number, body.debit as string, body.credit as string, body.label as string);
    })
    .sort()
    .join('\n');
  const filter = [
    { field: 'journal_id', operator: 'eq' as const, value: pennylaneIdOf(input.journalId, ['Journal']) },
    { field: 'date', operator: 'eq' as const, value: input.date },
  ];
  let cursor: string | null = null;
  do {
    const page: Page<PennylaneLedgerEntry> = await ctx.pennylane.list<PennylaneLedgerEntry>(
      '/ledger_entries',
      { filter, sort: '-id', limit: MAX_PAGE_SIZE, cursor },
      { resource: 'ledger_entries', cacheResponse: false },
    );
    for (const entry of page.items) {
      if (entry.label !== input.label) continue;
      if ((await linesOfEntry(ctx, entry.id)).join('\n') === wanted) return entry;
    }
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor);
  return null;
}

export const createLedgerEntryDef: CreateMutation<CreateLedgerEntryInput, PennylaneLedgerEntry> = addCreateMutation<
  CreateLedgerEntryInput,
  PennylaneLedgerEntry
>({
  name: 'createLedgerEntry',
  description:
    'Books an entry in a journal (`POST /ledger_entries`): balanced to the cent (checked at the gateway: UNBALANCED with the totals), each line a debit or a credit. Entries have no external reference: without an `idempotencyKey`, a repeat books again; after a lost answer the gateway finds the entry by journal, date, label and lines.',
  endpoint: 'POST /ledger_entries',
  input: CreateLedgerEntryInputRef,
  payload: LedgerEntryPayload,
  noun: 'ledger entry',
  resource: 'ledger_entries',
  path: '/ledger_entries',
  alsoChanges: ACCOUNTING_LISTS,
  check: (input, checks) => checkCreate(input, checks),
  toBody: (input) => ({ ...headBody(input), ledger_entry_lines: input.lines.map((line) => newLineBody(line, input.label)) }),
  externalReferenceOf: () => null,
  find: (ctx, _ref, input) => findLedgerEntry(ctx, input),
});

/** The lines of a written entry, as its create/update answer lists them inline. */
function answeredLines(answer: PennylaneLedgerEntry | undefined): readonly { id: number }[] {
  const lines: unknown = (answer as { ledger_entry_lines?: unknown } | undefined)?.ledger_entry_lines;
  return Array.isArray(lines) ? (lines as { id: number }[]) : [];
}

const lineRecord = (id: number): RecordRef => ({ resource: 'ledger_entry_lines', path: '/ledger_entry_lines', id });

addUpdateMutation<UpdateLedgerEntryInput, PennylaneLedgerEntry>({
  name: 'updateLedgerEntry',
  description:
    'Changes an entry and adds, changes or removes lines (`PUT /ledger_entries/{id}`); it must still balance (checked at the gateway when only lines are added). Not sent twice after a lost answer (added lines would be added again): you get OutcomeUnknownError instead.',
  endpoint: 'PUT /ledger_entries/{id}',
  input: UpdateLedgerEntryInputRef,
  payload: LedgerEntryPayload,
  noun: 'ledger entry',
  resource: 'ledger_entries',
  path: '/ledger_entries',
  typenames: ['LedgerEntry'],
  alsoChanges: ACCOUNTING_LISTS,
  // Lines named by the input, and every line of the answer (a new date or journal moves them all).
  alsoChangesRecords: (input, _id, answer) => [
    ...(input.lines?.update ?? []).map((line) => lineRecord(pennylaneIdOf(line.id, ['LedgerEntryLine']))),
    ...(input.lines?.delete ?? []).map((id) => lineRecord(pennylaneIdOf(id, ['LedgerEntryLine']))),
    ...answeredLines(answer).map((line) => lineRecord(line.id)),
  ],
  repeatable: false,
  check: (input, checks) => checkUpdate(input, checks),
  toBody: (input) => ({
    ...headBody(input),
    ...(input.lines ? { ledger_entry_lines: lineOpsBody(input.lines, input.label) } : {}),
  }),
});
