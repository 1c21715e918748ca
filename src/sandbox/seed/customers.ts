/** ~64 customers: companies (SIREN, VAT number) and individuals, each with a 411 auxiliary account. */
import type { BillingLanguage, CustomerRecord, LedgerAccountRecord, PaymentConditions } from '../records.js';
import { addDays, daysBetween } from '../time.js';
import { auxiliaryNumber } from './company.js';
import { iso, processedAfter, stampOn, type SeedContext } from './context.js';
import { address, foreignVatNumber, frenchIban, frenchVatNumber, phoneNumber, siren, slugify } from './identity.js';
import {
  BRAND_SUFFIXES, BRAND_WORDS, FIRST_NAMES, FOREIGN_CITIES, FRENCH_CITIES, LAST_NAMES, LEGAL_FORMS, TRADES, type City,
} from './names.js';

export const SEED_CUSTOMER_COUNT = 64;

const NOTES = [
  'Client historique, relances par téléphone de préférence.',
  'Envoyer les factures au service comptabilité uniquement.',
  'Bon de commande obligatoire sur chaque facture.',
  'Règlement par virement, jamais par chèque.',
  'Contact principal en congé le vendredi.',
] as const;

const MAIL_PROVIDERS = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'outlook.fr', 'sfr.fr'] as const;

function companyName(ctx: SeedContext, taken: Set<string>): string {
  const { rng } = ctx;
  for (;;) {
    const base = rng.chance(0.5)
      ? `${rng.pick(TRADES)} ${rng.pick(LAST_NAMES)}`
      : `${rng.pick(BRAND_WORDS)} ${rng.pick(BRAND_SUFFIXES)}`;
    const form = rng.pick(LEGAL_FORMS);
    const name = form ? `${base} ${form}` : base;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function languageFor(ctx: SeedContext, city: City): BillingLanguage {
  if (city.country_alpha2 === 'DE') return 'de_DE';
  if (city.country_alpha2 === 'GB' || city.country_alpha2 === 'LU') return 'en_GB';
  return ctx.rng.chance(0.95) ? 'fr_FR' : 'en_GB';
}

function paymentConditions(ctx: SeedContext, individual: boolean): PaymentConditions {
  if (individual) return ctx.rng.weighted([['upon_receipt', 6], ['15_days', 2], ['30_days', 2]] as const);
  return ctx.rng.weighted([
    ['30_days', 45], ['15_days', 10], ['45_days', 12], ['60_days', 10], ['upon_receipt', 15], ['custom', 8],
  ] as const);
}

export function auxiliaryAccount(ctx: SeedContext, name: string, country: string, createdAt: string): LedgerAccountRecord {
  const row: LedgerAccountRecord = {
    id: ctx.store.ids.next('ledger_accounts'),
    number: auxiliaryNumber(ctx.store, name),
    label: `Client - ${name}`,
    vat_rate: 'any',
    country_alpha2: country,
    enabled: true,
    created_at: createdAt,
    updated_at: createdAt,
  };
  ctx.store.tables.ledger_accounts.put(row);
  return row;
}

/** Creates the customers; returns, for each, the first date it may be invoiced. */
export function seedCustomers(ctx: SeedContext): Map<number, string> {
  const { rng, store } = ctx;
  const names = new Set<string>();
  const refs = new Set<string>();
  const since = new Map<number, string>();
  const span = daysBetween(ctx.originDate, ctx.today);
  for (let i = 0; i < SEED_CUSTOMER_COUNT; i++) {
    const individual = rng.chance(0.3);
    const city = rng.chance(0.88) ? rng.pick(FRENCH_CITIES) : rng.pick(FOREIGN_CITIES);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const name = individual ? `${firstName} ${lastName}` : companyName(ctx, names);
    const slug = slugify(name.replace(/ (SAS|SARL|SA|EURL|SASU)$/, ''));
    const person = `${slugify(firstName)}.${slugify(lastName)}`;
    // Most customers predate the invoice history; some arrive during it.
    const createdDay = rng.chance(0.82) ? rng.int(0, span - 560) : rng.int(span - 540, span - 20);
    const createdDate = addDays(ctx.originDate, createdDay);
    const createdAt = iso(stampOn(ctx, createdDate));
    let externalReference = rng.chance(0.5) ? `CRM-${rng.digits(6)}` : rng.uuid();
    while (refs.has(externalReference)) externalReference = rng.uuid();
    refs.add(externalReference);
    const regNo = individual ? null : city.country_alpha2 === 'FR' ? siren(rng) : rng.digits(9);
    const billing = address(rng, city);
    const account = auxiliaryAccount(ctx, name, city.country_alpha2, createdAt);
    const row: CustomerRecord = {
      id: store.ids.next('customers'),
      customer_type: individual ? 'individual' : 'company',
      name,
      first_name: individual ? firstName : null,
      last_name: individual ? lastName : null,
      vat_number: individual ? null : regNo && city.country_alpha2 === 'FR' ? frenchVatNumber(regNo) : foreignVatNumber(rng, city.country_alpha2),
      reg_no: regNo,
      billing_iban: city.country_alpha2 === 'FR' && rng.chance(0.3) ? frenchIban(rng) : null,
      payment_conditions: paymentConditions(ctx, individual),
      recipient: individual ? '' : rng.weighted([['Service comptabilité', 3], [`${firstName} ${lastName}`, 4], ['', 3]] as const),
      phone: phoneNumber(rng, city, individual),
      reference: rng.chance(0.4) ? `C-${String(i + 1).padStart(4, '0')}` : null,
      notes: rng.chance(0.15) ? rng.pick(NOTES) : null,
      ledger_account_id: account.id,
      emails: individual
        ? [`${person}@${rng.pick(MAIL_PROVIDERS)}`]
        : rng.chance(0.3)
          ? [`compta@${slug}.fr`, `${person}@${slug}.fr`]
          : [`compta@${slug}.fr`],
      billing_address: billing,
      delivery_address: rng.chance(0.8) ? { ...billing } : address(rng, city),
      external_reference: externalReference,
      billing_language: languageFor(ctx, city),
      categories: [],
      created_at: createdAt,
      updated_at: createdAt,
    };
    store.tables.customers.put(row);
    store.recordChange('customers', row, 'insert', processedAfter(ctx, createdAt));
    if (rng.chance(0.35)) {
      const updatedDate = addDays(createdDate, rng.int(1, Math.max(1, daysBetween(createdDate, ctx.today) - 1)));
      row.updated_at = iso(stampOn(ctx, updatedDate));
      if (row.updated_at > row.created_at) {
        store.recordChange('customers', row, 'update', processedAfter(ctx, row.updated_at));
      } else row.updated_at = row.created_at;
    }
    since.set(row.id, createdDate);
  }
  return since;
}
