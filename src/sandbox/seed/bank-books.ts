/**
 * Banking side of the books: establishments, the two bank accounts, one
 * transaction per bank movement with its entry in BQ1/BQ2, offline
 * settlements in OD, the AN opening entry, and the lettering of settled
 * invoices (411/401 line of the invoice with those of its settlements).
 */
import { formatCents } from '../money.js';
import type { BankAccountRecord, TransactionRecord } from '../records-accounting.js';
import { addDays, formatMicros, parseMicros } from '../time.js';
import type { BooksContext } from './books-context.js';
import { iso, processedAfter, stampOn } from './context.js';
import { bookEntry, letter, linkMatch } from './ledger.js';
import { planBank, type BankSide, type TxPlan } from './bank-plans.js';
import type { SeedSupplierInvoice } from './supplier-invoices.js';

const ESTABLISHMENTS = ['BNP Paribas', 'Société Générale', 'Crédit Agricole', 'Qonto', 'Banque Populaire', 'LCL', 'Shine'] as const;

function seedAccounts(ctx: BooksContext): Record<BankSide, BankAccountRecord> {
  const { store, rng } = ctx;
  const byName = new Map<string, number>();
  for (const name of ESTABLISHMENTS) {
    const at = iso(stampOn(ctx, addDays(ctx.originDate, rng.int(0, 5))));
    const row = { id: store.ids.next('bank_establishments'), name, created_at: at, updated_at: at };
    store.tables.bank_establishments.put(row);
    byName.set(name, row.id);
  }
  const make = (name: string, journal: number, ledger: string, establishment: string): BankAccountRecord => {
    const at = iso(stampOn(ctx, addDays(ctx.booksStart, -rng.int(10, 60))));
    const row: BankAccountRecord = {
      id: store.ids.next('bank_accounts'), name, currency: 'EUR', journal_id: journal, ledger_account_id: ctx.account(ledger).id,
      bank_establishment_id: byName.get(establishment) ?? 0, opening_balance: '0.00', created_at: at, updated_at: at,
    };
    store.tables.bank_accounts.put(row);
    return row;
  };
  return {
    main: make('Compte courant BNP Paribas', ctx.journals.BQ1.id, '512000', 'BNP Paribas'),
    savings: make('Livret Entreprise Banque Populaire', ctx.journals.BQ2.id, '512100', 'Banque Populaire'),
  };
}

function addSettlement(ctx: BooksContext, invoiceId: number, lineId: number): void {
  const list = ctx.settlementLines.get(invoiceId) ?? [];
  list.push(lineId);
  ctx.settlementLines.set(invoiceId, list);
}

function bookTransaction(ctx: BooksContext, p: TxPlan, account: BankAccountRecord): void {
  const { store, rng } = ctx;
  const journal = account.journal_id === ctx.journals.BQ1.id ? ctx.journals.BQ1 : ctx.journals.BQ2;
  const createdAt = iso(p.micros);
  const matched = p.matches.reduce((s, m) => s + m.cents, 0n);
  const lines = bookEntry(ctx, {
    journal, date: p.date, label: p.label, piece: null, attachment: null, createdAt,
    lines: [
      { account: account.ledger_account_id, cents: p.cents, label: p.label },
      { account: p.counterpart, cents: -p.cents, label: p.label, ...(p.categories.length > 0 ? { categories: p.categories } : {}) },
    ],
  });
  const counterpartLine = lines[1];
  const tx: TransactionRecord = {
    id: store.ids.next('transactions'), label: p.label, date: p.date, currency: 'EUR',
    currency_amount: formatCents(p.cents), amount: formatCents(p.cents), currency_fee: null, fee: null,
    outstanding_balance: formatCents(p.cents - matched), journal_id: journal.id, bank_account_id: account.id,
    entry_id: counterpartLine?.entry_id ?? null, categories: p.categories,
    matches: p.matches.map((m) => ({ type: m.type, invoice_id: m.invoiceId, amount: formatCents(m.cents) })),
    customer_id: p.customerId, supplier_id: p.supplierId, attachment_required: p.cents < 0n && p.kind !== 'transfer',
    archived_at: null, created_at: createdAt, updated_at: createdAt,
  };
  store.tables.transactions.put(tx);
  store.recordChange('transactions', tx, 'insert', processedAfter(ctx, createdAt));
  if (tx.matches.length > 0) {
    tx.updated_at = formatMicros(Math.min(p.micros + rng.int(60, 1800) * 1_000_000, ctx.nowMicros - 1_000_000 + rng.int(0, 999)));
    if (tx.updated_at <= tx.created_at) tx.updated_at = formatMicros(p.micros + 1);
    store.recordChange('transactions', tx, 'update', processedAfter(ctx, tx.updated_at));
  }
  for (const m of p.matches) {
    linkMatch(store, m.invoiceId, tx.id);
    if (counterpartLine) addSettlement(ctx, m.invoiceId, counterpartLine.id);
  }
}

