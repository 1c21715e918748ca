import type { Link, Ref } from './common.js';

export interface PennylaneAddress {
  readonly address: string | null;
  readonly postal_code: string | null;
  readonly city: string | null;
  readonly country_alpha2: string | null;
}

/** A customer as `GET /customers` returns it (API.md §4.1); kind told by `customer_type`. */
export interface PennylaneCustomer {
  readonly id: number;
  readonly customer_type: 'company' | 'individual';
  readonly name: string;
  readonly billing_iban: string | null;
  readonly payment_conditions: string | null;
  readonly recipient: string | null;
  readonly phone: string | null;
  readonly reference: string | null;
  readonly notes: string | null;
  readonly ledger_account: Ref | null;
  readonly emails: readonly string[];
  readonly billing_address: PennylaneAddress | null;
  readonly delivery_address: PennylaneAddress | null;
  readonly external_reference: string | null;
  readonly billing_language: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  /** Company customers only. */
  readonly vat_number?: string | null;
  readonly reg_no?: string | null;
  /** Individual customers only. */
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  readonly contacts?: Link;
}
