/**
 * Lettering (API.md §4.3, §5 rule 14): POST merges the lines with every group they
 * already belong to (transitively) into one group → 200 `[{id}]`; `none` refuses an
 * unbalanced result (422), `partial` accepts it. DELETE unletters the lines' groups → 204.
 * Lines must be on letterable accounts (401…/411…) and all on the same account.
 */
import { unprocessable } from '../errors.js';
import { parseDec, rescale } from '../money.js';
import type { LedgerEntryLineRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';
import { arr, int, obj, str, validateBody } from '../validate.js';
import { isLetterable } from './accounting.js';
import { ok } from './helpers.js';
import { dissolve, formGroup } from './letters.js';
import { mustExist } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const STRATEGIES = ['none', 'partial'] as const;
const ids = (minItems: number) => arr(obj({ id: int() }, ['id']), { minItems });
const letterSchema = obj({ unbalanced_lettering_strategy: str({ enum: STRATEGIES }), ledger_entry_lines: ids(2) }, ['unbalanced_lettering_strategy', 'ledger_entry_lines']);
const unletterSchema = obj({ unbalanced_lettering_strategy: str({ enum: STRATEGIES }), ledger_entry_lines: ids(1) }, ['ledger_entry_lines']);

function linesOf(company: CompanyStore, refs: ReadonlyArray<{ id: number }>): LedgerEntryLineRecord[] {
  return refs.map((r) => mustExist(company.tables.ledger_entry_lines, r.id, 'Ledger entry line'));
}

function balance(lines: readonly LedgerEntryLineRecord[]): bigint {
  return lines.reduce((s, l) => s + rescale(parseDec(l.debit), 2) - rescale(parseDec(l.credit), 2), 0n);
}

function letter(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(letterSchema, ctx.body);
  const requested = linesOf(company, body['ledger_entry_lines'] as Array<{ id: number }>);
  const group = new Map<number, LedgerEntryLineRecord>();
  for (const line of requested) {
    group.set(line.id, line);
    for (const id of company.letteredWith(line.lettering_id)) {
      const other = company.tables.ledger_entry_lines.get(id);
      if (other) group.set(other.id, other);
    }
  }
  const lines = [...group.values()];
  const accounts = new Set(lines.map((l) => l.ledger_account_id));
  for (const accountId of accounts) {
    const number = company.tables.ledger_accounts.get(accountId)?.number ?? '';
    if (!isLetterable(number)) throw unprocessable(`Ledger account ${number} is not letterable (only 401… and 411… accounts are)`);
  }
  if (accounts.size > 1) throw unprocessable('Lettered lines must all be on the same ledger account');
  if (group.size < 2) throw unprocessable('Lettering needs at least two distinct lines');
  if (body['unbalanced_lettering_strategy'] === 'none' && balance(lines) !== 0n) {
    throw unprocessable('The lettering is not balanced (debits and credits differ); use unbalanced_lettering_strategy "partial" to accept it');
  }
  const letteredIds = formGroup(company, lines, company.clock.nowIso());
  return ok(letteredIds.map((id) => ({ id })));
}

function unletter(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(unletterSchema, ctx.body);
  const lines = linesOf(company, body['ledger_entry_lines'] as Array<{ id: number }>);
  const at = company.clock.nowIso();
  for (const key of new Set(lines.map((l) => l.lettering_id))) if (key !== null) dissolve(company, key, at);
  return { status: 204 };
}

export const letteringRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/ledger_entry_lines/lettering', scope: 'ledger_entries', handler: letter },
  { method: 'DELETE', path: '/ledger_entry_lines/lettering', scope: 'ledger_entries', handler: unletter },
];
