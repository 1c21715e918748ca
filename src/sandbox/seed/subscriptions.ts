/**
 * 8 billing subscriptions drawn from the invoice history (one generated invoice
 * per month, tagged `billing_subscription {id}`), and a few commercial documents.
 */
import { toCents } from '../money.js';
import type { BillingSubscriptionRecord, CommercialDocumentRecord, CommercialDocumentType, SubscriptionStatus } from '../records-sales.js';
import type { CustomerInvoiceRecord, ProductRecord } from '../records.js';
import { addDays, formatMicros, parseMicros } from '../time.js';
import { iso, stampOn, type SeedContext } from './context.js';
import { amountsOf, copyLines, putDocumentLines } from './documents.js';
import { drawLines, totalsOf } from './invoice-lines.js';

export const SEED_SUBSCRIPTION_COUNT = 8;

/** The first day_of_month date strictly after `date`. */
function nextOccurrence(date: string, day: number): string {
  const sameMonth = `${date.slice(0, 7)}-${String(day).padStart(2, '0')}`;
  if (sameMonth > date) return sameMonth;
  return `${addDays(`${date.slice(0, 7)}-01`, 32).slice(0, 7)}-${String(day).padStart(2, '0')}`;
}

function monthly(invoices: readonly CustomerInvoiceRecord[]): CustomerInvoiceRecord[] {
  const seen = new Set<string>();
  const out: CustomerInvoiceRecord[] = [];
  for (const inv of [...invoices].sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : 1))) {
    const month = (inv.date ?? '').slice(0, 7);
    if (seen.has(month)) continue;
    seen.add(month);
    out.push(inv);
  }
  return out;
}

export function seedSubscriptions(ctx: SeedContext): void {
  const { store, rng, today } = ctx;
  const byCustomer = new Map<number, CustomerInvoiceRecord[]>();
  for (const inv of store.tables.customer_invoices.all()) {
    if (inv.draft || inv.credit_note || inv.quote_id !== null || inv.customer_id === null || inv.status === 'cancelled') continue;
    byCustomer.set(inv.customer_id, [...(byCustomer.get(inv.customer_id) ?? []), inv]);
  }
  const ranked = [...byCustomer.entries()]
    .map(([customerId, list]) => ({ customerId, generated: monthly(list) }))
    .filter((x) => x.generated.length >= 4)
    .sort((a, b) => b.generated.length - a.generated.length || a.customerId - b.customerId)
    .slice(0, SEED_SUBSCRIPTION_COUNT);
  ranked.forEach(({ customerId, generated: all }, i) => {
    const customer = store.tables.customers.get(customerId);
    if (!customer) return;
    const status: SubscriptionStatus = i === ranked.length - 1 ? 'finished' : i === ranked.length - 2 ? 'stopped' : 'in_progress';
    const generated = status === 'in_progress' ? all : all.slice(0, Math.max(3, Math.ceil(all.length * 0.6)));
    const first = generated[0] as CustomerInvoiceRecord;
    const last = generated[generated.length - 1] as CustomerInvoiceRecord;
    const start = first.date ?? today;
    const day = Math.min(28, Number(start.slice(8, 10)));
    const createdMicros = Math.min(parseMicros(first.created_at) - rng.int(1, 48) * 3_600_000_000, stampOn(ctx, start));
    const createdAt = iso(createdMicros);
    const finish = status === 'in_progress' ? null : status === 'finished' ? (last.date ?? start) : addDays(last.date ?? start, rng.int(3, 20));
    const lastLines = store.tables.invoice_lines.byGroup(last.id);
    const row: BillingSubscriptionRecord = {
      id: store.ids.next('billing_subscriptions'),
      label: rng.pick([`Abonnement ${customer.name}`, `Contrat de maintenance ${customer.name}`, `Forfait mensuel ${customer.name}`]),
      status,
      start,
      finish,
      day_of_month: day,
      mode: rng.weighted([['finalized', 5], ['email', 3], ['awaiting_validation', 2]] as const),
      payment_conditions: customer.payment_conditions,
      next_occurrence: status === 'in_progress' ? nextOccurrence(addDays(today, -1), day) : null,
      customer_id: customer.id,
      ...amountsOf({ beforeTax: toCents(last.amount_before_tax), tax: toCents(last.tax), total: toCents(last.amount) }),
      created_at: createdAt,
      updated_at: createdAt,
    };
    const stoppedAt = finish && finish < today ? stampOn(ctx, finish) : 0;
    if (stoppedAt > createdMicros) row.updated_at = formatMicros(stoppedAt);
    store.tables.billing_subscriptions.put(row);
    copyLines(ctx, lastLines, row.id, createdAt);
    for (const inv of generated) inv.billing_subscription_id = row.id;
  });
}

const DOCS: ReadonlyArray<readonly [CommercialDocumentType, string]> = [
  ['purchase_order', 'BC'], ['purchase_order', 'BC'], ['proforma', 'PF'], ['proforma', 'PF'], ['delivery_note', 'BL'], ['delivery_note', 'BL'], ['proforma', 'PF'],
];

export function seedCommercialDocuments(ctx: SeedContext, products: readonly ProductRecord[]): void {
  const { store, rng, today } = ctx;
  const companies = store.tables.customers.all().filter((c) => c.customer_type === 'company');
  const dated = DOCS.map(([type, prefix]) => ({ type, prefix, date: addDays(today, -rng.int(2, 200)) })).sort((a, b) => (a.date < b.date ? -1 : 1));
  const counters = new Map<string, number>();
  for (const d of dated) {
    const customer = rng.pick(companies);
    const key = `${d.prefix}-${d.date.slice(0, 4)}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const lines = drawLines(ctx, products, customer, d.date);
    const createdAt = iso(stampOn(ctx, d.date));
    const row: CommercialDocumentRecord = {
      id: store.ids.next('commercial_documents'),
      document_type: d.type,
      document_number: `${key}-${String(n).padStart(4, '0')}`,
      date: d.date,
      deadline: d.type === 'delivery_note' ? null : addDays(d.date, 30),
      label: rng.chance(0.7) ? `${d.type === 'proforma' ? 'Proforma' : d.type === 'purchase_order' ? 'Bon de commande' : 'Bon de livraison'} ${customer.name}` : null,
      customer_id: customer.id,
      external_reference: rng.uuid(),
      ...amountsOf(totalsOf(lines)),
      created_at: createdAt,
      updated_at: createdAt,
    };
    store.tables.commercial_documents.put(row);
    putDocumentLines(ctx, row.id, lines, createdAt);
  }
}
