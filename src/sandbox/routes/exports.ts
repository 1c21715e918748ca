/**
 * Asynchronous exports (API.md §4.3, §5.16): FEC, analytical general ledger,
 * general ledger. POST → 201 pending; the status is computed at read time:
 * `ready` once exportDelayMs of simulated time has passed (then `file_url`,
 * valid 10 minutes after it is handed out), `error` if made to fail.
 */
import { notFound, validationError } from '../errors.js';
import type { ExportKind, ExportRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';
import { formatMicros } from '../time.js';
import { obj, str, validateBody } from '../validate.js';
import { idParam, ok } from './helpers.js';
import type { ApiResponse, RouteContext, RouteSpec, SerializeContext } from './types.js';

export const EXPORT_URL_TTL_MICROS = 10 * 60 * 1_000_000;
export const EXPORT_EXTENSIONS: Readonly<Record<ExportKind, string>> = { fecs: 'txt', analytical_general_ledgers: 'xlsx', general_ledgers: 'xlsx' };
const SCOPES: Readonly<Record<ExportKind, string>> = { fecs: 'exports:fec', analytical_general_ledgers: 'exports:agl', general_ledgers: 'exports:gl' };

export type ExportStatus = 'pending' | 'ready' | 'error';

export function exportStatus(e: ExportRecord, now: number): { status: ExportStatus; updatedMicros: number } {
  if (e.failed_micros !== null && now >= e.failed_micros) return { status: 'error', updatedMicros: e.failed_micros };
  if (now >= e.ready_micros) return { status: 'ready', updatedMicros: e.ready_micros };
  return { status: 'pending', updatedMicros: e.created_micros };
}

/** GET form; handing out a file_url starts its 10-minute validity (`issue`). */
export function serializeExport(e: ExportRecord, ctx: SerializeContext, issue = false): Record<string, unknown> {
  const now = ctx.company.clock.peekMicros();
  const { status, updatedMicros } = exportStatus(e, now);
  if (status === 'ready' && issue) e.url_issued_micros = now;
  return {
    id: e.id,
    status,
    file_url: status === 'ready' ? `${ctx.links.origin}/__files/exports/${e.id}.${EXPORT_EXTENSIONS[e.kind]}` : null,
    created_at: formatMicros(e.created_micros),
    updated_at: formatMicros(updatedMicros),
  };
}

/** Is the file of export `e` downloadable now (ready, URL handed out less than 10 minutes ago)? */
export function exportFileAvailable(e: ExportRecord, company: CompanyStore): boolean {
  const now = company.clock.peekMicros();
  return exportStatus(e, now).status === 'ready' && e.url_issued_micros !== null && now - e.url_issued_micros <= EXPORT_URL_TTL_MICROS;
}

const period = { period_start: str({ format: 'date' }), period_end: str({ format: 'date' }) };
const SCHEMAS = {
  fecs: obj(period, ['period_start', 'period_end']),
  analytical_general_ledgers: obj({ ...period, mode: str({ enum: ['in_line', 'in_column'] }) }, ['period_start', 'period_end']),
  general_ledgers: obj(period, ['period_start', 'period_end']),
} as const;

function create(ctx: RouteContext, kind: ExportKind): ApiResponse {
  const body = validateBody(SCHEMAS[kind], ctx.body);
  const start = body['period_start'] as string;
  const end = body['period_end'] as string;
  if (end < start) throw validationError('"period_end" must be on or after "period_start"', 'period_end', 'ValidateError');
  const { company } = ctx;
  const created = company.clock.nowMicros();
  const ready = created + Math.round(ctx.settings.exportDelayMs * 1000);
  const row: ExportRecord = {
    id: company.ids.next('exports'),
    kind,
    period_start: start,
    period_end: end,
    mode: kind === 'analytical_general_ledgers' ? ((body['mode'] as 'in_line' | 'in_column' | undefined) ?? 'in_line') : null,
    created_micros: created,
    ready_micros: ready,
    failed_micros: ctx.exportError ? ready : null,
    url_issued_micros: null,
  };
  company.tables.exports.put(row);
  const at = formatMicros(created);
  return ok({ id: row.id, status: 'pending', created_at: at, updated_at: at }, 201);
}

function read(ctx: RouteContext, kind: ExportKind): ApiResponse {
  const row = ctx.company.tables.exports.get(idParam(ctx));
  if (!row || row.kind !== kind) throw notFound();
  return ok(serializeExport(row, ctx, true));
}

export const exportRoutes: readonly RouteSpec[] = (Object.keys(SCOPES) as ExportKind[]).flatMap((kind): RouteSpec[] => [
  { method: 'POST', path: `/exports/${kind}`, scope: SCOPES[kind], handler: (ctx) => create(ctx, kind) },
  { method: 'GET', path: `/exports/${kind}/{id}`, scope: SCOPES[kind], handler: (ctx) => read(ctx, kind) },
]);
