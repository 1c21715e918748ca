/**
 * `/__files/…`: documents behind the API's file URLs. Exports are generated
 * from the books (FEC text, general ledgers as .xlsx) and served only while
 * their URL is valid; every other path answers a tiny PDF.
 */
import type { LedgerEntryLineRecord } from './records-accounting.js';
import { EXPORT_EXTENSIONS, exportFileAvailable } from './routes/exports.js';
import { generalOf } from './routes/trial-balance.js';
import type { ExportRecord } from './records-accounting.js';
import type { SimulatorState } from './state.js';
import type { CompanyStore } from './store.js';
import { xlsx, type Cell } from './xlsx.js';

export const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

export interface FileReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Buffer;
}

const FEC_HEADER = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef',
  'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
];

function linesIn(company: CompanyStore, e: ExportRecord): LedgerEntryLineRecord[] {
  return company.tables.ledger_entry_lines
    .all()
    .filter((l) => l.date >= e.period_start && l.date <= e.period_end)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entry_id - b.entry_id || a.id - b.id));
}

const compact = (date: string) => date.replace(/-/g, '');
const comma = (amount: string) => amount.replace('.', ',');

function letterCode(key: number | null): string {
  if (key === null) return '';
  let s = '';
  for (let n = key; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Fichier des écritures comptables (tab-separated, as the DGFiP allows). */
export function fecText(company: CompanyStore, e: ExportRecord): string {
  const { tables } = company;
  const byNumber = new Map(tables.ledger_accounts.all().map((a) => [a.number, a] as const));
  const rows = linesIn(company, e).map((l) => {
    const journal = tables.journals.get(l.journal_id);
    const entry = tables.ledger_entries.get(l.entry_id);
    const account = tables.ledger_accounts.get(l.ledger_account_id);
    const number = account?.number ?? '';
    const general = generalOf(number);
    const generalAccount = general ? byNumber.get(general) : account;
    return [
      journal?.code ?? '', journal?.label ?? '', String(l.entry_id), compact(l.date), general ?? number, generalAccount?.label ?? '',
      general ? number : '', general ? (account?.label ?? '') : '', entry?.piece_number ?? String(l.entry_id), compact(l.date), l.label,
      comma(l.debit), comma(l.credit), letterCode(l.lettering_id), '', compact(l.date), '', 'EUR',
    ].join('\t');
  });
  return [FEC_HEADER.join('\t'), ...rows].join('\r\n') + '\r\n';
}

/** General ledger (one row per line) or analytical general ledger (one row per line and category). */
export function ledgerWorkbook(company: CompanyStore, e: ExportRecord): Buffer {
  const { tables } = company;
  const analytical = e.kind === 'analytical_general_ledgers';
  const header: Cell[] = ['Compte', 'Libellé du compte', 'Date', 'Journal', 'Libellé', 'Débit', 'Crédit'];
  const rows: Cell[][] = [analytical ? [...header, 'Catégorie', 'Poids'] : header];
  const lines = linesIn(company, e).sort((a, b) => {
    const na = tables.ledger_accounts.get(a.ledger_account_id)?.number ?? '';
    const nb = tables.ledger_accounts.get(b.ledger_account_id)?.number ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  for (const l of lines) {
    const account = tables.ledger_accounts.get(l.ledger_account_id);
    const base: Cell[] = [account?.number ?? '', account?.label ?? '', l.date, tables.journals.get(l.journal_id)?.code ?? '', l.label, Number(l.debit), Number(l.credit)];
    if (!analytical) rows.push(base);
    else for (const c of l.categories) rows.push([...base, tables.categories.get(c.category_id)?.label ?? '', c.weight]);
  }
  return xlsx(analytical ? 'Grand livre analytique' : 'Grand livre', rows);
}

function findExport(state: SimulatorState, id: number): { company: CompanyStore; e: ExportRecord } | null {
  for (const key of state.companies.keys()) {
    const company = state.companies.get(key);
    const e = company?.tables.exports.get(id);
    if (company && e) return { company, e };
  }
  return null;
}

/** The uploaded bytes behind a file URL (file attachments, appendices, imported invoices' PDFs), if any. */
function uploadedFile(state: SimulatorState, pathname: string): FileReply | null {
  const m = /^\/__files\/(file_attachments|appendices|customer_invoices|supplier_invoices)\/(\d+)\.[a-z]+$/.exec(pathname);
  if (!m) return null;
  const id = Number(m[2]);
  for (const key of state.companies.keys()) {
    const company = state.companies.get(key);
    if (!company) continue;
    let fileId: number | null | undefined = id;
    if (m[1] === 'customer_invoices') fileId = company.tables.customer_invoices.get(id)?.file_attachment_id;
    if (m[1] === 'supplier_invoices') fileId = company.tables.supplier_invoices.get(id)?.file_attachment_id;
    const stored = fileId === null || fileId === undefined ? undefined : company.files.get(fileId);
    if (stored) return { status: 200, contentType: stored.contentType, body: stored.bytes };
  }
  return null;
}

export function serveFile(state: SimulatorState, pathname: string): FileReply {
  const uploaded = uploadedFile(state, pathname);
  if (uploaded) return uploaded;
  const m = /^\/__files\/exports\/(\d+)\.(txt|xlsx)$/.exec(pathname);
  if (!m) return { status: 200, contentType: 'application/pdf', body: MINIMAL_PDF };
  const found = findExport(state, Number(m[1]));
  if (!found || EXPORT_EXTENSIONS[found.e.kind] !== m[2]) return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not Found' };
  if (!exportFileAvailable(found.e, found.company)) return { status: 403, contentType: 'text/plain; charset=utf-8', body: 'Request has expired' };
  if (found.e.kind === 'fecs') return { status: 200, contentType: 'text/plain; charset=utf-8', body: fecText(found.company, found.e) };
  return { status: 200, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: ledgerWorkbook(found.company, found.e) };
}
