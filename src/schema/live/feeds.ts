import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import type { PennylaneQuote } from '../../datasources/pennylane/sales-documents.js';
import type { PennylaneSupplier, PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import type { PennylaneLedgerEntry, PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import type { PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import { CUSTOMER_TYPENAMES, CustomerInvoiceRef, CustomerRef, ProductRef, QuoteRef } from '../sales/refs.js';
import { CustomerInvoiceStatus } from '../sales/customer-invoice.js';
import { SupplierInvoiceRef, SupplierRef } from '../purchases/refs.js';
import { PaymentStatus } from '../purchases/supplier-invoice.js';
import { LedgerEntryLineRef, LedgerEntryRef } from '../accounting/refs.js';
import { TransactionRef } from '../banking/refs.js';
import { defineLiveFeed } from './live-feed.js';
import { refId } from './live-filter.js';

/** A subscription per changelog Pennylane publishes (API.md §4.6). */
defineLiveFeed<PennylaneCustomerInvoice>({
  feed: 'customer_invoices',
  field: 'customerInvoiceChanged',
  typeName: 'CustomerInvoiceChanged',
  recordField: 'customerInvoice',
  recordType: CustomerInvoiceRef,
  recordDescription: 'customer invoices',
  resource: 'customer_invoices',
  filters: [
    {
      name: 'status',
      kind: 'enum',
      enumRef: CustomerInvoiceStatus.ref,
      description: 'Only invoices now in one of these statuses.',
      test: (r, values) => values.has(CustomerInvoiceStatus.of(r.status) ?? ''),
    },
    { name: 'paid', kind: 'boolean', description: 'Only invoices now paid (true) or not (false).', test: (r, paid) => r.paid === paid },
    {
      name: 'customerIds',
      kind: 'ids',
      typenames: CUSTOMER_TYPENAMES,
      description: 'Only invoices of these customers (at most 100, Pennylane or global ids).',
      test: (r, ids) => ids.has(refId(r.customer) ?? ''),
    },
  ],
});

defineLiveFeed<PennylaneSupplierInvoice>({
  feed: 'supplier_invoices',
  field: 'supplierInvoiceChanged',
  typeName: 'SupplierInvoiceChanged',
  recordField: 'supplierInvoice',
  recordType: SupplierInvoiceRef,
  recordDescription: 'supplier invoices',
  resource: 'supplier_invoices',
  filters: [
    {
      name: 'paymentStatus',
      kind: 'enum',
      enumRef: PaymentStatus.ref,
      description: 'Only invoices whose payment now stands in one of these statuses.',
      test: (r, values) => values.has(PaymentStatus.of(r.payment_status) ?? ''),
    },
    { name: 'paid', kind: 'boolean', description: 'Only invoices now fully paid (true) or not (false).', test: (r, paid) => (r.paid ?? false) === paid },
    {
      name: 'supplierIds',
      kind: 'ids',
      typenames: ['Supplier'],
      description: 'Only invoices of these suppliers (at most 100, Pennylane or global ids).',
      test: (r, ids) => ids.has(refId(r.supplier) ?? ''),
    },
  ],
});

defineLiveFeed<PennylaneCustomer>({
  feed: 'customers',
  field: 'customerChanged',
  typeName: 'CustomerChanged',
  recordField: 'customer',
  recordType: CustomerRef,
  recordDescription: 'customers',
  resource: 'customers',
  typenames: CUSTOMER_TYPENAMES,
});

defineLiveFeed<PennylaneSupplier>({
  feed: 'suppliers',
  field: 'supplierChanged',
  typeName: 'SupplierChanged',
  recordField: 'supplier',
  recordType: SupplierRef,
  recordDescription: 'suppliers',
  resource: 'suppliers',
});

defineLiveFeed<PennylaneProduct>({
  feed: 'products',
  field: 'productChanged',
  typeName: 'ProductChanged',
  recordField: 'product',
  recordType: ProductRef,
  recordDescription: 'products',
  resource: 'products',
});

defineLiveFeed<PennylaneTransaction>({
  feed: 'transactions',
  field: 'transactionChanged',
  typeName: 'TransactionChanged',
  recordField: 'transaction',
  recordType: TransactionRef,
  recordDescription: 'bank transactions',
  resource: 'transactions',
});

defineLiveFeed<PennylaneQuote>({
  feed: 'quotes',
  field: 'quoteChanged',
  typeName: 'QuoteChanged',
  recordField: 'quote',
  recordType: QuoteRef,
  recordDescription: 'quotes',
  resource: 'quotes',
});

defineLiveFeed<PennylaneLedgerEntryLine>({
  feed: 'ledger_entry_lines',
  field: 'ledgerEntryLineChanged',
  typeName: 'LedgerEntryLineChanged',
  recordField: 'ledgerEntryLine',
  recordType: LedgerEntryLineRef,
  recordDescription: 'ledger entry lines',
  resource: 'ledger_entry_lines',
});

defineLiveFeed<PennylaneLedgerEntry>({
  feed: 'ledger_entries_categories',
  field: 'ledgerEntryCategoryChanged',
  typeName: 'LedgerEntryCategoryChanged',
  recordField: 'ledgerEntry',
  recordType: LedgerEntryRef,
  recordDescription: 'the analytical categories of ledger entries',
  resource: 'ledger_entries',
});

defineLiveFeed<PennylaneLedgerEntryLine>({
  feed: 'ledger_entry_lines_categories',
  field: 'ledgerEntryLineCategoryChanged',
  typeName: 'LedgerEntryLineCategoryChanged',
  recordField: 'ledgerEntryLine',
  recordType: LedgerEntryLineRef,
  recordDescription: 'the analytical categories of ledger entry lines',
  resource: 'ledger_entry_lines',
});
