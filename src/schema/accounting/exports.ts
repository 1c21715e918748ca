import type { GatewayContext } from '../../context.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import type { PennylaneExport } from '../../datasources/pennylane/accounting.js';
import { builder } from '../builder.js';
import { mutationResult, refusalFromPennylane } from '../shared/mutation-errors.js';
import { InputChecks } from '../shared/validation.js';
import { encodeGlobalId, parseEntityId } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { ExportRef, type ExportKind } from './refs.js';

/**
 * Accounting exports (FEC, general ledger, analytical general ledger): asynchronous. A
 * mutation starts one (`pending`); `export(kind:, id:)` polls it until `ready` (with a file
 * URL valid 10 minutes) or `error`. Statuses move, so nothing here is ever cached.
 */


/** Export ids are only unique per kind, so the global id's typename carries the kind. */
const GLOBAL_TYPENAME: Readonly<Record<ExportKind, string>> = {
  fecs: 'FecExport',
  general_ledgers: 'GeneralLedgerExport',
  analytical_general_ledgers: 'AnalyticalGeneralLedgerExport',
};

export const ExportKindEnum = builder.enumType('ExportKind', {
  description: 'Which accounting export.',
  values: {
    FEC: { value: 'fecs', description: "Fichier des écritures comptables (the French tax authority's format)." },
    GENERAL_LEDGER: { value: 'general_ledgers', description: 'General ledger (grand livre), xlsx.' },
    ANALYTICAL_GENERAL_LEDGER: { value: 'analytical_general_ledgers', description: 'Analytical general ledger (by category), xlsx.' },
  } as const,
});

const AnalyticalLedgerMode = builder.enumType('AnalyticalLedgerMode', {
  description: 'Layout of the analytical general ledger.',
  values: {
    IN_LINE: { value: 'in_line', description: 'One row per line and category (Pennylane\'s default).' },
    IN_COLUMN: { value: 'in_column', description: 'Categories as columns.' },
  } as const,
});

export const ExportStatus = defineOpenEnum('ExportStatus', 'Where an export stands.', {
  PENDING: { value: 'pending', description: 'Being generated: poll again.' },
  READY: { value: 'ready', description: 'Generated: `fileUrl` is set.' },
  ERROR: { value: 'error', description: 'Generation failed: start a new export.' },
});

ExportRef.implement({
  description: 'An accounting export being generated, or generated. Poll it with `export(kind:, id:)` until READY or ERROR.',
  fields: (t) => ({
    id: t.id({
      description: 'Global id of this export (it carries the kind). Use it with `export(kind:, id:)`; `node(id:)` does not resolve exports.',
      resolve: (e) => encodeGlobalId(GLOBAL_TYPENAME[e.kind], e.id),
    }),
    pennylaneId: pennylaneIdField(t),
    kind: t.field({ type: ExportKindEnum, description: 'Which export.', resolve: (e) => e.kind }),
    status: t.field({
      type: ExportStatus.ref,
      description: 'Pending, ready or error.',
      resolve: (e) => ExportStatus.of(e.status) ?? '__other__',
    }),
    fileUrl: t.string({
      nullable: true,
      description:
        'Download URL of the file once READY, null before. It expires 10 minutes after it was issued: download it right away, do not store it (query the export again for a fresh one).',
      resolve: (e) => e.file_url ?? null,
    }),
    ...timestampFields(t),
  }),
});

builder.queryField('export', (t) =>
  t.field({
    type: ExportRef,
    nullable: true,
    ...endpoints('GET /exports/fecs/{id}', 'GET /exports/general_ledgers/{id}', 'GET /exports/analytical_general_ledgers/{id}'),
    description: 'An export by kind and id, to poll its status: one call each time, never cached. Null if there is none.',
    args: {
      kind: t.arg({ type: ExportKindEnum, required: true, description: 'Which export.' }),
      id: t.arg.id({ required: true, description: 'Global id (`id`) or Pennylane id (`pennylaneId`) of the export.' }),
    },
    resolve: async (_root, args, ctx) => {
      const id = parseEntityId(String(args.id), [GLOBAL_TYPENAME[args.kind]], 'id');
      try {
        const found = await ctx.pennylane.get<PennylaneExport>(`/exports/${args.kind}/${id}`, {}, { resource: 'exports' });
        return { ...found, kind: args.kind };
      } catch (error) {
        if (error instanceof UpstreamHttpError && error.status === 404) return null;
        throw error;
      }
    },
  }),
);

