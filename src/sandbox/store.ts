/**
 * In-memory store: one CompanyStore per company (its own tables, id spaces,
 * change events). Tables are generic; later resources add a table + id space.
 */
import type {
  ChangeEvent,
  ChangeOperation,
  CompanyInfo,
  CustomerInvoiceRecord,
  CustomerRecord,
  InvoiceLineRecord,
  LedgerAccountRecord,
  PaymentRecord,
  ProductRecord,
  Timestamps,
  UserInfo,
} from './records.js';
import { Rng } from './random.js';
import { MicroClock } from './time.js';

export interface Identified {
  id: number;
}

/** Rows by id, with an ascending-id view and an optional parent index. */
export class Table<T extends Identified> {
  private readonly rows = new Map<number, T>();
  private ascending: T[] | null = null;
  private readonly groups = new Map<number, T[]>();

  constructor(private readonly groupKey?: (row: T) => number | null) {}

  get size(): number {
    return this.rows.size;
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  has(id: number): boolean {
    return this.rows.has(id);
  }

  /** Insert or replace a row (the parent key of a row never changes). */
  put(row: T): T {
    const existed = this.rows.has(row.id);
    this.rows.set(row.id, row);
    this.ascending = null;
    if (this.groupKey) {
      const key = this.groupKey(row);
      if (key !== null) {
        const list = this.groups.get(key) ?? [];
        if (existed) {
          const i = list.findIndex((r) => r.id === row.id);
          if (i >= 0) list[i] = row;
          else list.push(row);
        } else list.push(row);
        list.sort((a, b) => a.id - b.id);
        this.groups.set(key, list);
      }
    }
    return row;
  }

  delete(id: number): boolean {
    const row = this.rows.get(id);
    if (!row) return false;
    this.rows.delete(id);
    this.ascending = null;
    if (this.groupKey) {
      const key = this.groupKey(row);
      const list = key === null ? undefined : this.groups.get(key);
      if (list && key !== null) this.groups.set(key, list.filter((r) => r.id !== id));
    }
    return true;
  }

  /** Every row, ascending id (cached until the next write). */
  all(): readonly T[] {
    if (!this.ascending) this.ascending = [...this.rows.values()].sort((a, b) => a.id - b.id);
    return this.ascending;
  }

  /** Rows whose parent key is `key`, ascending id. */
  byGroup(key: number): readonly T[] {
    return this.groups.get(key) ?? [];
  }

  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }
}

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

export interface CompanyTables {
  customers: Table<CustomerRecord>;
  products: Table<ProductRecord>;
  customer_invoices: Table<CustomerInvoiceRecord>;
  invoice_lines: Table<InvoiceLineRecord>;
  payments: Table<PaymentRecord>;
  ledger_accounts: Table<LedgerAccountRecord>;
}

export function createTables(): CompanyTables {
  return {
    customers: new Table<CustomerRecord>(),
    products: new Table<ProductRecord>(),
    customer_invoices: new Table<CustomerInvoiceRecord>(),
    invoice_lines: new Table<InvoiceLineRecord>((l) => l.invoice_id),
    payments: new Table<PaymentRecord>((p) => p.invoice_id),
    ledger_accounts: new Table<LedgerAccountRecord>(),
  };
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

export class CompanyStore {
  readonly tables: CompanyTables = createTables();
  readonly changes = new Map<ChangelogResource, ChangeEvent[]>();
  /** Clock for records written at run time. */
  readonly clock = new MicroClock();
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

  changeEvents(resource: ChangelogResource): readonly ChangeEvent[] {
    return this.changes.get(resource) ?? [];
  }
}
