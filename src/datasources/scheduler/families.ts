import type { ApiFamily } from './rate-limits.js';

/**
 * Which published per-API limit a path spends (API.md §2.2, the old scope families).
 * Paths outside both families (me, banking, file attachments...) only spend the token bucket.
 */
const SALES_PURCHASES = new Set([
  'customer_invoices',
  'customer_invoice_templates',
  'quotes',
  'commercial_documents',
  'billing_subscriptions',
  'customers',
  'company_customers',
  'individual_customers',
  'products',
  'supplier_invoices',
  'suppliers',
  'purchase_requests',
  'numberings',
]);

const ACCOUNTING = new Set([
  'journals',
  'ledger_accounts',
  'ledger_entries',
  'ledger_entry_lines',
  'ledger_attachments',
  'trial_balance',
  'fiscal_years',
  'exports',
  'categories',
  'category_groups',
]);

/** `path` is relative to the API base, e.g. `/customers/12` or `/changelogs/customers`. */
export function apiFamilyOf(path: string): ApiFamily | null {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const resource = segments[0] === 'changelogs' ? segments[1] : segments[0];
  if (resource === undefined) return null;
  if (SALES_PURCHASES.has(resource)) return 'sales_purchases';
  if (ACCOUNTING.has(resource)) return 'accounting';
  return null;
}
