import type { PennylaneTrialBalanceRow } from '../../datasources/pennylane/accounting.js';
import { listQuery, type Page } from '../../datasources/pennylane/common.js';
import { builder } from '../builder.js';
import { resolvePennylaneConnection } from '../shared/connection.js';
import { userInputError } from '../shared/errors.js';
import { endpoints } from '../shared/resource-fields.js';
import { TrialBalanceRowRef } from './refs.js';

/** The trial balance (balance générale): one row per account with movements in a period. */

const TRIAL_BALANCE_PAGE = 1_000;

/** Checks a period given as two dates; shared by the trial balance and the exports. */
export function checkPeriod(periodStart: string, periodEnd: string): void {
  // Dates are validated "YYYY-MM-DD" strings: their text order is their calendar order.
  if (periodStart > periodEnd) {
    throw userInputError(`periodStart (${periodStart}) must not be after periodEnd (${periodEnd}).`, { field: 'periodStart' });
  }
}

TrialBalanceRowRef.implement({
  description:
    'One account of the trial balance: its total debits and credits over the period. Rows have no id. Over all rows of a period, debits equal credits.',
  fields: (t) => ({
    number: t.exposeString('number', { description: 'Account number, e.g. 411000 or 411LUMIN.' }),
    formattedNumber: t.exposeString('formatted_number', { description: 'Account number padded for display.' }),
    label: t.exposeString('label', { description: 'Account name.' }),
    debits: t.field({ type: 'Decimal', description: 'Total debits of the account over the period.', resolve: (r) => r.debits }),
    credits: t.field({ type: 'Decimal', description: 'Total credits of the account over the period.', resolve: (r) => r.credits }),
  }),
});

export const TrialBalanceConnection = builder.connectionObject(
  { type: TrialBalanceRowRef, name: 'TrialBalanceConnection', description: 'A page of trial balance rows.' },
  { name: 'TrialBalanceEdge', description: 'One of a page of trial balance rows.' },
);

builder.queryField('trialBalance', (t) =>
  t.connection(
    {
      type: TrialBalanceRowRef,
      ...endpoints('GET /trial_balance'),
      description:
        'The trial balance of a period (`GET /trial_balance`): one call per page; `first` goes up to 1000 here, so most companies fit in one call.',
      args: {
        periodStart: t.arg({ type: 'Date', required: true, description: 'First day of the period.' }),
        periodEnd: t.arg({ type: 'Date', required: true, description: 'Last day of the period (not before periodStart).' }),
        isAuxiliary: t.arg.boolean({
          required: false,
          description: 'True for auxiliary accounts (customers 411…, suppliers 401…) instead of general ones; Pennylane\'s default when omitted.',
        }),
      },
      resolve: (_root, args, ctx) => {
        checkPeriod(args.periodStart, args.periodEnd);
        const extra: Record<string, string> = { period_start: args.periodStart, period_end: args.periodEnd };
        if (args.isAuxiliary !== null && args.isAuxiliary !== undefined) extra.is_auxiliary = String(args.isAuxiliary);
        return resolvePennylaneConnection(args, { list: '/trial_balance', extra, maxPageSize: TRIAL_BALANCE_PAGE }, (params) =>
          ctx.pennylane.get<Page<PennylaneTrialBalanceRow>>('/trial_balance', listQuery(params), { resource: 'trial_balance' }),
        );
      },
    },
    TrialBalanceConnection,
  ),
);
