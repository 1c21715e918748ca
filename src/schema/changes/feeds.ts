import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import type { PennylaneQuote } from '../../datasources/pennylane/sales-documents.js';
import type { PennylaneSupplier, PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import type { PennylaneLedgerEntry, PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import type { PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import { CustomerInvoiceRef, CustomerRef, ProductRef, QuoteRef } from '../sales/refs.js';
import { SupplierInvoiceRef, SupplierRef } from '../purchases/refs.js';
import { LedgerEntryLineRef, LedgerEntryRef } from '../accounting/refs.js';
import { TransactionRef } from '../banking/refs.js';
import { defineChangeFeed } from './change-feeds.js';

/** Every changelog Pennylane publishes (API.md §4.6), one root field each. */
defineChangeFeed<PennylaneCustomerInvoice>({
  feed: 'customer_invoices',
  field: 'customerInvoiceChanges',
  typeName: 'CustomerInvoiceChange',
  recordField: 'customerInvoice',
  recordType: CustomerInvoiceRef,
  recordDescription: 'customer invoices',
  load: (ctx, id) => ctx.loaders.byId<PennylaneCustomerInvoice>('customer_invoices').load(id),
  resource: 'customer_invoices',
});

defineChangeFeed<PennylaneSupplierInvoice>({
  feed: 'supplier_invoices',
  field: 'supplierInvoiceChanges',
  typeName: 'SupplierInvoiceChange',
  recordField: 'supplierInvoice',
  recordType: SupplierInvoiceRef,
  recordDescription: 'supplier invoices',
  load: (ctx, id) => ctx.loaders.byId<PennylaneSupplierInvoice>('supplier_invoices').load(id),
  resource: 'supplier_invoices',
});

defineChangeFeed<PennylaneCustomer>({
  feed: 'customers',
  field: 'customerChanges',
  typeName: 'CustomerChange',
  recordField: 'customer',
  recordType: CustomerRef,
  recordDescription: 'customers',
  load: (ctx, id) => ctx.loaders.byId<PennylaneCustomer>('customers').load(id),
  resource: 'customers',
});

defineChangeFeed<PennylaneSupplier>({
  feed: 'suppliers',
  field: 'supplierChanges',
  typeName: 'SupplierChange',
  recordField: 'supplier',
  recordType: SupplierRef,
  recordDescription: 'suppliers',
  load: (ctx, id) => ctx.loaders.byId<PennylaneSupplier>('suppliers').load(id),
  resource: 'suppliers',
});

defineChangeFeed<PennylaneProduct>({
  feed: 'products',
  field: 'productChanges',
  typeName: 'ProductChange',
  recordField: 'product',
  recordType: ProductRef,
  recordDescription: 'products',
  load: (ctx, id) => ctx.loaders.byId<PennylaneProduct>('products').load(id),
  resource: 'products',
});

defineChangeFeed<PennylaneTransaction>({
  feed: 'transactions',
  field: 'transactionChanges',
  typeName: 'TransactionChange',
  recordField: 'transaction',
  recordType: TransactionRef,
  recordDescription: 'bank transactions',
  load: (ctx, id) => ctx.loaders.byId<PennylaneTransaction>('transactions').load(id),
  resource: 'transactions',
});

defineChangeFeed<PennylaneLedgerEntryLine>({
  feed: 'ledger_entry_lines',
  field: 'ledgerEntryLineChanges',
  typeName: 'LedgerEntryLineChange',
  recordField: 'ledgerEntryLine',
  recordType: LedgerEntryLineRef,
  recordDescription: 'ledger entry lines',
  load: (ctx, id) => ctx.loaders.byId<PennylaneLedgerEntryLine>('ledger_entry_lines').load(id),
  resource: 'ledger_entry_lines',
});

defineChangeFeed<PennylaneLedgerEntry>({
  feed: 'ledger_entries_categories',
  field: 'ledgerEntryCategoryChanges',
  typeName: 'LedgerEntryCategoryChange',
  recordField: 'ledgerEntry',
  recordType: LedgerEntryRef,
  recordDescription: 'the analytical categories of ledger entries',
  load: (ctx, id) => ctx.loaders.byId<PennylaneLedgerEntry>('ledger_entries').load(id),
  resource: 'ledger_entries',
});

defineChangeFeed<PennylaneLedgerEntryLine>({
  feed: 'ledger_entry_lines_categories',
  field: 'ledgerEntryLineCategoryChanges',
  typeName: 'LedgerEntryLineCategoryChange',
  recordField: 'ledgerEntryLine',
  recordType: LedgerEntryLineRef,
  recordDescription: 'the analytical categories of ledger entry lines',
  load: (ctx, id) => ctx.loaders.byId<PennylaneLedgerEntryLine>('ledger_entry_lines').load(id),
  resource: 'ledger_entry_lines',
});

defineChangeFeed<PennylaneQuote>({
  feed: 'quotes',
  field: 'quoteChanges',
  typeName: 'QuoteChange',
  recordField: 'quote',
  recordType: QuoteRef,
  recordDescription: 'quotes',
  load: (ctx, id) => ctx.loaders.byId<PennylaneQuote>('quotes').load(id),
  resource: 'quotes',
});
