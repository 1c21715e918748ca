import type { PennylaneWebhookSubscription } from '../../datasources/pennylane/core.js';
import { builder } from '../builder.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addSingleLookupField, endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';

export const WebhookEvent = defineOpenEnum('WebhookEvent', 'An event Pennylane can notify a webhook of.', {
  CUSTOMER_INVOICE_E_INVOICING_STATUS_UPDATED: {
    value: 'customer_invoice.e_invoicing_status_updated',
    description: 'The e-invoicing status of a customer invoice changed.',
  },
  DMS_FILE_CREATED: { value: 'dms_file.created', description: 'A file was added to the document management system.' },
  SUPPLIER_INVOICE_E_INVOICING_RECEIVED: {
    value: 'supplier_invoice.e_invoicing_received',
    description: 'A supplier e-invoice was received.',
  },
});

export const WebhookSubscriptionRef = builder.objectRef<PennylaneWebhookSubscription>('WebhookSubscription');

builder.node(WebhookSubscriptionRef, {
  description:
    'Where Pennylane posts events. The signing secret is only ever returned once, at creation: this gateway never exposes it.',
  id: { resolve: (subscription) => String(subscription.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.single<PennylaneWebhookSubscription>('webhook_subscriptions').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    callbackUrl: t.exposeString('callback_url', { description: 'HTTPS URL the events are posted to.' }),
    events: t.field({
      type: [WebhookEvent.ref],
      description: 'Events it receives.',
      resolve: (s) => s.events.map((event) => WebhookEvent.of(event) ?? '__other__'),
    }),
    enabled: t.exposeBoolean('enabled', { description: 'Whether events are being sent.' }),
    ...timestampFields(t),
  }),
});

builder.queryField('webhookSubscriptions', (t) =>
  t.field({
    ...endpoints('GET /webhook_subscriptions'),
    type: [WebhookSubscriptionRef],
    description: 'Webhook subscriptions of the company (`GET /webhook_subscriptions`, at most 10). Read whole once, then cached.',
    resolve: async (_root, _args, ctx) => [...(await ctx.loaders.wholeList<PennylaneWebhookSubscription>('webhook_subscriptions'))],
  }),
);

addSingleLookupField('webhookSubscription', {
  type: WebhookSubscriptionRef,
  typenames: ['WebhookSubscription'],
  resource: 'webhook_subscriptions',
  description: 'A webhook subscription by id.',
  endpoints: ['GET /webhook_subscriptions/{id}'],
});
