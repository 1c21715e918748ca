/**
 * ~60 quotes: 15 invoiced ones (the invoice carries `quote {id}` and the same
 * lines), the others pending, accepted, denied or expired.
 */
import { toCents } from '../money.js';
import type { QuoteRecord, QuoteStatus } from '../records-sales.js';
import type { CustomerInvoiceRecord, CustomerRecord, ProductRecord } from '../records.js';
import { addDays, daysBetween, parseMicros, formatMicros } from '../time.js';
import { iso, processedAfter, stampOn, type SeedContext } from './context.js';
import { amountsOf, copyLines, putDocumentLines } from './documents.js';
import { drawLines, totalsOf, type LineDraft } from './invoice-lines.js';

export const SEED_QUOTE_COUNTS = { invoiced: 15, other: 45 } as const;

interface QuotePlan {
  customer: CustomerRecord;
  date: string;
  status: QuoteStatus;
  invoice: CustomerInvoiceRecord | null;
  lines: LineDraft[];
}

function otherStatus(ctx: SeedContext, date: string): QuoteStatus {
  const past = daysBetween(date, ctx.today) > 30;
  return past
    ? ctx.rng.weighted([['accepted', 30], ['denied', 25], ['expired', 45]] as const)
    : ctx.rng.weighted([['pending', 70], ['accepted', 15], ['denied', 15]] as const);
}

export function seedQuotes(ctx: SeedContext, products: readonly ProductRecord[]): void {
  const { rng, store, today } = ctx;
  const invoices = store.tables.customer_invoices.all();
  const candidates = rng.shuffle(
    invoices.filter((i) => !i.draft && !i.credit_note && i.billing_subscription_id === null && i.date !== null && daysBetween(i.date, today) < 500),
  );
  const plans: QuotePlan[] = [];
  for (const inv of candidates.slice(0, SEED_QUOTE_COUNTS.invoiced)) {
    const customer = store.tables.customers.get(inv.customer_id ?? 0);
    if (!customer || inv.date === null) continue;
    const date = addDays(inv.date, -rng.int(3, 25));
    plans.push({ customer, date: date < customer.created_at.slice(0, 10) ? inv.date : date, status: 'invoiced', invoice: inv, lines: [] });
  }
  const customers = store.tables.customers.all();
  for (let i = 0; i < SEED_QUOTE_COUNTS.other; i++) {
    const date = addDays(today, -rng.int(1, 300));
    const eligible = customers.filter((c) => c.created_at.slice(0, 10) <= date);
    const customer = rng.pick(eligible.length > 0 ? eligible : customers);
    plans.push({ customer, date, status: otherStatus(ctx, date), invoice: null, lines: drawLines(ctx, products, customer, date) });
  }
  plans.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const counters = new Map<string, number>();
  for (const p of plans) {
    const year = p.date.slice(0, 4);
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    const number = `D-${year}-${String(n).padStart(4, '0')}`;
    const createdMicros = stampOn(ctx, p.date);
    const createdAt = iso(createdMicros);
    let updatedAt = createdAt;
    if (p.status !== 'pending') {
      const end = p.invoice?.created_at ?? iso(stampOn(ctx, addDays(p.date, rng.int(2, 29))));
      updatedAt = end > createdAt ? end : formatMicros(createdMicros + 1_000_000);
    }
    const id = store.ids.next('quotes');
    const lines = p.invoice ? store.tables.invoice_lines.byGroup(p.invoice.id) : [];
    const totals = p.invoice
      ? { beforeTax: toCents(p.invoice.amount_before_tax), tax: toCents(p.invoice.tax), total: toCents(p.invoice.amount) }
      : totalsOf(p.lines);
    const row: QuoteRecord = {
      id,
      quote_number: number,
      label: rng.chance(0.8) ? `Devis ${p.customer.name}` : null,
      date: p.date,
      deadline: addDays(p.date, 30),
      language: p.customer.billing_language === 'fr_FR' ? 'fr_FR' : 'en_GB',
      status: p.status,
      special_mention: rng.chance(0.3) ? 'Devis valable 30 jours. Acompte de 30 % à la commande.' : null,
      filename: `Devis_${number}.pdf`,
      pdf_invoice_free_text: rng.chance(0.5) ? 'Bon pour accord, date et signature.' : '',
      pdf_invoice_subject: rng.chance(0.6) ? `Proposition commerciale ${p.customer.name}` : '',
      pdf_description: null,
      customer_id: p.customer.id,
      discount: { type: 'relative', value: null },
      external_reference: rng.uuid(),
      ...amountsOf(totals),
      created_at: createdAt,
      updated_at: updatedAt,
    };
    store.tables.quotes.put(row);
    if (p.invoice) {
      copyLines(ctx, lines, id, createdAt);
      p.invoice.quote_id = id;
    } else putDocumentLines(ctx, id, p.lines, createdAt);
    store.recordChange('quotes', { id, created_at: createdAt, updated_at: createdAt }, 'insert', processedAfter(ctx, createdAt));
    if (updatedAt !== createdAt && parseMicros(updatedAt) < ctx.nowMicros) store.recordChange('quotes', row, 'update', processedAfter(ctx, updatedAt));
  }
}
