import type { GatewayContext } from '../../context.js';
import type { PennylaneBillingSubscription } from '../../datasources/pennylane/sales-documents.js';
import { builder, type BuilderTypes } from '../builder.js';
import { checkKnownValue } from '../purchases/party-checks.js';
import { addCreateMutation, addUpdateMutation, definePayload } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import { BillingSubscriptionStatus } from './billing-subscription.js';
import { PaymentConditions } from './customer.js';
import { checkDiscount, checkLines, customerIdOf, DiscountInputRef, InvoiceLineInputRef, lineBody, type DiscountInput, type InvoiceLineInput } from './customer-invoice-inputs.js';
import { CUSTOMER_TYPENAMES, BillingSubscriptionRef } from './refs.js';
import { checkNotNull } from './sales-checks.js';

/**
 * Billing subscriptions (API.md §4.1, fields unverified upstream): a customer invoice
 * generated each period from the same lines. Create and update; they have no external
 * reference, so a safe retry needs an `idempotencyKey`.
 */

const RecurringRuleTypeEnum = builder.enumType('RecurringRuleType', {
  description: 'Period unit of a billing subscription.',
  values: {
    WEEKLY: { value: 'weekly', description: 'Every week (or every `interval` weeks).' },
    MONTHLY: { value: 'monthly', description: 'Every month (or every `interval` months).' },
    YEARLY: { value: 'yearly', description: 'Every year (or every `interval` years).' },
  },
});

const BillingSubscriptionModeEnum = builder.enumType('BillingSubscriptionMode', {
  description: 'What happens to each invoice a subscription generates.',
  values: {
    AWAITING_VALIDATION: { value: 'awaiting_validation', description: 'It stays a draft, to be finalized by hand.' },
    FINALIZED: { value: 'finalized', description: 'It is finalized.' },
    EMAIL: { value: 'email', description: 'It is finalized and e-mailed to the customer.' },
  },
});

interface RuleInput {
  type: string;
  interval?: number | null;
  dayOfMonth?: number | null;
}

const RecurringRuleInputRef = builder.inputRef<RuleInput>('RecurringRuleInput').implement({
  description: 'How often a subscription generates an invoice.',
  fields: (t) => ({
    type: t.field({ type: RecurringRuleTypeEnum, required: true, description: 'Period unit.' }),
    interval: t.int({ required: false, description: 'Periods between two invoices, 1 to 12; default 1.' }),
    dayOfMonth: t.int({ required: false, description: 'Day of the month invoices are made on, 1 to 28; default: the start day (at most 28).' }),
  }),
});

export interface SubscriptionInput {
  customerId?: string | null;
  start?: string | null;
  finish?: string | null;
  recurringRule?: RuleInput | null;
  label?: string | null;
  mode?: string | null;
  paymentConditions?: string | null;
  currency?: string | null;
  status?: string | null;
  discount?: DiscountInput | null;
  invoiceLines?: InvoiceLineInput[] | null;
}

type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

const commonFields = (t: InputFields, creating: boolean) => ({
  finish: t.field({ type: 'Date', required: false, description: creating ? 'Last day, if it ends.' : 'Last day; null makes it open-ended.' }),
  recurringRule: t.field({ type: RecurringRuleInputRef, required: creating, description: 'How often an invoice is generated.' }),
  label: t.string({ required: false, description: "Label; default: 'Abonnement' and the customer's name." }),
  mode: t.field({ type: BillingSubscriptionModeEnum, required: false, description: 'What happens to each generated invoice; default AWAITING_VALIDATION.' }),
  paymentConditions: t.field({ type: PaymentConditions.ref, required: false, description: "Payment terms of the generated invoices; default: the customer's." }),
  discount: t.field({ type: DiscountInputRef, required: false, description: 'Discount on each invoice.' }),
  invoiceLines: t.field({
    type: [InvoiceLineInputRef],
    required: creating,
    description: creating ? 'The lines of each invoice (no sections).' : 'The new lines of each invoice: they replace every line.',
  }),
});

const CreateInputRef = builder.inputRef<SubscriptionInput>('CreateBillingSubscriptionInput').implement({
  description: 'A billing subscription; it starts in progress.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The customer (global or Pennylane id).' }),
    start: t.field({ type: 'Date', required: true, description: 'First day of the subscription.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency; default EUR.' }),
    ...commonFields(t, true),
  }),
});

const UpdateInputRef = builder.inputRef<SubscriptionInput>('UpdateBillingSubscriptionInput').implement({
  description: 'Fields of a billing subscription to change; the others keep their value. A finished subscription no longer changes.',
  fields: (t) => ({
    status: t.field({ type: BillingSubscriptionStatus.ref, required: false, description: 'IN_PROGRESS or STOPPED.' }),
    ...commonFields(t, false),
  }),
});

export const BillingSubscriptionPayload = definePayload<PennylaneBillingSubscription>(
  'BillingSubscriptionPayload',
  'billingSubscription',
  BillingSubscriptionRef,
  'A billing subscription as written.',
);

