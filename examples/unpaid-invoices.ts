/**
 * What an internal app writes with the typed client: list unpaid invoices with their
 * customers. Run it against a running gateway:
 *   npm start   # in another terminal
 *   npx tsx examples/unpaid-invoices.ts [http://127.0.0.1:4000/graphql]
 * The query goes out by its hash (a trusted document, see client.ts).
 */
import { request, type Gateway } from './client.js';
import { graphql } from './gql/index.js';
import type { UnpaidInvoicesQuery, UnpaidInvoicesQueryVariables } from './gql/graphql.js';

export const UnpaidInvoicesDocument = graphql(`
  query UnpaidInvoices($first: Int!, $after: String) {
    customerInvoices(first: $first, after: $after, filter: { draft: { eq: false }, creditNote: { eq: false } }) {
      edges {
        node {
          pennylaneId
          invoiceNumber
          status
          deadline
          currency
          remainingAmountWithTax
          customer {
            name
            emails
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface UnpaidInvoice {
  readonly number: string;
  readonly customer: string;
  readonly deadline: string | null;
  /** Exact decimal string, never a float. */
  readonly remaining: string;
  readonly currency: string;
  readonly late: boolean;
}

export async function fetchUnpaidInvoices(gateway: Gateway, pageSize = 100): Promise<UnpaidInvoice[]> {
  const unpaid: UnpaidInvoice[] = [];
  let after: string | null = null;
  for (;;) {
    const variables: UnpaidInvoicesQueryVariables = { first: pageSize, after };
    const data: UnpaidInvoicesQuery = await request(gateway, UnpaidInvoicesDocument, variables);
    for (const { node } of data.customerInvoices.edges) {
      if (node.status !== 'UPCOMING' && node.status !== 'LATE') continue;
      unpaid.push({
        number: node.invoiceNumber ?? `#${node.pennylaneId}`,
        customer: node.customer?.name ?? '(no customer)',
        deadline: node.deadline ?? null,
        remaining: node.remainingAmountWithTax ?? '0.00',
        currency: node.currency,
        late: node.status === 'LATE',
      });
    }
    if (!data.customerInvoices.pageInfo.hasNextPage) return unpaid;
    after = data.customerInvoices.pageInfo.endCursor ?? null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const endpoint = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const invoices = await fetchUnpaidInvoices({ endpoint });
  for (const invoice of invoices) {
    console.log(`${invoice.late ? 'LATE' : '    '} ${invoice.number}  ${invoice.customer}  ${invoice.remaining} ${invoice.currency}  due ${invoice.deadline}`);
  }
  console.log(`${invoices.length} unpaid invoices`);
}
