/**
 * Billing subscriptions (API.md §4.1; fields unverified upstream). POST: customer_id,
 * start, recurring_rule {type weekly|monthly|yearly, interval ≥ 1, day_of_month 1–28},
 * invoice_lines required → 201 `in_progress`. PUT: status (in_progress | stopped),
 * label, lines (replaced), rule, finish, mode, payment_conditions; a finished one → 422.
 * No changelog; the simulator does not generate invoices at run time.
 */
import { unprocessable } from '../errors.js';
import { PAYMENT_CONDITIONS, type Discount, type PaymentConditions } from '../records.js';
import { RECURRING_RULE_TYPES, SUBSCRIPTION_MODES, type BillingSubscriptionRecord, type RecurringRuleType, type SubscriptionMode } from '../records-sales.js';
import type { CompanyStore } from '../store.js';
import { addDays } from '../time.js';
import { int, obj, str, validateBody, type Json, type Schema } from '../validate.js';
import { ok } from './helpers.js';
import { serializeBillingSubscription } from './sales-documents.js';
import { discountSchema, documentAmounts, inputsOf, priceLines, putLines, salesLinesSchema, totalsOf, type SalesLineInput } from './sales-lines.js';
import { mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const ruleSchema = obj({ type: str({ enum: RECURRING_RULE_TYPES }), interval: int({ minimum: 1, maximum: 12 }), day_of_month: int({ minimum: 1, maximum: 28, nullable: true }) }, ['type']);
const props: Record<string, Schema> = {
  customer_id: int(),
  start: str({ format: 'date' }),
  finish: str({ format: 'date', nullable: true }),
  recurring_rule: ruleSchema,
  label: str({ minLength: 1 }),
  mode: str({ enum: SUBSCRIPTION_MODES }),
  payment_conditions: str({ enum: PAYMENT_CONDITIONS }),
  currency: str({ minLength: 3, maxLength: 3 }),
  discount: discountSchema,
  invoice_lines: salesLinesSchema,
};
const createSchema = obj(props, ['customer_id', 'start', 'recurring_rule', 'invoice_lines']);
const { customer_id: _c, start: _s, currency: _cur, ...updatable } = props;
const updateSchema = obj({ ...updatable, status: str({ enum: ['in_progress', 'stopped'] }) });

function addMonths(date: string, months: number, day: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** First occurrence on or after today (and after start); null when stopped or past `finish`. */
export function nextOccurrence(s: BillingSubscriptionRecord, today: string): string | null {
  if (s.status !== 'in_progress') return null;
  const type = s.rule_type ?? 'monthly';
  const interval = s.interval ?? 1;
  const step = (d: string) => (type === 'weekly' ? addDays(d, 7 * interval) : addMonths(d, type === 'yearly' ? 12 * interval : interval, s.day_of_month));
  let d = type === 'weekly' ? s.start : addMonths(s.start, 0, s.day_of_month);
  if (d < s.start) d = step(d);
  for (let guard = 0; d < today && guard < 10_000; guard++) d = step(d);
  return s.finish !== null && d > s.finish ? null : d;
}

function apply(company: CompanyStore, row: BillingSubscriptionRecord, body: Json, at: string): void {
  if (typeof body['label'] === 'string') row.label = body['label'];
  if ('finish' in body) row.finish = body['finish'] as string | null;
  if (row.finish !== null && row.finish < row.start) throw unprocessable('finish must be on or after start');
  if (typeof body['mode'] === 'string') row.mode = body['mode'] as SubscriptionMode;
  if (typeof body['payment_conditions'] === 'string') row.payment_conditions = body['payment_conditions'] as PaymentConditions;
  if (typeof body['status'] === 'string') row.status = body['status'] as BillingSubscriptionRecord['status'];
  const rule = body['recurring_rule'] as { type: RecurringRuleType; interval?: number; day_of_month?: number | null } | undefined;
  if (rule) {
    row.rule_type = rule.type;
    row.interval = rule.interval ?? 1;
    row.day_of_month = rule.day_of_month ?? Math.min(28, Number(row.start.slice(8, 10)));
  }
  row.next_occurrence = nextOccurrence(row, company.todayDate());
  // Lines are re-priced only when lines or a discount are sent (the document discount is not stored).
  if (body['invoice_lines'] === undefined && body['discount'] === undefined) return;
  const inputs = (body['invoice_lines'] as SalesLineInput[] | undefined) ?? inputsOf(company.tables.document_lines.byGroup(row.id));
  const discount = (body['discount'] as Discount | undefined) ?? null;
  const lines = priceLines(company, inputs, { draft: false, sectionRanks: new Set(), discount });
  Object.assign(row, documentAmounts(totalsOf(lines), row.currency));
  if (row.id === 0) row.id = company.ids.next('billing_subscriptions');
  putLines(company, company.tables.document_lines, row.id, lines, at);
}

function createSubscription(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createSchema, ctx.body);
  const customer = mustExist(company.tables.customers, body['customer_id'] as number, 'Customer');
  const now = company.clock.nowIso();
  const start = body['start'] as string;
  const row: BillingSubscriptionRecord = {
    id: 0, label: `Abonnement ${customer.name}`, status: 'in_progress', start, finish: null, day_of_month: Math.min(28, Number(start.slice(8, 10))),
    rule_type: 'monthly', interval: 1, mode: 'awaiting_validation', payment_conditions: customer.payment_conditions, next_occurrence: null,
    customer_id: customer.id, ...documentAmounts({ beforeTax: 0n, tax: 0n, total: 0n }, ((body['currency'] as string | undefined) ?? 'EUR').toUpperCase()),
    created_at: now, updated_at: now,
  };
  apply(company, row, body, now);
  company.tables.billing_subscriptions.put(row);
  return ok(serializeBillingSubscription(row, ctx), 201);
}

function updateSubscription(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.billing_subscriptions);
  const body = validateBody(updateSchema, ctx.body);
  if (current.status === 'finished') throw unprocessable('A finished subscription cannot be updated');
  const row = structuredClone(current);
  const at = company.clock.after(current.updated_at);
  apply(company, row, body, at);
  row.updated_at = at;
  company.tables.billing_subscriptions.put(row);
  return ok(serializeBillingSubscription(row, ctx));
}

export const subscriptionWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/billing_subscriptions', scope: 'billing_subscriptions', handler: createSubscription },
  { method: 'PUT', path: '/billing_subscriptions/{id}', scope: 'billing_subscriptions', handler: updateSubscription },
];
