import { builder } from '../builder.js';
import { pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { SupplierInvoiceLineRef } from './refs.js';

const ImputationPeriodRef = builder
  .objectRef<{ start_date: string; end_date: string }>('SupplierImputationDates')
  .implement({
    description: 'The period an expense line belongs to (prepaid expenses).',
    fields: (t) => ({
      startDate: t.field({ type: 'Date', description: 'First day.', resolve: (d) => d.start_date }),
      endDate: t.field({ type: 'Date', description: 'Last day.', resolve: (d) => d.end_date }),
    }),
  });

SupplierInvoiceLineRef.implement({
  description: 'A line of a supplier invoice (no product, no quantity). Amounts are exact decimal strings.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    label: t.exposeString('label', { description: 'Label.' }),
    description: t.exposeString('description', { nullable: true, description: 'Longer description.' }),
    vatRate: t.exposeString('vat_rate', { description: 'VAT rate code, e.g. FR_200 for 20 %.' }),
    currencyAmountBeforeTax: t.field({
      type: 'Decimal',
      description: 'Line total excluding tax, in the invoice currency.',
      resolve: (l) => l.currency_amount_before_tax,
    }),
    currencyTax: t.field({ type: 'Decimal', description: 'Tax of the line, in the invoice currency.', resolve: (l) => l.currency_tax }),
    currencyAmount: t.field({ type: 'Decimal', description: 'Line total including tax, in the invoice currency.', resolve: (l) => l.currency_amount }),
    amount: t.field({ type: 'Decimal', description: 'Line total including tax, in EUR.', resolve: (l) => l.amount }),
    tax: t.field({ type: 'Decimal', description: 'Tax of the line, in EUR.', resolve: (l) => l.tax }),
    imputationDates: t.field({
      type: ImputationPeriodRef,
      nullable: true,
      description: 'Expense period, when set.',
      resolve: (l) => l.imputation_dates,
    }),
    ...timestampFields(t),
  }),
});

export const SupplierInvoiceLineConnection = builder.connectionObject(
  { type: SupplierInvoiceLineRef, name: 'SupplierInvoiceLineConnection', description: 'A page of supplier invoice lines.' },
  { name: 'SupplierInvoiceLineEdge', description: 'One of a page of supplier invoice lines.' },
);
