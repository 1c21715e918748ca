import type { PennylaneAddress } from './customers.js';
import type { PennylaneTransactionReference } from './customer-invoices.js';
import type { Link, Ref } from './common.js';

/** A supplier (API.md §4.2). */
export interface PennylaneSupplier {
  readonly id: number;
  readonly name: string;
  readonly establishment_no: string | null;
  readonly vat_number: string | null;
  readonly ledger_account: Ref | null;
  readonly emails: readonly string[];
  readonly iban: string | null;
  readonly postal_address: PennylaneAddress | null;
  readonly supplier_payment_method: string | null;
  readonly supplier_due_date_delay: number | null;
  readonly supplier_due_date_rule: string | null;
  readonly external_reference: string | null;
  readonly categories?: Link;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A supplier invoice (API.md §4.2). Amounts are decimal strings. */
export interface PennylaneSupplierInvoice {
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
  readonly reconciled: boolean;
  readonly paid?: boolean;
  readonly accounting_status: string;
  readonly payment_status: string;
  readonly filename: string | null;
  readonly public_file_url: string | null;
  readonly remaining_amount_with_tax: string | null;
  readonly remaining_amount_without_tax: string | null;
  readonly ledger_entry: Ref | null;
  readonly supplier: Ref | null;
  readonly invoice_lines: Link;
  readonly categories: Link;
  readonly payments: Link;
  readonly matched_transactions: Link;
  readonly transaction_reference: PennylaneTransactionReference | null;
  readonly external_reference: string | null;
  readonly import_source?: string | null;
  readonly archived_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A supplier invoice line: no product, no quantity (API.md §4.2). */
export interface PennylaneSupplierInvoiceLine {
  readonly id: number;
  readonly label: string;
  readonly amount: string;
  readonly currency_amount: string;
  readonly description: string | null;
  readonly vat_rate: string;
  readonly currency_amount_before_tax: string;
  readonly currency_tax: string;
  readonly tax: string;
  readonly imputation_dates: { readonly start_date: string; readonly end_date: string } | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A purchase request (fields unverified in API.md; the simulator's shape). */
export interface PennylanePurchaseRequest {
  readonly id: number;
  readonly label: string;
  readonly status: string;
  readonly currency: string;
  readonly amount: string;
  readonly supplier: Ref | null;
  readonly user: Ref | null;
  readonly reviewed_by: Ref | null;
  /** Unverified upstream (the simulator's choice, see its README): set on imported requests. */
  readonly external_reference?: string | null;
  readonly file_attachment?: Ref | null;
  /** Supplier invoices linked with `POST /supplier_invoices/{id}/linked_purchase_requests`. */
  readonly supplier_invoices?: readonly Ref[];
  readonly created_at: string;
  readonly updated_at: string;
}
