/** Supplier invoice plans: which supplier, when, which lines, how far along (accounting and payment). */
import { taxCents } from '../money.js';
import type { AccountingStatus, SupplierPaymentStatus } from '../records-purchases.js';
import { addDays, daysBetween } from '../time.js';
import type { BooksContext } from './books-context.js';
import { stampOn } from './context.js';
import { MONTHS_FR } from './names.js';
import type { SeedSupplier } from './suppliers.js';

const HISTORY_DAYS = 547;
export const SEED_SUPPLIER_INVOICE_COUNT = 250;

export interface SupplierLinePlan {
  label: string;
  vat: string;
  beforeTax: bigint;
  tax: bigint;
  imputation: { start_date: string; end_date: string } | null;
}

export interface SupplierPaymentPlan {
  micros: number;
  cents: bigint;
  via: 'bank' | 'offline';
}

export interface SupplierInvoicePlan {
  supplier: SeedSupplier;
  date: string;
  deadline: string;
  createdMicros: number;
  lines: SupplierLinePlan[];
  beforeTax: bigint;
  tax: bigint;
  total: bigint;
  accounting: AccountingStatus;
  payment: SupplierPaymentStatus;
  payments: SupplierPaymentPlan[];
  /** Later changes (validation, payments). */
  touched: number[];
}

