/**
 * POST/PUT ledger entries (API.md §4.3, §5 rules 11–12): Σ debit = Σ credit to the
 * cent (422 `Entry lines are not balanced`), each line a debit xor a credit, ≤ 1000
 * lines / line operations (400 MoreThanMaxItems), journal and accounts must exist (422).
 */
import { unprocessable, validationError } from '../errors.js';
import { formatCents, parseDec, rescale } from '../money.js';
import type { LedgerEntryLineRecord, LedgerEntryRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';
import { arr, int, obj, str, validateBody, type Json } from '../validate.js';
import { assertOpenPeriod, createEntry, deleteLine, type BookLine } from './bookkeeping.js';
import { ok } from './helpers.js';
import { serializeLedgerEntry } from './ledger.js';
import { mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const MAX_LINES = 1000;
const amount = str({ format: 'decimal' });
const lineProps = { ledger_account_id: int(), debit: amount, credit: amount, label: str() };
const lineSchema = obj(lineProps, ['ledger_account_id', 'debit', 'credit', 'label']);
const headProps = { date: str({ format: 'date' }), label: str(), journal_id: int(), currency: str({ minLength: 3, maxLength: 3 }), ledger_attachment_id: int({ nullable: true }) };
const createSchema = obj({ ...headProps, ledger_entry_lines: arr(lineSchema, { minItems: 1, maxItems: MAX_LINES }) }, ['date', 'label', 'journal_id', 'ledger_entry_lines']);
const opsSchema = obj({
  create: arr(lineSchema),
  update: arr(obj({ id: int(), ...lineProps }, ['id'])),
  delete: arr(obj({ id: int() }, ['id'])),
});
const updateSchema = obj({ ...headProps, ledger_entry_lines: opsSchema });

interface LineInput {
  ledger_account_id: number;
  debit: string;
  credit: string;
  label: string;
}

/** `date` as a date-time is deprecated but still accepted: keep its date part. */
function withPlainDate(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const date = (body as Json)['date'];
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(date) && !Number.isNaN(Date.parse(date))) return { ...(body as Json), date: date.slice(0, 10) };
  return body;
}

function cents(value: string, field: string): bigint {
  const d = parseDec(value);
  if (d.scale > 2 && rescale(d, 2) * 10n ** BigInt(d.scale - 2) !== d.units) throw unprocessable(`${field} "${value}" has more than 2 decimals`);
  const c = rescale(d, 2);
  if (c < 0n) throw unprocessable(`${field} must not be negative (got "${value}")`);
  return c;
}

/** Checks one line (account, debit xor credit) → signed cents. */
function checkLine(company: CompanyStore, l: LineInput, i: number): BookLine {
  const account = mustExist(company.tables.ledger_accounts, l.ledger_account_id, 'Ledger account');
  if (!account.enabled) throw unprocessable(`Ledger account ${account.number} is disabled`);
  const debit = cents(l.debit, `Line ${i + 1}: debit`);
  const credit = cents(l.credit, `Line ${i + 1}: credit`);
  if ((debit === 0n) === (credit === 0n)) throw unprocessable(`Line ${i + 1}: exactly one of debit and credit must be non-zero, the other "0.00"`);
  return { account: account.id, cents: debit - credit, label: l.label };
}

function checkBalanced(lines: readonly BookLine[]): void {
  if (lines.reduce((s, l) => s + l.cents, 0n) !== 0n) throw unprocessable('Entry lines are not balanced');
}

function attachmentFilename(company: CompanyStore, id: unknown): string | null {
  if (typeof id !== 'number') return null;
  return mustExist(company.tables.file_attachments, id, 'File attachment').filename;
}

export function serializeEntryWithLines(company: CompanyStore, entry: LedgerEntryRecord, ctx: RouteContext): Record<string, unknown> {
  const lines = company.tables.ledger_entry_lines.byGroup(entry.id).map((l) => ({ id: l.id, debit: l.debit, credit: l.credit, ledger_account_id: l.ledger_account_id, label: l.label }));
  return { ...serializeLedgerEntry(entry, ctx), currency: entry.currency ?? 'EUR', ledger_attachment_id: entry.ledger_attachment_id ?? null, ledger_entry_lines: lines };
}

function createLedgerEntry(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createSchema, withPlainDate(ctx.body));
  const journal = mustExist(company.tables.journals, body['journal_id'] as number, 'Journal');
  const lines = (body['ledger_entry_lines'] as LineInput[]).map((l, i) => checkLine(company, l, i));
  checkBalanced(lines);
  const date = body['date'] as string;
  assertOpenPeriod(company, date);
  const attachment = attachmentFilename(company, body['ledger_attachment_id']);
  const now = company.clock.nowIso();
  const entry = createEntry(company, { journalId: journal.id, date, label: body['label'] as string, piece: null, attachment }, lines, now, {
    ledger_attachment_id: (body['ledger_attachment_id'] as number | null | undefined) ?? null,
    currency: ((body['currency'] as string | undefined) ?? 'EUR').toUpperCase(),
  });
  return ok(serializeEntryWithLines(company, entry, ctx), 201);
}

/** Entries generated by an invoice or a bank transaction are edited through their document. */
function ownerOf(company: CompanyStore, entryId: number): string | null {
  const t = company.tables;
  const inv = t.customer_invoices.find((i) => i.ledger_entry_id === entryId);
  if (inv) return `customer invoice ${inv.id}`;
  const sup = t.supplier_invoices.find((i) => i.ledger_entry_id === entryId);
  if (sup) return `supplier invoice ${sup.id}`;
  const tx = t.transactions.find((x) => x.entry_id === entryId);
  return tx ? `transaction ${tx.id}` : null;
}

