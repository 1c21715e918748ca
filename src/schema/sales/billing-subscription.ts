import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneBillingSubscription, PennylaneRecurringRule } from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addLookupField, byIdEdge, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addChildListField, addRootListField, type ResourceList } from '../shared/list-fields.js';
import { PaymentConditions } from './customer.js';
import { customerInvoiceList } from './customer-invoice.js';
import { DiscountRef } from './discount.js';
import { amountFields, customerField, linesField, pdfTextFields, sectionsField } from './document-fields.js';
import { BillingSubscriptionRef, CUSTOMER_TYPENAMES, CustomerInvoiceRef, CustomerRef } from './refs.js';

export const BillingSubscriptionStatus = defineOpenEnum('BillingSubscriptionStatus', 'Where a billing subscription stands.', {
  IN_PROGRESS: { value: 'in_progress', description: 'Running: it generates an invoice each period.' },
  STOPPED: { value: 'stopped', description: 'Stopped before its end.' },
  FINISHED: { value: 'finished', description: 'Past its end date or last occurrence.' },
});

const RecurringRuleRef = builder.objectRef<PennylaneRecurringRule>('RecurringRule').implement({
  description: 'How often a billing subscription generates an invoice.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'Period unit, e.g. monthly, weekly or yearly.' }),
    interval: t.exposeInt('interval', { description: 'Number of period units between two invoices (1 = every period).' }),
    dayOfMonth: t.exposeInt('day_of_month', { nullable: true, description: 'Day of the month invoices are generated on, when set.' }),
  }),
});

builder.node(BillingSubscriptionRef, {
  description:
    'A billing subscription: a customer invoice generated every period from the same lines. Amounts are those of each generated invoice, as exact decimal strings.',
  id: { resolve: (subscription) => String(subscription.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneBillingSubscription>('billing_subscriptions').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    status: t.field({
      type: BillingSubscriptionStatus.ref,
      description: 'Where the subscription stands.',
      resolve: (s) => BillingSubscriptionStatus.of(s.status) ?? '__other__',
    }),
    start: t.field({ type: 'Date', description: 'First day of the subscription.', resolve: (s) => s.start }),
    finish: t.field({ type: 'Date', nullable: true, description: 'Last day, if it ends.', resolve: (s) => s.finish }),
    nextOccurrence: t.field({
      type: 'Date',
      nullable: true,
      description: 'When the next invoice will be generated.',
      resolve: (s) => s.next_occurrence,
    }),
    recurringRule: t.field({
      type: RecurringRuleRef,
      nullable: true,
      description: 'How often an invoice is generated.',
      resolve: (s) => s.recurring_rule,
    }),
    mode: t.exposeString('mode', {
      nullable: true,
      description: 'What happens to each generated invoice, e.g. awaiting_validation (draft), finalized or email (finalized and sent).',
    }),
    paymentConditions: t.field({
      type: PaymentConditions.ref,
      nullable: true,
      description: 'Payment terms of the generated invoices.',
      resolve: (s) => PaymentConditions.of(s.payment_conditions),
    }),
    paymentMethod: t.string({
      nullable: true,
      description: 'How the generated invoices are collected, e.g. offline or gocardless_direct_debit.',
      resolve: (s) => s.payment_method ?? null,
    }),
    language: t.string({ nullable: true, description: 'Language of the generated invoices.', resolve: (s) => s.language ?? null }),
    ...amountFields(t, 'subscription'),
    discount: t.field({ type: DiscountRef, nullable: true, description: 'Discount on each invoice.', resolve: (s) => s.discount ?? null }),
    ...pdfTextFields(t),
    ...timestampFields(t),
    customer: customerField(t, 'subscription'),
    lines: linesField(t, '/billing_subscriptions', 'subscription'),
    sections: sectionsField(t, '/billing_subscriptions', 'subscription'),
  }),
});

addChildListField(customerInvoiceList, BillingSubscriptionRef, 'invoices', {
  description:
    'Customer invoices this subscription generated, through the `billing_subscription_id` filter. First pages of many subscriptions share one `billing_subscription_id in [...]` call.',
  parentField: 'billing_subscription_id',
  parentId: (subscription: PennylaneBillingSubscription) => subscription.id,
  parentOf: (invoice) => invoice.billing_subscription?.id,
});

export const billingSubscriptionFilter = defineListFilter('BillingSubscription', 'billing_subscriptions', {
  id: { field: 'id', kind: 'id', of: ['BillingSubscription'], operators: ALL_OPERATORS, description: 'The subscription\'s id.' },
  start: { field: 'start', kind: 'date', operators: ALL_OPERATORS, description: 'First day of the subscription.' },
  customerId: { field: 'customer_id', kind: 'id', of: CUSTOMER_TYPENAMES, operators: ALL_OPERATORS, description: 'The customer.' },
  status: {
    field: 'status',
    kind: 'enum',
    ref: BillingSubscriptionStatus.ref,
    operators: SET_OPERATORS,
    description: 'Where the subscription stands.',
  },
});

export const billingSubscriptionSort = defineListSort('BillingSubscription', 'billing subscriptions', ['id']);

export const BillingSubscriptionConnection = builder.connectionObject(
  { type: BillingSubscriptionRef, name: 'BillingSubscriptionConnection', description: 'A page of billing subscriptions.' },
  { name: 'BillingSubscriptionEdge', description: 'One of a page of billing subscriptions.' },
);

addLookupField('billingSubscription', {
  type: BillingSubscriptionRef,
  typenames: ['BillingSubscription'],
  resource: 'billing_subscriptions',
  description: 'A billing subscription by id.',
  endpoints: ['GET /billing_subscriptions/{id}'],
});

/** The billing subscription list, from which every connection over it is made. */
export const billingSubscriptionList: ResourceList<PennylaneBillingSubscription> = {
  type: BillingSubscriptionRef,
  connection: BillingSubscriptionConnection,
  filter: billingSubscriptionFilter,
  sort: billingSubscriptionSort,
  path: '/billing_subscriptions',
  resource: 'billing_subscriptions',
};

addRootListField(
  billingSubscriptionList,
  'billingSubscriptions',
  'Billing subscriptions, newest first by default (`GET /billing_subscriptions`): one call per page.',
);

builder.objectField(CustomerInvoiceRef, 'billingSubscription', (t) =>
  t.field({
    ...byIdEdge('billing_subscriptions'),
    type: BillingSubscriptionRef,
    nullable: true,
    description:
      'The billing subscription that generated this invoice. Batched: subscriptions of many invoices cost one `id in` call per 100.',
    resolve: (invoice, _args, ctx) =>
      invoice.billing_subscription
        ? ctx.loaders.byId<PennylaneBillingSubscription>('billing_subscriptions').load(String(invoice.billing_subscription.id))
        : null,
  }),
);

addChildListField(billingSubscriptionList, CustomerRef, 'billingSubscriptions', {
  description:
    "This customer's billing subscriptions, through the `customer_id` filter. First pages of many customers share one `customer_id in [...]` call.",
  parentField: 'customer_id',
  parentId: (customer: PennylaneCustomer) => customer.id,
  parentOf: (subscription) => subscription.customer?.id,
});
