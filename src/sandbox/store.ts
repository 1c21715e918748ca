/**
 * In-memory store: one CompanyStore per company (its own tables, id spaces,
 * change events). Tables are generic; later resources add a table + id space.
 */
import type { ChangeEvent, ChangeOperation, CompanyInfo, Timestamps, UserInfo } from './records.js';
import { Rng } from './random.js';
import type { Identified } from './table.js';
import { createTables, type CompanyTables } from './tables.js';
import { dateToMs, formatMicros, MicroClock } from './time.js';

export { Table, type Identified } from './table.js';
export { createTables, type CompanyTables } from './tables.js';

/** The seed's "now": 06:00 UTC on `today` (every seeded timestamp is before it). */
export function seedNowMicros(today: string): number {
  return dateToMs(today) * 1000 + 6 * 3_600_000_000;
}

/** Changelog retention (API.md §4.6): 4 weeks. */
export const CHANGELOG_RETENTION_MICROS = 28 * 86_400_000_000;

/** Each resource type has its own id space (ids > 2^32, < 2^53). */
export const ID_BASES = {
  companies: 1_300_100_000_000,
  users: 1_300_200_000_000,
  customers: 1_301_000_000_000,
  products: 1_302_000_000_000,
  customer_invoices: 1_303_000_000_000,
  invoice_lines: 1_304_000_000_000,
  payments: 1_305_000_000_000,
  ledger_accounts: 1_306_000_000_000,
  ledger_entries: 1_307_000_000_000,
  suppliers: 1_308_000_000_000,
  supplier_invoices: 1_309_000_000_000,
  journals: 1_310_000_000_000,
  ledger_entry_lines: 1_311_000_000_000,
  transactions: 1_312_000_000_000,
  bank_accounts: 1_313_000_000_000,
  categories: 1_314_000_000_000,
  category_groups: 1_315_000_000_000,
  quotes: 1_316_000_000_000,
  billing_subscriptions: 1_317_000_000_000,
  invoice_line_sections: 1_318_000_000_000,
  appendices: 1_319_000_000_000,
  custom_header_fields: 1_320_000_000_000,
  contacts: 1_321_000_000_000,
  commercial_documents: 1_322_000_000_000,
  sepa_mandates: 1_323_000_000_000,
  gocardless_mandates: 1_324_000_000_000,
  pro_account_mandates: 1_325_000_000_000,
  mandate_migrations: 1_326_000_000_000,
  customer_invoice_templates: 1_327_000_000_000,
  numberings: 1_328_000_000_000,
  pa_registrations: 1_329_000_000_000,
  webhook_subscriptions: 1_330_000_000_000,
  purchase_requests: 1_331_000_000_000,
  file_attachments: 1_332_000_000_000,
  exports: 1_333_000_000_000,
  fiscal_years: 1_334_000_000_000,
  bank_establishments: 1_335_000_000_000,
  supplier_invoice_lines: 1_336_000_000_000,
  dms_files: 1_337_000_000_000,
} as const;
export type IdSpace = keyof typeof ID_BASES;

/** Ids of one company live in [base + slot × 10^7, base + (slot+1) × 10^7). */
export const COMPANY_ID_STRIDE = 10_000_000;
export const MAX_COMPANY_SLOTS = 99;

export class IdAllocator {
  private readonly last = new Map<IdSpace, number>();

  constructor(
    private readonly slot: number,
    private readonly rng: Rng,
  ) {}

  /** Next id: previous + a small random step (ids grow, with gaps, like real ones). */
  next(space: IdSpace): number {
    const start = ID_BASES[space] + this.slot * COMPANY_ID_STRIDE + 1000;
    const prev = this.last.get(space) ?? start;
    const id = prev + this.rng.int(1, 9);
    this.last.set(space, id);
    return id;
  }

}

/** Resource types that have a changelog (API.md §4.6). */
export type ChangelogResource =
  | 'customer_invoices'
  | 'supplier_invoices'
  | 'customers'
  | 'suppliers'
  | 'products'
  | 'transactions'
  | 'ledger_entry_lines'
  | 'quotes'
  | 'ledger_entries_categories'
  | 'ledger_entry_lines_categories';

