import type { GatewayContext } from '../../context.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import type { PennylaneWebhookSubscription } from '../../datasources/pennylane/core.js';
import { outcomeUnknown, reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import { OutcomeUnknownError } from '../../datasources/writes/write-errors.js';
import { CallbackUrlProblem } from '../../webhooks/webhooks.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../shared/ids.js';
import { addMutation, definePayload, type MutationArgs } from '../shared/mutation-fields.js';
import { InputChecks } from '../shared/validation.js';
import { defineDeletePayload } from '../sales/sales-writes.js';
import { WebhookEvent, WebhookSubscriptionRef } from './webhook-subscription.js';

/**
 * Webhook subscriptions this gateway receives (API.md §4.8, `/webhook_subscriptions`). A
 * create points Pennylane at this gateway's own route (`<public URL>/webhooks/pennylane/<hook
 * id>`) and keeps the secret Pennylane answers once, sealed (src/webhooks); the secret is
 * never in an answer, a log or an error.
 */

interface SubscriptionInput {
  events?: string[] | null;
  enabled?: boolean | null;
}

const WebhookSubscriptionPayload = definePayload<PennylaneWebhookSubscription>(
  'WebhookSubscriptionPayload',
  'webhookSubscription',
  WebhookSubscriptionRef,
  'A webhook subscription as written (never its secret).',
);

const eventsDescription = 'Events to receive (at least one).';
const CreateWebhookSubscriptionInput = builder.inputRef<SubscriptionInput & { publicUrl?: string | null }>('CreateWebhookSubscriptionInput').implement({
  description: 'A webhook subscription whose events this gateway receives.',
  fields: (t) => ({
    events: t.field({ type: [WebhookEvent.ref], required: true, description: eventsDescription }),
    enabled: t.boolean({ required: false, description: 'Whether Pennylane sends the events now; default true.' }),
    publicUrl: t.string({
      required: false,
      description: 'The https origin Pennylane reaches this gateway at (e.g. https://gateway.example.com), when GATEWAY_PUBLIC_URL is not set; the route is appended by the gateway.',
    }),
  }),
});

const UpdateWebhookSubscriptionInput = builder.inputRef<SubscriptionInput>('UpdateWebhookSubscriptionInput').implement({
  description: 'What to change in a webhook subscription; the rest keeps its value. Its callback URL stays this gateway\'s.',
  fields: (t) => ({
    events: t.field({ type: [WebhookEvent.ref], required: false, description: eventsDescription }),
    enabled: t.boolean({ required: false, description: 'Whether Pennylane sends the events.' }),
  }),
});

const effects = (id?: number): WriteEffects => ({
  lists: ['/webhook_subscriptions'],
  records: id === undefined ? [] : [{ resource: 'webhook_subscriptions', path: '/webhook_subscriptions', id }],
});

function checkEvents(checks: InputChecks, events: readonly string[] | null | undefined, required: boolean): void {
  if (events === undefined || (events === null && !required)) return;
  checks.count(['input', 'events'], events, 1, 3, 'event');
  if (events?.includes('__other__')) checks.add(['input', 'events'], 'OTHER is not an event Pennylane sends: name one of the others.', 'INVALID');
}

/** Never the secret: it is read from the answer once, into the hook store. */
function withoutSecret(answer: PennylaneWebhookSubscription & { secret?: unknown }): PennylaneWebhookSubscription {
  const { secret: _secret, ...subscription } = answer;
  return subscription;
}

async function create(args: MutationArgs, ctx: GatewayContext): Promise<{ record: PennylaneWebhookSubscription; replayed: boolean }> {
  const input = args.input as SubscriptionInput & { publicUrl?: string | null };
  const checks = new InputChecks();
  checkEvents(checks, input.events, true);
  let hook: { hookId: string; callbackUrl: string } | null = null;
  try {
    hook = ctx.webhooks!.newHook(input.publicUrl ?? null);
  } catch (error) {
    if (!(error instanceof CallbackUrlProblem)) throw error;
    checks.add(['input', 'publicUrl'], error.message, 'INVALID_URL');
  }
  checks.throwIfAny();
  const body = { callback_url: hook!.callbackUrl, events: [...new Set(input.events!)], enabled: input.enabled ?? true };
  let answer: PennylaneWebhookSubscription & { secret?: unknown };
  try {
    answer = await ctx.pennylane.write('POST', '/webhook_subscriptions', body, effects());
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    // It may exist, but its secret (answered once) is lost: remove it, so nothing half-made stays.
    const list = await ctx.pennylane.list<PennylaneWebhookSubscription>('/webhook_subscriptions', {}, { resource: 'webhook_subscriptions', cacheResponse: false });
    const made = list.items.find((s) => s.callback_url === hook!.callbackUrl);
    if (made) await ctx.pennylane.write('DELETE', `/webhook_subscriptions/${made.id}`, undefined, effects(made.id));
    throw new OutcomeUnknownError('Pennylane\'s answer was lost, and with it the signing secret (answered only once); nothing was kept. Call again.', null);
  }
  const secret = answer.secret;
  if (typeof secret !== 'string' || secret === '') {
    await ctx.pennylane.write('DELETE', `/webhook_subscriptions/${answer.id}`, undefined, effects(answer.id));
    throw new Error('Pennylane created the webhook subscription without a secret: it was deleted again');
  }
  try {
    await ctx.webhooks!.keep(ctx.tenant.id, String(answer.id), hook!.hookId, secret);
  } catch (error) {
    // Unkept, the secret is gone (answered once): every webhook of this subscription would be refused. Remove it, so nothing half-made stays.
    await ctx.pennylane.write('DELETE', `/webhook_subscriptions/${answer.id}`, undefined, effects(answer.id)).catch(() => undefined);
    throw error;
  }
  return { record: withoutSecret(answer), replayed: false };
}

addMutation('createWebhookSubscription', {
  description:
    'Registers this gateway with Pennylane as the receiver of the events (`POST /webhook_subscriptions`): the callback URL is the gateway\'s own route (GATEWAY_PUBLIC_URL or `publicUrl`, + `/webhooks/pennylane/<hook id>`), and the secret Pennylane answers once is kept encrypted by the gateway, never returned. Webhooks then drop changed records from the cache and reach the change subscriptions at once. At most 10 per company (Pennylane refuses more).',
  endpoints: ['POST /webhook_subscriptions'],
  payload: WebhookSubscriptionPayload,
  what: 'the new webhook subscription',
  args: (t) => ({ input: t.arg({ type: CreateWebhookSubscriptionInput, required: true, description: 'The events, and where the gateway is reached.' }) }),
  resolve: create,
});

addMutation('updateWebhookSubscription', {
  description: 'Changes the events of a webhook subscription, or turns it off and on (`PUT /webhook_subscriptions/{id}`).',
  endpoints: ['PUT /webhook_subscriptions/{id}'],
  payload: WebhookSubscriptionPayload,
  what: 'the webhook subscription as changed',
  args: (t) => ({
    id: t.arg.id({ required: true, description: 'The webhook subscription: global id or Pennylane id.' }),
    input: t.arg({ type: UpdateWebhookSubscriptionInput, required: true, description: 'What to change.' }),
  }),
  resolve: async (args, ctx) => {
    const input = args.input as SubscriptionInput;
    const checks = new InputChecks();
    const id = checks.entityId(['id'], args.id, ['WebhookSubscription']);
    checkEvents(checks, input.events, false);
    if (input.enabled === null) checks.add(['input', 'enabled'], 'enabled is true or false, not null.', 'INVALID');
    checks.throwIfAny();
    const body = { ...(input.events ? { events: [...new Set(input.events)] } : {}), ...(typeof input.enabled === 'boolean' ? { enabled: input.enabled } : {}) };
    const record = await reconciledWrite({
      send: () => ctx.pennylane.write<PennylaneWebhookSubscription>('PUT', `/webhook_subscriptions/${id}`, body, effects(id!)),
      find: async () => null,
      description: 'changed the webhook subscription',
      idempotencyKey: null,
    });
    return { record, replayed: false };
  },
});

const DeleteWebhookSubscriptionPayload = defineDeletePayload('DeleteWebhookSubscriptionPayload', 'A webhook subscription that was deleted.', 'The global id of the deleted webhook subscription.');

addMutation('deleteWebhookSubscription', {
  description: 'Deletes a webhook subscription (`DELETE /webhook_subscriptions/{id}`); the gateway forgets its secret, and webhooks signed with it are refused from then on.',
  endpoints: ['DELETE /webhook_subscriptions/{id}'],
  payload: DeleteWebhookSubscriptionPayload,
  what: 'the id of the deleted webhook subscription',
  args: (t) => ({ id: t.arg.id({ required: true, description: 'The webhook subscription: global id or Pennylane id.' }) }),
  resolve: async (args, ctx) => {
    const checks = new InputChecks();
    const id = checks.entityId(['id'], args.id, ['WebhookSubscription']);
    checks.throwIfAny();
    const path = `/webhook_subscriptions/${id}`;
    const forget = () => ctx.webhooks!.forget(ctx.tenant.id, String(id));
    // Gone at Pennylane already (deleted elsewhere): nothing will be signed with its secret again.
    const gone = (error: unknown) => error instanceof UpstreamHttpError && error.status === 404;
    await reconciledWrite<true>({
      send: async () => {
        await ctx.pennylane.write('DELETE', path, undefined, effects(id!));
        return true;
      },
      find: async () => {
        try {
          await ctx.pennylane.get(path, {}, { resource: 'webhook_subscriptions', cacheResponse: false });
          return null;
        } catch (error) {
          if (gone(error)) return true;
          throw error;
        }
      },
      description: 'deleted the webhook subscription',
      idempotencyKey: null,
    }).catch(async (error: unknown) => {
      if (gone(error)) await forget();
      throw error;
    });
    await forget();
    return { deletedId: encodeGlobalId('WebhookSubscription', id!), pennylaneId: String(id) };
  },
});
