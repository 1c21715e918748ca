/** Turns invoice plans into records: ids, numbers, lines, payments, change events. */
import { formatCents, roundDiv } from '../money.js';
import type { CustomerInvoiceRecord, InvoiceLineRecord, PaymentRecord } from '../records.js';
import { MONTHS_FR } from './names.js';
import { iso, processedAfter, type SeedContext } from './context.js';
import type { InvoicePlan } from './invoice-plans.js';

const PENALTIES =
  "Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.";

/** Remaining without tax, proportional to the remaining amount with tax. */
export function remainingWithoutTax(remaining: bigint, beforeTax: bigint, total: bigint): bigint {
  return total === 0n ? 0n : roundDiv(remaining * beforeTax, total);
}

function numberPlans(plans: readonly InvoicePlan[], ids: Map<InvoicePlan, number>): Map<InvoicePlan, string> {
  const numbers = new Map<InvoicePlan, string>();
  const finalized = plans.filter((p) => p.kind !== 'draft');
  finalized.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (ids.get(a) ?? 0) - (ids.get(b) ?? 0)));
  const counters = new Map<string, number>();
  for (const p of finalized) {
    const prefix = p.kind === 'credit_note' ? 'AV' : 'F';
    const key = `${prefix}-${p.date.slice(0, 4)}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    numbers.set(p, `${key}-${String(n).padStart(4, '0')}`);
  }
  return numbers;
}

function invoiceRecord(ctx: SeedContext, p: InvoicePlan, id: number, number: string, creditedId: number | null, externalReference: string): CustomerInvoiceRecord {
  const { rng } = ctx;
  const finalized = p.kind !== 'draft';
  const createdAt = iso(p.createdMicros);
  const updatedAt = iso(Math.max(p.createdMicros, ...p.touchedMicros));
  const paid = p.payments.reduce((s, x) => s + x.cents, 0n);
  const credited = p.creditNotes.reduce((s, n) => s + n.totals.total, 0n); // negative
  const remaining = p.kind === 'regular' ? p.totals.total - paid + credited : 0n;
  const monthName = MONTHS_FR[Number(p.date.slice(5, 7)) - 1] ?? '';
  const month = `${/^[aeiou]/.test(monthName) ? "d'" : 'de '}${monthName} ${p.date.slice(0, 4)}`;
  const word = p.kind === 'credit_note' ? 'Avoir' : 'Facture';
  const french = p.customer.billing_address.country_alpha2 === 'FR';
  return {
    id,
    label: finalized ? `${word} ${p.customer.name} - ${number}` : rng.chance(0.7) ? `${word} ${p.customer.name}` : null,
    invoice_number: number,
    currency: 'EUR',
    exchange_rate: '1.0',
    currency_amount_before_tax: formatCents(p.totals.beforeTax),
    currency_tax: formatCents(p.totals.tax),
    currency_amount: formatCents(p.totals.total),
    amount_before_tax: formatCents(p.totals.beforeTax),
    tax: formatCents(p.totals.tax),
    amount: formatCents(p.totals.total),
    date: p.date,
    deadline: p.deadline,
    language: p.customer.billing_language === 'fr_FR' ? 'fr_FR' : 'en_GB',
    paid: p.status === 'paid',
    status: p.status,
    draft: !finalized,
    credit_note: p.kind === 'credit_note',
    discount: { type: 'relative', value: null },
    ledger_entry_id: finalized ? ctx.store.ids.next('ledger_entries') : null,
    has_pdf: finalized,
    filename: finalized ? `${word}_${number}.pdf` : null,
    remaining_amount_with_tax: finalized ? formatCents(remaining) : null,
    remaining_amount_without_tax: finalized
      ? formatCents(remainingWithoutTax(remaining, p.totals.beforeTax, p.totals.total))
      : null,
    special_mention: p.customer.customer_type === 'company' && rng.chance(0.4) ? PENALTIES : null,
    pdf_invoice_free_text: rng.chance(0.5) ? 'Merci pour votre confiance.' : '',
    pdf_invoice_subject: p.kind === 'regular' && rng.chance(0.6) ? `Prestations ${month}` : '',
    pdf_description: rng.chance(0.15) ? `Bon de commande n° BC-${rng.digits(5)}` : null,
    customer_id: p.customer.id,
    billing_subscription_id: null,
    credited_invoice_id: creditedId,
    customer_invoice_template_id: null,
    transaction_reference: rng.chance(0.05)
      ? { banking_provider: 'stripe', provider_field_name: 'payment_intent', provider_field_value: `pi_${rng.hex(24)}` }
      : null,
    quote_id: null,
    flow_id: null,
    categories: [],
    external_reference: externalReference,
    archived_at: null,
    e_invoicing: null,
    factur_x: finalized && french && p.customer.customer_type === 'company' && p.date >= '2026-09-01',
    schematron_validation_status: null,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

export function materializeInvoices(ctx: SeedContext, plans: readonly InvoicePlan[]): void {
  const { store, rng } = ctx;
  const ids = new Map<InvoicePlan, number>();
  for (const p of plans) ids.set(p, store.ids.next('customer_invoices'));
  const numbers = numberPlans(plans, ids);
  const refs = new Set<string>();
  const payments: Array<{ plan: InvoicePlan; index: number }> = [];
  for (const p of plans) {
    const id = ids.get(p) as number;
    let ref = rng.chance(0.4) ? `ERP-INV-${rng.digits(7)}` : rng.uuid();
    while (refs.has(ref)) ref = rng.uuid();
    refs.add(ref);
    const creditedId = p.credited ? (ids.get(p.credited) ?? null) : null;
    const row = invoiceRecord(ctx, p, id, numbers.get(p) ?? '', creditedId, ref);
    store.tables.customer_invoices.put(row);
    for (const line of p.lines) {
      const a = line.amounts;
      const lineRow: InvoiceLineRecord = {
        id: store.ids.next('invoice_lines'),
        invoice_id: id,
        label: line.label,
        unit: line.unit,
        quantity: line.quantity,
        currency_amount_before_tax: formatCents(a.beforeTax),
        currency_tax: formatCents(a.tax),
        currency_amount: formatCents(a.total),
        amount_before_tax: formatCents(a.beforeTax),
        tax: formatCents(a.tax),
        amount: formatCents(a.total),
        description: line.description,
        product_id: line.productId,
        vat_rate: line.vatRate,
        raw_currency_unit_price: line.unitPrice,
        discount: line.discount,
        section_rank: null,
        imputation_dates: line.imputation,
        ledger_account_id: line.ledgerAccountId,
        created_at: row.created_at,
        updated_at: row.created_at,
      };
      store.tables.invoice_lines.put(lineRow);
    }
    p.payments.forEach((_, index) => payments.push({ plan: p, index }));
    store.recordChange('customer_invoices', { id, created_at: row.created_at, updated_at: row.created_at }, 'insert', processedAfter(ctx, row.created_at));
    for (const t of [...p.touchedMicros].sort((a, b) => a - b)) {
      const at = iso(t);
      store.recordChange('customer_invoices', { id, created_at: row.created_at, updated_at: at }, 'update', processedAfter(ctx, at));
    }
  }
  // Payment ids follow the order in which payments arrived.
  payments.sort((a, b) => (a.plan.payments[a.index]?.micros ?? 0) - (b.plan.payments[b.index]?.micros ?? 0));
  for (const { plan, index } of payments) {
    const pay = plan.payments[index];
    if (!pay) continue;
    const at = iso(pay.micros);
    const row: PaymentRecord = {
      id: store.ids.next('payments'),
      invoice_id: ids.get(plan) as number,
      label: pay.label,
      currency: 'EUR',
      currency_amount: formatCents(pay.cents),
      status: pay.status,
      created_at: at,
      updated_at: at,
    };
    store.tables.payments.put(row);
  }
  for (const list of store.changes.values()) list.sort((a, b) => (a.processed_at < b.processed_at ? -1 : a.processed_at > b.processed_at ? 1 : 0));
}
