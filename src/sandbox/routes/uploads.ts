/**
 * Multipart uploads (API.md §4.7): `POST /file_attachments` and the appendices of
 * customer invoices and quotes. `file` is required (400 NotAMultipartFile); png, jpeg,
 * tiff, bmp, gif or pdf by MIME type or extension and by content (else 422); empty → 422; larger than
 * `maxUploadBytes` (100 MiB) → 413. The bytes are kept and served back at the record's `url`.
 */
import { payloadTooLarge, unprocessable, validationError } from '../errors.js';
import { claimedFormat, contentProblem, SIGNATURE_BYTES } from '../../datasources/pennylane/file-signatures.js';
import { ACCEPTED_UPLOAD_TYPES, acceptedContentType } from '../file-types.js';
import type { FileAttachmentRecord } from '../records-purchases.js';
import type { AppendixRecord } from '../records-sales.js';
import type { ChangelogResource, CompanyStore, Table } from '../store.js';
import { serializeAppendix } from './document-parts.js';
import { ok } from './helpers.js';
import { serializeFileAttachment } from './misc.js';
import { pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

export interface AcceptedFile {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

/** The `file` part of a multipart body, checked (type, size); `filename` field overrides its name. */
export function acceptUpload(ctx: RouteContext): AcceptedFile {
  const file = ctx.upload?.files['file'];
  if (!file) throw validationError('"file" is required and must be sent as a multipart/form-data file part', 'file', 'NotAMultipartFile');
  const filename = (ctx.upload?.fields['filename'] ?? '').trim() || file.filename || 'upload';
  if (file.bytes.length > ctx.settings.maxUploadBytes) {
    throw payloadTooLarge(`File too large: ${file.bytes.length} bytes (at most ${ctx.settings.maxUploadBytes})`);
  }
  if (file.bytes.length === 0) throw unprocessable('File is empty');
  const contentType = acceptedContentType(filename, file.contentType) ?? acceptedContentType(file.filename, file.contentType);
  if (!contentType) throw unprocessable(`File type not supported ("${file.contentType || 'unknown'}", "${filename}"): ${ACCEPTED_UPLOAD_TYPES} only`);
  // Like Pennylane, what counts is the content: a text file declared as a PDF is refused.
  const problem = contentProblem(claimedFormat(filename, contentType)!, file.bytes.subarray(0, SIGNATURE_BYTES));
  if (problem) throw unprocessable(problem.replace(/\.$/, ''));
  return { bytes: file.bytes, filename, contentType };
}

function store(company: CompanyStore, id: number, file: AcceptedFile): void {
  company.files.set(id, { bytes: file.bytes, contentType: file.contentType, filename: file.filename });
}

function createFileAttachment(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const file = acceptUpload(ctx);
  const now = company.clock.nowIso();
  const row: FileAttachmentRecord = { id: company.ids.next('file_attachments'), filename: file.filename, created_at: now, updated_at: now };
  store(company, row.id, file);
  company.tables.file_attachments.put(row);
  return ok(serializeFileAttachment(row, ctx), 201);
}

interface Parent {
  id: number;
  created_at: string;
  updated_at: string;
}

/** `POST /{parent}/{id}/appendices`: the parent's `updated_at` moves and its changelog gets an update. */
function appendixRoute<P extends Parent>(path: string, scope: string, table: (c: CompanyStore) => Table<P>, changelog: ChangelogResource): RouteSpec {
  return {
    method: 'POST',
    path,
    scope,
    handler: (ctx) => {
      const { company } = ctx;
      const parent = pathRecord(ctx, table(company));
      const file = acceptUpload(ctx);
      const now = company.clock.nowIso();
      const row: AppendixRecord = { id: company.ids.next('appendices'), parent_id: parent.id, filename: file.filename, created_at: now, updated_at: now };
      store(company, row.id, file);
      company.tables.appendices.put(row);
      parent.updated_at = company.clock.after(parent.updated_at);
      table(company).put(parent);
      company.recordChange(changelog, parent, 'update');
      return ok(serializeAppendix(row, ctx), 201);
    },
  };
}

export const uploadRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/file_attachments', scope: 'file_attachments', handler: createFileAttachment },
  appendixRoute('/customer_invoices/{id}/appendices', 'customer_invoices', (c) => c.tables.customer_invoices, 'customer_invoices'),
  appendixRoute('/quotes/{id}/appendices', 'quotes', (c) => c.tables.quotes, 'quotes'),
];
