/**
 * Journals and ledger accounts (API.md §4.3, §5 rules 13–14). Journal `code`:
 * 2–5 letters (422), duplicate → 409. Account `number`: PCG digits (class 1–7),
 * 401/411 auxiliaries may hold letters (422 otherwise), duplicate → 409; a new
 * 401… auxiliary also creates a supplier, a 411… one a company customer.
 */
import { conflict, unprocessable } from '../errors.js';
import type { JournalRecord } from '../records-accounting.js';
import type { CustomerRecord, LedgerAccountRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { VAT_RATE_CODES } from '../vat-rates.js';
import { bool, obj, str, validateBody } from '../validate.js';
import { serializeJournal, serializeLedgerAccount } from './accounting.js';
import { ok } from './helpers.js';
import { newSupplier } from './supplier-writes.js';
import { pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const journalSchema = obj({ code: str(), label: str({ minLength: 1 }) }, ['code', 'label']);
const accountProps = {
  number: str(),
  label: str({ minLength: 1 }),
  vat_rate: str({ enum: [...VAT_RATE_CODES, 'any', 'mixed'] }),
  country_alpha2: str({ pattern: /^([A-Z]{2}|any)$/ }),
  enabled: bool(),
};
const accountCreate = obj({ number: accountProps.number, label: accountProps.label, vat_rate: accountProps.vat_rate, country_alpha2: accountProps.country_alpha2 }, ['number', 'label']);
const accountUpdate = obj({ label: accountProps.label, vat_rate: accountProps.vat_rate, country_alpha2: accountProps.country_alpha2, enabled: accountProps.enabled });

function createJournal(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(journalSchema, ctx.body);
  const code = (body['code'] as string).toUpperCase();
  if (!/^[A-Z]{2,5}$/.test(code)) throw unprocessable(`Journal code must be 2 to 5 letters (got "${body['code'] as string}")`);
  if (company.tables.journals.find((j) => j.code.toUpperCase() === code)) throw conflict(`A journal with code "${code}" already exists`);
  const row: JournalRecord = { id: company.ids.next('journals'), code, label: body['label'] as string, type: 'miscellaneous' };
  company.tables.journals.put(row);
  return ok(serializeJournal(row, ctx), 201);
}

/** 401… / 411… numbers other than the general 401000 / 411000 are auxiliary (third-party) accounts. */
export function auxiliaryKind(number: string): 'supplier' | 'customer' | null {
  if (/^401/.test(number) && !/^4010*$/.test(number)) return 'supplier';
  if (/^411/.test(number) && !/^4110*$/.test(number)) return 'customer';
  return null;
}

function checkNumber(number: string): void {
  if (/^[1-7]\d{2,11}$/.test(number)) return;
  if (/^(401|411)[A-Z0-9]{1,17}$/.test(number)) return;
  throw unprocessable(`Ledger account number "${number}" is invalid: digits of a PCG class 1 to 7 (3 to 12 digits), or a 401/411 auxiliary number (letters and digits)`);
}

function thirdParty(company: CompanyStore, account: LedgerAccountRecord, now: string): void {
  const kind = auxiliaryKind(account.number);
  const country = account.country_alpha2 === 'any' ? 'FR' : account.country_alpha2;
  if (kind === 'supplier') {
    const supplier = newSupplier(company, account.label, now);
    supplier.ledger_account_id = account.id;
    supplier.postal_address.country_alpha2 = country;
    company.tables.suppliers.put(supplier);
    company.recordChange('suppliers', supplier, 'insert');
  } else if (kind === 'customer') {
    const address = { address: '', postal_code: '', city: '', country_alpha2: country };
    const customer: CustomerRecord = {
      id: company.ids.next('customers'), customer_type: 'company', name: account.label, first_name: null, last_name: null, vat_number: '', reg_no: '',
      billing_iban: null, payment_conditions: '30_days', recipient: '', phone: '', reference: null, notes: null, ledger_account_id: account.id, emails: [],
      billing_address: address, delivery_address: { ...address }, external_reference: company.rng.uuid(), billing_language: 'fr_FR', categories: [],
      created_at: now, updated_at: now,
    };
    company.tables.customers.put(customer);
    company.recordChange('customers', customer, 'insert');
  }
}

function createAccount(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(accountCreate, ctx.body);
  const number = (body['number'] as string).trim().toUpperCase();
  checkNumber(number);
  if (company.tables.ledger_accounts.find((a) => a.number === number)) throw conflict(`A ledger account with number "${number}" already exists`);
  const now = company.clock.nowIso();
  const row: LedgerAccountRecord = {
    id: company.ids.next('ledger_accounts'), number, label: body['label'] as string, vat_rate: (body['vat_rate'] as string | undefined) ?? 'any',
    country_alpha2: (body['country_alpha2'] as string | undefined) ?? 'any', enabled: true, created_at: now, updated_at: now,
  };
  company.tables.ledger_accounts.put(row);
  thirdParty(company, row, now);
  return ok(serializeLedgerAccount(row, ctx), 201);
}

function updateAccount(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.ledger_accounts);
  const body = validateBody(accountUpdate, ctx.body);
  const row = { ...current };
  if (typeof body['label'] === 'string') row.label = body['label'];
  if (typeof body['vat_rate'] === 'string') row.vat_rate = body['vat_rate'];
  if (typeof body['country_alpha2'] === 'string') row.country_alpha2 = body['country_alpha2'];
  if (typeof body['enabled'] === 'boolean') row.enabled = body['enabled'];
  row.updated_at = company.clock.after(current.updated_at);
  company.tables.ledger_accounts.put(row);
  return ok(serializeLedgerAccount(row, ctx));
}

export const accountingWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/journals', scope: 'journals', handler: createJournal },
  { method: 'POST', path: '/ledger_accounts', scope: 'ledger_accounts', handler: createAccount },
  { method: 'PUT', path: '/ledger_accounts/{id}', scope: 'ledger_accounts', handler: updateAccount },
];
