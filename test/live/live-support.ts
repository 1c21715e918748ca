import type { Harness } from '../support/harness.js';

type Json = Record<string, unknown>;

/** Subscriptions tests poll every second, without the cache (its own polling would blur the counts). */
export const LIVE_ENV = { PENNYLANE_CHANGE_POLL_SECONDS: '1', PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_CHANGE_POLL_MAX_SHARE: '100' };

export const INVOICE_CHANGED = `subscription($filter: CustomerInvoiceChangedFilter, $after: String) {
  customerInvoiceChanged(filter: $filter, after: $after) {
    operation cursor pennylaneId source processedAt
    customerInvoice { pennylaneId invoiceNumber status remainingAmountWithTax customer { name } }
  }
}`;

export interface InvoiceChanged {
  customerInvoiceChanged: {
    operation: 'INSERT' | 'UPDATE' | 'DELETE';
    cursor: string;
    pennylaneId: string;
    source: string;
    processedAt: string | null;
    customerInvoice: { pennylaneId: string; invoiceNumber: string | null; status: string; remainingAmountWithTax: string | null; customer: { name: string } | null } | null;
  };
}

export type Invoice = { id: number; status: string; draft: boolean; customer: { id: number } | null; label: string | null };

export const invoices = (h: Pick<Harness, 'sim'>) => h.sim.control.snapshot('customer_invoices') as Invoice[];

/** A call straight at the simulator, as another Pennylane client would make it. */
export async function direct(h: Pick<Harness, 'sim'>, method: string, path: string, body?: Json, token = h.sim.demoToken): Promise<Response> {
  const response = await fetch(`${h.sim.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

export const invoiceBody = (customerId: number, label: string) => ({
  customer_id: customerId,
  date: '2026-11-10',
  deadline: '2026-12-10',
  label,
  draft: true,
  invoice_lines: [{ label: 'Audit', raw_currency_unit_price: '100.00', unit: 'jour', vat_rate: 'FR_200', quantity: '1' }],
});

export const changelogCalls = (h: Pick<Harness, 'sim'>, feed: string) => h.sim.control.count({ route: `GET /changelogs/${feed}` });

/** The gateway's gauge of open change subscriptions, as /metrics reports it. */
export async function liveSubscriptions(h: Pick<Harness, 'gateway'>): Promise<number> {
  const text = await (await h.gateway.yoga.fetch('http://gateway.test/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith('pennylane_live_subscriptions '));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}
