import { createLedgerEntryDef } from '../accounting/ledger-entry-mutations.js';
import { importSupplierInvoiceDef } from '../purchases/supplier-invoice-mutations.js';
import { addBulkCreateMutation } from './bulk-mutations.js';

addBulkCreateMutation(
  'importSupplierInvoices',
  importSupplierInvoiceDef,
  'SupplierInvoice',
  'Imports many supplier invoices (e.g. from a purchasing system), each through importSupplierInvoice: its file is uploaded, then the invoice imported.',
);

addBulkCreateMutation(
  'createLedgerEntries',
  createLedgerEntryDef,
  'LedgerEntry',
  'Pushes many ledger entries, each through createLedgerEntry (balanced, checked at the gateway first).',
);
