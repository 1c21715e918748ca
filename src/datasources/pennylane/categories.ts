import type { Link, Ref } from './common.js';

/** An analytical category (API.md §4.5). */
export interface PennylaneCategory {
  readonly id: number;
  readonly label: string;
  /** Absent from some attached forms (API.md §4.4 lists none on transaction categories). */
  readonly direction?: 'cash_in' | 'cash_out' | null;
  readonly category_group: Ref | null;
  readonly analytical_code: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A category as attached to a record (`…/categories` sub-collections, inline on transactions). */
export interface PennylaneAttachedCategory extends PennylaneCategory {
  /** Share of the record in this category; weights within one group sum to "1". */
  readonly weight: string;
}

export interface PennylaneCategoryGroup {
  readonly id: number;
  readonly label: string;
  readonly categories: Link;
  readonly created_at: string;
  readonly updated_at: string;
}
