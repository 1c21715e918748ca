/** PA registrations, webhook subscriptions (no scope; never the secret) and file attachments (API.md §4.7–4.8). */
import { urlExtension } from '../file-types.js';
import type { ListSpec } from '../list-engine.js';
import type { FileAttachmentRecord } from '../records-purchases.js';
import type { PaRegistrationRecord, WebhookSubscriptionRecord } from '../records-sales.js';
import { getRoute, listRoute } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializePaRegistration(p: PaRegistrationRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: p.id, siret: p.siret, status: p.status, platform_name: p.platform_name, created_at: p.created_at, updated_at: p.updated_at };
}

export function serializeWebhookSubscription(w: WebhookSubscriptionRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: w.id, callback_url: w.callback_url, events: [...w.events], enabled: w.enabled, created_at: w.created_at, updated_at: w.updated_at };
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
export const webhookSubscriptionResource: ResourceDef<WebhookSubscriptionRecord> = {
  name: 'webhook_subscriptions',
  rows: (c) => c.tables.webhook_subscriptions.all(),
  serialize: serializeWebhookSubscription,
};
export const fileAttachmentResource: ResourceDef<FileAttachmentRecord> = {
  name: 'file_attachments',
  rows: (c) => c.tables.file_attachments.all(),
  serialize: serializeFileAttachment,
};

const fileList: ListSpec<FileAttachmentRecord> = {};

export const miscRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/pa_registrations', scope: 'pa_registrations:readonly', rows: paRegistrationResource.rows, list: {}, serialize: serializePaRegistration }),
  listRoute({ path: '/webhook_subscriptions', scope: null, rows: webhookSubscriptionResource.rows, list: {}, serialize: serializeWebhookSubscription }),
  getRoute({ path: '/webhook_subscriptions/{id}', scope: null, find: (c, id) => c.tables.webhook_subscriptions.get(id), serialize: serializeWebhookSubscription }),
  listRoute({ path: '/file_attachments', scope: 'file_attachments', rows: fileAttachmentResource.rows, list: fileList, serialize: serializeFileAttachment }),
];
