/**
 * The events Pennylane sends webhooks for (API.md §4.8), as they happen in a company; the
 * simulator's control API makes them happen (nothing in the public API does). Each changes
 * the books like Pennylane would (a change event where the resource has a changelog) and
 * returns the webhook's `data`: `{id, …}` of the record (payload shape unverified).
 */
import { ApiError, notFound, unprocessable } from '../errors.js';
import type { SupplierInvoiceRecord } from '../records-purchases.js';
import type { CompanyStore } from '../store.js';
import { addDays } from '../time.js';

/** A customer invoice's e-invoicing status moved (e.g. `submitted`, `approved`, `refused`, `collected`). */
export function updateEInvoicingStatus(company: CompanyStore, invoiceId: number, status: string): Record<string, unknown> {
  if (!/^[a-z][a-z_]{0,39}$/.test(status)) throw unprocessable('status must be a snake_case word, e.g. "approved"');
  const invoice = company.tables.customer_invoices.get(invoiceId);
  if (!invoice) throw notFound();
  if (invoice.draft) throw unprocessable('A draft invoice has no e-invoicing status: finalize it first');
  const updatedAt = company.clock.after(invoice.updated_at);
  const row = { ...invoice, e_invoicing: { status, updated_at: updatedAt }, updated_at: updatedAt };
  company.tables.customer_invoices.put(row);
  company.recordChange('customer_invoices', row, 'update');
  return { id: row.id, e_invoicing: { status } };
}

/** A supplier sent an e-invoice: a new supplier invoice (a copy of the supplier's last one, as a draft), `insert` in its changelog. */
export function receiveSupplierEInvoice(company: CompanyStore, supplierId?: number): Record<string, unknown> {
  const supplier = supplierId === undefined ? company.tables.suppliers.all()[0] : company.tables.suppliers.get(supplierId);
  if (!supplier) throw new ApiError(404, { error: `no supplier ${supplierId ?? ''}`.trim(), status: 404 });
  const template = company.tables.supplier_invoices.all().filter((i) => i.supplier_id === supplier.id).at(-1);
  if (!template) throw unprocessable(`Supplier ${supplier.id} has no invoice to model an e-invoice on`);
  const now = company.clock.nowIso();
  const today = company.todayDate();
  const id = company.ids.next('supplier_invoices');
  const row: SupplierInvoiceRecord = {
    ...structuredClone(template),
    id, invoice_number: `EI-${String(id).slice(-6)}`, date: today, deadline: addDays(today, 30), accounting_status: 'draft', ledger_entry_id: null,
    reconciled: false, paid: false, payment_status: 'to_be_processed', remaining_amount_with_tax: template.currency_amount,
    remaining_amount_without_tax: template.currency_amount_before_tax, archived_at: null, import_source: 'e_invoicing', external_reference: company.rng.uuid(),
    e_invoicing: { status: 'received', received_at: now }, created_at: now, updated_at: now,
  };
  company.tables.supplier_invoices.put(row);
  for (const line of company.tables.supplier_invoice_lines.byGroup(template.id)) {
    company.tables.supplier_invoice_lines.put({ ...structuredClone(line), id: company.ids.next('supplier_invoice_lines'), invoice_id: id, created_at: now, updated_at: now });
  }
  company.recordChange('supplier_invoices', row, 'insert');
  return { id, e_invoicing: { status: 'received' } };
}

/** A file was added to the company's DMS (documents have no API route; only the webhook tells). */
export function createDmsFile(company: CompanyStore, filename: string): Record<string, unknown> {
  if (filename.trim() === '' || filename.length > 255) throw unprocessable('filename must be 1..255 characters');
  const now = company.clock.nowIso();
  const row = { id: company.ids.next('dms_files'), filename, created_at: now, updated_at: now };
  company.tables.dms_files.put(row);
  return { id: row.id, filename };
}
