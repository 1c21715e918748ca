import type { PennylaneFiscalYear } from '../../datasources/pennylane/accounting.js';
import { builder } from '../builder.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { endpoints, pennylaneIdField } from '../shared/resource-fields.js';
import { FiscalYearRef } from './refs.js';

/** Fiscal years: a short list without filters, read whole (cached an hour). */

export const FiscalYearStatus = defineOpenEnum('FiscalYearStatus', 'Whether a fiscal year can still be booked into.', {
  OPEN: { value: 'open', description: 'Open: entries can be added.' },
  REOPEN: { value: 'reopen', description: 'Closed once, then reopened.' },
  CLOSED: { value: 'closed', description: 'Closed.' },
  FROZEN: { value: 'frozen', description: 'Frozen: definitively locked.' },
});

builder.node(FiscalYearRef, {
  description: 'A fiscal year of the company.',
  id: { resolve: (year) => String(year.id) },
  loadManyWithoutCache: (ids, ctx) => Promise.all(ids.map((id) => ctx.loaders.fromWholeList<PennylaneFiscalYear>('fiscal_years', id))),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    start: t.field({ type: 'Date', description: 'First day.', resolve: (y) => y.start }),
    finish: t.field({ type: 'Date', description: 'Last day.', resolve: (y) => y.finish }),
    status: t.field({
      type: FiscalYearStatus.ref,
      description: 'Open, reopened, closed or frozen.',
      resolve: (y) => FiscalYearStatus.of(y.status) ?? '__other__',
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When created, where Pennylane says.', resolve: (y) => y.created_at ?? null }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'Last change, where Pennylane says.', resolve: (y) => y.updated_at ?? null }),
  }),
});

builder.queryField('fiscalYears', (t) =>
  t.field({
    type: [FiscalYearRef],
    ...endpoints('GET /fiscal_years'),
    description: 'Every fiscal year, oldest first. The whole list is read once (one call per 100 years) and cached an hour.',
    resolve: async (_root, _args, ctx) =>
      [...(await ctx.loaders.wholeList<PennylaneFiscalYear>('fiscal_years'))].sort((a, b) => a.start.localeCompare(b.start)),
  }),
);
