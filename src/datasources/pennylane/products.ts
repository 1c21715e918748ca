import type { Ref } from './common.js';

/** A product (API.md §4.1). Prices are decimal strings; `vat_rate` is a code like FR_200. */
export interface PennylaneProduct {
  readonly id: number;
  readonly label: string;
  readonly description: string | null;
  readonly external_reference: string | null;
  readonly price_before_tax: string;
  readonly vat_rate: string;
  readonly price: string;
  readonly unit: string | null;
  readonly currency: string;
  readonly reference: string | null;
  readonly ledger_account: Ref | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly archived_at?: string | null;
}