/** Bytes of an uploaded file (file attachment or appendix), served back at its URL. */
export interface StoredFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly filename: string;
}

export class CompanyStore {
  readonly tables: CompanyTables = createTables();
  readonly changes = new Map<ChangelogResource, ChangeEvent[]>();
  /** The simulator clock: starts at the seed's "now" (today 06:00 UTC), advances with real time. */
  readonly clock: MicroClock;
  /** Lettering groups: internal key → ledger entry line ids (ascending). */
  readonly letterings = new Map<number, number[]>();
  /** Invoice id (customer or supplier; id spaces are disjoint) → matched transaction ids. */
  readonly invoiceTransactions = new Map<number, number[]>();
  /** Uploaded bytes by file attachment / appendix id (seeded files have none: they serve a tiny PDF). */
  readonly files = new Map<number, StoredFile>();
  /** Whether the company has a Pennylane Pro Account (pro_account routes answer 404 otherwise). */
  proAccount = false;
  /** The seeded state's fingerprint (table revisions, event counts) and where its clock starts. */
  private pristine: string | null = null;
  private clockStart: number;
  /** Generator for run-time choices (generated external references, id steps). */
  readonly rng: Rng;
  readonly ids: IdAllocator;

  constructor(
    readonly key: string,
    readonly seed: number,
    readonly today: string,
    readonly slot: number,
    readonly info: CompanyInfo,
    readonly user: UserInfo,
  ) {
    this.clockStart = seedNowMicros(today);
    this.clock = new MicroClock(this.clockStart);
    this.rng = new Rng((seed ^ 0x5bd1e995) >>> 0);
    this.ids = new IdAllocator(slot, new Rng((seed ^ 0x27d4eb2f) >>> 0));
  }

  /** Append a change event; `processedAt` defaults to a fresh timestamp ≥ updated_at. */
  recordChange(resource: ChangelogResource, row: Identified & Timestamps, operation: ChangeOperation, processedAt?: string): void {
    const list = this.changes.get(resource) ?? [];
    list.push({
      id: row.id,
      operation,
      processed_at: processedAt ?? this.clock.after(row.updated_at),
      updated_at: row.updated_at,
      created_at: row.created_at,
    });
    this.changes.set(resource, list);
  }

  /** The simulated clock's current date (YYYY-MM-DD): "today" for statuses and defaults. */
  todayDate(): string {
    return formatMicros(this.clock.peekMicros()).slice(0, 10);
  }

  changeEvents(resource: ChangelogResource): readonly ChangeEvent[] {
    return this.changes.get(resource) ?? [];
  }

  /** The simulated clock starts at `micros` (at least the seed's "now"): just after the last seeded event. */
  startClockAt(micros: number): void {
    this.clockStart = Math.max(this.clockStart, micros);
    this.clock.advanceTo(this.clockStart);
  }

  private fingerprint(): string {
    const revisions = Object.values(this.tables).map((t: { revision: number }) => t.revision);
    const events = [...this.changes.values()].map((list) => list.length);
    return `${revisions.join(',')}|${events.join(',')}|${this.proAccount}`;
  }

  /** Remember the current state as the seed (end of generation). */
  markPristine(): void {
    this.pristine = this.fingerprint();
  }

  /** Nothing was written since the seed (so a reset can keep this store, see rewind()). */
  isPristine(): boolean {
    return this.pristine !== null && this.pristine === this.fingerprint();
  }

  /** Back to the seed's clock (only meaningful on a pristine store). */
  rewind(): void {
    this.clock.reanchor(this.clockStart);
  }

  /** Transactions matched with an invoice (customer or supplier), ascending id. */
  transactionsOf(invoiceId: number): number[] {
    return this.invoiceTransactions.get(invoiceId) ?? [];
  }

  /** Line ids lettered together with `lineId` (itself included), or [] when unlettered. */
  letteredWith(letteringId: number | null): number[] {
    return letteringId === null ? [] : (this.letterings.get(letteringId) ?? []);
  }
}
