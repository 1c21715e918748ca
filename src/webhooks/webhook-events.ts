import type { ChangeNotice } from '../live/change-hub.js';
import type { RecordRef } from '../state/invalidation-bus.js';

/** The webhook events of API.md §4.8. */
export const KNOWN_EVENTS: ReadonlySet<string> = new Set(['customer_invoice.e_invoicing_status_updated', 'supplier_invoice.e_invoicing_received', 'dms_file.created']);

export interface WebhookEffects {
  /** Lists whose cached pages are dropped, by API path. */
  readonly lists: readonly string[];
  /** Records whose cached entries are dropped. */
  readonly records: readonly RecordRef[];
  /** The change subscribers are told of (16a's hub). */
  readonly notice: Omit<ChangeNotice, 'source' | 'cursor'>;
}

/**
 * What a verified webhook means for the gateway. The record is `data.id` (payload shape
 * unverified: the simulator's is `{id, type, created_at, company_id, data: {id, …}}`):
 * - `customer_invoice.e_invoicing_status_updated`: that invoice changed (its cached entry,
 *   GETs and list pages dropped), `customerInvoiceChanged` UPDATE;
 * - `supplier_invoice.e_invoicing_received`: a new supplier invoice (list pages dropped),
 *   `supplierInvoiceChanged` INSERT;
 * - `dms_file.created`: nothing the gateway caches; published as `dms_files` INSERT (`dmsFileCreated`).
 * Null for an unknown event or one without a record id: accepted, nothing to do.
 */
export function effectsOf(event: string, payload: Record<string, unknown>): WebhookEffects | null {
  const data = payload['data'];
  const raw = data && typeof data === 'object' ? (data as Record<string, unknown>)['id'] : undefined;
  const id = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? raw : null;
  if (id === null) return null;
  switch (event) {
    case 'customer_invoice.e_invoicing_status_updated':
      return {
        lists: ['/customer_invoices'],
        records: [{ resource: 'customer_invoices', path: '/customer_invoices', id }],
        notice: { resource: 'customer_invoices', operation: 'UPDATE', pennylaneId: id },
      };
    case 'supplier_invoice.e_invoicing_received':
      return {
        lists: ['/supplier_invoices'],
        records: [{ resource: 'supplier_invoices', path: '/supplier_invoices', id }],
        notice: { resource: 'supplier_invoices', operation: 'INSERT', pennylaneId: id },
      };
    case 'dms_file.created':
      return { lists: [], records: [], notice: { resource: 'dms_files', operation: 'INSERT', pennylaneId: id } };
    default:
      return null;
  }
}
