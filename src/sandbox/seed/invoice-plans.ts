/**
 * Invoice plans: who, when, which lines, how it ends (paid, late, credited…).
 * Materialised into records by customer-invoices.ts.
 */
import type { CustomerRecord, InvoiceStatus, PaymentConditions, PaymentStatus, ProductRecord } from '../records.js';
import { addDays, daysBetween, dateToMs } from '../time.js';
import { stampOn, type SeedContext } from './context.js';
import { creditLines, drawLines, totalsOf, type LineDraft, type Totals } from './invoice-lines.js';

export const SEED_INVOICE_COUNTS = { regular: 356, creditNotes: 20, drafts: 24 } as const;
const HISTORY_DAYS = 547; // ~18 months

export interface PaymentPlan {
  micros: number;
  cents: bigint;
  status: PaymentStatus;
  label: string;
}

export interface InvoicePlan {
  kind: 'regular' | 'draft' | 'credit_note';
  customer: CustomerRecord;
  date: string;
  deadline: string;
  createdMicros: number;
  /** Last change (payment, credit) after creation. */
  touchedMicros: number[];
  lines: LineDraft[];
  totals: Totals;
  status: InvoiceStatus;
  payments: PaymentPlan[];
  credited: InvoicePlan | null;
  creditNotes: InvoicePlan[];
}

export function termDays(conditions: PaymentConditions, ctx: SeedContext): number {
  switch (conditions) {
    case 'upon_receipt':
      return 0;
    case '15_days':
      return 15;
    case '45_days':
      return 45;
    case '60_days':
      return 60;
    case 'custom':
      return ctx.rng.pick([10, 20, 75, 90]);
    default:
      return 30;
  }
}

function pickCustomer(ctx: SeedContext, customers: readonly CustomerRecord[], weights: Map<number, number>, since: Map<number, string>, date: string): CustomerRecord {
  const eligible = customers.filter((c) => (since.get(c.id) ?? '9999') <= date);
  const pool = eligible.length > 0 ? eligible : customers;
  return ctx.rng.weighted(pool.map((c) => [c, weights.get(c.id) ?? 1] as const));
}

function plan(ctx: SeedContext, kind: InvoicePlan['kind'], customer: CustomerRecord, date: string, lines: LineDraft[], createdMicros: number): InvoicePlan {
  return {
    kind,
    customer,
    date,
    deadline: addDays(date, termDays(customer.payment_conditions, ctx)),
    createdMicros,
    touchedMicros: [],
    lines,
    totals: totalsOf(lines),
    status: kind === 'draft' ? 'draft' : kind === 'credit_note' ? 'credit_note' : 'upcoming',
    payments: [],
    credited: null,
    creditNotes: [],
  };
}

function paymentLabel(ctx: SeedContext, customer: CustomerRecord): string {
  return ctx.rng.weighted([
    [`Virement ${customer.name}`, 6],
    [`Prélèvement SEPA ${customer.name}`, 2],
    [`Paiement carte ${customer.name}`, 2],
  ] as const);
}

function payOn(ctx: SeedContext, p: InvoicePlan, from: string, to: string, cents: bigint): void {
  const last = addDays(ctx.today, -1);
  const start = from > last ? last : from;
  const end = to > last ? last : to < start ? start : to;
  const day = addDays(start, ctx.rng.int(0, Math.max(0, daysBetween(start, end))));
  const micros = Math.max(stampOn(ctx, day), p.createdMicros + 60_000_000);
  p.payments.push({ micros, cents, status: ctx.rng.chance(0.75) ? 'paid_out' : 'confirmed', label: paymentLabel(ctx, p.customer) });
  p.touchedMicros.push(micros);
}

