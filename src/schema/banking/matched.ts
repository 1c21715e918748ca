import DataLoader from 'dataloader';
import type { GatewayContext } from '../../context.js';
import type { PennylaneMatchedInvoice, PennylaneTransaction } from '../../datasources/pennylane/banking.js';
import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneSupplierInvoice } from '../../datasources/pennylane/purchases.js';
import { builder } from '../builder.js';
import { SupplierInvoiceRef } from '../purchases/refs.js';
import { CustomerInvoiceRef } from '../sales/refs.js';
import { resolvePennylaneConnection, type Connection, type ConnectionArgs } from '../shared/connection.js';
import { endpoints, subCollectionResolver } from '../shared/resource-fields.js';
import { TransactionConnection } from './transaction.js';
import { TransactionRef } from './refs.js';

/**
 * Matching (reconciliation) between bank transactions and invoices, many-to-many. Pennylane
 * only links matches by URL, so each side costs one call per record; the invoices a
 * transaction matches are then batched by id, per type.
 */

const DOUBLE_COUNT =
  'Matched transactions and the invoice\'s `payments` describe the same money in two ways: never add them together (they double-count).';

type MatchedInvoice = PennylaneCustomerInvoice | PennylaneSupplierInvoice;

export const MatchedInvoiceRef = builder.unionType('MatchedInvoice', {
  description: 'An invoice a bank transaction is matched with: a customer invoice (money in) or a supplier invoice (money out).',
  types: [CustomerInvoiceRef, SupplierInvoiceRef],
  // Only supplier invoices carry an accounting status.
  resolveType: (invoice: MatchedInvoice) => ('accounting_status' in invoice ? SupplierInvoiceRef : CustomerInvoiceRef),
});

const MatchedInvoiceConnection = builder.connectionObject(
  { type: MatchedInvoiceRef, name: 'MatchedInvoiceConnection', description: 'A page of invoices matched with a transaction.' },
  { name: 'MatchedInvoiceEdge', description: 'One of a page of invoices matched with a transaction.' },
);

function loadMatched(ctx: GatewayContext, match: PennylaneMatchedInvoice): Promise<MatchedInvoice | null> {
  return match.type === 'supplier'
    ? ctx.loaders.byId<PennylaneSupplierInvoice>('supplier_invoices').load(String(match.id))
    : ctx.loaders.byId<PennylaneCustomerInvoice>('customer_invoices').load(String(match.id));
}

interface MatchesKey {
  readonly transactionId: number;
  readonly args: ConnectionArgs;
}

/**
 * Match pages of the request's transactions, fetched in parallel and handed back together:
 * the invoices they name are then loaded in the same tick, so they share one `id in` call per
 * type instead of one per transaction whose page happened to arrive alone.
 */
const matchLoaders = new WeakMap<GatewayContext, DataLoader<MatchesKey, Connection<PennylaneMatchedInvoice>, string>>();

function matchesOf(ctx: GatewayContext, key: MatchesKey): Promise<Connection<PennylaneMatchedInvoice>> {
  let loader = matchLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      (keys) =>
        Promise.all(
          keys.map(({ transactionId, args }) => {
            const path = `/transactions/${transactionId}/matched_invoices`;
            return resolvePennylaneConnection(args, { list: path }, (params) =>
              ctx.pennylane.list<PennylaneMatchedInvoice>(path, params, { resource: 'transactions', primeEntities: false }),
            ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
          }),
        ),
      { cacheKeyFn: (key) => JSON.stringify([key.transactionId, key.args.first ?? null, key.args.after ?? null]) },
    );
    matchLoaders.set(ctx, loader);
  }
  return loader.load(key);
}

builder.objectField(TransactionRef, 'matchedInvoices', (t) =>
  t.connection(
    {
      type: MatchedInvoiceRef,
      ...endpoints('GET /transactions/{id}/matched_invoices'),
      description: `Invoices this transaction is matched with. One call per transaction (and page), then the invoices of all transactions of the request in one \`id in\` call per type and 100. ${DOUBLE_COUNT}`,
      resolve: async (transaction: PennylaneTransaction, args, ctx) => {
        const page = await matchesOf(ctx, { transactionId: transaction.id, args });
        const edges = await Promise.all(page.edges.map(async (edge) => ({ cursor: edge.cursor, node: await loadMatched(ctx, edge.node) })));
        return { ...page, edges: edges.filter((edge): edge is { cursor: string; node: MatchedInvoice } => edge.node !== null) };
      },
    },
    MatchedInvoiceConnection,
  ),
);

builder.objectField(CustomerInvoiceRef, 'matchedTransactions', (t) =>
  t.connection(
    {
      type: TransactionRef,
      ...endpoints('GET /customer_invoices/{id}/matched_transactions'),
      description: `Bank transactions matched with this invoice (empty for drafts and archived invoices). One call per invoice (and page). ${DOUBLE_COUNT}`,
      resolve: subCollectionResolver<PennylaneCustomerInvoice, PennylaneTransaction>({
        path: (invoice) => `/customer_invoices/${invoice.id}/matched_transactions`,
        resource: 'transactions',
      }),
    },
    TransactionConnection,
  ),
);

builder.objectField(SupplierInvoiceRef, 'matchedTransactions', (t) =>
  t.connection(
    {
      type: TransactionRef,
      ...endpoints('GET /supplier_invoices/{id}/matched_transactions'),
      description: `Bank transactions matched with this invoice (empty for archived invoices). One call per invoice (and page). ${DOUBLE_COUNT}`,
      resolve: subCollectionResolver<PennylaneSupplierInvoice, PennylaneTransaction>({
        path: (invoice) => `/supplier_invoices/${invoice.id}/matched_transactions`,
        resource: 'transactions',
      }),
    },
    TransactionConnection,
  ),
);
