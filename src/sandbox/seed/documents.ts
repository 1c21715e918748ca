/** Helpers shared by quotes, commercial documents and subscriptions: lines and amounts. */
import { formatCents } from '../money.js';
import type { DocumentAmounts } from '../records-sales.js';
import type { InvoiceLineRecord } from '../records.js';
import type { SeedContext } from './context.js';
import type { LineDraft, Totals } from './invoice-lines.js';

export function amountsOf(t: Totals): DocumentAmounts {
  return {
    currency: 'EUR',
    exchange_rate: '1.0',
    currency_amount_before_tax: formatCents(t.beforeTax),
    currency_tax: formatCents(t.tax),
    currency_amount: formatCents(t.total),
    amount_before_tax: formatCents(t.beforeTax),
    tax: formatCents(t.tax),
    amount: formatCents(t.total),
  };
}

/** Stores drafted lines under a document (quote, commercial document, subscription). */
export function putDocumentLines(ctx: SeedContext, parentId: number, lines: readonly LineDraft[], at: string): void {
  for (const line of lines) {
    const a = line.amounts;
    ctx.store.tables.document_lines.put({
      id: ctx.store.ids.next('invoice_lines'),
      invoice_id: parentId,
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
      discount: { ...line.discount },
      section_rank: null,
      imputation_dates: line.imputation ? { ...line.imputation } : null,
      ledger_account_id: line.ledgerAccountId,
      created_at: at,
      updated_at: at,
    });
  }
}

/** Copies an invoice's lines under another document (same amounts, new ids). */
export function copyLines(ctx: SeedContext, from: readonly InvoiceLineRecord[], parentId: number, at: string): void {
  for (const l of from) {
    ctx.store.tables.document_lines.put({
      ...l,
      discount: { ...l.discount },
      imputation_dates: l.imputation_dates ? { ...l.imputation_dates } : null,
      id: ctx.store.ids.next('invoice_lines'),
      invoice_id: parentId,
      section_rank: null,
      created_at: at,
      updated_at: at,
    });
  }
}