type Ops = { create?: LineInput[]; update?: Array<Partial<LineInput> & { id: number }>; delete?: Array<{ id: number }> };

function updateLedgerEntry(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const entry = pathRecord(ctx, company.tables.ledger_entries);
  const body = validateBody(updateSchema, withPlainDate(ctx.body));
  const ops = (body['ledger_entry_lines'] ?? {}) as Ops;
  const count = (ops.create?.length ?? 0) + (ops.update?.length ?? 0) + (ops.delete?.length ?? 0);
  if (count > MAX_LINES) throw validationError(`"ledger_entry_lines" must have at most ${MAX_LINES} operations`, 'ledger_entry_lines', 'MoreThanMaxItems');
  const owner = ownerOf(company, entry.id);
  if (owner) throw unprocessable(`This entry is generated by ${owner}: update the document instead`);
  const journal = body['journal_id'] === undefined ? undefined : mustExist(company.tables.journals, body['journal_id'] as number, 'Journal');
  const current = new Map(company.tables.ledger_entry_lines.byGroup(entry.id).map((l) => [l.id, l] as const));
  const own = (id: number): LedgerEntryLineRecord => {
    const line = current.get(id);
    if (!line) throw unprocessable(`Ledger entry line ${id} does not belong to entry ${entry.id}`);
    return line;
  };
  const deleted = new Set((ops.delete ?? []).map((d) => own(d.id).id));
  const updates = (ops.update ?? []).map((u, i) => {
    const line = own(u.id);
    if (deleted.has(line.id)) throw unprocessable(`Ledger entry line ${line.id} is both updated and deleted`);
    const merged = { ledger_account_id: u.ledger_account_id ?? line.ledger_account_id, debit: u.debit ?? line.debit, credit: u.credit ?? line.credit, label: u.label ?? line.label };
    return { line, book: checkLine(company, merged, i) };
  });
  const created = (ops.create ?? []).map((l, i) => checkLine(company, l, i));
  const touched = new Set(updates.map((u) => u.line.id));
  const kept = [...current.values()].filter((l) => !deleted.has(l.id) && !touched.has(l.id));
  const result = [...kept.map((l) => ({ account: l.ledger_account_id, cents: parseCents(l), label: l.label })), ...updates.map((u) => u.book), ...created];
  if (result.length === 0) throw unprocessable('An entry needs at least one line');
  checkBalanced(result);
  const date = (body['date'] as string | undefined) ?? entry.date;
  assertOpenPeriod(company, entry.date);
  assertOpenPeriod(company, date);
  const filename = body['ledger_attachment_id'] === undefined ? entry.ledger_attachment_filename : attachmentFilename(company, body['ledger_attachment_id']);
  // Every check passed: apply.
  const at = company.clock.after(entry.updated_at);
  if (typeof body['label'] === 'string') entry.label = body['label'];
  if (typeof body['currency'] === 'string') entry.currency = body['currency'].toUpperCase();
  if ('ledger_attachment_id' in body) entry.ledger_attachment_id = body['ledger_attachment_id'] as number | null;
  entry.ledger_attachment_filename = filename;
  const moved = date !== entry.date || (journal !== undefined && journal.id !== entry.journal_id);
  entry.date = date;
  if (journal) entry.journal_id = journal.id;
  entry.updated_at = at;
  company.tables.ledger_entries.put(entry);
  for (const id of deleted) deleteLine(company, own(id), at);
  for (const { line, book } of updates) rewriteLine(company, line, book, entry, at);
  if (moved) for (const line of kept) rewriteLine(company, line, null, entry, at);
  for (const book of created) addLine(company, entry, book, at);
  return ok(serializeEntryWithLines(company, entry, ctx));
}

function parseCents(l: LedgerEntryLineRecord): bigint {
  return rescale(parseDec(l.debit), 2) - rescale(parseDec(l.credit), 2);
}

function rewriteLine(company: CompanyStore, line: LedgerEntryLineRecord, book: BookLine | null, entry: LedgerEntryRecord, at: string): void {
  if (book) {
    line.ledger_account_id = book.account;
    line.debit = book.cents > 0n ? formatCents(book.cents) : '0.00';
    line.credit = book.cents < 0n ? formatCents(-book.cents) : '0.00';
    line.label = book.label;
  }
  line.date = entry.date;
  line.journal_id = entry.journal_id;
  line.updated_at = company.clock.after(at);
  company.tables.ledger_entry_lines.put(line);
  company.recordChange('ledger_entry_lines', line, 'update');
}

function addLine(company: CompanyStore, entry: LedgerEntryRecord, book: BookLine, at: string): void {
  const line: LedgerEntryLineRecord = {
    id: company.ids.next('ledger_entry_lines'), entry_id: entry.id, debit: book.cents > 0n ? formatCents(book.cents) : '0.00',
    credit: book.cents < 0n ? formatCents(-book.cents) : '0.00', label: book.label, date: entry.date, ledger_account_id: book.account,
    journal_id: entry.journal_id, lettering_id: null, categories: [], created_at: at, updated_at: at,
  };
  company.tables.ledger_entry_lines.put(line);
  company.recordChange('ledger_entry_lines', line, 'insert');
}

export const ledgerEntryWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/ledger_entries', scope: 'ledger_entries', handler: createLedgerEntry },
  { method: 'PUT', path: '/ledger_entries/{id}', scope: 'ledger_entries', handler: updateLedgerEntry },
];