/**
 * Starting an export writes nothing to the books; a repeat only starts another export, so a
 * failed start is simply reported (typed, like every mutation's failures).
 */
async function startExport(ctx: GatewayContext, kind: ExportKind, periodStart: string, periodEnd: string, extra: Record<string, string> = {}) {
  const checks = new InputChecks();
  checks.dateOrder(['periodEnd'], periodStart, periodEnd, 'The period ends before it starts: periodEnd must not be before periodStart.');
  checks.throwIfAny();
  try {
    const started = await ctx.pennylane.write<PennylaneExport>('POST', `/exports/${kind}`, { period_start: periodStart, period_end: periodEnd, ...extra });
    return { ...started, kind };
  } catch (error) {
    throw refusalFromPennylane(error);
  }
}

const PERIOD_ARGS = 'The period must be given in full: periodStart ≤ periodEnd.';

builder.mutationFields((t) => ({
  startFecExport: t.field({
    type: ExportRef,
    errors: mutationResult('startFecExport', 'the started export'),
    ...endpoints('POST /exports/fecs'),
    description: `Starts a FEC export of a period (\`POST /exports/fecs\`); it comes back PENDING: poll \`export(kind: FEC, id:)\`. ${PERIOD_ARGS}`,
    args: {
      periodStart: t.arg({ type: 'Date', required: true, description: 'First day of the period.' }),
      periodEnd: t.arg({ type: 'Date', required: true, description: 'Last day of the period.' }),
    },
    resolve: (_root, args, ctx) => startExport(ctx, 'fecs', args.periodStart, args.periodEnd),
  }),
  startGeneralLedgerExport: t.field({
    type: ExportRef,
    errors: mutationResult('startGeneralLedgerExport', 'the started export'),
    ...endpoints('POST /exports/general_ledgers'),
    description: `Starts a general ledger export (xlsx) of a period (\`POST /exports/general_ledgers\`); poll \`export(kind: GENERAL_LEDGER, id:)\`. ${PERIOD_ARGS}`,
    args: {
      periodStart: t.arg({ type: 'Date', required: true, description: 'First day of the period.' }),
      periodEnd: t.arg({ type: 'Date', required: true, description: 'Last day of the period.' }),
    },
    resolve: (_root, args, ctx) => startExport(ctx, 'general_ledgers', args.periodStart, args.periodEnd),
  }),
  startAnalyticalGeneralLedgerExport: t.field({
    type: ExportRef,
    errors: mutationResult('startAnalyticalGeneralLedgerExport', 'the started export'),
    ...endpoints('POST /exports/analytical_general_ledgers'),
    description: `Starts an analytical general ledger export (xlsx) of a period (\`POST /exports/analytical_general_ledgers\`); poll \`export(kind: ANALYTICAL_GENERAL_LEDGER, id:)\`. ${PERIOD_ARGS}`,
    args: {
      periodStart: t.arg({ type: 'Date', required: true, description: 'First day of the period.' }),
      periodEnd: t.arg({ type: 'Date', required: true, description: 'Last day of the period.' }),
      mode: t.arg({
        type: AnalyticalLedgerMode,
        required: false,
        defaultValue: 'in_line',
        description: 'Layout: categories in lines (default) or in columns.',
      }),
    },
    resolve: (_root, args, ctx) => startExport(ctx, 'analytical_general_ledgers', args.periodStart, args.periodEnd, { mode: args.mode ?? 'in_line' }),
  }),
}));
