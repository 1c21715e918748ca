/**
 * How long a successful GET stays fresh, per Pennylane resource, in seconds. Short for
 * things people edit in the Pennylane app (invoices change status when paid), longer for
 * slow-moving reference data. `PENNYLANE_CACHE_TTLS="customers=30,products=600"` overrides.
 */
export const DEFAULT_TTL_SECONDS: Readonly<Record<string, number>> = {
  me: 300,
  // Sales
  customers: 120,
  products: 300,
  customer_invoices: 60,
  invoice_lines: 300,
  payments: 60,
  quotes: 120,
  commercial_documents: 120,
  billing_subscriptions: 300,
  customer_invoice_templates: 3_600,
  numberings: 3_600,
  mandates: 300,
  // Purchases
  suppliers: 120,
  supplier_invoices: 60,
  purchase_requests: 120,
  // Accounting: entries of closed periods do not move; journals and years almost never.
  journals: 3_600,
  ledger_accounts: 600,
  ledger_entries: 300,
  ledger_entry_lines: 120,
  trial_balance: 300,
  fiscal_years: 3_600,
  // Banking and analytics
  bank_accounts: 600,
  bank_establishments: 86_400,
  transactions: 60,
  categories: 600,
  category_groups: 600,
  // Never cached: they exist to tell what changed, or a status that moves.
  changelogs: 0,
  exports: 0,
  default: 60,
};

export function parseTtlOverrides(text: string): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)\s*=\s*(\d+)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not of the form resource=seconds`);
    overrides[match[1]!] = Number(match[2]);
  }
  return overrides;
}

export function ttlResolver(overrides: Readonly<Record<string, number>>): (resource: string) => number {
  return (resource) =>
    overrides[resource] ?? DEFAULT_TTL_SECONDS[resource] ?? overrides.default ?? DEFAULT_TTL_SECONDS.default ?? 60;
}
