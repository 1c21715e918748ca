import type { PennylaneCustomerInvoice } from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneCustomHeaderField } from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';
import { endpoints, pennylaneIdField, subCollectionResolver, timestampFields } from '../shared/resource-fields.js';
import { CustomerInvoiceRef, CustomHeaderFieldRef } from './refs.js';

CustomHeaderFieldRef.implement({
  description: 'A custom field printed in the header of an invoice (set up in the Pennylane app).',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    name: t.exposeString('name', { description: 'Name of the field.' }),
    value: t.exposeString('value', { nullable: true, description: 'Its value on this invoice.' }),
    ...timestampFields(t),
  }),
});

export const CustomHeaderFieldConnection = builder.connectionObject(
  {
    type: CustomHeaderFieldRef,
    name: 'CustomHeaderFieldConnection',
    description: 'A page of custom header fields.',
  },
  { name: 'CustomHeaderFieldEdge', description: 'One of a page of custom header fields.' },
);

builder.objectField(CustomerInvoiceRef, 'customHeaderFields', (t) =>
  t.connection(
    {
      type: CustomHeaderFieldRef,
      description: 'Custom fields printed in the invoice header. Pennylane only links them by URL: one call per invoice (and page).',
      ...endpoints('GET /customer_invoices/{id}/custom_header_fields'),
      resolve: subCollectionResolver<PennylaneCustomerInvoice, PennylaneCustomHeaderField>({
        path: (invoice) => `/customer_invoices/${invoice.id}/custom_header_fields`,
        resource: 'custom_header_fields',
      }),
    },
    CustomHeaderFieldConnection,
  ),
);
