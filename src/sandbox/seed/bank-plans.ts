/**
 * What hits the bank accounts: customer receipts, supplier payments, monthly
 * fees, quarterly transfers to the savings account, yearly interest.
 */
import { toCents } from '../money.js';
import type { CategoryWeight } from '../records.js';
import { addDays, formatMicros, parseMicros } from '../time.js';
import type { BooksContext } from './books-context.js';
import { microsOn } from './context.js';
import type { SeedSupplierInvoice } from './supplier-invoices.js';

export type BankSide = 'main' | 'savings';

export interface TxMatchPlan {
  readonly type: 'customer' | 'supplier';
  readonly invoiceId: number;
  readonly cents: bigint;
}

export interface TxPlan {
  readonly kind: 'customer' | 'supplier' | 'fee' | 'transfer' | 'interest';
  readonly micros: number;
  readonly date: string;
  readonly side: BankSide;
  readonly label: string;
  /** Signed: + money in, − money out. */
  readonly cents: bigint;
  /** The account booked against 512 (411/401 auxiliary, 627, 580, 768). */
  readonly counterpart: number;
  readonly matches: readonly TxMatchPlan[];
  readonly customerId: number | null;
  readonly supplierId: number | null;
  readonly categories: CategoryWeight[];
}

/** An offline settlement (paid outside the bank): an OD entry 401 / 455. */
export interface OfflinePlan {
  readonly micros: number;
  readonly invoiceId: number;
  readonly supplierAccount: number;
  readonly cents: bigint;
  readonly label: string;
}

const upper = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toUpperCase();

function customerReceipts(ctx: BooksContext): TxPlan[] {
  const { store } = ctx;
  const out: TxPlan[] = [];
  for (const p of store.tables.payments.all()) {
    const inv = store.tables.customer_invoices.get(p.invoice_id);
    const customer = inv?.customer_id ? store.tables.customers.get(inv.customer_id) : undefined;
    if (!inv || !customer || customer.ledger_account_id === null) continue;
    const cents = toCents(p.currency_amount);
    const kind = p.label.startsWith('Prélèvement') ? 'PRLV SEPA' : p.label.startsWith('Paiement carte') ? 'CB' : 'VIR SEPA';
    out.push({
      kind: 'customer', micros: parseMicros(p.created_at), date: p.created_at.slice(0, 10), side: 'main',
      label: `${kind} ${upper(customer.name)} ${inv.invoice_number}`, cents, counterpart: customer.ledger_account_id,
      matches: [{ type: 'customer', invoiceId: inv.id, cents }], customerId: customer.id, supplierId: null,
      categories: inv.categories.map((c) => ({ ...c })),
    });
  }
  return out;
}

function supplierPayments(invoices: readonly SeedSupplierInvoice[], offline: OfflinePlan[]): TxPlan[] {
  const out: TxPlan[] = [];
  for (const { plan, row } of invoices) {
    const s = plan.supplier.row;
    if (s.ledger_account_id === null) continue;
    for (const pay of plan.payments) {
      if (pay.via === 'offline') {
        offline.push({ micros: pay.micros, invoiceId: row.id, supplierAccount: s.ledger_account_id, cents: pay.cents, label: `Paiement hors banque ${s.name} - ${row.invoice_number}` });
        continue;
      }
      const method = s.supplier_payment_method;
      const prefix = method === 'automatic_debiting' ? 'PRLV SEPA' : method === 'card' ? 'CB' : method === 'check' ? 'CHQ' : 'VIR';
      out.push({
        kind: 'supplier', micros: pay.micros, date: formatMicros(pay.micros).slice(0, 10), side: 'main',
        label: `${prefix} ${upper(s.name)}`, cents: -pay.cents, counterpart: s.ledger_account_id,
        matches: [{ type: 'supplier', invoiceId: row.id, cents: -pay.cents }], customerId: null, supplierId: s.id,
        categories: row.categories.map((c) => ({ ...c })),
      });
    }
  }
  return out;
}

function bankOperations(ctx: BooksContext, first: string): TxPlan[] {
  const { rng, today } = ctx;
  const out: TxPlan[] = [];
  const plain = (kind: TxPlan['kind'], date: string, side: BankSide, label: string, cents: bigint, counterpart: number): TxPlan => ({
    kind, micros: Math.min(microsOn(rng, date, 4, 6), ctx.nowMicros - 1_000_000), date, side, label, cents, counterpart,
    matches: [], customerId: null, supplierId: null, categories: [],
  });
  const fees = ctx.account('627000').id;
  for (let month = `${first.slice(0, 7)}-01`; month < today; month = `${addDays(month, 32).slice(0, 7)}-01`) {
    const feeDay = addDays(month, 2);
    if (feeDay >= first && feeDay < today) {
      out.push(plain('fee', feeDay, 'main', 'FRAIS TENUE DE COMPTE', -BigInt(rng.int(18, 35) * 100 + rng.pick([0, 50, 90])), fees));
    }
  }
  for (let year = Number(first.slice(0, 4)); year < Number(today.slice(0, 4)); year++) {
    const day = `${year}-12-31`;
    if (day >= first) out.push(plain('interest', day, 'savings', 'INTERETS CREDITEURS', BigInt(rng.int(150, 600) * 100 + rng.int(0, 99)), ctx.account('768000').id));
  }
  return out;
}

/** Quarterly sweeps from the current account to the savings account, keeping ~60 000 € on the former. */
function transfers(ctx: BooksContext, sorted: readonly TxPlan[], first: string): TxPlan[] {
  const { rng, today } = ctx;
  const out: TxPlan[] = [];
  const account = ctx.account('580000').id;
  let balance = 0n;
  let i = 0;
  for (let month = `${first.slice(0, 7)}-01`; month < today; month = `${addDays(month, 32).slice(0, 7)}-01`) {
    const day = addDays(month, 14);
    if (Number(month.slice(5, 7)) % 3 !== 0 || day < first || day >= today) continue;
    for (; i < sorted.length && (sorted[i] as TxPlan).date <= day; i++) balance += (sorted[i] as TxPlan).cents;
    const excess = balance - 6_000_000n;
    const amount = excess > 500_000n ? (excess / 100_000n) * 100_000n : BigInt(rng.int(5, 15) * 100_000);
    balance -= amount;
    const micros = Math.min(microsOn(rng, day, 4, 6), ctx.nowMicros - 1_000_000);
    const common = { kind: 'transfer' as const, micros, date: day, counterpart: account, matches: [], customerId: null, supplierId: null, categories: [] };
    out.push({ ...common, side: 'main', label: 'VIR INTERNE VERS LIVRET ENTREPRISE', cents: -amount });
    out.push({ ...common, side: 'savings', label: 'VIR INTERNE DEPUIS COMPTE COURANT', cents: amount });
  }
  return out;
}

/** Every bank movement in chronological order, plus the offline settlements. */
export function planBank(ctx: BooksContext, invoices: readonly SeedSupplierInvoice[], first: string): { txs: TxPlan[]; offline: OfflinePlan[] } {
  const offline: OfflinePlan[] = [];
  const byTime = (a: TxPlan, b: TxPlan) => a.micros - b.micros;
  const flows = [...customerReceipts(ctx), ...supplierPayments(invoices, offline), ...bankOperations(ctx, first)].sort(byTime);
  const txs = [...flows, ...transfers(ctx, flows, first)].sort(byTime);
  offline.sort((a, b) => a.micros - b.micros);
  return { txs, offline };
}
