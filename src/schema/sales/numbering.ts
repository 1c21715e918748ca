import type { PennylaneNumbering } from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';
import { endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';

const NumberingRef = builder.objectRef<PennylaneNumbering>('Numbering').implement({
  description: 'How a kind of sales document is numbered (configured in the Pennylane app only).',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    name: t.exposeString('name', { description: 'Name of the numbering.' }),
    documentType: t.exposeString('document_type', { description: 'Kind of document it numbers, e.g. invoice or quote.' }),
    format: t.exposeString('format', { description: 'Number format, e.g. F-{YYYY}-{NNNN}.' }),
    nextNumber: t.exposeInt('next_number', { description: 'Sequence value the next document will take.' }),
    ...timestampFields(t),
  }),
});

builder.queryField('numberings', (t) =>
  t.field({
    ...endpoints('GET /numberings'),
    type: [NumberingRef],
    description: 'Every numbering configuration of sales documents (`GET /numberings`). A small list read whole once, then cached.',
    resolve: async (_root, _args, ctx) => [...(await ctx.loaders.wholeList<PennylaneNumbering>('numberings'))],
  }),
);
