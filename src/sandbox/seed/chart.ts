/** The rest of the chart of accounts (PCG), the journals and the fiscal years. */
import type { FiscalYearRecord, JournalRecord, JournalType } from '../records-accounting.js';
import type { LedgerAccountRecord } from '../records.js';
import { addDays } from '../time.js';
import type { Journals } from './books-context.js';
import { iso, stampOn, type SeedContext } from './context.js';

/** Accounts added to the general ones of seed/company.ts (number, label, VAT code). */
const MORE_ACCOUNTS: ReadonlyArray<readonly [string, string, string]> = [
  ['101300', 'Capital souscrit - appelé, versé', 'any'],
  ['110000', 'Report à nouveau (solde créditeur)', 'any'],
  ['455000', 'Associés - Comptes courants', 'any'],
  ['512100', 'Banque - Livret entreprise', 'any'],
  ['580000', 'Virements internes', 'any'],
  ['604000', "Achats d'études et prestations de services", 'FR_200'],
  ['606100', 'Fournitures non stockables (eau, énergie)', 'FR_200'],
  ['607000', 'Achats de marchandises', 'FR_200'],
  ['613200', 'Locations immobilières', 'FR_200'],
  ['615000', 'Entretien et réparations', 'FR_200'],
  ['616000', "Primes d'assurances", 'exempt'],
  ['622600', 'Honoraires', 'FR_200'],
  ['623000', 'Publicité, publications, relations publiques', 'FR_200'],
  ['625100', 'Voyages et déplacements', 'FR_100'],
  ['651000', 'Redevances pour concessions, brevets, licences, logiciels', 'FR_200'],
  ['768000', 'Autres produits financiers', 'any'],
];

export function seedMoreAccounts(ctx: SeedContext): void {
  for (const [number, label, vatRate] of MORE_ACCOUNTS) {
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
  }
  // One disabled legacy account, so that `enabled eq false` finds something.
  const created = iso(stampOn(ctx, ctx.originDate));
  ctx.store.tables.ledger_accounts.put({
    id: ctx.store.ids.next('ledger_accounts'),
    number: '606300',
    label: "Fournitures d'entretien et de petit équipement",
    vat_rate: 'FR_200',
    country_alpha2: 'any',
    enabled: false,
    created_at: created,
    updated_at: created,
  });
}

const JOURNALS: ReadonlyArray<readonly [keyof Journals, string, JournalType]> = [
  ['VT', 'Ventes', 'sales'],
  ['HA', 'Achats', 'purchases'],
  ['BQ1', 'Banque BNP Paribas', 'bank'],
  ['BQ2', 'Banque Populaire - Livret', 'bank'],
  ['OD', 'Opérations diverses', 'miscellaneous'],
  ['AN', 'À-nouveaux', 'opening'],
];

export function seedJournals(ctx: SeedContext): Journals {
  const out: Partial<Journals> = {};
  for (const [code, label, type] of JOURNALS) {
    const row: JournalRecord = { id: ctx.store.ids.next('journals'), code, label, type };
    ctx.store.tables.journals.put(row);
    out[code] = row;
  }
  const { VT, HA, BQ1, BQ2, OD, AN } = out;
  if (!VT || !HA || !BQ1 || !BQ2 || !OD || !AN) throw new Error('journals incomplete');
  return { VT, HA, BQ1, BQ2, OD, AN };
}

/**
 * Calendar fiscal years from the year of `firstDate` to the current one:
 * past years closed, the current one open. Returns the first year's start.
 */
export function seedFiscalYears(ctx: SeedContext, firstDate: string): string {
  const first = Number(firstDate.slice(0, 4));
  const current = Number(ctx.today.slice(0, 4));
  for (let year = first; year <= current; year++) {
    const start = `${year}-01-01`;
    const finish = `${year}-12-31`;
    const createdAt = iso(stampOn(ctx, year === first ? ctx.originDate : addDays(start, -ctx.rng.int(5, 20))));
    const closedAt = year < current ? iso(stampOn(ctx, `${year + 1}-0${ctx.rng.int(3, 5)}-${String(ctx.rng.int(10, 28))}`)) : createdAt;
    const row: FiscalYearRecord = {
      id: ctx.store.ids.next('fiscal_years'),
      start,
      finish,
      status: year < current ? 'closed' : 'open',
      created_at: createdAt,
      updated_at: closedAt > createdAt ? closedAt : createdAt,
    };
    ctx.store.tables.fiscal_years.put(row);
  }
  return `${first}-01-01`;
}
