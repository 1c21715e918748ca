/**
 * Rate-limit families (API.md §2.2): the old "sales & purchases" and
 * "accounting" groups. A changelog path belongs to its resource's family.
 * Everything else (mandates, transactions, bank_*, file_attachments, webhooks,
 * pa_registrations, me) belongs to no family.
 */
export type Family = 'sales_purchases' | 'accounting';
export const FAMILIES: readonly Family[] = ['sales_purchases', 'accounting'];

const SALES_PURCHASES = new Set([
  'customer_invoices', 'quotes', 'estimates', 'billing_subscriptions', 'customers', 'company_customers',
  'individual_customers', 'products', 'plan_items', 'supplier_invoices', 'suppliers', 'commercial_documents',
  'customer_invoice_templates', 'numberings', 'purchase_requests',
]);

const ACCOUNTING = new Set([
  'journals', 'ledger_accounts', 'ledger_entries', 'ledger_entry_lines', 'ledger_attachments', 'trial_balance',
  'fiscal_years', 'exports', 'categories', 'category_groups',
  // changelog names of ledger resources
  'ledger_entries_categories', 'ledger_entry_lines_categories',
]);

/** Family of an API path (without the /api/external/v2 prefix). */
export function familyOf(path: string): Family | null {
  const parts = path.split('/').filter((s) => s.length > 0);
  const head = parts[0] === 'changelogs' ? parts[1] : parts[0];
  if (head === undefined) return null;
  if (SALES_PURCHASES.has(head)) return 'sales_purchases';
  if (ACCOUNTING.has(head)) return 'accounting';
  return null;
}
