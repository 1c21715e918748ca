/**
 * What an internal app writes to react when an invoice is paid: a typed subscription over
 * server-sent events, resumable from the last cursor it printed. Run it against a running gateway:
 *   npm start   # in another terminal
 *   npx tsx examples/live-invoices.ts [http://127.0.0.1:4000/graphql] [cursor]
 * Mark an invoice as paid (in GraphiQL, or straight at Pennylane): it shows up within one poll
 * interval (PENNYLANE_CHANGE_POLL_SECONDS). Stop with Ctrl-C; pass the last cursor to resume.
 */
import { isMain, subscribe, type Gateway } from './client.js';
import { graphql } from './gql/index.js';
import type { PaidInvoicesSubscription, PaidInvoicesSubscriptionVariables } from './gql/graphql.js';

export const PaidInvoicesDocument = graphql(`
  subscription PaidInvoices($after: String) {
    customerInvoiceChanged(filter: { status: [PAID], operations: [INSERT, UPDATE] }, after: $after) {
      operation
      cursor
      customerInvoice {
        pennylaneId
        invoiceNumber
        status
        remainingAmountWithTax
        customer {
          name
        }
      }
    }
  }
`);

export interface PaidInvoice {
  readonly pennylaneId: string;
  readonly number: string;
  readonly customer: string;
  /** Resume after this event with `after`. */
  readonly cursor: string;
}

/** Calls `onPaid` for each invoice paid from now on (or after `after`), until `signal` aborts. */
export async function watchPaidInvoices(
  gateway: Gateway,
  onPaid: (invoice: PaidInvoice) => void,
  options: { readonly after?: string; readonly signal?: AbortSignal } = {},
): Promise<void> {
  const variables: PaidInvoicesSubscriptionVariables = { after: options.after ?? null };
  try {
    for await (const data of subscribe(gateway, PaidInvoicesDocument, variables, options.signal)) {
      const event: PaidInvoicesSubscription['customerInvoiceChanged'] = data.customerInvoiceChanged;
      const invoice = event.customerInvoice;
      if (!invoice) continue;
      onPaid({ pennylaneId: invoice.pennylaneId, number: invoice.invoiceNumber ?? `#${invoice.pennylaneId}`, customer: invoice.customer?.name ?? '(no customer)', cursor: event.cursor });
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  }
}

if (isMain(import.meta.url)) {
  const endpoint = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const after = process.argv[3];
  console.log(`Waiting for paid invoices at ${endpoint}…`);
  await watchPaidInvoices({ endpoint }, (invoice) => console.log(`${invoice.number} paid by ${invoice.customer} (cursor ${invoice.cursor})`), after ? { after } : {});
}
