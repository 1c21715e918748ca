import { builder } from '../builder.js';
import { pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { PaymentRef } from './refs.js';

const STATUSES = [
  'initiated', 'pending', 'emitted', 'found', 'not_found', 'aborted', 'error', 'refunded', 'prepared',
  'pending_customer_approval', 'pending_submission', 'submitted', 'confirmed', 'paid_out', 'cancelled',
  'customer_approval_denied', 'failed', 'charged_back', 'resubmission_requested',
] as const;

export const PaymentStatus = defineOpenEnum(
  'PaymentStatus',
  'Where a payment stands, as Pennylane reports it.',
  Object.fromEntries(STATUSES.map((status) => [status.toUpperCase(), { value: status, description: `Pennylane status "${status}".` }])),
);

PaymentRef.implement({
  description:
    'A payment collected for a customer invoice (e.g. by direct debit). Not the same as a matched bank transaction: adding both double-counts.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    currencyAmount: t.field({ type: 'Decimal', description: 'Amount, in `currency`.', resolve: (p) => p.currency_amount }),
    status: t.field({
      type: PaymentStatus.ref,
      description: 'Payment status.',
      resolve: (p) => PaymentStatus.of(p.status) ?? '__other__',
    }),
    ...timestampFields(t),
  }),
});

export const PaymentConnection = builder.connectionObject(
  {
    type: PaymentRef,
    name: 'PaymentConnection',
    description: 'A page of payments.',
  },
  { name: 'PaymentEdge', description: 'One of a page of payments.' },
);
