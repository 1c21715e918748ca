/** The company itself, its user and the general ledger accounts. */
import type { Rng } from '../random.js';
import type { CompanyInfo, LedgerAccountRecord, UserInfo } from '../records.js';
import { COMPANY_ID_STRIDE, ID_BASES, type CompanyStore } from '../store.js';
import { addDays } from '../time.js';
import type { BaseAccounts, SeedBase } from './context.js';
import { iso, stampOn } from './context.js';
import { address, frenchVatNumber, siren, slugify } from './identity.js';
import { BRAND_SUFFIXES, BRAND_WORDS, FIRST_NAMES, FRENCH_CITIES, LAST_NAMES } from './names.js';

export function companyIdentity(rng: Rng, slot: number): { info: CompanyInfo; user: UserInfo; domain: string } {
  const name = `${rng.pick(BRAND_WORDS)} ${rng.pick(BRAND_SUFFIXES)} ${rng.pick(['SAS', 'SARL', 'SA'])}`;
  const regNo = siren(rng);
  const domain = `${slugify(name.replace(/ (SAS|SARL|SA)$/, ''))}.fr`;
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const info: CompanyInfo = {
    id: ID_BASES.companies + slot * COMPANY_ID_STRIDE + rng.int(100, 999),
    name,
    reg_no: regNo,
    vat_number: frenchVatNumber(regNo),
    address: address(rng, rng.pick(FRENCH_CITIES)),
  };
  const user: UserInfo = {
    id: ID_BASES.users + slot * COMPANY_ID_STRIDE + rng.int(100, 999),
    first_name: firstName,
    last_name: lastName,
    email: `${slugify(firstName)}.${slugify(lastName)}@${domain}`,
    locale: 'fr',
  };
  return { info, user, domain };
}

const GENERAL_ACCOUNTS: ReadonlyArray<readonly [keyof BaseAccounts | null, string, string, string]> = [
  ['customersGeneric', '411000', 'Clients', 'any'],
  [null, '401000', 'Fournisseurs', 'any'],
  ['bank', '512000', 'Banque', 'any'],
  ['vatCollected', '445710', 'TVA collectée', 'any'],
  [null, '445660', 'TVA déductible sur autres biens et services', 'any'],
  [null, '601000', 'Achats de matières premières', 'FR_200'],
  [null, '606400', 'Fournitures administratives', 'FR_200'],
  [null, '626000', 'Frais postaux et de télécommunications', 'FR_200'],
  [null, '627000', 'Services bancaires et assimilés', 'exempt'],
  ['services', '706000', 'Prestations de services', 'FR_200'],
  ['goods', '707000', 'Ventes de marchandises', 'FR_200'],
  ['shipping', '708500', 'Ports et frais accessoires facturés', 'FR_200'],
];

export function seedGeneralAccounts(ctx: SeedBase): BaseAccounts {
  const found: Partial<BaseAccounts> = {};
  for (const [key, number, label, vatRate] of GENERAL_ACCOUNTS) {
    const created = iso(stampOn(ctx, addDays(ctx.originDate, ctx.rng.int(0, 3))));
    const row: LedgerAccountRecord = {
      id: ctx.store.ids.next('ledger_accounts'),
      number,
      label,
      vat_rate: vatRate,
      country_alpha2: 'any',
      enabled: true,
      created_at: created,
      updated_at: created,
    };
    ctx.store.tables.ledger_accounts.put(row);
    if (key) found[key] = row;
  }
  const { customersGeneric, services, goods, shipping, vatCollected, bank } = found;
  if (!customersGeneric || !services || !goods || !shipping || !vatCollected || !bank) {
    throw new Error('general accounts incomplete');
  }
  return { customersGeneric, services, goods, shipping, vatCollected, bank };
}

/** "Boulangerie Dupré" → "411BOULA" (unique within the company). */
export function auxiliaryNumber(store: CompanyStore, name: string, prefix = '411'): string {
  const letters = slugify(name).replace(/-/g, '').toUpperCase().slice(0, 5) || 'CLIENT';
  let candidate = `${prefix}${letters}`;
  let n = 1;
  const taken = (num: string) => store.tables.ledger_accounts.find((a) => a.number === num) !== undefined;
  while (taken(candidate)) candidate = `${prefix}${letters}${++n}`;
  return candidate;
}
