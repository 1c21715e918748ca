import type { PennylaneDiscount } from './customer-invoices.js';
import type { Link, Ref } from './common.js';

/** Amount fields shared by quotes, commercial documents and subscriptions (decimal strings). */
export interface DocumentAmounts {
  readonly currency: string;
  readonly currency_amount: string;
  readonly currency_amount_before_tax: string;
  readonly currency_tax: string;
  readonly amount?: string;
  readonly tax?: string;
  readonly exchange_rate?: string;
}

/** Texts printed on a sales document's PDF. */
export interface DocumentPdfTexts {
  readonly special_mention: string | null;
  readonly pdf_invoice_free_text: string | null;
  readonly pdf_invoice_subject: string | null;
  readonly pdf_description: string | null;
}

/** A quote (API.md §4.1, [2026]). */
export interface PennylaneQuote extends DocumentAmounts, DocumentPdfTexts {
  readonly id: number;
  readonly quote_number: string | null;
  readonly date: string;
  readonly deadline: string | null;
  readonly language: string;
  readonly status: string;
  readonly label: string | null;
  readonly public_file_url: string | null;
  readonly filename: string | null;
  readonly customer: Ref | null;
  readonly discount: PennylaneDiscount | null;
  readonly external_reference: string | null;
  readonly invoice_lines: Link;
  readonly invoice_line_sections: Link;
  readonly appendices?: Link;
  readonly linked_invoices?: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A purchase order, proforma... (API.md §4.1, fields unverified). */
export interface PennylaneCommercialDocument extends DocumentAmounts, Partial<DocumentPdfTexts> {
  readonly id: number;
  readonly document_type: string;
  readonly document_number: string | null;
  readonly date: string;
  readonly deadline: string | null;
  readonly label: string | null;
  readonly language?: string;
  readonly customer: Ref | null;
  readonly discount?: PennylaneDiscount | null;
  readonly external_reference: string | null;
  readonly public_file_url?: string | null;
  readonly filename?: string | null;
  readonly invoice_lines: Link;
  readonly invoice_line_sections: Link;
  readonly appendices: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneRecurringRule {
  readonly type: string;
  readonly interval: number;
  readonly day_of_month: number | null;
}

/** A billing subscription: generates an invoice each period (API.md §4.1, fields unverified). */
export interface PennylaneBillingSubscription extends DocumentAmounts, Partial<DocumentPdfTexts> {
  readonly id: number;
  readonly label: string | null;
  readonly status: string;
  readonly start: string;
  readonly finish: string | null;
  readonly recurring_rule: PennylaneRecurringRule | null;
  readonly mode: string | null;
  readonly payment_conditions: string | null;
  readonly payment_method?: string | null;
  readonly next_occurrence: string | null;
  readonly language?: string;
  readonly discount?: PennylaneDiscount | null;
  readonly customer: Ref | null;
  readonly customer_invoice_template?: Ref | null;
  readonly invoice_lines: Link;
  readonly invoice_line_sections: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneInvoiceLineSection {
  readonly id: number;
  readonly title: string | null;
  readonly description: string | null;
  readonly rank: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneAppendix {
  readonly id: number;
  readonly url: string;
  readonly filename: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneCustomHeaderField {
  readonly id: number;
  readonly name: string;
  readonly value: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneContact {
  readonly id: number;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly job_title: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneInvoiceTemplate {
  readonly id: number;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneNumbering {
  readonly id: number;
  readonly name: string;
  readonly document_type: string;
  readonly format: string;
  readonly next_number: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A SEPA or GoCardless direct-debit mandate of a customer. */
export interface PennylaneMandate {
  readonly id: number;
  readonly customer: Ref | null;
  readonly reference?: string | null;
  readonly iban?: string | null;
  readonly bic?: string | null;
  readonly signed_at?: string | null;
  readonly status: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A Pro Account direct-debit mandate, or one that can migrate to the Pro Account. */
export interface PennylaneProAccountMandate {
  readonly id: number;
  readonly customer?: Ref | null;
  readonly reference?: string | null;
  readonly status: string;
  readonly created_at: string;
  readonly updated_at: string;
}
