import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import { addSetCategoriesMutation } from '../analytics/category-weights.js';
import { checkTransactionId, isMatched, transactionArg, transactionIdOf } from '../banking/match-actions.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addActionMutation, type MutationArgs, type RecordRef } from '../shared/mutation-fields.js';
import { CustomerInvoicePayload } from './customer-invoice-mutations.js';
import { addAppendixUploadMutation, addSendByEmailMutation } from './document-actions.js';

/**
 * Actions on a customer invoice (API.md §4.1, §5 rules 5–8): e-mail it, link a credit note,
 * match or unmatch a bank transaction, set its categories, append a file to its PDF.
 */

const INVOICE = { noun: 'customer invoice', path: '/customer_invoices', typename: 'CustomerInvoice', pdfAfter: 'finalization' } as const;
const invoiceRecord = (id: number): RecordRef => ({ resource: 'customer_invoices', path: '/customer_invoices', id });
const transactionRecord = (id: number): RecordRef => ({ resource: 'transactions', path: '/transactions', id });

addSendByEmailMutation<PennylaneCustomerInvoice>(
  'sendCustomerInvoiceByEmail',
  INVOICE,
  CustomerInvoicePayload,
  'E-mails a finalized or imported invoice with its PDF (`POST /customer_invoices/{id}/send_by_email`); drafts are refused.',
);

export const uploadCustomerInvoiceAppendixDef = addAppendixUploadMutation(
  'uploadCustomerInvoiceAppendix',
  INVOICE,
  'customerInvoiceId',
  "Appends a file to an invoice's PDF (`POST /customer_invoices/{id}/appendices`, multipart); appendices are not stored in the DMS.",
);

addSetCategoriesMutation<PennylaneCustomerInvoice>({
  name: 'setCustomerInvoiceCategories',
  endpoint: 'PUT /customer_invoices/{id}/categories',
  description:
    "Replaces a finalized invoice's analytical categories (`PUT /customer_invoices/{id}/categories`); its ledger entry and revenue lines follow. Pennylane refuses drafts. One more (batched) call returns the invoice.",
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  alsoChanges: ['/ledger_entries', '/ledger_entry_lines'],
});

/** An id argument as a number, or null when it is not one (its own check reports it). */
function idOrNull(value: unknown): number | null {
  try {
    return pennylaneIdOf(String(value), ['CustomerInvoice']);
  } catch {
    return null;
  }
}

/** The second id argument, once checked. */
const invoiceIdOf = (args: MutationArgs) => pennylaneIdOf(String(args.invoiceId), ['CustomerInvoice'], 'invoiceId');

addActionMutation<PennylaneCustomerInvoice>({
  name: 'linkCreditNote',
  description:
    'Links a credit note to the invoice it credits (`POST /customer_invoices/{invoice_id}/link_credit_note`): the invoice becomes partially cancelled or cancelled. Returns the credit note.',
  endpoint: 'POST /customer_invoices/{id}/link_credit_note',
  payload: CustomerInvoicePayload,
  noun: 'credit note',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  args: (t) => ({ invoiceId: t.arg.id({ required: true, description: 'The invoice the credit note credits: global id or Pennylane id.' }) }),
  check: (args, checks) => {
    const invoiceId = checks.entityId(['invoiceId'], args.invoiceId, ['CustomerInvoice']);
    if (invoiceId !== null && invoiceId === idOrNull(args.id)) checks.add(['invoiceId'], 'A credit note cannot credit itself.', 'INVALID');
  },
  send: (ctx, id, args, effects) =>
    ctx.pennylane.write<PennylaneCustomerInvoice>('POST', `/customer_invoices/${invoiceIdOf(args)}/link_credit_note`, { credit_note_id: id }, effects),
  answersWithRecord: true,
  done: (creditNote, args) => creditNote.credited_invoice?.id === invoiceIdOf(args),
  effects: (id, args) => ({ lists: ['/customer_invoices'], records: [invoiceRecord(id), invoiceRecord(invoiceIdOf(args))] }),
});

/** Matching changes the invoice (remaining amount, paid) and the transaction (outstanding balance, matched invoices). */
const matchEffects = (id: number, args: MutationArgs) => ({
  lists: ['/customer_invoices', '/transactions'],
  records: [invoiceRecord(id), transactionRecord(transactionIdOf(args))],
});

addActionMutation<PennylaneCustomerInvoice>({
  name: 'matchCustomerInvoiceTransaction',
  description:
    'Matches a bank transaction to an invoice (`POST /customer_invoices/{id}/matched_transactions`), one transaction per call; Pennylane refuses drafts. One more call returns the invoice.',
  endpoint: 'POST /customer_invoices/{id}/matched_transactions',
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  args: transactionArg('The bank transaction: global id or Pennylane id.'),
  check: checkTransactionId,
  send: async (ctx, id, args, effects) => {
    await ctx.pennylane.write('POST', `/customer_invoices/${id}/matched_transactions`, { transaction_id: transactionIdOf(args) }, effects);
  },
  done: (invoice, args, ctx) => isMatched(ctx, '/customer_invoices', invoice.id, transactionIdOf(args)),
  effects: matchEffects,
});

addActionMutation<PennylaneCustomerInvoice>({
  name: 'unmatchCustomerInvoiceTransaction',
  description:
    'Removes the match between an invoice and a bank transaction (`DELETE /customer_invoices/{id}/matched_transactions/{transaction_id}`). One more call returns the invoice.',
  endpoint: 'DELETE /customer_invoices/{id}/matched_transactions/{transaction_id}',
  payload: CustomerInvoicePayload,
  noun: 'customer invoice',
  resource: 'customer_invoices',
  path: '/customer_invoices',
  typenames: ['CustomerInvoice'],
  args: transactionArg('The matched bank transaction: global id or Pennylane id.'),
  check: checkTransactionId,
  send: async (ctx, id, args, effects) => {
    await ctx.pennylane.write('DELETE', `/customer_invoices/${id}/matched_transactions/${transactionIdOf(args)}`, undefined, effects);
  },
  done: async (invoice, args, ctx) => !(await isMatched(ctx, '/customer_invoices', invoice.id, transactionIdOf(args))),
  effects: matchEffects,
});
