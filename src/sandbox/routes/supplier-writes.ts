/**
 * POST/PUT suppliers (API.md §4.2): `name` required, 409 on a duplicate
 * `external_reference`, a new 401 auxiliary account when none is given.
 */
import { unprocessable } from '../errors.js';
import { SUPPLIER_PAYMENT_METHODS, type SupplierRecord } from '../records-purchases.js';
import type { Address } from '../records.js';
import { auxiliaryNumber } from '../seed/company.js';
import { isValidIban } from '../seed/identity.js';
import type { CompanyStore } from '../store.js';
import { arr, int, obj, str, validateBody, type Json, type Schema } from '../validate.js';
import { ok } from './helpers.js';
import { serializeSupplier } from './suppliers.js';
import { ensureUniqueReference, updateRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const address = obj({ address: str(), postal_code: str(), city: str(), country_alpha2: str({ minLength: 2, maxLength: 2 }) }, ['address', 'postal_code', 'city', 'country_alpha2']);

const props: Record<string, Schema> = {
  name: str({ minLength: 1 }),
  establishment_no: str({ nullable: true, pattern: /^\d{14}$/ }),
  vat_number: str(),
  ledger_account: obj({ id: int() }, ['id'], { nullable: true }),
  emails: arr(str({ format: 'email' })),
  iban: str(),
  postal_address: address,
  supplier_payment_method: str({ enum: SUPPLIER_PAYMENT_METHODS, nullable: true }),
  supplier_due_date_delay: int({ minimum: 0, nullable: true }),
  supplier_due_date_rule: str({ enum: ['days', 'days_or_end_of_month'], nullable: true }),
  external_reference: str({ minLength: 1 }),
};
const createSchema = obj(props, ['name']);
const updateSchema = obj(props);

const COPIED = ['name', 'establishment_no', 'vat_number', 'iban', 'supplier_payment_method', 'supplier_due_date_delay', 'supplier_due_date_rule', 'external_reference'] as const;

function apply(company: CompanyStore, row: SupplierRecord, body: Json): void {
  if (typeof body['iban'] === 'string' && body['iban'] !== '' && !isValidIban(body['iban'])) throw unprocessable(`IBAN "${body['iban']}" is invalid`);
  for (const key of COPIED) if (key in body) (row as unknown as Json)[key] = body[key];
  if ('emails' in body) row.emails = [...(body['emails'] as string[])];
  if ('postal_address' in body) row.postal_address = { ...(body['postal_address'] as Address) };
  if ('ledger_account' in body) {
    const value = body['ledger_account'] as { id: number } | null;
    if (value === null) row.ledger_account_id = null;
    else {
      const account = company.tables.ledger_accounts.get(value.id);
      if (!account) throw unprocessable(`Ledger account ${value.id} does not exist`);
      if (!account.number.startsWith('401')) throw unprocessable(`Ledger account ${account.number} is not a supplier account (401…)`);
      row.ledger_account_id = account.id;
    }
  }
}

/** A new `401…` auxiliary account for a supplier (like Pennylane does). */
export function createSupplierAccount(company: CompanyStore, name: string, country: string, now: string): number {
  const id = company.ids.next('ledger_accounts');
  company.tables.ledger_accounts.put({
    id, number: auxiliaryNumber(company, name, '401'), label: `Fournisseur - ${name}`, vat_rate: 'any', country_alpha2: country,
    enabled: true, created_at: now, updated_at: now,
  });
  return id;
}

/** A supplier record with API defaults (used by POST /suppliers and POST /ledger_accounts 401…). */
export function newSupplier(company: CompanyStore, name: string, now: string): SupplierRecord {
  return {
    id: company.ids.next('suppliers'), name, establishment_no: null, vat_number: '', ledger_account_id: null, emails: [], iban: '',
    postal_address: { address: '', postal_code: '', city: '', country_alpha2: 'FR' }, supplier_payment_method: null,
    supplier_due_date_delay: null, supplier_due_date_rule: null, external_reference: company.rng.uuid(), categories: [],
    created_at: now, updated_at: now,
  };
}

function createSupplier(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createSchema, ctx.body);
  ensureUniqueReference(company.tables.suppliers, 'supplier', body['external_reference'], null);
  const now = company.clock.nowIso();
  const row = newSupplier(company, body['name'] as string, now);
  apply(company, row, body);
  if (!('ledger_account' in body)) row.ledger_account_id = createSupplierAccount(company, row.name, row.postal_address.country_alpha2, now);
  company.tables.suppliers.put(row);
  company.recordChange('suppliers', row, 'insert');
  return ok(serializeSupplier(row, ctx), 201);
}

function updateSupplier(ctx: RouteContext): ApiResponse {
  return updateRecord(ctx, {
    noun: 'supplier', table: (c) => c.tables.suppliers, schema: updateSchema, apply, changelog: 'suppliers', serialize: serializeSupplier,
  });
}

export const supplierWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/suppliers', scope: 'suppliers', handler: createSupplier },
  { method: 'PUT', path: '/suppliers/{id}', scope: 'suppliers', handler: updateSupplier },
];
