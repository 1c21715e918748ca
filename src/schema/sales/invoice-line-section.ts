import { builder } from '../builder.js';
import { pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { InvoiceLineSectionRef } from './refs.js';

InvoiceLineSectionRef.implement({
  description: 'A titled group of lines on an invoice, quote, commercial document or subscription.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    title: t.exposeString('title', { nullable: true, description: 'Title printed above the section.' }),
    description: t.exposeString('description', { nullable: true, description: 'Text printed under the title.' }),
    rank: t.exposeInt('rank', { description: 'Position of the section; lines name it in `sectionRank`.' }),
    ...timestampFields(t),
  }),
});

export const InvoiceLineSectionConnection = builder.connectionObject(
  {
    type: InvoiceLineSectionRef,
    name: 'InvoiceLineSectionConnection',
    description: 'A page of invoice line sections.',
  },
  { name: 'InvoiceLineSectionEdge', description: 'One of a page of invoice line sections.' },
);
