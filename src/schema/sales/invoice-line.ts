import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import { builder } from '../builder.js';
import { byIdEdge, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { DiscountRef } from './discount.js';
import { InvoiceLineRef, ProductRef } from './refs.js';

const ImputationDatesRef = builder
  .objectRef<{ start_date: string; end_date: string }>('ImputationDates')
  .implement({
    description: 'The period a line\'s revenue belongs to (deferred revenue).',
    fields: (t) => ({
      startDate: t.field({ type: 'Date', description: 'First day.', resolve: (d) => d.start_date }),
      endDate: t.field({ type: 'Date', description: 'Last day.', resolve: (d) => d.end_date }),
    }),
  });

InvoiceLineRef.implement({
  description: 'A line of a customer invoice. Amounts are exact decimal strings.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { description: 'Label printed on the invoice.' }),
    description: t.exposeString('description', { nullable: true, description: 'Longer description.' }),
    unit: t.exposeString('unit', { nullable: true, description: 'Unit, e.g. piece, hour.' }),
    quantity: t.field({ type: 'Decimal', description: 'Quantity.', resolve: (l) => l.quantity }),
    rawCurrencyUnitPrice: t.field({
      type: 'Decimal',
      description: 'Unit price excluding tax, in the invoice currency (up to 6 decimals).',
      resolve: (l) => l.raw_currency_unit_price,
    }),
    vatRate: t.exposeString('vat_rate', { description: 'VAT rate code, e.g. FR_200 for 20 %.' }),
    currencyAmountBeforeTax: t.field({
      type: 'Decimal',
      description: 'Line total excluding tax, in the invoice currency, after discount.',
      resolve: (l) => l.currency_amount_before_tax,
    }),
    currencyTax: t.field({ type: 'Decimal', description: 'Tax of the line, in the invoice currency.', resolve: (l) => l.currency_tax }),
    currencyAmount: t.field({
      type: 'Decimal',
      description: 'Line total including tax, in the invoice currency.',
      resolve: (l) => l.currency_amount,
    }),
    amount: t.field({ type: 'Decimal', description: 'Line total including tax, in EUR.', resolve: (l) => l.amount }),
    tax: t.field({ type: 'Decimal', description: 'Tax of the line, in EUR.', resolve: (l) => l.tax }),
    discount: t.field({ type: DiscountRef, nullable: true, description: 'Discount on this line.', resolve: (l) => l.discount }),
    sectionRank: t.int({ nullable: true, description: 'Rank of the section this line belongs to.', resolve: (l) => l.section_rank }),
    imputationDates: t.field({
      type: ImputationDatesRef,
      nullable: true,
      description: 'Revenue period, when set.',
      resolve: (l) => l.imputation_dates,
    }),
    product: t.field({
      ...byIdEdge('products'),
      type: ProductRef,
      nullable: true,
      description: 'The product this line was made from, if any. Batched across lines.',
      resolve: (l, _args, ctx) => (l.product ? ctx.loaders.byId<PennylaneProduct>('products').load(String(l.product.id)) : null),
    }),
    ...timestampFields(t),
  }),
});

export const InvoiceLineConnection = builder.connectionObject(
  {
    type: InvoiceLineRef,
    name: 'InvoiceLineConnection',
    description: 'A page of invoice lines.',
  },
  { name: 'InvoiceLineEdge', description: 'One of a page of invoice lines.' },
);
