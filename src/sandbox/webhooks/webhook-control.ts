/** `control.webhooks`: make the webhook events happen, see what was delivered, read a secret (tests sign their own forgeries with it). */
import { ControlError } from '../control-error.js';
import { ApiError } from '../errors.js';
import type { SimulatorState } from '../state.js';
import type { CompanyStore } from '../store.js';
import { DEMO_COMPANY } from '../tokens.js';
import { createDmsFile, receiveSupplierEInvoice, updateEInvoicingStatus } from './events.js';
import type { WebhookDelivery } from './sender.js';

export type { WebhookDelivery } from './sender.js';

export interface WebhookEventResult {
  /** The record the event is about (customer invoice, supplier invoice or DMS file). */
  readonly id: number;
  /** One per enabled subscription listening to the event (sent in the background). */
  readonly deliveries: WebhookDelivery[];
}

export class WebhookControl {
  constructor(private readonly state: SimulatorState) {}

  /** A customer invoice's e-invoicing status changes: `customer_invoice.e_invoicing_status_updated`. */
  eInvoicingStatusUpdated(invoiceId: number, status: string, company: string = DEMO_COMPANY): WebhookEventResult {
    return this.emit(company, 'customer_invoice.e_invoicing_status_updated', (store) => updateEInvoicingStatus(store, invoiceId, status));
  }

  /** A supplier e-invoice arrives (a new supplier invoice): `supplier_invoice.e_invoicing_received`. */
  supplierEInvoiceReceived(options: { supplierId?: number; company?: string } = {}): WebhookEventResult {
    return this.emit(options.company ?? DEMO_COMPANY, 'supplier_invoice.e_invoicing_received', (store) => receiveSupplierEInvoice(store, options.supplierId));
  }

  /** A file lands in the DMS: `dms_file.created`. */
  dmsFileCreated(filename: string, company: string = DEMO_COMPANY): WebhookEventResult {
    return this.emit(company, 'dms_file.created', (store) => createDmsFile(store, filename));
  }

  /** Every delivery (of one company) since the last reset, in sending order. */
  deliveries(company?: string): WebhookDelivery[] {
    return this.state.webhooks.deliveries(company);
  }

  /** Resolves once every delivery got its 2xx or ran out of tries. */
  idle(): Promise<void> {
    return this.state.webhooks.idle();
  }

  /** The signing secret of a subscription (the API only answers it once, at creation). */
  secret(subscriptionId: number, company: string = DEMO_COMPANY): string {
    const row = this.company(company).tables.webhook_subscriptions.get(subscriptionId);
    if (!row) throw new ControlError(404, `unknown webhook subscription ${subscriptionId}`);
    return row.secret;
  }

  private emit(company: string, event: WebhookDelivery['event'], change: (store: CompanyStore) => Record<string, unknown>): WebhookEventResult {
    const store = this.company(company);
    let data: Record<string, unknown>;
    try {
      data = change(store);
    } catch (error) {
      if (error instanceof ApiError) throw new ControlError(error.status, String((error.body as { error?: unknown }).error ?? error.message));
      throw error;
    }
    return { id: data['id'] as number, deliveries: this.state.webhooks.send(store, event, data) };
  }

  private company(key: string): CompanyStore {
    const store = this.state.companies.get(key);
    if (!store) throw new ControlError(404, `unknown company "${key}"`);
    return store;
  }
}

type Json = Record<string, unknown>;

/**
 * `/__sandbox/webhooks/*`: `POST e-invoicing-status {invoiceId, status}`, `POST supplier-e-invoice
 * {supplierId?}`, `POST dms-file {filename}` (each `company?`), `GET deliveries[?company=]`,
 * `GET secret?id=&company=`.
 */
export async function webhookControlHttp(state: SimulatorState, method: string, sub: string | undefined, q: URLSearchParams, body: () => Promise<Json>): Promise<[number, unknown?]> {
  const control = new WebhookControl(state);
  const companyOf = (b: Json) => (typeof b['company'] === 'string' ? b['company'] : undefined);
  switch (`${method} ${sub ?? ''}`) {
    case 'POST e-invoicing-status': {
      const b = await body();
      return [201, control.eInvoicingStatusUpdated(Number(b['invoiceId']), String(b['status'] ?? ''), companyOf(b))];
    }
    case 'POST supplier-e-invoice': {
      const b = await body();
      const company = companyOf(b);
      return [201, control.supplierEInvoiceReceived({ ...(typeof b['supplierId'] === 'number' ? { supplierId: b['supplierId'] } : {}), ...(company ? { company } : {}) })];
    }
    case 'POST dms-file': {
      const b = await body();
      return [201, control.dmsFileCreated(String(b['filename'] ?? ''), companyOf(b))];
    }
    case 'GET deliveries':
      return [200, control.deliveries(q.get('company') ?? undefined)];
    case 'GET secret':
      return [200, { secret: control.secret(Number(q.get('id')), q.get('company') ?? undefined) }];
    default:
      throw new ControlError(404, `unknown control endpoint ${method} /__sandbox/webhooks/${sub ?? ''}`);
  }
}