function checkSubscription(input: SubscriptionInput, checks: InputChecks, creating: boolean): void {
  checkNotNull(checks, input, ['customerId', 'start', 'recurringRule', 'label', 'mode', 'paymentConditions', 'currency', 'status', 'discount', 'invoiceLines']);
  if (input.customerId) checks.entityId(['input', 'customerId'], input.customerId, CUSTOMER_TYPENAMES);
  checks.dateOrder(['input', 'finish'], input.start, input.finish, 'The subscription cannot finish before it starts.');
  checks.currency(['input', 'currency'], input.currency);
  if (input.label != null) checks.required(['input', 'label'], input.label, 'The label');
  checkKnownValue(checks, ['input', 'paymentConditions'], input.paymentConditions);
  if (input.status != null && !['in_progress', 'stopped'].includes(input.status)) {
    checks.add(['input', 'status'], 'A subscription is set IN_PROGRESS or STOPPED; it finishes on its own.', 'INVALID');
  }
  const rule = input.recurringRule;
  if (rule?.interval != null && (rule.interval < 1 || rule.interval > 12)) checks.add(['input', 'recurringRule', 'interval'], 'The interval is 1 to 12.', 'OUT_OF_RANGE');
  if (rule?.dayOfMonth != null && (rule.dayOfMonth < 1 || rule.dayOfMonth > 28)) checks.add(['input', 'recurringRule', 'dayOfMonth'], 'The day of the month is 1 to 28.', 'OUT_OF_RANGE');
  checkDiscount(checks, ['input', 'discount'], input.discount);
  if (creating || input.invoiceLines) checkLines(checks, ['input', 'invoiceLines'], input.invoiceLines);
  for (const [index, line] of (input.invoiceLines ?? []).entries()) {
    if (line.sectionRank != null) checks.add(['input', 'invoiceLines', index, 'sectionRank'], 'A subscription has no sections.', 'INVALID');
  }
}

function subscriptionBody(input: SubscriptionInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy: [keyof SubscriptionInput, string][] = [
    ['start', 'start'], ['finish', 'finish'], ['label', 'label'], ['mode', 'mode'], ['paymentConditions', 'payment_conditions'],
    ['currency', 'currency'], ['status', 'status'],
  ];
  for (const [from, to] of copy) if (input[from] !== undefined) body[to] = input[from];
  if (input.customerId) body.customer_id = customerIdOf(input.customerId);
  const rule = input.recurringRule;
  if (rule) body.recurring_rule = { type: rule.type, ...(rule.interval != null ? { interval: rule.interval } : {}), ...(rule.dayOfMonth != null ? { day_of_month: rule.dayOfMonth } : {}) };
  if (input.discount) body.discount = { ...input.discount };
  if (input.invoiceLines) body.invoice_lines = input.invoiceLines.map(lineBody);
  return body;
}

/** No external reference: after an unknown outcome, the newest subscription of the customer with this start (and label). */
async function findSubscription(ctx: GatewayContext, input: SubscriptionInput): Promise<PennylaneBillingSubscription | null> {
  const page = await ctx.pennylane.list<PennylaneBillingSubscription>(
    '/billing_subscriptions',
    {
      filter: [
        { field: 'customer_id', operator: 'eq', value: customerIdOf(input.customerId!) },
        { field: 'start', operator: 'eq', value: input.start! },
      ],
      limit: 20,
    },
    { resource: 'billing_subscriptions', cacheResponse: false },
  );
  return page.items.find((s) => input.label == null || s.label === input.label) ?? null;
}

export const createBillingSubscriptionDef = addCreateMutation<SubscriptionInput, PennylaneBillingSubscription>({
  name: 'createBillingSubscription',
  description:
    'Creates a billing subscription (`POST /billing_subscriptions`): an invoice each period from these lines. It has no external reference: pass an `idempotencyKey` to make a retry safe; after an unknown outcome the newest subscription of the customer with the same start (and label) counts as this one.',
  endpoint: 'POST /billing_subscriptions',
  input: CreateInputRef,
  payload: BillingSubscriptionPayload,
  noun: 'billing subscription',
  resource: 'billing_subscriptions',
  path: '/billing_subscriptions',
  check: (input, checks) => checkSubscription(input, checks, true),
  toBody: (input) => subscriptionBody(input),
  externalReferenceOf: () => null,
  find: (ctx, _ref, input) => findSubscription(ctx, input),
});

export const updateBillingSubscriptionDef = addUpdateMutation<SubscriptionInput, PennylaneBillingSubscription>({
  name: 'updateBillingSubscription',
  description:
    'Changes a billing subscription (`PUT /billing_subscriptions/{id}`): stop or resume it, change its rule, end, mode, terms or lines. Pennylane refuses a finished one.',
  endpoint: 'PUT /billing_subscriptions/{id}',
  input: UpdateInputRef,
  payload: BillingSubscriptionPayload,
  noun: 'billing subscription',
  resource: 'billing_subscriptions',
  path: '/billing_subscriptions',
  typenames: ['BillingSubscription'],
  check: (input, checks) => checkSubscription(input, checks, false),
  toBody: subscriptionBody,
});
