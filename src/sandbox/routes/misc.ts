/** PA registrations and file attachments (API.md §4.7–4.8); webhook subscriptions are in webhook-subscriptions.ts. */
import { urlExtension } from '../file-types.js';
import type { ListSpec } from '../list-engine.js';
import type { FileAttachmentRecord } from '../records-purchases.js';
import type { PaRegistrationRecord } from '../records-sales.js';
import { listRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializePaRegistration(p: PaRegistrationRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: p.id, siret: p.siret, status: p.status, platform_name: p.platform_name, created_at: p.created_at, updated_at: p.updated_at };
}

export function serializeFileAttachment(f: FileAttachmentRecord, ctx: SerializeContext): Record<string, unknown> {
  const ext = urlExtension(f.filename, ctx.company.files.get(f.id)?.contentType);
  return { id: f.id, url: `${ctx.links.origin}/__files/file_attachments/${f.id}.${ext}`, filename: f.filename, created_at: f.created_at, updated_at: f.updated_at };
}

export const paRegistrationResource: ResourceDef<PaRegistrationRecord> = {
  name: 'pa_registrations',
  rows: (c) => c.tables.pa_registrations.all(),
  serialize: serializePaRegistration,
};
export const fileAttachmentResource: ResourceDef<FileAttachmentRecord> = {
  name: 'file_attachments',
  rows: (c) => c.tables.file_attachments.all(),
  serialize: serializeFileAttachment,
};

const fileList: ListSpec<FileAttachmentRecord> = {};

export const miscRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/pa_registrations', scope: 'pa_registrations:readonly', rows: paRegistrationResource.rows, list: {}, serialize: serializePaRegistration }),
  listRoute({ path: '/file_attachments', scope: 'file_attachments', rows: fileAttachmentResource.rows, list: fileList, serialize: serializeFileAttachment }),
];
