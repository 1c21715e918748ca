import type { PennylaneCommercialDocument } from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';
import { nodesOrRejections } from '../shared/ids.js';
import {
  addSingleLookupField,
  endpoints,
  pennylaneIdField,
  subCollectionResolver,
  timestampFields,
} from '../shared/resource-fields.js';
import { DiscountRef } from './discount.js';
import { amountFields, appendicesField, customerField, linesField, pdfTextFields, sectionsField } from './document-fields.js';
import { CommercialDocumentRef } from './refs.js';

builder.node(CommercialDocumentRef, {
  description:
    'A commercial document other than an invoice or a quote: a purchase order, a proforma... Amounts are exact decimal strings, `currency*` in the document currency.',
  id: { resolve: (document) => String(document.id) },
  // Pennylane has no id filter on commercial documents: one GET per id (404 → null).
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.single<PennylaneCommercialDocument>('commercial_documents').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    documentType: t.exposeString('document_type', {
      description: 'Kind of document, e.g. purchase_order or proforma (set at creation, immutable).',
    }),
    documentNumber: t.string({
      nullable: true,
      description: 'Document number (immutable; null when Pennylane has not numbered it).',
      resolve: (d) => (d.document_number ? d.document_number : null),
    }),
    label: t.exposeString('label', { nullable: true, description: 'Label.' }),
    date: t.field({ type: 'Date', description: 'Document date.', resolve: (d) => d.date }),
    deadline: t.field({ type: 'Date', nullable: true, description: 'Deadline (validity or due date).', resolve: (d) => d.deadline }),
    language: t.string({ nullable: true, description: 'Document language: fr_FR or en_GB.', resolve: (d) => d.language ?? null }),
    ...amountFields(t, 'document'),
    discount: t.field({ type: DiscountRef, nullable: true, description: 'Document-level discount.', resolve: (d) => d.discount ?? null }),
    ...pdfTextFields(t),
    publicFileUrl: t.string({
      nullable: true,
      description: 'PDF download URL. It expires shortly after it was issued (30 minutes for Pennylane PDFs): fetch it, do not store it.',
      resolve: (d) => d.public_file_url ?? null,
    }),
    filename: t.string({ nullable: true, description: 'PDF file name.', resolve: (d) => d.filename ?? null }),
    externalReference: t.exposeString('external_reference', { nullable: true, description: 'Your own unique reference.' }),
    ...timestampFields(t),
    customer: customerField(t, 'document'),
    lines: linesField(t, '/commercial_documents', 'document'),
    sections: sectionsField(t, '/commercial_documents', 'document'),
    appendices: appendicesField(t, '/commercial_documents', 'document'),
  }),
});

export const CommercialDocumentConnection = builder.connectionObject(
  { type: CommercialDocumentRef, name: 'CommercialDocumentConnection', description: 'A page of commercial documents.' },
  { name: 'CommercialDocumentEdge', description: 'One of a page of commercial documents.' },
);

addSingleLookupField('commercialDocument', {
  type: CommercialDocumentRef,
  typenames: ['CommercialDocument'],
  resource: 'commercial_documents',
  description: 'A commercial document (purchase order, proforma...) by id.',
  endpoints: ['GET /commercial_documents/{id}'],
});

builder.queryField('commercialDocuments', (t) =>
  t.connection(
    {
      type: CommercialDocumentRef,
      ...endpoints('GET /commercial_documents'),
      description:
        'Commercial documents (purchase orders, proformas...), newest first (`GET /commercial_documents`): one call per page. Pennylane offers no filter on this list.',
      resolve: subCollectionResolver<unknown, PennylaneCommercialDocument>({
        path: () => '/commercial_documents',
        resource: 'commercial_documents',
      }),
    },
    CommercialDocumentConnection,
  ),
);
