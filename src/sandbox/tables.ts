/** The tables of one company: one per resource type, some indexed by parent. */
import type {
  BankAccountRecord, BankEstablishmentRecord, CategoryGroupRecord, CategoryRecord, ExportRecord, FiscalYearRecord,
  JournalRecord, LedgerEntryLineRecord, LedgerEntryRecord, TransactionRecord,
} from './records-accounting.js';
import type {
  FileAttachmentRecord, PurchaseRequestRecord, SupplierInvoiceLineRecord, SupplierInvoiceRecord, SupplierRecord,
} from './records-purchases.js';
import type {
  AppendixRecord, BillingSubscriptionRecord, CommercialDocumentRecord, ContactRecord, CustomerInvoiceTemplateRecord,
  CustomHeaderFieldRecord, GocardlessMandateRecord, InvoiceLineSectionRecord, NumberingRecord, PaRegistrationRecord,
  ProAccountMandateRecord, QuoteRecord, SepaMandateRecord, WebhookSubscriptionRecord, DmsFileRecord,
} from './records-sales.js';
import type {
  CustomerInvoiceRecord, CustomerRecord, InvoiceLineRecord, LedgerAccountRecord, PaymentRecord, ProductRecord,
} from './records.js';
import { Table } from './table.js';

export interface CompanyTables {
  customers: Table<CustomerRecord>;
  products: Table<ProductRecord>;
  customer_invoices: Table<CustomerInvoiceRecord>;
  invoice_lines: Table<InvoiceLineRecord>;
  payments: Table<PaymentRecord>;
  ledger_accounts: Table<LedgerAccountRecord>;
  // purchases
  suppliers: Table<SupplierRecord>;
  supplier_invoices: Table<SupplierInvoiceRecord>;
  supplier_invoice_lines: Table<SupplierInvoiceLineRecord>;
  supplier_payments: Table<PaymentRecord>;
  purchase_requests: Table<PurchaseRequestRecord>;
  file_attachments: Table<FileAttachmentRecord>;
  // accounting, banking, analytics
  journals: Table<JournalRecord>;
  fiscal_years: Table<FiscalYearRecord>;
  ledger_entries: Table<LedgerEntryRecord>;
  ledger_entry_lines: Table<LedgerEntryLineRecord>;
  bank_establishments: Table<BankEstablishmentRecord>;
  bank_accounts: Table<BankAccountRecord>;
  transactions: Table<TransactionRecord>;
  category_groups: Table<CategoryGroupRecord>;
  categories: Table<CategoryRecord>;
  exports: Table<ExportRecord>;
  // sales extras
  quotes: Table<QuoteRecord>;
  commercial_documents: Table<CommercialDocumentRecord>;
  billing_subscriptions: Table<BillingSubscriptionRecord>;
  /** Lines of quotes, commercial documents and subscriptions (InvoiceLine shape; `invoice_id` = the parent). */
  document_lines: Table<InvoiceLineRecord>;
  invoice_line_sections: Table<InvoiceLineSectionRecord>;
  appendices: Table<AppendixRecord>;
  custom_header_fields: Table<CustomHeaderFieldRecord>;
  contacts: Table<ContactRecord>;
  sepa_mandates: Table<SepaMandateRecord>;
  gocardless_mandates: Table<GocardlessMandateRecord>;
  pro_account_mandates: Table<ProAccountMandateRecord>;
  mandate_migrations: Table<ProAccountMandateRecord>;
  customer_invoice_templates: Table<CustomerInvoiceTemplateRecord>;
  numberings: Table<NumberingRecord>;
  pa_registrations: Table<PaRegistrationRecord>;
  webhook_subscriptions: Table<WebhookSubscriptionRecord>;
  dms_files: Table<DmsFileRecord>;
}

export function createTables(): CompanyTables {
  return {
    customers: new Table<CustomerRecord>(),
    products: new Table<ProductRecord>(),
    customer_invoices: new Table<CustomerInvoiceRecord>(),
    invoice_lines: new Table<InvoiceLineRecord>((l) => l.invoice_id),
    payments: new Table<PaymentRecord>((p) => p.invoice_id),
    ledger_accounts: new Table<LedgerAccountRecord>(),
    suppliers: new Table<SupplierRecord>(),
    supplier_invoices: new Table<SupplierInvoiceRecord>(),
    supplier_invoice_lines: new Table<SupplierInvoiceLineRecord>((l) => l.invoice_id),
    supplier_payments: new Table<PaymentRecord>((p) => p.invoice_id),
    purchase_requests: new Table<PurchaseRequestRecord>(),
    file_attachments: new Table<FileAttachmentRecord>(),
    journals: new Table<JournalRecord>(),
    fiscal_years: new Table<FiscalYearRecord>(),
    ledger_entries: new Table<LedgerEntryRecord>(),
    ledger_entry_lines: new Table<LedgerEntryLineRecord>((l) => l.entry_id),
    bank_establishments: new Table<BankEstablishmentRecord>(),
    bank_accounts: new Table<BankAccountRecord>(),
    transactions: new Table<TransactionRecord>((t) => t.bank_account_id),
    category_groups: new Table<CategoryGroupRecord>(),
    categories: new Table<CategoryRecord>((c) => c.group_id),
    exports: new Table<ExportRecord>(),
    quotes: new Table<QuoteRecord>(),
    commercial_documents: new Table<CommercialDocumentRecord>(),
    billing_subscriptions: new Table<BillingSubscriptionRecord>(),
    document_lines: new Table<InvoiceLineRecord>((l) => l.invoice_id),
    invoice_line_sections: new Table<InvoiceLineSectionRecord>((s) => s.parent_id),
    appendices: new Table<AppendixRecord>((a) => a.parent_id),
    custom_header_fields: new Table<CustomHeaderFieldRecord>((f) => f.invoice_id),
    contacts: new Table<ContactRecord>((c) => c.customer_id),
    sepa_mandates: new Table<SepaMandateRecord>(),
    gocardless_mandates: new Table<GocardlessMandateRecord>(),
    pro_account_mandates: new Table<ProAccountMandateRecord>(),
    mandate_migrations: new Table<ProAccountMandateRecord>(),
    customer_invoice_templates: new Table<CustomerInvoiceTemplateRecord>(),
    numberings: new Table<NumberingRecord>(),
    pa_registrations: new Table<PaRegistrationRecord>(),
    webhook_subscriptions: new Table<WebhookSubscriptionRecord>(),
    dms_files: new Table<DmsFileRecord>(),
  };
}
