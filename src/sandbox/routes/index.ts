/** Every route and snapshot-able resource of the simulator. Add a resource here. */
import { accountingRoutes, fiscalYearResource, journalResource, ledgerAccountResource } from './accounting.js';
import { bankAccountResource, bankEstablishmentResource, bankingRoutes, transactionResource } from './banking.js';
import { categoryGroupResource, categoryResource, categoryRoutes } from './categories.js';
import { changelogRoutes } from './changelogs.js';
import { customerInvoiceResource, customerInvoiceRoutes } from './customer-invoices.js';
import { customerResource, customerRoutes } from './customers.js';
import { exportRoutes } from './exports.js';
import { ledgerEntryLineResource, ledgerEntryResource, ledgerRoutes } from './ledger.js';
import { gocardlessMandateResource, mandateRoutes, sepaMandateResource } from './mandates.js';
import { meRoutes } from './me.js';
import { fileAttachmentResource, miscRoutes, paRegistrationResource } from './misc.js';
import { webhookSubscriptionResource, webhookSubscriptionRoutes } from './webhook-subscriptions.js';
import { productResource, productRoutes } from './products.js';
import { quoteResource, quoteRoutes } from './quotes.js';
import { billingSubscriptionResource, commercialDocumentResource, salesDocumentRoutes } from './sales-documents.js';
import { numberingResource, salesExtraRoutes, templateResource } from './sales-extras.js';
import { supplierInvoiceResource, supplierInvoiceRoutes } from './supplier-invoices.js';
import { purchaseRequestResource, supplierResource, supplierRoutes } from './suppliers.js';
import { trialBalanceRoutes } from './trial-balance.js';
import type { ResourceDef, RouteSpec } from './types.js';
import { accountingWriteRoutes } from './accounting-writes.js';
import { categorizeRoutes } from './categorize.js';
import { categoryWriteRoutes } from './category-writes.js';
import { contactRoutes } from './contact-writes.js';
import { customerInvoiceActionRoutes } from './customer-invoice-actions.js';
import { customerImportRoutes } from './customer-invoice-import.js';
import { customerInvoiceWriteRoutes } from './customer-invoice-writes.js';
import { ledgerEntryWriteRoutes } from './ledger-entry-writes.js';
import { letteringRoutes } from './lettering.js';
import { matchingRoutes } from './matching.js';
import { quoteWriteRoutes } from './quote-writes.js';
import { subscriptionWriteRoutes } from './subscription-writes.js';
import { supplierInvoiceWriteRoutes } from './supplier-invoice-writes.js';
import { supplierWriteRoutes } from './supplier-writes.js';
import { purchaseRequestWriteRoutes } from './purchase-request-writes.js';
import { uploadRoutes } from './uploads.js';

/** Every write route of API.md §4 served (besides the first round's customers, products and exports). */
const WRITE_ROUTES: readonly RouteSpec[] = [
  ...contactRoutes, ...categorizeRoutes, ...customerInvoiceWriteRoutes, ...customerInvoiceActionRoutes, ...customerImportRoutes, ...matchingRoutes,
  ...quoteWriteRoutes, ...subscriptionWriteRoutes, ...supplierWriteRoutes, ...purchaseRequestWriteRoutes, ...supplierInvoiceWriteRoutes, ...accountingWriteRoutes,
  ...ledgerEntryWriteRoutes, ...letteringRoutes, ...categoryWriteRoutes, ...uploadRoutes,
];

export const ROUTES: readonly RouteSpec[] = [
  ...meRoutes,
  // sales
  ...customerRoutes, ...productRoutes, ...customerInvoiceRoutes, ...salesExtraRoutes, ...quoteRoutes, ...salesDocumentRoutes,
  ...mandateRoutes,
  // purchases
  ...supplierRoutes, ...supplierInvoiceRoutes,
  // accounting, banking, analytics
  ...accountingRoutes, ...ledgerRoutes, ...trialBalanceRoutes, ...exportRoutes, ...bankingRoutes, ...categoryRoutes,
  // changelogs, files, webhooks, PA
  ...changelogRoutes, ...miscRoutes, ...webhookSubscriptionRoutes,
  ...WRITE_ROUTES,
];

/** Type-erased so resources of different record types share one registry. */
function erase<R>(def: ResourceDef<R>): ResourceDef<unknown> {
  return { name: def.name, rows: def.rows, serialize: (row, ctx) => def.serialize(row as R, ctx) };
}

/** `control.snapshot(name)`: every record, ascending id, serialized as `GET /{name}/{id}` (or as a list item). */
export const RESOURCES: Readonly<Record<string, ResourceDef<unknown>>> = Object.fromEntries(
  [
    erase(customerResource), erase(productResource), erase(customerInvoiceResource), erase(ledgerAccountResource),
    erase(supplierResource), erase(supplierInvoiceResource), erase(purchaseRequestResource), erase(quoteResource),
    erase(billingSubscriptionResource), erase(commercialDocumentResource), erase(journalResource), erase(ledgerEntryResource),
    erase(ledgerEntryLineResource), erase(fiscalYearResource), erase(bankAccountResource), erase(bankEstablishmentResource),
    erase(transactionResource), erase(categoryResource), erase(categoryGroupResource), erase(fileAttachmentResource),
    erase(sepaMandateResource), erase(gocardlessMandateResource), erase(templateResource), erase(numberingResource),
    erase(webhookSubscriptionResource), erase(paRegistrationResource),
  ].map((r) => [r.name, r]),
);
