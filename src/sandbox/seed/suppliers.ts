/** ~40 suppliers, each with its own 401 auxiliary account. */
import type { SupplierRecord } from '../records-purchases.js';
import type { LedgerAccountRecord } from '../records.js';
import { addDays } from '../time.js';
import type { BooksContext } from './books-context.js';
import { auxiliaryNumber } from './company.js';
import { iso, processedAfter, stampOn } from './context.js';
import { drawCategories } from './analytics.js';
import { address, foreignVatNumber, frenchIban, frenchVatNumber, siren, slugify } from './identity.js';
import { FRENCH_CITIES } from './names.js';
import { FOREIGN_SUPPLIER_CITIES, SUPPLIER_CATALOGUE, type SupplierTemplate } from './supplier-catalogue.js';

export interface SeedSupplier {
  readonly row: SupplierRecord;
  readonly template: SupplierTemplate;
  readonly expenseAccount: LedgerAccountRecord;
}

export function seedSuppliers(ctx: BooksContext): SeedSupplier[] {
  const { rng, store } = ctx;
  const out: SeedSupplier[] = [];
  for (const t of SUPPLIER_CATALOGUE) {
    const city = t.country === 'FR' ? rng.pick(FRENCH_CITIES) : FOREIGN_SUPPLIER_CITIES[t.country];
    const createdAt = iso(stampOn(ctx, addDays(ctx.booksStart, rng.int(-120, 20))));
    const regNo = siren(rng);
    const slug = slugify(t.name);
    const account: LedgerAccountRecord = {
      id: store.ids.next('ledger_accounts'),
      number: auxiliaryNumber(store, t.name, '401'),
      label: `Fournisseur - ${t.name}`,
      vat_rate: 'any',
      country_alpha2: city.country_alpha2,
      enabled: true,
      created_at: createdAt,
      updated_at: createdAt,
    };
    store.tables.ledger_accounts.put(account);
    const row: SupplierRecord = {
      id: store.ids.next('suppliers'),
      name: t.name,
      establishment_no: t.country === 'FR' ? `${regNo}${rng.digits(5)}` : null,
      vat_number: t.country === 'FR' ? frenchVatNumber(regNo) : foreignVatNumber(rng, t.country),
      ledger_account_id: account.id,
      emails: rng.chance(0.8) ? [`factures@${slug}.${t.country === 'FR' ? 'fr' : 'com'}`] : [],
      iban: frenchIban(rng),
      postal_address: address(rng, city),
      supplier_payment_method: t.method,
      supplier_due_date_delay: t.delay,
      supplier_due_date_rule: t.rule,
      external_reference: rng.chance(0.5) ? `ERP-SUP-${rng.digits(5)}` : rng.uuid(),
      categories: rng.chance(0.3) ? drawCategories(rng, ctx.categoryGroups, ['Département'], 1) : [],
      created_at: createdAt,
      updated_at: createdAt,
    };
    store.tables.suppliers.put(row);
    store.recordChange('suppliers', row, 'insert', processedAfter(ctx, createdAt));
    if (rng.chance(0.3)) {
      const updated = iso(stampOn(ctx, addDays(createdAt.slice(0, 10), rng.int(20, 500))));
      if (updated > row.updated_at) {
        row.updated_at = updated;
        store.recordChange('suppliers', row, 'update', processedAfter(ctx, updated));
      }
    }
    out.push({ row, template: t, expenseAccount: ctx.account(t.account) });
  }
  return out;
}