/** Opening balance of the main account: enough that it never goes below 15 000 €. */
function openingFor(txs: readonly TxPlan[], side: BankSide, floor: bigint): bigint {
  let running = 0n;
  let min = 0n;
  for (const t of txs) {
    if (t.side !== side) continue;
    running += t.cents;
    if (running < min) min = running;
  }
  const needed = -min + 1_500_000n;
  const opening = needed > floor ? needed : floor;
  return ((opening + 99_999n) / 100_000n) * 100_000n;
}

function letterAll(ctx: BooksContext, invoices: readonly SeedSupplierInvoice[]): void {
  const { store } = ctx;
  const lastSettlement = (ids: readonly number[]) =>
    ids.reduce((m, id) => {
      const at = store.tables.ledger_entry_lines.get(id)?.created_at ?? '';
      return at > m ? at : m;
    }, '');
  for (const inv of store.tables.customer_invoices.all()) {
    const own = ctx.partyLine.get(inv.id);
    if (own === undefined) continue;
    if (inv.status === 'paid') {
      const settled = ctx.settlementLines.get(inv.id) ?? [];
      letter(ctx, [own, ...settled], lastSettlement(settled));
    } else if (inv.status === 'cancelled') {
      const notes = store.tables.customer_invoices.all().filter((n) => n.credited_invoice_id === inv.id);
      const noteLines = notes.map((n) => ctx.partyLine.get(n.id)).filter((id): id is number => id !== undefined);
      letter(ctx, [own, ...noteLines], lastSettlement(noteLines));
    }
  }
  for (const { row } of invoices) {
    const own = ctx.partyLine.get(row.id);
    if (own === undefined || !row.paid) continue;
    const settled = ctx.settlementLines.get(row.id) ?? [];
    letter(ctx, [own, ...settled], lastSettlement(settled));
  }
}

export function seedBankBooks(ctx: BooksContext, invoices: readonly SeedSupplierInvoice[], first: string): void {
  const accounts = seedAccounts(ctx);
  const { txs, offline } = planBank(ctx, invoices, first);
  for (const p of txs) bookTransaction(ctx, p, accounts[p.side]);
  for (const o of offline) {
    const lines = bookEntry(ctx, {
      journal: ctx.journals.OD, date: formatMicros(o.micros).slice(0, 10), label: o.label, piece: null, attachment: null,
      createdAt: iso(o.micros),
      lines: [{ account: o.supplierAccount, cents: o.cents, label: o.label }, { account: ctx.account('455000').id, cents: -o.cents, label: o.label }],
    });
    if (lines[0]) addSettlement(ctx, o.invoiceId, lines[0].id);
  }
  const mainOpening = openingFor(txs, 'main', 2_500_000n);
  const savingsOpening = 4_000_000n;
  accounts.main.opening_balance = formatCents(mainOpening);
  accounts.savings.opening_balance = formatCents(savingsOpening);
  const capital = 1_000_000n;
  const label = 'À-nouveaux - ouverture';
  bookEntry(ctx, {
    journal: ctx.journals.AN, date: ctx.booksStart, label, piece: null, attachment: null,
    createdAt: iso(Math.max(stampOn(ctx, addDays(ctx.booksStart, 3)), parseMicros(accounts.main.created_at) + 1)),
    lines: [
      { account: accounts.main.ledger_account_id, cents: mainOpening, label },
      { account: accounts.savings.ledger_account_id, cents: savingsOpening, label },
      { account: ctx.account('101300').id, cents: -capital, label: 'Capital social' },
      { account: ctx.account('110000').id, cents: capital - mainOpening - savingsOpening, label: 'Report à nouveau' },
    ],
  });
  letterAll(ctx, invoices);
}
