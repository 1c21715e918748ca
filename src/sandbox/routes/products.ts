/** Products (API.md §4.1): list, get, create, update; price computed from VAT. */
import { unprocessable } from '../errors.js';
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import { formatDecMin, parseDec, priceWithTax } from '../money.js';
import type { ProductRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { int, obj, str, validateBody, type Json, type Schema } from '../validate.js';
import { VAT_RATE_CODES } from '../vat-rates.js';
import { getRoute, listRoute, ok } from './helpers.js';
import { ensureUniqueReference, updateRecord } from './writes.js';
import type { ApiResponse, ResourceDef, RouteContext, RouteSpec, SerializeContext } from './types.js';

export function serializeProduct(p: ProductRecord, _ctx: SerializeContext): Record<string, unknown> {
  return {
    id: p.id,
    label: p.label,
    description: p.description,
    external_reference: p.external_reference,
    price_before_tax: p.price_before_tax,
    vat_rate: p.vat_rate,
    price: priceWithTax(p.price_before_tax, p.vat_rate),
    unit: p.unit,
    currency: p.currency,
    reference: p.reference,
    ledger_account: p.ledger_account_id === null ? null : { id: p.ledger_account_id },
    archived_at: p.archived_at,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

const filters: FilterSpec<ProductRecord> = {
  id: { type: 'id', operators: ALL, get: (p) => p.id },
  label: { type: 'string', operators: ['eq', 'in'], get: (p) => p.label },
  reference: { type: 'string', operators: ['eq', 'in'], get: (p) => p.reference },
  external_reference: { type: 'string', operators: ['eq', 'not_eq', 'in', 'not_in'], get: (p) => p.external_reference },
};

export const productsList: ListSpec<ProductRecord> = { filters };

const props: Record<string, Schema> = {
  label: str({ minLength: 1 }),
  description: str(),
  external_reference: str({ minLength: 1 }),
  price_before_tax: str({ format: 'decimal' }),
  vat_rate: str({ enum: VAT_RATE_CODES }),
  unit: str(),
  currency: str({ minLength: 3, maxLength: 3 }),
  reference: str({ nullable: true }),
  ledger_account_id: int({ nullable: true }),
};
const createSchema = obj(props, ['label', 'price_before_tax', 'vat_rate']);
const updateSchema = obj(props);

function apply(company: CompanyStore, row: ProductRecord, body: Json): void {
  for (const key of ['label', 'description', 'external_reference', 'vat_rate', 'unit', 'currency', 'reference'] as const) {
    if (key in body) (row as unknown as Json)[key] = body[key];
  }
  if (typeof body['price_before_tax'] === 'string') row.price_before_tax = formatDecMin(parseDec(body['price_before_tax']), 2);
  if ('ledger_account_id' in body) {
    const id = body['ledger_account_id'] as number | null;
    if (id !== null && !company.tables.ledger_accounts.has(id)) throw unprocessable(`Ledger account ${id} does not exist`);
    row.ledger_account_id = id;
  }
  if (typeof row.currency === 'string') row.currency = row.currency.toUpperCase();
}

function createProduct(ctx: RouteContext): ApiResponse {
  const body = validateBody(createSchema, ctx.body);
  const { company } = ctx;
  ensureUniqueReference(company.tables.products, 'product', body['external_reference'], null);
  const now = company.clock.nowIso();
  const row: ProductRecord = {
    id: company.ids.next('products'),
    label: '',
    description: '',
    external_reference: company.rng.uuid(),
    price_before_tax: '0.00',
    vat_rate: 'FR_200',
    unit: 'piece',
    currency: 'EUR',
    reference: null,
    ledger_account_id: null,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  apply(company, row, body);
  company.tables.products.put(row);
  company.recordChange('products', row, 'insert');
  return ok(serializeProduct(row, ctx), 201);
}

function updateProduct(ctx: RouteContext): ApiResponse {
  return updateRecord(ctx, {
    noun: 'product',
    table: (company) => company.tables.products,
    schema: updateSchema,
    apply,
    changelog: 'products',
    serialize: serializeProduct,
  });
}

export const productResource: ResourceDef<ProductRecord> = {
  name: 'products',
  rows: (company) => company.tables.products.all(),
  serialize: serializeProduct,
};

const scope = 'products';

export const productRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/products', scope, rows: productResource.rows, list: productsList, serialize: serializeProduct }),
  getRoute({ path: '/products/{id}', scope, find: (c, id) => c.tables.products.get(id), serialize: serializeProduct }),
  { method: 'POST', path: '/products', scope, handler: createProduct },
  { method: 'PUT', path: '/products/{id}', scope, handler: updateProduct },
];
