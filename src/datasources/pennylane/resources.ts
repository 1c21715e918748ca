/**
 * How each Pennylane resource can be read in bulk (API.md §3.3 and §7). The loaders pick
 * the cheapest way from here: an `id in` filter, the whole (small) list, or one
 * `GET /{resource}/{id}` per record where Pennylane offers nothing better.
 */

/** Lists that accept `filter=[{"field":"id","operator":"in",...}]`: batched lookups. */
export const ID_FILTERED = {
  customers: '/customers',
  suppliers: '/suppliers',
  products: '/products',
  customer_invoices: '/customer_invoices',
  supplier_invoices: '/supplier_invoices',
  quotes: '/quotes',
  billing_subscriptions: '/billing_subscriptions',
  purchase_requests: '/purchase_requests',
  categories: '/categories',
  ledger_accounts: '/ledger_accounts',
  ledger_entries: '/ledger_entries',
  ledger_entry_lines: '/ledger_entry_lines',
  transactions: '/transactions',
  bank_establishments: '/bank_establishments',
} as const;
export type IdFilteredResource = keyof typeof ID_FILTERED;

/** Small lists without an id filter: read whole once, then served from the cache. */
export const WHOLE_LISTS = {
  journals: '/journals',
  bank_accounts: '/bank_accounts',
  category_groups: '/category_groups',
  fiscal_years: '/fiscal_years',
  customer_invoice_templates: '/customer_invoice_templates',
  numberings: '/numberings',
  pa_registrations: '/pa_registrations',
  webhook_subscriptions: '/webhook_subscriptions',
} as const;
export type WholeListResource = keyof typeof WHOLE_LISTS;

/** No id filter and possibly large: one `GET /{path}/{id}` per record (parallel, cached). */
export const SINGLE_GETS = {
  commercial_documents: '/commercial_documents',
  sepa_mandates: '/sepa_mandates',
  gocardless_mandates: '/gocardless_mandates',
  webhook_subscriptions: '/webhook_subscriptions',
} as const;
export type SingleGetResource = keyof typeof SINGLE_GETS;
