/**
 * Internal records kept by the store. Field names follow the API (snake_case);
 * references are plain ids, turned into `{id, url}` links by the serializers.
 */

export interface Address {
  address: string;
  postal_code: string;
  city: string;
  country_alpha2: string;
}

export type CustomerType = 'company' | 'individual';
export const PAYMENT_CONDITIONS = ['upon_receipt', 'custom', '15_days', '30_days', '45_days', '60_days'] as const;
export type PaymentConditions = (typeof PAYMENT_CONDITIONS)[number];
export const BILLING_LANGUAGES = ['fr_FR', 'en_GB', 'de_DE'] as const;
export type BillingLanguage = (typeof BILLING_LANGUAGES)[number];

export interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface CustomerRecord extends Timestamps {
  id: number;
  customer_type: CustomerType;
  name: string;
  first_name: string | null; // individuals
  last_name: string | null; // individuals
  vat_number: string | null; // companies
  reg_no: string | null; // companies
  billing_iban: string | null;
  payment_conditions: PaymentConditions;
  recipient: string;
  phone: string;
  reference: string | null;
  notes: string | null;
  ledger_account_id: number | null;
  emails: string[];
  billing_address: Address;
  delivery_address: Address;
  external_reference: string;
  billing_language: BillingLanguage;
  /** Weighted analytical categories (GET /customers/{id}/categories). */
  categories: CategoryWeight[];
}

/** A category attached to a record with its weight (weights of one group sum to 1). */
export interface CategoryWeight {
  category_id: number;
  weight: string;
}

export interface ProductRecord extends Timestamps {
  id: number;
  label: string;
  description: string;
  external_reference: string;
  price_before_tax: string;
  vat_rate: string;
  unit: string;
  currency: string;
  reference: string | null;
  ledger_account_id: number | null;
  archived_at: string | null;
}

export interface LedgerAccountRecord extends Timestamps {
  id: number;
  number: string;
  label: string;
  vat_rate: string;
  country_alpha2: string;
  enabled: boolean;
}

export type InvoiceStatus =
  | 'draft'
  | 'upcoming'
  | 'late'
  | 'paid'
  | 'partially_cancelled'
  | 'cancelled'
  | 'incomplete'
  | 'archived'
  | 'credit_note';

export interface Discount {
  type: 'absolute' | 'relative';
  value: string | null;
}

export interface TransactionReference {
  banking_provider: string;
  provider_field_name: string;
  provider_field_value: string;
}

export interface CustomerInvoiceRecord extends Timestamps {
  id: number;
  label: string | null;
  invoice_number: string;
  currency: string;
  exchange_rate: string;
  currency_amount_before_tax: string;
  currency_tax: string;
  currency_amount: string;
  amount_before_tax: string; // EUR, kept for exact sums (not serialized)
  tax: string;
  amount: string;
  date: string | null;
  deadline: string | null;
  language: 'fr_FR' | 'en_GB';
  paid: boolean;
  status: InvoiceStatus;
  draft: boolean;
  credit_note: boolean;
  discount: Discount;
  ledger_entry_id: number | null;
  has_pdf: boolean;
  /** Simulated instant (µs) from which the PDF exists (run-time finalisations; absent = already there). */
  pdf_ready_micros?: number;
  /** Created by `POST /customer_invoices/import` (only these accept `update_imported`). */
  imported?: boolean;
  /** The uploaded PDF of an imported invoice (served at public_file_url). */
  file_attachment_id?: number | null;
  filename: string | null;
  remaining_amount_with_tax: string | null;
  remaining_amount_without_tax: string | null;
  special_mention: string | null;
  pdf_invoice_free_text: string;
  pdf_invoice_subject: string;
  pdf_description: string | null;
  customer_id: number | null;
  billing_subscription_id: number | null;
  credited_invoice_id: number | null;
  customer_invoice_template_id: number | null;
  transaction_reference: TransactionReference | null;
  quote_id: number | null;
  flow_id: string | null;
  /** Weighted categories; always empty on drafts. */
  categories: CategoryWeight[];
  external_reference: string;
  archived_at: string | null;
  e_invoicing: unknown;
  factur_x: boolean;
  schematron_validation_status: string | null;
}

export interface InvoiceLineRecord extends Timestamps {
  id: number;
  invoice_id: number;
  label: string;
  unit: string | null;
  quantity: string;
  currency_amount_before_tax: string;
  currency_tax: string;
  currency_amount: string;
  amount_before_tax: string; // EUR (not serialized)
  tax: string;
  amount: string;
  description: string;
  product_id: number | null;
  vat_rate: string;
  raw_currency_unit_price: string;
  discount: Discount;
  section_rank: number | null;
  imputation_dates: { start_date: string; end_date: string } | null;
  ledger_account_id: number | null;
}

export const PAYMENT_STATUSES = [
  'initiated', 'pending', 'emitted', 'found', 'not_found', 'aborted', 'error', 'refunded', 'prepared',
  'pending_customer_approval', 'pending_submission', 'submitted', 'confirmed', 'paid_out', 'cancelled',
  'customer_approval_denied', 'failed', 'charged_back', 'resubmission_requested',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface PaymentRecord extends Timestamps {
  id: number;
  invoice_id: number;
  label: string;
  currency: string;
  currency_amount: string;
  status: PaymentStatus;
}

export type ChangeOperation = 'insert' | 'update' | 'delete';

export interface ChangeEvent {
  id: number;
  operation: ChangeOperation;
  processed_at: string;
  updated_at: string;
  created_at: string;
}

export interface CompanyInfo {
  id: number;
  name: string;
  reg_no: string;
  vat_number: string;
  address: Address;
}

export interface UserInfo {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  locale: 'fr' | 'en' | 'de';
}
