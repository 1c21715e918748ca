import { beforeAll, describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;
type Page<T = Json> = { edges: { node: T }[] };

const idOf = (ref: unknown) => (ref ? String((ref as { id: number }).id) : null);

describe('billing subscriptions', () => {
  const h = useHarness({ beforeEach: 'clearLog' });
  let subscriptions: Json[];
  let invoices: Json[];
  beforeAll(() => {
    subscriptions = h.sim.control.snapshot('billing_subscriptions') as Json[];
    invoices = h.sim.control.snapshot('customer_invoices') as Json[];
  });

  it('returns a subscription with its customer, lines, sections and invoices: 1 lookup + 1 customer + 2 per-subscription calls + 1', async () => {
    const expected = subscriptions.find((s) => invoices.some((i) => idOf(i.billing_subscription) === String(s.id)))!;
    expect(expected).toBeDefined();
    const res = await h.gql<{ billingSubscription: Json & { lines: Page; sections: Page; invoices: Page } }>(
      `query($id: ID!) { billingSubscription(id: $id) {
        id pennylaneId label status start finish nextOccurrence mode paymentConditions
        recurringRule { type interval dayOfMonth }
        currency currencyAmountBeforeTax currencyTax currencyAmount amount tax createdAt updatedAt
        customer { pennylaneId }
        lines(first: 100) { edges { node { pennylaneId label currencyAmount } } }
        sections(first: 100) { edges { node { pennylaneId title rank } } }
        invoices(first: 50) { edges { node { pennylaneId billingSubscription { pennylaneId } } } }
      } }`,
      { id: String(expected.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({
      'GET /billing_subscriptions': 1,
      'GET /customers': 1,
      'GET /billing_subscriptions/{id}/invoice_lines': 1,
      'GET /billing_subscriptions/{id}/invoice_line_sections': 1,
      'GET /customer_invoices': 1,
    });
    const [invoiceCall] = h.sim.control.requests({ route: 'GET /customer_invoices' });
    expect(invoiceCall!.filter).toEqual([{ field: 'billing_subscription_id', operator: 'in', value: [expected.id] }]);

    const actual = res.data!.billingSubscription;
    expect(actual.id).toBe(Buffer.from(`BillingSubscription:${expected.id}`).toString('base64'));
    for (const [graphql, pennylane] of [
      ['label', 'label'],
      ['start', 'start'],
      ['finish', 'finish'],
      ['nextOccurrence', 'next_occurrence'],
      ['mode', 'mode'],
      ['currency', 'currency'],
      ['currencyAmountBeforeTax', 'currency_amount_before_tax'],
      ['currencyTax', 'currency_tax'],
      ['currencyAmount', 'currency_amount'],
      ['amount', 'amount'],
      ['tax', 'tax'],
      ['createdAt', 'created_at'],
      ['updatedAt', 'updated_at'],
    ] as const) {
      expect(actual[graphql], graphql).toStrictEqual(expected[pennylane] ?? null);
    }
    expect(actual.status).toBe(String(expected.status).toUpperCase());
    expect(actual.paymentConditions).toBe(
      String(expected.payment_conditions).toUpperCase().replace(/^(\d+)_DAYS$/, 'DAYS_$1'),
    );
    const rule = expected.recurring_rule as { type: string; interval: number; day_of_month: number | null };
    expect(actual.recurringRule).toEqual({ type: rule.type, interval: rule.interval, dayOfMonth: rule.day_of_month });
    expect(actual.customer).toEqual({ pennylaneId: idOf(expected.customer) });

    const lines = h.sim.control.subList(`/billing_subscriptions/${expected.id}/invoice_lines`) as Json[];
    expect(nodesOf(actual.lines)).toEqual(lines.map((l) => ({ pennylaneId: String(l.id), label: l.label, currencyAmount: l.currency_amount })));
    const sections = h.sim.control.subList(`/billing_subscriptions/${expected.id}/invoice_line_sections`) as Json[];
    expect(nodesOf(actual.sections)).toEqual(sections.map((s) => ({ pennylaneId: String(s.id), title: s.title, rank: s.rank })));
    const own = invoices.filter((i) => idOf(i.billing_subscription) === String(expected.id));
    expect(nodesOf(actual.invoices).map((i) => i.pennylaneId).sort()).toEqual(own.map((i) => String(i.id)).sort());
    for (const invoice of nodesOf(actual.invoices)) expect(invoice.billingSubscription).toEqual({ pennylaneId: String(expected.id) });
  });

  it('sends the start, customer and status filters as Pennylane expects them', async () => {
    const status = String(subscriptions[0]!.status);
    const res = await h.gql<{ billingSubscriptions: Page<{ pennylaneId: string }> }>(
      `query($s: [BillingSubscriptionStatus!]) { billingSubscriptions(first: 100, sort: ID_DESC, filter: { start: { gteq: "2025-01-01" }, status: { in: $s } }) {
        edges { node { pennylaneId } } } }`,
      { s: [status.toUpperCase()] },
    );
    expect(res.errors).toBeUndefined();
    const [call] = h.sim.control.requests({ route: 'GET /billing_subscriptions' });
    expect(call!.query.sort).toBe('-id');
    expect(call!.filter).toEqual([
      { field: 'start', operator: 'gteq', value: '2025-01-01' },
      { field: 'status', operator: 'in', value: [status] },
    ]);
    const expected = subscriptions
      .filter((s) => String(s.start) >= '2025-01-01' && s.status === status)
      .sort((a, b) => (b.id as number) - (a.id as number));
    expect(nodesOf(res.data!.billingSubscriptions).map((s) => s.pennylaneId)).toEqual(expected.map((s) => String(s.id)));
  });
});
