import type { PennylaneAttachedCategory } from './categories.js';
import type { Link, Ref } from './common.js';

export interface PennylaneBankAccount {
  readonly id: number;
  readonly name: string;
  readonly currency: string;
  readonly journal: Ref | null;
  readonly ledger_account: Ref | null;
  readonly bank_establishment?: Ref | null;
  readonly balance?: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneBankEstablishment {
  readonly id: number;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A bank transaction (API.md §4.4): amounts signed, categories inline. */
export interface PennylaneTransaction {
  readonly id: number;
  readonly label: string | null;
  readonly date: string;
  readonly outstanding_balance: string | null;
  readonly currency: string;
  readonly currency_amount: string;
  readonly amount: string;
  readonly currency_fee: string | null;
  readonly fee: string | null;
  readonly journal?: Ref | null;
  readonly journal_id?: number | null;
  readonly bank_account: Ref | null;
  readonly categories: readonly PennylaneAttachedCategory[];
  readonly matched_invoices: Link;
  readonly customer?: Ref | null;
  readonly supplier?: Ref | null;
  readonly attachment_required?: boolean;
  readonly archived_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** An item of `GET /transactions/{id}/matched_invoices`. */
export interface PennylaneMatchedInvoice {
  readonly id: number;
  readonly type: 'customer' | 'supplier';
  readonly url: string;
}
