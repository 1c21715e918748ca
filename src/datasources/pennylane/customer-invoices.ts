import type { Link, Ref } from './common.js';

export interface PennylaneDiscount {
  readonly type: 'absolute' | 'relative';
  readonly value: string | null;
}

export interface PennylaneTransactionReference {
  readonly banking_provider: string;
  readonly provider_field_name: string;
  readonly provider_field_value: string;
}

/** A customer invoice or credit note (API.md §4.1). Every amount is a decimal string. */
export interface PennylaneCustomerInvoice {
  readonly id: number;
  readonly label: string | null;
  readonly invoice_number: string | null;
  readonly currency: string;
  readonly amount: string;
  readonly currency_amount: string;
  readonly currency_amount_before_tax: string;
  readonly exchange_rate: string;
  readonly currency_tax: string;
  readonly tax: string;
  readonly date: string | null;
  readonly deadline: string | null;
  readonly language: string;
  readonly paid: boolean;
  readonly status: string;
  readonly draft: boolean;
  readonly discount: PennylaneDiscount | null;
  readonly ledger_entry: Ref | null;
  readonly public_file_url: string | null;
  readonly filename: string | null;
  readonly remaining_amount_with_tax: string | null;
  readonly remaining_amount_without_tax: string | null;
  readonly special_mention: string | null;
  readonly pdf_invoice_free_text: string | null;
  readonly pdf_invoice_subject: string | null;
  readonly pdf_description: string | null;
  readonly customer: Ref | null;
  readonly billing_subscription: Ref | null;
  readonly credited_invoice: Ref | null;
  readonly customer_invoice_template: Ref | null;
  readonly transaction_reference: PennylaneTransactionReference | null;
  readonly invoice_lines: Link;
  readonly invoice_line_sections?: Link;
  readonly categories?: Link;
  readonly payments: Link;
  readonly matched_transactions?: Link;
  readonly appendices?: Link;
  readonly custom_header_fields?: Link;
  readonly quote: Ref | null;
  readonly external_reference: string | null;
  readonly archived_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly e_invoicing?: unknown;
  readonly factur_x?: boolean;
  readonly schematron_validation_status?: string | null;
}

export interface PennylaneInvoiceLine {
  readonly id: number;
  readonly label: string;
  readonly unit: string | null;
  readonly quantity: string;
  readonly amount: string;
  readonly currency_amount: string;
  readonly description: string | null;
  readonly product: Ref | null;
  readonly vat_rate: string;
  readonly currency_amount_before_tax: string;
  readonly currency_tax: string;
  readonly tax: string;
  readonly raw_currency_unit_price: string;
  readonly discount: PennylaneDiscount | null;
  readonly section_rank: number | null;
  readonly imputation_dates: { readonly start_date: string; readonly end_date: string } | null;
  readonly ledger_account?: Ref | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylanePayment {
  readonly id: number;
  readonly label: string | null;
  readonly currency: string;
  readonly currency_amount: string;
  readonly status: string;
  readonly created_at: string;
  readonly updated_at: string;
}
