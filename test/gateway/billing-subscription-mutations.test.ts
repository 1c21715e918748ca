import { beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, runMutation } from '../support/mutations.js';

/** Billing subscriptions: create and update. */

const RESULT = `__typename ... on MutationError { message refusedBy } ... on ValidationError { fieldErrors { path code message } }`;
const SUBSCRIPTION = 'pennylaneId label status start finish mode nextOccurrence currencyAmount recurringRule { type interval dayOfMonth }';
const CREATE = `mutation($input: CreateBillingSubscriptionInput!, $key: String) {
  createBillingSubscription(input: $input, idempotencyKey: $key) { ${RESULT} ... on BillingSubscriptionPayload { replayed billingSubscription { ${SUBSCRIPTION} } } }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateBillingSubscriptionInput!) {
  updateBillingSubscription(id: $id, input: $input) { ${RESULT} ... on BillingSubscriptionPayload { billingSubscription { ${SUBSCRIPTION} } } }
}`;

const line = { label: 'Licence', quantity: '5', rawCurrencyUnitPrice: '30.00', unit: 'seat', vatRate: 'FR_200' };

describe('billing subscription mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });
  let customerId: string;
  beforeEach(() => {
    customerId = String((h.sim.control.snapshot('customers')[4] as { id: number }).id);
  });

  const input = { start: '2026-12-01', recurringRule: { type: 'MONTHLY', dayOfMonth: 5 }, mode: 'FINALIZED', label: 'Licences', invoiceLines: [line] };
  const subscriptions = () => h.sim.control.snapshot('billing_subscriptions') as { label: string }[];

  it('creates a subscription once per idempotency key, read back without a call', async () => {
    const created = await runMutation(h, CREATE, { input: { ...input, customerId }, key: 'sub-1' });
    expect(created).toMatchObject({
      __typename: 'BillingSubscriptionPayload',
      billingSubscription: { status: 'IN_PROGRESS', mode: 'finalized', currencyAmount: '180.00', nextOccurrence: '2026-12-05', recurringRule: { type: 'monthly', interval: 1, dayOfMonth: 5 } },
    });
    const again = await runMutation(h, CREATE, { input: { ...input, customerId }, key: 'sub-1' });
    expect(again).toMatchObject({ replayed: true });
    expect(subscriptions().filter((s) => s.label === 'Licences')).toHaveLength(1);
    const id = (created.billingSubscription as { pennylaneId: string }).pennylaneId;
    h.sim.control.clearLog();
    expect((await h.gql<{ billingSubscription: { label: string } }>(`{ billingSubscription(id: "${id}") { label } }`)).data!.billingSubscription.label).toBe('Licences');
    expect(h.sim.control.count()).toBe(0);
  });

  it('finds the subscription after a reset that came once Pennylane had created it', async () => {
    h.sim.control.injectFault({ match: { route: 'POST /billing_subscriptions' }, reset: 'after' });
    const created = await runMutation(h, CREATE, { input: { ...input, customerId }, key: 'sub-2' });
    expect(created).toMatchObject({ __typename: 'BillingSubscriptionPayload', billingSubscription: { label: 'Licences' } });
    expect(subscriptions().filter((s) => s.label === 'Licences')).toHaveLength(1);
    expect(h.sim.control.count({ route: 'POST /billing_subscriptions' })).toBe(1);
  });

  it('refuses a bad subscription with every path, before any call', async () => {
    const result = await runMutation(h, CREATE, {
      input: { ...input, customerId, finish: '2026-11-01', recurringRule: { type: 'WEEKLY', interval: 13, dayOfMonth: 31 }, invoiceLines: [{ ...line, sectionRank: 1 }], paymentConditions: 'OTHER' },
    });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.finish', 'INVALID_DATE_ORDER'],
      ['input.paymentConditions', 'INVALID'],
      ['input.recurringRule.interval', 'OUT_OF_RANGE'],
      ['input.recurringRule.dayOfMonth', 'OUT_OF_RANGE'],
      ['input.invoiceLines.0.sectionRank', 'INVALID'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it('stops a subscription (read back fresh); a finished one is refused by Pennylane; FINISHED is not settable', async () => {
    const all = h.sim.control.snapshot('billing_subscriptions') as { id: number; status: string }[];
    const running = all.find((s) => s.status === 'in_progress')!;
    await h.gql(`{ billingSubscription(id: "${running.id}") { status } }`);
    const stopped = await runMutation(h, UPDATE, { id: String(running.id), input: { status: 'STOPPED', label: 'Arrêté' } });
    expect(stopped).toMatchObject({ billingSubscription: { status: 'STOPPED', label: 'Arrêté', nextOccurrence: null } });
    h.sim.control.clearLog();
    expect((await h.gql<{ billingSubscription: { status: string } }>(`{ billingSubscription(id: "${running.id}") { status } }`)).data!.billingSubscription.status).toBe('STOPPED');
    expect(h.sim.control.count()).toBe(0);
    const finished = all.find((s) => s.status === 'finished')!;
    expect(await runMutation(h, UPDATE, { id: String(finished.id), input: { label: 'x' } })).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    expect(fieldErrorCodes(await runMutation(h, UPDATE, { id: String(running.id), input: { status: 'FINISHED' } }))).toEqual([['input.status', 'INVALID']]);
  });
});
