import type { CostKind } from './cost-kinds.js';

/**
 * How `node(id:)` and `nodes(ids:)` reach each type: the loader its `loadManyWithoutCache`
 * uses. `byId`: batched, 100 ids a call; `single`: one GET per id (no `id` filter upstream);
 * `wholeList`: the small list read once. A test checks that every Node type is listed.
 */
export const NODE_LOOKUPS: Readonly<Record<string, { readonly kind: Extract<CostKind, 'byId' | 'single' | 'wholeList'>; readonly resource: string }>> = {
  BankAccount: { kind: 'wholeList', resource: 'bank_accounts' },
  BankEstablishment: { kind: 'byId', resource: 'bank_establishments' },
  BillingSubscription: { kind: 'byId', resource: 'billing_subscriptions' },
  Category: { kind: 'byId', resource: 'categories' },
  CategoryGroup: { kind: 'wholeList', resource: 'category_groups' },
  CommercialDocument: { kind: 'single', resource: 'commercial_documents' },
  CompanyCustomer: { kind: 'byId', resource: 'customers' },
  IndividualCustomer: { kind: 'byId', resource: 'customers' },
  CustomerInvoice: { kind: 'byId', resource: 'customer_invoices' },
  FiscalYear: { kind: 'wholeList', resource: 'fiscal_years' },
  GocardlessMandate: { kind: 'single', resource: 'gocardless_mandates' },
  Journal: { kind: 'wholeList', resource: 'journals' },
  LedgerAccount: { kind: 'byId', resource: 'ledger_accounts' },
  LedgerEntry: { kind: 'byId', resource: 'ledger_entries' },
  LedgerEntryLine: { kind: 'byId', resource: 'ledger_entry_lines' },
  Product: { kind: 'byId', resource: 'products' },
  PurchaseRequest: { kind: 'byId', resource: 'purchase_requests' },
  Quote: { kind: 'byId', resource: 'quotes' },
  SepaMandate: { kind: 'single', resource: 'sepa_mandates' },
  Supplier: { kind: 'byId', resource: 'suppliers' },
  SupplierInvoice: { kind: 'byId', resource: 'supplier_invoices' },
  Transaction: { kind: 'byId', resource: 'transactions' },
  WebhookSubscription: { kind: 'single', resource: 'webhook_subscriptions' },
};
