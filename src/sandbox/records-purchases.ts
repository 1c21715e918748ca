/** Records of the purchases domain (API.md §4.2) and file attachments (§4.7). */
import type { Address, CategoryWeight, Timestamps, TransactionReference } from './records.js';

export const SUPPLIER_PAYMENT_METHODS = [
  'automatic_transfer', 'manual_transfer', 'automatic_debiting', 'bill_of_exchange', 'check', 'cash', 'card',
] as const;
export type SupplierPaymentMethod = (typeof SUPPLIER_PAYMENT_METHODS)[number];
export type SupplierDueDateRule = 'days' | 'days_or_end_of_month';

export interface SupplierRecord extends Timestamps {
  id: number;
  name: string;
  establishment_no: string | null;
  vat_number: string;
  ledger_account_id: number | null;
  emails: string[];
  iban: string;
  postal_address: Address;
  supplier_payment_method: SupplierPaymentMethod | null;
  supplier_due_date_delay: number | null;
  supplier_due_date_rule: SupplierDueDateRule | null;
  external_reference: string;
  categories: CategoryWeight[];
}

export const ACCOUNTING_STATUSES = ['draft', 'entry', 'validation_needed', 'complete', 'archived'] as const;
export type AccountingStatus = (typeof ACCOUNTING_STATUSES)[number];

export const SUPPLIER_PAYMENT_STATUSES = [
  'to_be_processed', 'to_be_paid', 'partially_paid', 'payment_error', 'payment_scheduled', 'payment_in_progress',
  'payment_emitted', 'payment_found', 'paid_offline', 'fully_paid',
] as const;
export type SupplierPaymentStatus = (typeof SUPPLIER_PAYMENT_STATUSES)[number];

export interface SupplierInvoiceRecord extends Timestamps {
  id: number;
  label: string | null;
  invoice_number: string;
  currency: string;
  exchange_rate: string;
  currency_amount_before_tax: string;
  currency_tax: string;
  currency_amount: string;
  amount_before_tax: string; // EUR (not serialized)
  tax: string;
  amount: string;
  date: string | null;
  deadline: string | null;
  reconciled: boolean;
  accounting_status: AccountingStatus;
  filename: string;
  remaining_amount_with_tax: string;
  remaining_amount_without_tax: string;
  ledger_entry_id: number | null;
  supplier_id: number;
  transaction_reference: TransactionReference | null;
  payment_status: SupplierPaymentStatus;
  external_reference: string;
  archived_at: string | null;
  /** Set when the invoice came in as an e-invoice (`supplier_invoice.e_invoicing_received`); null otherwise. */
  e_invoicing?: { status: string; received_at: string } | null;
  paid: boolean;
  import_source: string;
  flow_id: string | null;
  categories: CategoryWeight[];
  /** The uploaded PDF (GET /file_attachments). */
  file_attachment_id: number;
}

export interface SupplierInvoiceLineRecord extends Timestamps {
  id: number;
  invoice_id: number;
  label: string;
  currency_amount_before_tax: string;
  currency_tax: string;
  currency_amount: string;
  amount_before_tax: string; // EUR (not serialized)
  tax: string;
  amount: string;
  description: string;
  vat_rate: string;
  imputation_dates: { start_date: string; end_date: string } | null;
  /** Expense account (6…) booked in the purchase entry (not serialized). */
  ledger_account_id: number;
}

export type PurchaseRequestStatus = 'pending' | 'approved' | 'rejected';

export interface PurchaseRequestRecord extends Timestamps {
  id: number;
  label: string;
  status: PurchaseRequestStatus;
  currency: string;
  amount: string;
  supplier_id: number | null;
  user_id: number;
  reviewed_by_id: number | null;
  /** Set by `POST /purchase_requests/imports` (seeded requests have none). */
  external_reference?: string | null;
  /** The purchase order document of an imported request. */
  file_attachment_id?: number | null;
  /** Supplier invoices linked with `POST /supplier_invoices/{id}/linked_purchase_requests`. */
  supplier_invoice_ids?: number[];
}

export interface FileAttachmentRecord extends Timestamps {
  id: number;
  filename: string;
}
