/**
 * Sales side of the books: analytical categories on customers and invoices,
 * and one VT entry per finalized invoice (debit 411 auxiliary TTC, credit
 * revenue per line HT, credit 445710 tax; credit notes mirror it).
 */
import { toCents } from '../money.js';
import type { CategoryWeight } from '../records.js';
import type { BooksContext } from './books-context.js';
import { drawCategories } from './analytics.js';
import { bookEntry } from './ledger.js';

export function categorizeSales(ctx: BooksContext): void {
  const { rng, store, categoryGroups } = ctx;
  for (const c of store.tables.customers.all()) {
    if (c.customer_type === 'company' && rng.chance(0.3)) c.categories = drawCategories(rng, categoryGroups, ['Canal'], 1);
  }
  for (const inv of store.tables.customer_invoices.all()) {
    if (inv.draft || !rng.chance(0.3)) continue;
    const customer = inv.customer_id === null ? undefined : store.tables.customers.get(inv.customer_id);
    const canal = customer?.categories ?? [];
    const own = drawCategories(rng, categoryGroups, ['Département', 'Projet'], 0.5);
    inv.categories = [...canal.map((c) => ({ ...c })), ...own];
  }
}

export function bookSalesEntries(ctx: BooksContext): void {
  const { store } = ctx;
  const vatCollected = ctx.accounts.vatCollected.id;
  for (const inv of store.tables.customer_invoices.all()) {
    if (inv.draft || inv.ledger_entry_id === null || inv.date === null) continue;
    const customer = inv.customer_id === null ? undefined : store.tables.customers.get(inv.customer_id);
    if (!customer || customer.ledger_account_id === null) throw new Error(`invoice ${inv.id} has no customer account`);
    const label = inv.label ?? `Facture ${customer.name}`;
    const cats: CategoryWeight[] = inv.categories;
    const lines = store.tables.invoice_lines.byGroup(inv.id).map((l) => ({
      account: l.ledger_account_id ?? ctx.accounts.services.id,
      cents: -toCents(l.amount_before_tax),
      label: l.label,
      categories: cats,
    }));
    const booked = bookEntry(ctx, {
      id: inv.ledger_entry_id,
      journal: ctx.journals.VT,
      date: inv.date,
      label,
      piece: inv.invoice_number,
      attachment: inv.filename,
      createdAt: inv.created_at,
      categories: cats,
      lines: [
        { account: customer.ledger_account_id, cents: toCents(inv.amount), label },
        ...lines,
        { account: vatCollected, cents: -toCents(inv.tax), label: `TVA collectée - ${inv.invoice_number}` },
      ],
    });
    const party = booked[0];
    if (!party || party.ledger_account_id !== customer.ledger_account_id) throw new Error(`invoice ${inv.id}: no 411 line`);
    ctx.partyLine.set(inv.id, party.id);
  }
}
