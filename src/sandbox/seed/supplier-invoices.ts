/**
 * Supplier invoices: records, lines, their PDFs (file attachments), payments,
 * and one HA entry per non-draft invoice (credit 401 auxiliary TTC, debit
 * expense accounts HT, debit 445660 tax).
 */
import { formatCents, toCents } from '../money.js';
import type { SupplierInvoiceLineRecord, SupplierInvoiceRecord } from '../records-purchases.js';
import type { PaymentRecord } from '../records.js';
import type { BooksContext } from './books-context.js';
import { iso, processedAfter } from './context.js';
import { drawCategories } from './analytics.js';
import { remainingWithoutTax } from './customer-invoices.js';
import { slugify } from './identity.js';
import { bookEntry } from './ledger.js';
import type { SupplierInvoicePlan } from './supplier-plans.js';

export interface SeedSupplierInvoice {
  readonly plan: SupplierInvoicePlan;
  readonly row: SupplierInvoiceRecord;
}

function prefixOf(name: string): string {
  return slugify(name).replace(/-/g, '').toUpperCase().slice(0, 3);
}

export function materializeSupplierInvoices(ctx: BooksContext, plans: readonly SupplierInvoicePlan[]): SeedSupplierInvoice[] {
  const { store, rng } = ctx;
  const counters = new Map<number, number>();
  const out: SeedSupplierInvoice[] = [];
  for (const p of plans) {
    const s = p.supplier.row;
    const n = (counters.get(s.id) ?? rng.int(100, 4000)) + rng.int(1, 30);
    counters.set(s.id, n);
    const number = `${prefixOf(s.name)}-${p.date.slice(0, 4)}-${String(n).padStart(5, '0')}`;
    const createdAt = iso(p.createdMicros);
    const updatedAt = iso(Math.max(p.createdMicros, ...p.touched));
    const filename = `${slugify(s.name)}_${number}.pdf`;
    const file = { id: store.ids.next('file_attachments'), filename, created_at: createdAt, updated_at: createdAt };
    store.tables.file_attachments.put(file);
    const paid = p.payments.reduce((a, x) => a + x.cents, 0n);
    const remaining = p.total - paid;
    const isPaid = p.payment === 'fully_paid' || p.payment === 'payment_found' || p.payment === 'paid_offline';
    const draft = p.accounting === 'draft';
    const row: SupplierInvoiceRecord = {
      id: store.ids.next('supplier_invoices'),
      label: rng.chance(0.8) ? `Facture ${s.name} - ${number}` : null,
      invoice_number: number,
      currency: 'EUR',
      exchange_rate: '1.0',
      currency_amount_before_tax: formatCents(p.beforeTax),
      currency_tax: formatCents(p.tax),
      currency_amount: formatCents(p.total),
      amount_before_tax: formatCents(p.beforeTax),
      tax: formatCents(p.tax),
      amount: formatCents(p.total),
      date: p.date,
      deadline: p.deadline,
      reconciled: p.payment === 'fully_paid' || p.payment === 'payment_found',
      accounting_status: p.accounting,
      filename,
      remaining_amount_with_tax: formatCents(remaining),
      remaining_amount_without_tax: formatCents(remainingWithoutTax(remaining, p.beforeTax, p.total)),
      ledger_entry_id: null,
      supplier_id: s.id,
      transaction_reference: null,
      payment_status: p.payment,
      external_reference: rng.uuid(),
      archived_at: p.accounting === 'archived' ? updatedAt : null,
      paid: isPaid,
      import_source: rng.weighted([['email', 5], ['upload', 3], ['api', 1], ['mobile', 1]] as const),
      flow_id: null,
      categories: !draft && rng.chance(0.4) ? drawCategories(rng, ctx.categoryGroups, ['Département', 'Projet'], 0.5) : [],
      file_attachment_id: file.id,
      created_at: createdAt,
      updated_at: updatedAt,
    };
    store.tables.supplier_invoices.put(row);
    const lines: SupplierInvoiceLineRecord[] = p.lines.map((l) => ({
      id: store.ids.next('supplier_invoice_lines'),
      invoice_id: row.id,
      label: l.label,
      currency_amount_before_tax: formatCents(l.beforeTax),
      currency_tax: formatCents(l.tax),
      currency_amount: formatCents(l.beforeTax + l.tax),
      amount_before_tax: formatCents(l.beforeTax),
      tax: formatCents(l.tax),
      amount: formatCents(l.beforeTax + l.tax),
      description: rng.chance(0.3) ? `Réf. ${rng.digits(6)}` : '',
      vat_rate: l.vat,
      imputation_dates: l.imputation ? { ...l.imputation } : null,
      ledger_account_id: p.supplier.expenseAccount.id,
      created_at: createdAt,
      updated_at: createdAt,
    }));
    for (const l of lines) store.tables.supplier_invoice_lines.put(l);
    for (const pay of p.payments) {
      const at = iso(pay.micros);
      const payment: PaymentRecord = {
        id: store.ids.next('payments'),
        invoice_id: row.id,
        label: pay.via === 'offline' ? `Paiement hors banque ${s.name}` : `Virement ${s.name}`,
        currency: 'EUR',
        currency_amount: formatCents(pay.cents),
        status: 'paid_out',
        created_at: at,
        updated_at: at,
      };
      store.tables.supplier_payments.put(payment);
    }
    if (!draft) bookPurchase(ctx, row, lines);
    store.recordChange('supplier_invoices', { id: row.id, created_at: createdAt, updated_at: createdAt }, 'insert', processedAfter(ctx, createdAt));
    for (const t of [...p.touched].sort((a, b) => a - b)) {
      const at = iso(t);
      store.recordChange('supplier_invoices', { id: row.id, created_at: createdAt, updated_at: at }, 'update', processedAfter(ctx, at));
    }
    out.push({ plan: p, row });
  }
  return out;
}

function bookPurchase(ctx: BooksContext, inv: SupplierInvoiceRecord, lines: readonly SupplierInvoiceLineRecord[]): void {
  const supplier = ctx.store.tables.suppliers.get(inv.supplier_id);
  if (!supplier || supplier.ledger_account_id === null || inv.date === null) throw new Error(`supplier invoice ${inv.id}: no account`);
  const label = inv.label ?? `Facture ${supplier.name}`;
  const cents = toCents;
  const booked = bookEntry(ctx, {
    journal: ctx.journals.HA,
    date: inv.date,
    label,
    piece: inv.invoice_number,
    attachment: inv.filename,
    createdAt: inv.created_at,
    categories: inv.categories,
    lines: [
      { account: supplier.ledger_account_id, cents: -cents(inv.amount), label },
      ...lines.map((l) => ({ account: l.ledger_account_id, cents: cents(l.amount_before_tax), label: l.label, categories: inv.categories })),
      { account: ctx.account('445660').id, cents: cents(inv.tax), label: `TVA déductible - ${inv.invoice_number}` },
    ],
  });
  const party = booked[0];
  if (!party) throw new Error(`supplier invoice ${inv.id}: no 401 line`);
  inv.ledger_entry_id = party.entry_id;
  ctx.partyLine.set(inv.id, party.id);
}
