/**
 * GET /trial_balance (API.md §4.3): debits and credits per account over a
 * period. Without `is_auxiliary=true`, auxiliary accounts (401…/411… other
 * than 401000/411000) roll up into their general account.
 */
import { validationError } from '../errors.js';
import type { ListSpec } from '../list-engine.js';
import { formatCents, toCents } from '../money.js';
import type { CompanyStore } from '../store.js';
import { isValidDate } from '../time.js';
import { pageOf } from './helpers.js';
import type { RouteContext, RouteSpec } from './types.js';

export interface TrialBalanceRow {
  number: string;
  formatted_number: string;
  label: string;
  debits: string;
  credits: string;
}

const GENERAL_OF_AUXILIARY: Readonly<Record<string, string>> = { '401': '401000', '411': '411000' };

/** The general account an auxiliary rolls up into, or null for a general account. */
export function generalOf(number: string): string | null {
  const general = GENERAL_OF_AUXILIARY[number.slice(0, 3)];
  return general !== undefined && number !== general ? general : null;
}

function formatted(number: string): string {
  return /^\d+$/.test(number) && number.length < 8 ? number.padEnd(8, '0') : number;
}

/** Every row of the trial balance, sorted by number. */
export function trialBalance(company: CompanyStore, start: string, end: string, auxiliary: boolean): TrialBalanceRow[] {
  const accounts = company.tables.ledger_accounts;
  const byNumber = new Map(accounts.all().map((a) => [a.number, a] as const));
  const sums = new Map<string, { debits: bigint; credits: bigint; label: string }>();
  for (const line of company.tables.ledger_entry_lines.all()) {
    if (line.date < start || line.date > end) continue;
    const account = accounts.get(line.ledger_account_id);
    if (!account) continue;
    const general = auxiliary ? null : generalOf(account.number);
    const number = general ?? account.number;
    const row = sums.get(number) ?? { debits: 0n, credits: 0n, label: general ? (byNumber.get(general)?.label ?? number) : account.label };
    row.debits += toCents(line.debit);
    row.credits += toCents(line.credit);
    sums.set(number, row);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([number, s]) => ({ number, formatted_number: formatted(number), label: s.label, debits: formatCents(s.debits), credits: formatCents(s.credits) }));
}

function dateParam(ctx: RouteContext, field: string): string {
  const raw = ctx.query[field];
  if (raw === undefined || raw === '') throw validationError(`"${field}" is required`, field, 'NotExistRequiredKey');
  if (!isValidDate(raw)) throw validationError(`"${field}" must be a date in YYYY-MM-DD format (got "${raw}")`, field, 'InvalidDateFormat');
  return raw;
}

type Numbered = TrialBalanceRow & { id: number };
/** Rows carry their rank as a synthetic id (cursor position); it is not serialized. */
const list: ListSpec<Numbered> = { maxLimit: 1000, defaultSort: 'id' };
const serialize = ({ id: _id, ...row }: Numbered) => row;

export const trialBalanceRoutes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/trial_balance',
    scope: 'trial_balance:readonly',
    handler: (ctx) => {
      const start = dateParam(ctx, 'period_start');
      const end = dateParam(ctx, 'period_end');
      if (end < start) throw validationError('"period_end" must be on or after "period_start"', 'period_end', 'ValidateError');
      const raw = ctx.query['is_auxiliary'];
      if (raw !== undefined && raw !== 'true' && raw !== 'false') {
        throw validationError(`"is_auxiliary" must be a boolean (got "${raw}")`, 'is_auxiliary', 'ValidateError');
      }
      const rows = trialBalance(ctx.company, start, end, raw === 'true').map((r, i) => ({ id: i + 1, ...r }));
      return pageOf(ctx, rows, list, serialize);
    },
  },
];
