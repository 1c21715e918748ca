import type { PennylaneInvoiceTemplate } from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';
import { endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { CustomerInvoiceRef, CustomerInvoiceTemplateRef } from './refs.js';

CustomerInvoiceTemplateRef.implement({
  description: 'A layout for customer invoice PDFs, set up in the Pennylane app.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    name: t.exposeString('name', { description: 'Template name.' }),
    ...timestampFields(t),
  }),
});

builder.queryField('invoiceTemplates', (t) =>
  t.field({
    ...endpoints('GET /customer_invoice_templates'),
    type: [CustomerInvoiceTemplateRef],
    description:
      'Every customer invoice template (`GET /customer_invoice_templates`, scope customer_invoice_templates:readonly). A small list read whole once, then cached.',
    resolve: async (_root, _args, ctx) => [...(await ctx.loaders.wholeList<PennylaneInvoiceTemplate>('customer_invoice_templates'))],
  }),
);

builder.objectField(CustomerInvoiceRef, 'template', (t) =>
  t.field({
    ...endpoints('GET /customer_invoice_templates'),
    type: CustomerInvoiceTemplateRef,
    nullable: true,
    description: 'The PDF template of this invoice. Served from the whole template list: one call per request at most, then cached.',
    resolve: (invoice, _args, ctx) =>
      invoice.customer_invoice_template
        ? ctx.loaders.fromWholeList<PennylaneInvoiceTemplate>('customer_invoice_templates', invoice.customer_invoice_template.id)
        : null,
  }),
);
