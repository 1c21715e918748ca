import type { PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import { checkTransactionId, isMatched, transactionArg, transactionIdOf } from '../banking/match-actions.js';
import { builder } from '../builder.js';
import { addActionMutation } from '../shared/mutation-fields.js';
import { SupplierInvoicePayload } from './supplier-invoice-mutations.js';

/**
 * Actions on a supplier invoice (API.md §4.2, §5 rule 10): its payment status, and matching
 * bank transactions to it (one per call). Each is resolved by the state it leads to when its
 * answer is lost.
 */

const SettablePaymentStatus = builder.enumType('SettableSupplierInvoicePaymentStatus', {
  description: 'The payment statuses the API may set on a supplier invoice (the others follow payments and matches).',
  values: {
    PAID: { value: 'paid', description: 'Paid outside Pennylane.' },
    TO_BE_PAID: { value: 'to_be_paid', description: 'To be paid.' },
  } as const,
});

/** Statuses that show a supplier invoice as paid. */
const PAID_STATUSES = new Set(['paid_offline', 'fully_paid']);

const INVOICE = {
  payload: SupplierInvoicePayload,
  noun: 'supplier invoice',
  resource: 'supplier_invoices',
  path: '/supplier_invoices',
  typenames: ['SupplierInvoice'],
} as const;

addActionMutation<PennylaneSupplierInvoice>({
  ...INVOICE,
  name: 'setSupplierInvoicePaymentStatus',
  description:
    'Sets the payment status of a supplier invoice to PAID or TO_BE_PAID (`PUT /supplier_invoices/{id}/payment_status`). Costs one more call to return the invoice.',
  endpoint: 'PUT /supplier_invoices/{id}/payment_status',
  args: (t) => ({
    paymentStatus: t.arg({ type: SettablePaymentStatus, required: true, description: 'The new status.' }),
  }),
  send: async (ctx, id, args, effects) => {
    await ctx.pennylane.write('PUT', `/supplier_invoices/${id}/payment_status`, { payment_status: args.paymentStatus }, effects);
  },
  done: (invoice, args) =>
    args.paymentStatus === 'paid' ? invoice.paid === true || PAID_STATUSES.has(invoice.payment_status) : invoice.payment_status === 'to_be_paid',
});

addActionMutation<PennylaneSupplierInvoice>({
  ...INVOICE,
  name: 'validateSupplierInvoiceAccounting',
  description:
    'Validates the accounting of a supplier invoice (`PUT /supplier_invoices/{id}/validate_accounting`): its status becomes COMPLETE.',
  endpoint: 'PUT /supplier_invoices/{id}/validate_accounting',
  send: (ctx, id, _args, effects) =>
    ctx.pennylane.write<PennylaneSupplierInvoice>('PUT', `/supplier_invoices/${id}/validate_accounting`, undefined, effects),
  answersWithRecord: true,
  done: (invoice) => invoice.accounting_status === 'complete',
});

/** A match changes both sides: the invoice (amounts left, payments, matches) and the transaction. */
function withTransaction(effects: WriteEffects, transactionId: number): WriteEffects {
  return { ...effects, records: [...(effects.records ?? []), { resource: 'transactions', path: '/transactions', id: transactionId }] };
}

/** What matching and unmatching share: the transaction argument, checked, and the transaction list they change. */
const BY_TRANSACTION = {
  args: transactionArg('The transaction (global or Pennylane id).'),
  check: checkTransactionId,
  alsoChanges: ['/transactions'],
};

addActionMutation<PennylaneSupplierInvoice>({
  ...INVOICE,
  name: 'matchSupplierInvoiceTransaction',
  description:
    'Matches a bank transaction to a supplier invoice (`POST /supplier_invoices/{id}/matched_transactions`), one per call: the invoice is paid by it up to its amount. Costs one more call to return the invoice.',
  endpoint: 'POST /supplier_invoices/{id}/matched_transactions',
  ...BY_TRANSACTION,
  send: async (ctx, id, args, effects) => {
    const transactionId = transactionIdOf(args);
    await ctx.pennylane.write('POST', `/supplier_invoices/${id}/matched_transactions`, { transaction_id: transactionId }, withTransaction(effects, transactionId));
  },
  done: (invoice, args, ctx) => isMatched(ctx, '/supplier_invoices', invoice.id, transactionIdOf(args)),
});

addActionMutation<PennylaneSupplierInvoice>({
  ...INVOICE,
  name: 'unmatchSupplierInvoiceTransaction',
  description:
    'Removes the match between a bank transaction and a supplier invoice (`DELETE /supplier_invoices/{id}/matched_transactions/{transaction_id}`). Costs one more call to return the invoice.',
  endpoint: 'DELETE /supplier_invoices/{id}/matched_transactions/{transaction_id}',
  ...BY_TRANSACTION,
  send: async (ctx, id, args, effects) => {
    const transactionId = transactionIdOf(args);
    await ctx.pennylane.write('DELETE', `/supplier_invoices/${id}/matched_transactions/${transactionId}`, undefined, withTransaction(effects, transactionId));
  },
  done: async (invoice, args, ctx) => !(await isMatched(ctx, '/supplier_invoices', invoice.id, transactionIdOf(args))),
});
