import type { PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import { TransactionRef } from '../banking/refs.js';
import { definePayload } from '../shared/mutation-fields.js';
import { addSetCategoriesMutation } from './category-weights.js';

/**
 * Categorising a bank transaction (`PUT /transactions/{id}/categories`, API.md §4.4–4.5). It
 * lives with the analytics writes: banking has no other write in the graph yet.
 */

export const TransactionPayload = definePayload<PennylaneTransaction>('TransactionPayload', 'transaction', TransactionRef, 'A bank transaction as written.');

addSetCategoriesMutation<PennylaneTransaction>({
  name: 'setTransactionCategories',
  endpoint: 'PUT /transactions/{id}/categories',
  description:
    "Replaces a bank transaction's analytical categories (`PUT /transactions/{id}/categories`); they come back inline with the transaction.",
  payload: TransactionPayload,
  noun: 'transaction',
  resource: 'transactions',
  path: '/transactions',
  typenames: ['Transaction'],
});