function endOfMonth(date: string): string {
  return addDays(`${addDays(`${date.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1);
}

function deadlineOf(s: SeedSupplier, date: string): string {
  const t = s.template;
  const due = addDays(date, t.delay ?? 30);
  return t.rule === 'days_or_end_of_month' ? endOfMonth(due) : due;
}

function linesFor(ctx: BooksContext, s: SeedSupplier, date: string): SupplierLinePlan[] {
  const { rng } = ctx;
  const t = s.template;
  const total = t.min === t.max ? t.min : t.min + rng.int(0, Math.floor((t.max - t.min) / 100)) * 100 + rng.int(0, 99);
  const count = Math.min(6, t.monthlyDay ? t.labels.length : rng.int(1, Math.min(6, t.labels.length + 2)));
  const weights = Array.from({ length: count }, () => rng.int(1, 10));
  const sum = weights.reduce((a, b) => a + b, 0);
  const month = `${MONTHS_FR[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;
  const span = t.monthlyDay ? { start_date: `${date.slice(0, 7)}-01`, end_date: endOfMonth(date) } : null;
  let left = BigInt(total);
  return weights.map((w, i) => {
    const beforeTax = i === count - 1 ? left : (BigInt(total) * BigInt(w)) / BigInt(sum);
    left -= beforeTax;
    const label = t.labels[i % t.labels.length] ?? t.name;
    return { label: t.monthlyDay ? `${label} - ${month}` : label, vat: t.vat, beforeTax, tax: taxCents(beforeTax, t.vat), imputation: span };
  });
}

function plan(ctx: BooksContext, s: SeedSupplier, date: string): SupplierInvoicePlan {
  const lines = linesFor(ctx, s, date);
  const beforeTax = lines.reduce((a, l) => a + l.beforeTax, 0n);
  const tax = lines.reduce((a, l) => a + l.tax, 0n);
  const created = stampOn(ctx, addDays(date, ctx.rng.weighted([[0, 4], [1, 3], [2, 2], [4, 1]] as const)));
  return {
    supplier: s, date, deadline: deadlineOf(s, date), createdMicros: created, lines, beforeTax, tax, total: beforeTax + tax,
    accounting: 'complete', payment: 'to_be_processed', payments: [], touched: [],
  };
}

function accountingFor(ctx: BooksContext, age: number): AccountingStatus {
  const { rng } = ctx;
  if (age < 20) return rng.weighted([['draft', 25], ['entry', 15], ['validation_needed', 35], ['complete', 25]] as const);
  if (age < 60) return rng.weighted([['validation_needed', 20], ['complete', 75], ['entry', 5]] as const);
  return rng.chance(0.04) ? 'archived' : 'complete';
}

function paymentFor(ctx: BooksContext, p: SupplierInvoicePlan): SupplierPaymentStatus {
  const { rng } = ctx;
  const overdue = daysBetween(p.deadline, ctx.today);
  if (overdue < 0) {
    return rng.weighted([['to_be_paid', 40], ['payment_scheduled', 15], ['fully_paid', 25], ['payment_in_progress', 5], ['to_be_processed', 10], ['payment_emitted', 5]] as const);
  }
  if (overdue < 30) {
    return rng.weighted([['fully_paid', 50], ['partially_paid', 10], ['payment_error', 8], ['payment_emitted', 8], ['to_be_paid', 14], ['payment_found', 10]] as const);
  }
  return rng.weighted([['fully_paid', 85], ['paid_offline', 5], ['payment_found', 7], ['partially_paid', 3]] as const);
}

/** Payment(s) of a plan according to its status; falls back to `to_be_paid` if no instant fits before "now". */
function pay(ctx: BooksContext, p: SupplierInvoicePlan): void {
  const { rng } = ctx;
  const fully = p.payment === 'fully_paid' || p.payment === 'payment_found' || p.payment === 'paid_offline';
  if (!fully && p.payment !== 'partially_paid') return;
  const last = addDays(ctx.today, -1);
  const from = addDays(p.date, 1) > last ? last : addDays(p.date, 1);
  const limit = addDays(p.deadline, 10);
  const to = limit > last ? last : limit < from ? from : limit;
  const day = addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
  const micros = Math.max(stampOn(ctx, day), p.createdMicros + 3_600_000_000);
  if (micros >= ctx.nowMicros) {
    p.payment = 'to_be_paid';
    return;
  }
  const cents = fully ? p.total : (p.total * BigInt(rng.int(30, 70))) / 100n;
  p.payments.push({ micros, cents, via: p.payment === 'paid_offline' ? 'offline' : 'bank' });
  p.touched.push(micros);
}

const ALL_PAYMENT: readonly SupplierPaymentStatus[] = [
  'to_be_processed', 'to_be_paid', 'partially_paid', 'payment_error', 'payment_scheduled', 'payment_in_progress',
  'payment_emitted', 'payment_found', 'paid_offline', 'fully_paid',
];

export function planSupplierInvoices(ctx: BooksContext, suppliers: readonly SeedSupplier[]): SupplierInvoicePlan[] {
  const { rng, today } = ctx;
  const first = addDays(today, -HISTORY_DAYS);
  const plans: SupplierInvoicePlan[] = [];
  for (const s of suppliers) {
    const day = s.template.monthlyDay;
    if (!day) continue;
    for (let month = `${first.slice(0, 7)}-01`; month < today; month = `${addDays(month, 32).slice(0, 7)}-01`) {
      const date = `${month.slice(0, 7)}-${String(day).padStart(2, '0')}`;
      if (date >= first && date < today) plans.push(plan(ctx, s, date));
    }
  }
  const adHoc = suppliers.filter((s) => !s.template.monthlyDay);
  while (plans.length < SEED_SUPPLIER_INVOICE_COUNT) {
    const s = rng.weighted(adHoc.map((x) => [x, x.template.weight] as const));
    plans.push(plan(ctx, s, addDays(today, -rng.int(1, HISTORY_DAYS))));
  }
  for (const p of plans) p.accounting = accountingFor(ctx, daysBetween(p.date, today));
  const byRecency = [...plans].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const status of ['draft', 'entry', 'validation_needed', 'archived'] as const) {
    if (plans.some((p) => p.accounting === status)) continue;
    const pool = status === 'archived' ? [...byRecency].reverse() : byRecency;
    const victim = pool.find((p) => p.accounting === 'complete');
    if (victim) victim.accounting = status;
  }
  for (const p of plans) {
    if (p.accounting === 'draft' || p.accounting === 'archived') continue;
    p.payment = paymentFor(ctx, p);
  }
  // Every payment status at least once (on validated invoices old enough to be paid).
  const eligible = rng.shuffle(plans.filter((p) => p.accounting === 'complete' && daysBetween(p.date, today) > 40));
  for (const status of ALL_PAYMENT) {
    if (plans.some((p) => p.payment === status)) continue;
    const victim = eligible.find((p) => p.payment === 'fully_paid');
    if (victim) victim.payment = status;
  }
  for (const p of plans) {
    pay(ctx, p);
    if (p.accounting !== 'draft' && p.accounting !== 'entry') {
      // Validated some hours or days after upload.
      const at = Math.min(p.createdMicros + rng.int(1, 72) * 3_600_000_000, ctx.nowMicros - 2_000_000);
      if (at > p.createdMicros) p.touched.push(at);
    }
  }
  plans.sort((a, b) => a.createdMicros - b.createdMicros);
  return plans;
}
