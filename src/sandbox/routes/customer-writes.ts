/** POST/PUT company_customers and individual_customers. */
import { unprocessable } from '../errors.js';
import { BILLING_LANGUAGES, PAYMENT_CONDITIONS, type Address, type CustomerRecord, type CustomerType } from '../records.js';
import { auxiliaryNumber } from '../seed/company.js';
import { isValidIban } from '../seed/identity.js';
import type { CompanyStore } from '../store.js';
import { arr, int, obj, str, validateBody, type Json, type Schema } from '../validate.js';
import { serializeCustomer } from './customer-serializer.js';
import { ok } from './helpers.js';
import { ensureUniqueReference, updateRecord } from './writes.js';
import type { ApiResponse, RouteContext } from './types.js';

const ADDRESS_KEYS = ['address', 'postal_code', 'city', 'country_alpha2'];
const address = obj({ address: str(), postal_code: str(), city: str(), country_alpha2: str({ minLength: 2, maxLength: 2 }) }, ADDRESS_KEYS);

const common: Record<string, Schema> = {
  billing_iban: str({ nullable: true }),
  payment_conditions: str({ enum: PAYMENT_CONDITIONS }),
  recipient: str(),
  phone: str(),
  reference: str({ nullable: true }),
  notes: str({ nullable: true }),
  ledger_account: obj({ id: int() }, ['id'], { nullable: true }),
  emails: arr(str({ format: 'email' })),
  billing_address: address,
  delivery_address: address,
  external_reference: str({ minLength: 1 }),
  billing_language: str({ enum: BILLING_LANGUAGES }),
};

const companyProps: Record<string, Schema> = { name: str({ minLength: 1 }), vat_number: str(), reg_no: str(), ...common };
const individualProps: Record<string, Schema> = { first_name: str({ minLength: 1 }), last_name: str({ minLength: 1 }), ...common };

const SCHEMAS = {
  create: {
    company: obj(companyProps, ['name', 'billing_address']),
    individual: obj(individualProps, ['first_name', 'last_name', 'billing_address']),
  },
  update: { company: obj(companyProps), individual: obj(individualProps) },
} as const;

function resolveLedgerAccount(company: CompanyStore, value: unknown): number | null {
  if (value === null) return null;
  const id = (value as { id: number }).id;
  const account = company.tables.ledger_accounts.get(id);
  if (!account) throw unprocessable(`Ledger account ${id} does not exist`);
  if (!account.number.startsWith('411')) throw unprocessable(`Ledger account ${account.number} is not a customer account (411…)`);
  return account.id;
}

function checkIban(value: unknown): void {
  if (typeof value === 'string' && value !== '' && !isValidIban(value)) throw unprocessable(`Billing iban "${value}" is invalid`);
}

/** Copy validated body fields onto a record (shared by create and update). */
function apply(company: CompanyStore, row: CustomerRecord, body: Json): void {
  const b = body as Partial<Record<keyof CustomerRecord, unknown>> & Json;
  if ('billing_iban' in b) checkIban(b.billing_iban);
  for (const key of ['name', 'vat_number', 'reg_no', 'first_name', 'last_name', 'billing_iban', 'payment_conditions', 'recipient', 'phone', 'reference', 'notes', 'external_reference', 'billing_language'] as const) {
    if (key in b) (row as unknown as Json)[key] = b[key];
  }
  if ('emails' in b) row.emails = [...(b.emails as string[])];
  if ('billing_address' in b) row.billing_address = { ...(b.billing_address as Address) };
  if ('delivery_address' in b) row.delivery_address = { ...(b.delivery_address as Address) };
  if ('ledger_account' in b) row.ledger_account_id = resolveLedgerAccount(company, b['ledger_account']);
  if (row.customer_type === 'individual') row.name = `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim();
}

export function createCustomer(ctx: RouteContext, kind: CustomerType): ApiResponse {
  const body = validateBody(SCHEMAS.create[kind], ctx.body);
  const { company } = ctx;
  ensureUniqueReference(company.tables.customers, 'customer', body['external_reference'], null);
  const now = company.clock.nowIso();
  const billing = { ...(body['billing_address'] as Address) };
  const row: CustomerRecord = {
    id: company.ids.next('customers'),
    customer_type: kind,
    name: '',
    first_name: null,
    last_name: null,
    vat_number: kind === 'company' ? '' : null,
    reg_no: kind === 'company' ? '' : null,
    billing_iban: null,
    payment_conditions: '30_days',
    recipient: '',
    phone: '',
    reference: null,
    notes: null,
    ledger_account_id: null,
    emails: [],
    billing_address: billing,
    delivery_address: { ...billing },
    external_reference: company.rng.uuid(),
    billing_language: 'fr_FR',
    categories: [],
    created_at: now,
    updated_at: now,
  };
  apply(company, row, body);
  if (!('ledger_account' in body)) row.ledger_account_id = createAuxiliaryAccount(company, row.name, billing.country_alpha2, now);
  company.tables.customers.put(row);
  company.recordChange('customers', row, 'insert');
  return ok(serializeCustomer(row, ctx), 201);
}

function createAuxiliaryAccount(company: CompanyStore, name: string, country: string, now: string): number {
  const id = company.ids.next('ledger_accounts');
  company.tables.ledger_accounts.put({
    id,
    number: auxiliaryNumber(company, name),
    label: `Client - ${name}`,
    vat_rate: 'any',
    country_alpha2: country,
    enabled: true,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export function updateCustomer(ctx: RouteContext, kind: CustomerType): ApiResponse {
  return updateRecord(ctx, {
    noun: 'customer',
    table: (company) => company.tables.customers,
    accepts: (row) => row.customer_type === kind,
    schema: SCHEMAS.update[kind],
    apply,
    changelog: 'customers',
    serialize: serializeCustomer,
  });
}
