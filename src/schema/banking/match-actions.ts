import type { GatewayContext } from '../../context.js';
import type { PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';
import type { BuilderTypes } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import type { MutationArgs } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';

/**
 * The pieces shared by the actions that match or unmatch a bank transaction on an invoice
 * (customer or supplier, API.md §4.1, §4.2): the `transactionId` argument, its check, and
 * whether a match is there (what resolves an unknown outcome).
 */

export const transactionArg = (description: string) => (t: PothosSchemaTypes.MutationFieldBuilder<BuilderTypes, object>) => ({
  transactionId: t.arg.id({ required: true, description }),
});

export const checkTransactionId = (args: MutationArgs, checks: InputChecks) => {
  checks.entityId(['transactionId'], args.transactionId, ['Transaction']);
};

/** The `transactionId` argument, once checked. */
export const transactionIdOf = (args: MutationArgs) => pennylaneIdOf(String(args.transactionId), ['Transaction'], 'transactionId');

/**
 * Whether the transaction is among the invoice's matched transactions, read fresh (they are
 * what the action changes). `invoices` is the invoices' collection path.
 */
export async function isMatched(
  ctx: GatewayContext,
  invoices: '/customer_invoices' | '/supplier_invoices',
  invoiceId: number,
  transactionId: number,
): Promise<boolean> {
  const page = await ctx.pennylane.list<PennylaneTransaction>(
    `${invoices}/${invoiceId}/matched_transactions`,
    { limit: MAX_PAGE_SIZE },
    { resource: 'transactions', cacheResponse: false, primeEntities: false },
  );
  return page.items.some((transaction) => transaction.id === transactionId);
}
