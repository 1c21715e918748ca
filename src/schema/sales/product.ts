import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import { builder } from '../builder.js';
import { addLookupField, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineListSort } from '../shared/sorts.js';
import { addRootListField, type ResourceList } from '../shared/list-fields.js';
import { ProductRef } from './refs.js';

builder.node(ProductRef, {
  description: 'A product or service the company sells; invoice lines can reference it.',
  id: { resolve: (product) => String(product.id) },
  loadManyWithoutCache: async (ids, ctx) => nodesOrRejections(await ctx.loaders.byId<PennylaneProduct>('products').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { description: 'Name shown on invoices.' }),
    description: t.exposeString('description', { nullable: true, description: 'Longer description.' }),
    externalReference: t.exposeString('external_reference', { nullable: true, description: 'Your own unique reference.' }),
    priceBeforeTax: t.field({ type: 'Decimal', description: 'Unit price excluding tax.', resolve: (p) => p.price_before_tax }),
    vatRate: t.exposeString('vat_rate', { description: 'VAT rate code, e.g. FR_200 for 20 %.' }),
    price: t.field({ type: 'Decimal', description: 'Unit price including tax (computed by Pennylane).', resolve: (p) => p.price }),
    unit: t.exposeString('unit', { nullable: true, description: 'Unit, e.g. piece, hour, day.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    reference: t.exposeString('reference', { nullable: true, description: 'Internal reference (SKU).' }),
    ...timestampFields(t),
    archivedAt: t.field({ type: 'DateTime', nullable: true, description: 'When archived, if it is.', resolve: (p) => p.archived_at ?? null }),
  }),
});

export const productFilter = defineListFilter('Product', 'products', {
  id: { field: 'id', kind: 'id', of: ['Product'], operators: ALL_OPERATORS, description: 'The product\'s id.' },
  label: { field: 'label', kind: 'string', operators: ['eq', 'in'], description: 'Exact label.' },
  reference: { field: 'reference', kind: 'string', operators: ['eq', 'in'], description: 'Exact internal reference.' },
  externalReference: { field: 'external_reference', kind: 'string', operators: SET_OPERATORS, description: 'Your reference.' },
});

const productSort = defineListSort('Product', 'products', ['id']);

export const ProductConnection = builder.connectionObject(
  {
    type: ProductRef,
    name: 'ProductConnection',
    description: 'A page of products.',
  },
  { name: 'ProductEdge', description: 'One of a page of products.' },
);

addLookupField('product', {
  type: ProductRef,
  typenames: ['Product'],
  resource: 'products',
  description: 'A product by id.',
  endpoints: ['GET /products/{id}'],
});

/** The product list, from which every connection over it is made. */
export const productList: ResourceList<PennylaneProduct> = {
  type: ProductRef,
  connection: ProductConnection,
  filter: productFilter,
  sort: productSort,
  path: '/products',
  resource: 'products',
};

addRootListField(productList, 'products', 'Products, newest first by default (`GET /products`): one call per page.');
