import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import { builder, type BuilderTypes } from '../builder.js';
import { resolveScannedConnection } from '../shared/scanned-connection.js';
import { endpoints, listArgs } from '../shared/resource-fields.js';
import type { FilterInput } from '../shared/filters.js';
import { CustomerInvoiceConnection, customerInvoiceFilter, customerInvoiceSort, CustomerInvoiceStatus } from './customer-invoice.js';
import { CustomerInvoiceRef } from './refs.js';
import type { ObjectRef } from '@pothos/core';

/** Pennylane pages read per request, at most, when the gateway filters on status. */
export const STATUS_SCAN_PAGES = 10;

/**
 * Invoices by status. Pennylane has no status filter on `GET /customer_invoices` (API.md
 * §3.3), so rather than pretend, this field says what it does: it reads the list and keeps the
 * invoices in the statuses asked for, with a bounded number of calls per request.
 */
builder.queryField('customerInvoicesByStatus', (t) =>
  t.connection(
    {
      type: CustomerInvoiceRef as ObjectRef<BuilderTypes, PennylaneCustomerInvoice>,
      extensions: {
        ...endpoints('GET /customer_invoices').extensions,
        pennylaneCost: { kind: 'list', resource: 'customer_invoices', maxPage: 100, scanPages: STATUS_SCAN_PAGES },
      },
      description: `Customer invoices in the given statuses (e.g. LATE), filtered by the gateway: Pennylane cannot filter on status, so the list is read 100 invoices per call (with \`filter\` and \`sort\`) and the invoices in these statuses are kept, reading at most ${STATUS_SCAN_PAGES} pages per request. A page may hold fewer than \`first\` invoices while \`hasNextPage\` is true: continue from \`endCursor\`, which resumes after the last invoice read. Narrow with \`filter\` (\`draft\`, \`creditNote\`, a date range) to read fewer pages.`,
      args: {
        status: t.arg({
          type: [CustomerInvoiceStatus.ref],
          required: true,
          description: 'The statuses to keep, e.g. [LATE] or [UPCOMING, LATE] for unpaid invoices.',
        }),
        ...listArgs(t.arg, customerInvoiceFilter, customerInvoiceSort),
      },
      resolve: (_root, args, ctx) => {
        const statuses = new Set(args.status as string[]);
        const filter = customerInvoiceFilter.toConditions(args.filter as FilterInput | null | undefined);
        const request = { list: `/customer_invoices?status=${[...statuses].sort().join(',')}`, filter, sort: args.sort ?? undefined };
        return resolveScannedConnection<PennylaneCustomerInvoice>(
          args,
          request,
          (invoice) => statuses.has(CustomerInvoiceStatus.of(invoice.status) ?? ''),
          STATUS_SCAN_PAGES,
          (params) => ctx.pennylane.list<PennylaneCustomerInvoice>('/customer_invoices', params, { resource: 'customer_invoices' }),
        ) as never;
      },
    },
    CustomerInvoiceConnection as never,
  ),
);
