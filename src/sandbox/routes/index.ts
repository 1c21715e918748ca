/** Every route and snapshot-able resource of the simulator. Add a resource here. */
import type { LedgerAccountRecord } from '../records.js';
import { customerInvoiceResource, customerInvoiceRoutes } from './customer-invoices.js';
import { customerResource, customerRoutes } from './customers.js';
import { meRoutes } from './me.js';
import { productResource, productRoutes } from './products.js';
import type { ResourceDef, RouteSpec } from './types.js';

export const ROUTES: readonly RouteSpec[] = [...meRoutes, ...customerRoutes, ...productRoutes, ...customerInvoiceRoutes];

/** Ledger accounts have no routes yet; the shape follows API.md §4.3. */
const ledgerAccountResource: ResourceDef<LedgerAccountRecord> = {
  name: 'ledger_accounts',
  rows: (company) => company.tables.ledger_accounts.all(),
  serialize: (a) => ({ id: a.id, number: a.number, label: a.label, vat_rate: a.vat_rate, country_alpha2: a.country_alpha2, enabled: a.enabled }),
};

/** Type-erased so resources of different record types share one registry. */
function erase<R>(def: ResourceDef<R>): ResourceDef<unknown> {
  return { name: def.name, rows: def.rows, serialize: (row, ctx) => def.serialize(row as R, ctx) };
}

export const RESOURCES: Readonly<Record<string, ResourceDef<unknown>>> = Object.fromEntries(
  [erase(customerResource), erase(productResource), erase(customerInvoiceResource), erase(ledgerAccountResource)].map((r) => [r.name, r]),
);
