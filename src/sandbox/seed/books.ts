/**
 * The accounting books on top of customers, products and invoices: chart of
 * accounts, journals, fiscal years, analytics, sales and purchase entries,
 * banking with lettering, sales documents, misc settings, recent activity.
 * Runs after the invoice seed, so the records generated before keep their
 * values (the generator and the id allocator only move forward).
 */
import type { ProductRecord } from '../records.js';
import { addDays } from '../time.js';
import { finalizeChanges, seedRecentActivity } from './activity.js';
import { seedCategories } from './analytics.js';
import { seedBankBooks } from './bank-books.js';
import type { BooksContext } from './books-context.js';
import { seedFiscalYears, seedJournals, seedMoreAccounts } from './chart.js';
import type { SeedContext } from './context.js';
import { seedMandates, seedNumberings, seedPlatformSettings, seedPurchaseRequests } from './misc.js';
import { seedQuotes } from './quotes.js';
import { seedContacts, seedDocumentExtras, seedTemplates } from './sales-extras.js';
import { bookSalesEntries, categorizeSales } from './sales-entries.js';
import { seedCommercialDocuments, seedSubscriptions } from './subscriptions.js';
import { materializeSupplierInvoices } from './supplier-invoices.js';
import { planSupplierInvoices } from './supplier-plans.js';
import { seedSuppliers } from './suppliers.js';

/** Invoices and bank movements go back this far (the customer invoice history). */
const HISTORY_DAYS = 547;

export function seedBooks(base: SeedContext, products: readonly ProductRecord[]): void {
  const { store } = base;
  seedMoreAccounts(base);
  const journals = seedJournals(base);
  const first = addDays(base.today, -HISTORY_DAYS);
  const booksStart = seedFiscalYears(base, first);
  const categoryGroups = seedCategories(base);
  const byNumber = new Map(store.tables.ledger_accounts.all().map((a) => [a.number, a] as const));
  const ctx: BooksContext = {
    ...base,
    journals,
    categoryGroups,
    booksStart,
    partyLine: new Map(),
    settlementLines: new Map(),
    account(number: string) {
      const found = byNumber.get(number);
      if (!found) throw new Error(`no ledger account ${number}`);
      return found;
    },
  };
  // Sales documents first: they tag existing invoices (quote, subscription, template).
  seedQuotes(ctx, products);
  seedSubscriptions(ctx);
  seedCommercialDocuments(ctx, products);
  seedDocumentExtras(ctx);
  seedTemplates(ctx);
  categorizeSales(ctx);
  bookSalesEntries(ctx);
  const suppliers = seedSuppliers(ctx);
  const supplierInvoices = materializeSupplierInvoices(ctx, planSupplierInvoices(ctx, suppliers));
  seedBankBooks(ctx, supplierInvoices, first);
  seedContacts(ctx);
  seedMandates(ctx);
  seedNumberings(ctx);
  seedPlatformSettings(ctx);
  seedPurchaseRequests(ctx);
  seedRecentActivity(ctx);
  finalizeChanges(store);
}
