/** Generates one company's books from a seed and a reference date. */
import { Rng } from '../random.js';
import { CompanyStore } from '../store.js';
import { addDays } from '../time.js';
import { companyIdentity, seedGeneralAccounts } from './company.js';
import { seedNow, type SeedBase, type SeedContext } from './context.js';
import { seedCustomers } from './customers.js';
import { materializeInvoices } from './customer-invoices.js';
import { planInvoices } from './invoice-plans.js';
import { seedProducts } from './products.js';
import { seedBooks } from './books.js';

export function generateCompany(key: string, seed: number, today: string, slot: number): CompanyStore {
  const rng = new Rng(seed);
  const { info, user } = companyIdentity(rng, slot);
  const store = new CompanyStore(key, seed, today, slot, info, user);
  const base: SeedBase = { rng, today, store, nowMicros: seedNow(today), originDate: addDays(today, -900) };
  const ctx: SeedContext = { ...base, accounts: seedGeneralAccounts(base) };
  const since = seedCustomers(ctx);
  const products = seedProducts(ctx);
  const plans = planInvoices(ctx, store.tables.customers.all(), products.map((p) => p.row), since);
  materializeInvoices(ctx, plans);
  seedBooks(ctx, products.map((p) => p.row));
  store.markPristine();
  return store;
}
