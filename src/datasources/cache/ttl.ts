/**
 * How long a successful GET stays fresh, per Pennylane resource, in seconds. Short for
 * things people edit in the Pennylane app (invoices change status when paid), longer for
 * slow-moving reference data. `PENNYLANE_CACHE_TTLS="customers=30,products=600"` overrides.
 */
export const DEFAULT_TTL_SECONDS: Readonly<Record<string, number>> = {
  me: 300,
  customers: 120,
  products: 300,
  customer_invoices: 60,
  invoice_lines: 300,
  payments: 60,
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
