import type { PennylaneDiscount } from './customer-invoices.js';
import type { Link, Ref } from './common.js';

/** Amount fields shared by quotes, commercial documents and subscriptions. */
interface DocumentAmounts {
  readonly currency: string;
  readonly currency_amount: string;
  readonly currency_amount_before_tax: string;
  readonly currency_tax: string;
  readonly amount?: string;
  readonly tax?: string;
}

/** A quote (API.md §4.1). */
export interface PennylaneQuote extends DocumentAmounts {
  readonly id: number;
  readonly quote_number: string | null;
  readonly date: string;
  readonly deadline: string | null;
  readonly language: string;
  readonly status: string;
  readonly label: string | null;
  readonly special_mention: string | null;
  readonly public_file_url: string | null;
  readonly filename: string | null;
  readonly pdf_invoice_free_text: string | null;
  readonly pdf_invoice_subject: string | null;
  readonly pdf_description: string | null;
  readonly customer: Ref | null;
  readonly discount: PennylaneDiscount | null;
  readonly external_reference: string | null;
  readonly invoice_lines: Link;
  readonly invoice_line_sections: Link;
  readonly appendices?: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneCommercialDocument extends DocumentAmounts {
  readonly id: number;
  readonly document_type: string;
  readonly document_number: string | null;
  readonly date: string;
  readonly deadline: string | null;
  readonly label: string | null;
  readonly customer: Ref | null;
  readonly external_reference: string | null;
  readonly invoice_lines: Link;
  readonly invoice_line_sections: Link;
  readonly appendices: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneBillingSubscription extends DocumentAmounts {
  readonly id: number;
  readonly label: string | null;
  readonly status: string;
  readonly start: string;
  readonly finish: string | null;
  readonly recurring_rule: { readonly type: string; readonly interval: number; readonly day_of_month: number | null } | null;
  readonly mode: string | null;
  readonly payment_conditions: string | null;
  readonly next_occurrence: string | null;
  readonly customer: Ref | null;
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

export interface PennylaneMandate {
  readonly id: number;
  readonly customer: Ref | null;
  readonly reference?: string | null;
  readonly iban?: string | null;
  readonly signed_at?: string | null;
  readonly status: string;
  readonly created_at: string;
  readonly updated_at: string;
}
