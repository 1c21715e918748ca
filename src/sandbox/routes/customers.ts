/** Customers (API.md §4.1): both kinds on /customers, kind-specific write paths. */
import { ALL, type FilterSpec } from '../filter.js';
import type { ListSpec } from '../list-engine.js';
import type { CustomerRecord, CustomerType } from '../records.js';
import type { CompanyStore } from '../store.js';
import { createCustomer, updateCustomer } from './customer-writes.js';
import { getRoute, listRoute } from './helpers.js';
import { serializeCustomer } from './customer-serializer.js';
import type { ResourceDef, RouteSpec } from './types.js';

const filters: FilterSpec<CustomerRecord> = {
  id: { type: 'id', operators: ALL, get: (c) => c.id },
  customer_type: { type: { enum: ['company', 'individual'] }, operators: ['eq', 'not_eq'], get: (c) => c.customer_type },
  ledger_account_id: { type: 'id', operators: ['eq', 'not_eq'], get: (c) => c.ledger_account_id },
  name: { type: 'string', operators: ['start_with'], get: (c) => c.name },
  external_reference: {
    type: 'string',
    operators: ['start_with', 'eq', 'not_eq', 'in', 'not_in'],
    get: (c) => c.external_reference,
  },
  reg_no: { type: 'string', operators: ['eq', 'not_eq', 'in', 'not_in'], get: (c) => c.reg_no },
};

export const customersList: ListSpec<CustomerRecord> = { filters };

function findOfKind(kind: CustomerType | null) {
  return (company: CompanyStore, id: number): CustomerRecord | undefined => {
    const row = company.tables.customers.get(id);
    return row && (kind === null || row.customer_type === kind) ? row : undefined;
  };
}

export const customerResource: ResourceDef<CustomerRecord> = {
  name: 'customers',
  rows: (company) => company.tables.customers.all(),
  serialize: serializeCustomer,
};

const scope = 'customers';

export const customerRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/customers', scope, rows: customerResource.rows, list: customersList, serialize: serializeCustomer }),
  getRoute({ path: '/customers/{id}', scope, find: findOfKind(null), serialize: serializeCustomer }),
  getRoute({ path: '/company_customers/{id}', scope, find: findOfKind('company'), serialize: serializeCustomer }),
  getRoute({ path: '/individual_customers/{id}', scope, find: findOfKind('individual'), serialize: serializeCustomer }),
  { method: 'POST', path: '/company_customers', scope, handler: (ctx) => createCustomer(ctx, 'company') },
  { method: 'POST', path: '/individual_customers', scope, handler: (ctx) => createCustomer(ctx, 'individual') },
  { method: 'PUT', path: '/company_customers/{id}', scope, handler: (ctx) => updateCustomer(ctx, 'company') },
  { method: 'PUT', path: '/individual_customers/{id}', scope, handler: (ctx) => updateCustomer(ctx, 'individual') },
];