/** Decide paid / partially paid / upcoming / late for a finalized, uncredited invoice. */
function settle(ctx: SeedContext, p: InvoicePlan): void {
  const { rng } = ctx;
  const overdue = daysBetween(p.deadline, ctx.today);
  const [pPaid, pPartial] = overdue <= 0 ? [0.2, 0.1] : overdue <= 60 ? [0.55, 0.1] : [0.9, 0.04];
  const roll = rng.next();
  const total = p.totals.total;
  if (roll < pPaid) {
    const to = addDays(p.deadline, 20);
    if (rng.chance(0.15) && total > 100n) {
      const first = (total * BigInt(rng.int(30, 70))) / 100n;
      payOn(ctx, p, addDays(p.date, 1), to, first);
      payOn(ctx, p, addDays(p.date, 1), to, total - first);
      p.payments.sort((a, b) => a.micros - b.micros);
    } else payOn(ctx, p, addDays(p.date, 1), to, total);
    p.status = 'paid';
    return;
  }
  if (roll < pPaid + pPartial && total > 100n) {
    payOn(ctx, p, addDays(p.date, 1), addDays(ctx.today, -1), (total * BigInt(rng.int(20, 70))) / 100n);
  }
  p.status = p.deadline >= ctx.today ? 'upcoming' : 'late';
}

export function planInvoices(
  ctx: SeedContext,
  customers: readonly CustomerRecord[],
  products: readonly ProductRecord[],
  since: Map<number, string>,
): InvoicePlan[] {
  const { rng, today } = ctx;
  const weights = new Map(customers.map((c) => [c.id, rng.int(1, 10)] as const));
  const regular: InvoicePlan[] = [];
  for (let i = 0; i < SEED_INVOICE_COUNTS.regular; i++) {
    const date = addDays(today, -(rng.chance(0.2) ? rng.int(1, 45) : rng.int(1, HISTORY_DAYS)));
    const customer = pickCustomer(ctx, customers, weights, since, date);
    const created = stampOn(ctx, addDays(date, rng.weighted([[0, 6], [1, 2], [2, 1], [5, 1]] as const)));
    regular.push(plan(ctx, 'regular', customer, date, drawLines(ctx, products, customer, date), created));
  }
  // Credit notes, each on a distinct invoice at least 10 days old.
  const candidates = rng.shuffle(regular.filter((p) => daysBetween(p.date, today) >= 10));
  const creditNotes: InvoicePlan[] = [];
  for (let i = 0; i < SEED_INVOICE_COUNTS.creditNotes && i < candidates.length; i++) {
    const credited = candidates[i] as InvoicePlan;
    const full = i < Math.ceil(SEED_INVOICE_COUNTS.creditNotes * 0.6);
    const date = addDays(credited.date, Math.min(rng.int(1, 40), daysBetween(credited.date, today) - 1));
    const created = Math.max(stampOn(ctx, date), credited.createdMicros + 3_600_000_000);
    const note = plan(ctx, 'credit_note', credited.customer, date, creditLines(ctx, credited.lines, full), created);
    note.deadline = date;
    note.credited = credited;
    credited.creditNotes.push(note);
    credited.touchedMicros.push(created);
    credited.status = -note.totals.total === credited.totals.total ? 'cancelled' : 'partially_cancelled';
    creditNotes.push(note);
  }
  for (const p of regular) if (p.creditNotes.length === 0) settle(ctx, p);
  const drafts: InvoicePlan[] = [];
  for (let i = 0; i < SEED_INVOICE_COUNTS.drafts; i++) {
    const date = addDays(today, rng.int(-21, 7));
    const customer = pickCustomer(ctx, customers, weights, since, date);
    const createdDay = date < today ? date : addDays(today, -rng.int(1, 5));
    drafts.push(plan(ctx, 'draft', customer, date, drawLines(ctx, products, customer, date), stampOn(ctx, createdDay)));
  }
  const all = [...regular, ...creditNotes, ...drafts];
  all.sort((a, b) => a.createdMicros - b.createdMicros || dateToMs(a.date) - dateToMs(b.date));
  return all;
}
