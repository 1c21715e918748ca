/** CustomerInvoice, InvoiceLine and Payment → API JSON (API.md §4.1). */
import type { CustomerInvoiceRecord, InvoiceLineRecord, PaymentRecord } from '../records.js';
import { pdfReady } from './pdf.js';
import { apiUrl, type SerializeContext } from './types.js';

export function serializeCustomerInvoice(inv: CustomerInvoiceRecord, ctx: SerializeContext): Record<string, unknown> {
  const url = (suffix: string) => ({ url: apiUrl(ctx.links, `/customer_invoices/${inv.id}/${suffix}`) });
  return {
    id: inv.id,
    label: inv.label,
    invoice_number: inv.invoice_number,
    currency: inv.currency,
    amount: inv.amount,
    currency_amount: inv.currency_amount,
    currency_amount_before_tax: inv.currency_amount_before_tax,
    exchange_rate: inv.exchange_rate,
    currency_tax: inv.currency_tax,
    tax: inv.tax,
    date: inv.date,
    deadline: inv.deadline,
    language: inv.language,
    paid: inv.paid,
    status: inv.status,
    draft: inv.draft,
    discount: { ...inv.discount },
    ledger_entry: inv.ledger_entry_id === null ? null : { id: inv.ledger_entry_id },
    public_file_url: inv.has_pdf && pdfReady(ctx.company, inv) ? `${ctx.links.origin}/__files/customer_invoices/${inv.id}.pdf` : null,
    filename: inv.filename,
    remaining_amount_with_tax: inv.remaining_amount_with_tax,
    remaining_amount_without_tax: inv.remaining_amount_without_tax,
    special_mention: inv.special_mention,
    pdf_invoice_free_text: inv.pdf_invoice_free_text,
    pdf_invoice_subject: inv.pdf_invoice_subject,
    pdf_description: inv.pdf_description,
    customer: inv.customer_id === null ? null : { id: inv.customer_id, url: apiUrl(ctx.links, `/customers/${inv.customer_id}`) },
    billing_subscription: inv.billing_subscription_id === null ? null : { id: inv.billing_subscription_id },
    credited_invoice:
      inv.credited_invoice_id === null
        ? null
        : { id: inv.credited_invoice_id, url: apiUrl(ctx.links, `/customer_invoices/${inv.credited_invoice_id}`) },
    customer_invoice_template: inv.customer_invoice_template_id === null ? null : { id: inv.customer_invoice_template_id },
    transaction_reference: inv.transaction_reference ? { ...inv.transaction_reference } : null,
    invoice_lines: url('invoice_lines'),
    invoice_line_sections: url('invoice_line_sections'),
    categories: url('categories'),
    payments: url('payments'),
    matched_transactions: url('matched_transactions'),
    appendices: url('appendices'),
    custom_header_fields: url('custom_header_fields'),
    from_estimate_id: null,
    quote: inv.quote_id === null ? null : { id: inv.quote_id },
    external_reference: inv.external_reference,
    archived_at: inv.archived_at,
    e_invoicing: inv.e_invoicing ?? null,
    factur_x: inv.factur_x,
    schematron_validation_status: inv.schematron_validation_status,
    created_at: inv.created_at,
    updated_at: inv.updated_at,
  };
}

export function serializeInvoiceLine(l: InvoiceLineRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: l.id,
    label: l.label,
    unit: l.unit,
    quantity: l.quantity,
    amount: l.amount,
    currency_amount: l.currency_amount,
    description: l.description,
    product: l.product_id === null ? null : { id: l.product_id, url: apiUrl(ctx.links, `/products/${l.product_id}`) },
    vat_rate: l.vat_rate,
    currency_amount_before_tax: l.currency_amount_before_tax,
    currency_tax: l.currency_tax,
    tax: l.tax,
    raw_currency_unit_price: l.raw_currency_unit_price,
    discount: { ...l.discount },
    section_rank: l.section_rank,
    imputation_dates: l.imputation_dates ? { ...l.imputation_dates } : null,
    ledger_account: l.ledger_account_id === null ? null : { id: l.ledger_account_id },
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

export function serializePayment(p: PaymentRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: p.id,
    label: p.label,
    currency: p.currency,
    currency_amount: p.currency_amount,
    status: p.status,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}
