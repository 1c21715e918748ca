/**
 * Webhook subscriptions (API.md §4.8, no scope): list/get never show the secret; POST
 * answers it once; PUT changes any of `callback_url`, `events`, `enabled`; DELETE 204.
 * At most 10 per company (422 past it). `callback_url` is https, or http to loopback
 * (sandbox only: webhooks/callback-url.ts).
 */
import { notFound, unprocessable, validationError } from '../errors.js';
import type { WebhookSubscriptionRecord } from '../records-sales.js';
import { arr, bool, obj, str, validateBody, type Json } from '../validate.js';
import { acceptedCallbackUrl } from '../webhooks/callback-url.js';
import { webhookSecret } from '../webhooks/signing.js';
import { getRoute, idParam, listRoute, ok } from './helpers.js';
import type { ApiResponse, ResourceDef, RouteContext, RouteSpec, SerializeContext } from './types.js';

export const WEBHOOK_EVENTS = ['customer_invoice.e_invoicing_status_updated', 'dms_file.created', 'supplier_invoice.e_invoicing_received'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];
export const MAX_WEBHOOK_SUBSCRIPTIONS = 10;

const props = { callback_url: str({ minLength: 1, maxLength: 2048 }), events: arr(str({ enum: WEBHOOK_EVENTS }), { minItems: 1 }), enabled: bool() };
const createSchema = obj(props, ['callback_url', 'events']);
const updateSchema = obj(props);

export function serializeWebhookSubscription(w: WebhookSubscriptionRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: w.id, callback_url: w.callback_url, events: [...w.events], enabled: w.enabled, created_at: w.created_at, updated_at: w.updated_at };
}

export const webhookSubscriptionResource: ResourceDef<WebhookSubscriptionRecord> = {
  name: 'webhook_subscriptions',
  rows: (c) => c.tables.webhook_subscriptions.all(),
  serialize: serializeWebhookSubscription,
};

function checkBody(body: Json): void {
  const url = body['callback_url'];
  if (typeof url === 'string' && !acceptedCallbackUrl(url)) {
    throw validationError(`"callback_url" must be an https URL (got "${url}")`, 'callback_url', 'InvalidPattern');
  }
}

function create(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createSchema, ctx.body);
  checkBody(body);
  if (company.tables.webhook_subscriptions.all().length >= MAX_WEBHOOK_SUBSCRIPTIONS) {
    throw unprocessable(`A company has at most ${MAX_WEBHOOK_SUBSCRIPTIONS} webhook subscriptions: delete one first`);
  }
  const now = company.clock.nowIso();
  const row: WebhookSubscriptionRecord = {
    id: company.ids.next('webhook_subscriptions'),
    callback_url: body['callback_url'] as string,
    events: [...new Set(body['events'] as string[])],
    enabled: body['enabled'] !== false,
    secret: webhookSecret(),
    created_at: now,
    updated_at: now,
  };
  company.tables.webhook_subscriptions.put(row);
  return ok({ ...serializeWebhookSubscription(row, ctx), secret: row.secret }, 201);
}

function update(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = company.tables.webhook_subscriptions.get(idParam(ctx));
  if (!current) throw notFound();
  const body = validateBody(updateSchema, ctx.body);
  checkBody(body);
  const row: WebhookSubscriptionRecord = {
    ...current,
    ...(typeof body['callback_url'] === 'string' ? { callback_url: body['callback_url'] } : {}),
    ...(Array.isArray(body['events']) ? { events: [...new Set(body['events'] as string[])] } : {}),
    ...(typeof body['enabled'] === 'boolean' ? { enabled: body['enabled'] } : {}),
    updated_at: company.clock.after(current.updated_at),
  };
  company.tables.webhook_subscriptions.put(row);
  return ok(serializeWebhookSubscription(row, ctx));
}

function remove(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const id = idParam(ctx);
  if (!company.tables.webhook_subscriptions.get(id)) throw notFound();
  company.tables.webhook_subscriptions.delete(id);
  return { status: 204 };
}

export const webhookSubscriptionRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/webhook_subscriptions', scope: null, rows: webhookSubscriptionResource.rows, list: {}, serialize: serializeWebhookSubscription }),
  getRoute({ path: '/webhook_subscriptions/{id}', scope: null, find: (c, id) => c.tables.webhook_subscriptions.get(id), serialize: serializeWebhookSubscription }),
  { method: 'POST', path: '/webhook_subscriptions', scope: null, handler: create },
  { method: 'PUT', path: '/webhook_subscriptions/{id}', scope: null, handler: update },
  { method: 'DELETE', path: '/webhook_subscriptions/{id}', scope: null, handler: remove },
];
